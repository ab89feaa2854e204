import type { Annotation, EntityType } from '../types.js';
import type { Resources } from '../pipeline/extract.js';
import { annotateBytes } from '../annotator/bytes.js';
import { decodeBytes } from '../io/decode.js';
import { serializeAnnotation, serializeCompact } from '../output/annotation.js';
import { toConll } from '../output/conll.js';
import { toXml } from '../output/xml.js';
import { sha256 } from '../io/hash.js';
import { LARGE_FILE_BYTES, streamTextInChunks } from '../io/large-file.js';
import type { DocumentJob, DocumentResult, OutputFormat } from './protocol.js';

/**
 * One document, bytes to serialised annotation. A JSON document over the large-file size (a long
 * JSON Lines line) is annotated in chunks as a large file is, its output handed to `emit` piece
 * by piece as it is made (the result's `output` is then the empty rest), so neither its
 * annotation nor its output is ever whole in memory.
 */
export async function renderDocument(job: DocumentJob, format: OutputFormat, resources: Resources, emit: (piece: string) => void): Promise<DocumentResult> {
  if (job.bytes.length > LARGE_FILE_BYTES && (format === 'json' || format === 'json-compact')) {
    const { text, encoding } = decodeBytes(job.bytes, job.source);
    const document = { id: job.id, source: job.source, sha256: sha256(job.bytes), encoding };
    const entityCounts = await streamTextInChunks(text, document, resources, { ...job.options, serialize: format === 'json' ? serializeAnnotation : serializeCompact }, emit);
    return { output: '', entityCounts };
  }
  const annotation = annotateBytes(job.bytes, job.id, job.source, resources, job.options);
  return { output: serialize(format, annotation, job.bytes, job.source), entityCounts: countEntities(annotation) };
}

/** The annotation in the chosen format; CoNLL and XML print the text, so it is decoded again. */
export function serialize(format: OutputFormat, annotation: Annotation, bytes: Uint8Array, source: string): string {
  if (format === 'json') return serializeAnnotation(annotation);
  if (format === 'json-compact') return serializeCompact(annotation);
  const { text } = decodeBytes(bytes, source);
  return format === 'conll' ? toConll(annotation, text) : toXml(annotation, text);
}

export function countEntities(annotation: Annotation): Partial<Record<EntityType, number>> {
  const counts: Partial<Record<EntityType, number>> = {};
  for (const entity of annotation.entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}
