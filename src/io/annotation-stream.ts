import { createHash } from 'node:crypto';
import type { Annotation, CountryCount, DocumentInfo, Entity } from '../types.js';
import { buildAnnotation } from '../output/annotation.js';

export type Serialize = (annotation: Annotation) => string;

/**
 * Writes one annotation whose entities arrive in batches, byte for byte as `serialize` would
 * write the whole annotation. The layout is not re-implemented: the serialiser is run on the
 * document with no entities and with one batch, and the difference is the batch's part of the
 * entities array. Batches are joined at the last `}` of the previous one with a comma, as in
 * any JSON array of objects, pretty or compact.
 */
export class AnnotationStream {
  private readonly emptyText: string;
  /** Length of everything up to and including the entities array's `[`; known after the first batch. */
  private prefixLength: number | undefined;
  /** What followed the last entity of the previous batch (the array's closing whitespace). */
  private closing = '';
  private readonly hash = createHash('sha256');

  constructor(
    private readonly writer: { write(text: string): Promise<void> },
    private readonly document: DocumentInfo,
    private readonly serialize: Serialize,
  ) {
    this.emptyText = serialize(buildAnnotation(document, [], []));
  }

  async addEntities(entities: readonly Entity[]): Promise<void> {
    if (entities.length === 0) return;
    const text = this.serialize(buildAnnotation(this.document, entities, []));
    const first = this.prefixLength === undefined;
    const prefixLength = (this.prefixLength ??= commonPrefixLength(text, this.emptyText));
    const batch = text.slice(prefixLength, text.length - (this.emptyText.length - prefixLength));
    const lastBrace = batch.lastIndexOf('}') + 1;
    await this.write((first ? text.slice(0, prefixLength) : ',') + batch.slice(0, lastBrace));
    this.closing = batch.slice(lastBrace);
  }

  /** Writes the rest (end of the entities array, countries); returns the SHA-256 of all bytes written. */
  async finish(countries: readonly CountryCount[]): Promise<string> {
    const text = this.serialize(buildAnnotation(this.document, [], countries));
    await this.write(this.prefixLength === undefined ? text : this.closing + text.slice(this.prefixLength));
    return this.hash.digest('hex');
  }

  private async write(text: string): Promise<void> {
    this.hash.update(text, 'utf8');
    await this.writer.write(text);
  }
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
