import { createHash, type Hash } from 'node:crypto';
import { closeSync, read } from 'node:fs';
import { promisify } from 'node:util';
import type { CountryCount, DocumentInfo, Entity, EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError } from '../errors.js';
import { extract, type Resources } from '../pipeline/extract.js';
import { serializeAnnotation } from '../output/annotation.js';
import { createChunkDecoder, EncodingSniffer, type EncodingDecision } from './decode.js';
import { openAtomicWriter } from './write.js';
import { AnnotationStream, type Serialize } from './annotation-stream.js';
import { openRegularFile, unreadable } from './files.js';

/**
 * Large files in bounded memory. Files over LARGE_FILE_BYTES are never held whole: they are read
 * three times as a stream (1: SHA-256 and encoding detection, 2: length in code points, both
 * needed for the `document` header that comes first; 3: annotation), which costs little next to
 * annotation itself. Pass 3 cuts the text into chunks of about CHUNK_CHARS UTF-16 units, at a
 * line break, else a sentence end, else a space in the chunk's second half, annotates each chunk
 * alone, shifts its offsets by the code points before it, and streams the entities into an
 * atomic write. The JSON is byte-identical to annotating the whole text when no entity (or
 * surname coreference) would cross a cut. Peak memory is that of annotating one chunk.
 */

/** Files larger than this (bytes) are processed in chunks. */
export const LARGE_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Target chunk size in UTF-16 units of decoded text (about 500 KB of Arabic UTF-8, dozens of
 * news articles). Measured on 50 MB of news text: 1M units took 32 s and 445 MB peak RSS,
 * 256K units 18 s and 341 MB (parts of the pipeline grow faster than linearly).
 */
export const CHUNK_CHARS = 256 * 1024;
const READ_BYTES = 1024 * 1024;

export interface LargeFileJob {
  readonly path: string;
  readonly target: string;
  readonly id: string;
  readonly source: string;
  /** Where the temporary file of the write goes (see reserveTemporary); beside the target without it. */
  readonly temporaryFolder?: string;
}

export interface LargeFileOptions extends ExtractOptions {
  readonly chunkChars?: number;
  /** Aborting stops between chunks and removes the partial output. */
  readonly signal?: AbortSignal;
  /** Date.now() after which the file fails as TIMEOUT, checked between chunks. */
  readonly deadline?: number;
  readonly serialize?: Serialize;
}

export interface LargeFileResult {
  readonly inputSha256: string;
  readonly outputSha256: string;
  readonly entityCounts: Record<EntityType, number>;
}

export async function annotateLargeFile(job: LargeFileJob, resources: Resources, options: LargeFileOptions = {}): Promise<LargeFileResult> {
  // Opened once and checked on the descriptor: every pass reads the same regular file.
  const { fd } = openRegularFile(job.path);
  try {
    return await annotateOpenFile({ ...job, fd }, resources, options);
  } finally {
    closeSync(fd);
  }
}

async function annotateOpenFile(job: LargeFileJob & { readonly fd: number }, resources: Resources, options: LargeFileOptions): Promise<LargeFileResult> {
  const scan = await scanFile(job);
  const decision = scan.sniffer.decide(job.path);
  const length = await countCodePoints(job, decision);
  const document: DocumentInfo = {
    id: job.id,
    source: job.source,
    sha256: scan.sha256,
    length,
    encoding: decision.label,
    ...(options.documentDate ? { documentDate: options.documentDate } : {}),
  };
  const writer = await openAtomicWriter(job.target, job.temporaryFolder);
  try {
    const stream = new AnnotationStream(writer, document, options.serialize ?? serializeAnnotation);
    const hash = createHash('sha256');
    const { counts, outputSha256 } = await annotateChunks(chunkedText(job, decision, options.chunkChars ?? CHUNK_CHARS, hash), stream, resources, options, job.path);
    if (hash.digest('hex') !== scan.sha256) throw new ArabicNerError('INPUT_UNREADABLE', 'the file changed while it was being read: skipped', { file: job.path });
    await writer.commit();
    return { inputSha256: scan.sha256, outputSha256, entityCounts: counts };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * A long text already in memory (a long JSON Lines line) annotated as a large file is: in chunks
 * cut at natural boundaries, its serialisation handed to `emit` piece by piece, so the cost of
 * annotation is that of one chunk at a time and the whole output is never one string here.
 */
export async function streamTextInChunks(
  text: string,
  document: Omit<DocumentInfo, 'length'>,
  resources: Resources,
  options: LargeFileOptions,
  emit: (piece: string) => void,
): Promise<Record<EntityType, number>> {
  const info: DocumentInfo = { ...document, length: codePointLength(text), ...(options.documentDate ? { documentDate: options.documentDate } : {}) };
  const stream = new AnnotationStream({ write: async (piece) => emit(piece) }, info, options.serialize ?? serializeAnnotation);
  const { pieces, rest } = splitChunks(text, options.chunkChars ?? CHUNK_CHARS);
  return (await annotateChunks(rest.length > 0 ? [...pieces, rest] : pieces, stream, resources, options)).counts;
}

/** Annotates the chunks in order into `stream` and finishes it; `file` names the document in errors. */
async function annotateChunks(
  texts: AsyncIterable<string> | Iterable<string>,
  stream: AnnotationStream,
  resources: Resources,
  options: LargeFileOptions,
  file?: string,
): Promise<{ counts: Record<EntityType, number>; outputSha256: string }> {
  const counts = Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityType, number>;
  const countries = new Map<string, CountryCount>();
  const chunks = new ChunkAnnotator(resources, options);
  const where = file !== undefined ? { file } : {};
  for await (const text of texts) {
    if (options.signal?.aborted) throw new ArabicNerError('INTERRUPTED', 'interrupted: partial output removed', where);
    if (options.deadline !== undefined && Date.now() > options.deadline) throw new ArabicNerError('TIMEOUT', 'took longer than its time limit (see --timeout): stopped, partial output removed', where);
    const { entities, countries: found } = chunks.annotate(text);
    for (const entity of entities) counts[entity.type]++;
    for (const country of found) mergeCountry(countries, country);
    await stream.addEntities(entities);
  }
  const outputSha256 = await stream.finish([...countries.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  return { counts, outputSha256 };
}

/** Annotates consecutive chunks, placing each at the code points that came before it. */
class ChunkAnnotator {
  private base = 0;


  constructor(
    private readonly resources: Resources,
    private readonly options: ExtractOptions,
  ) {}

  annotate(text: string): { entities: Entity[]; countries: readonly CountryCount[] } {
    const { view, entities, countries } = extract(text, this.resources, this.options);
    const base = this.base;
    this.base += view.rawLength;
    return { entities: base === 0 ? [...entities] : entities.map((entity) => shiftEntity(entity, base)), countries };
  }
}

function shiftEntity(entity: Entity, by: number): Entity {
  const start = entity.start + by;
  const end = entity.end + by;
  return { ...entity, id: `e${start}-${end}`, start, end, ...(entity.coref ? { coref: shiftId(entity.coref, by) } : {}) };
}

function shiftId(id: string, by: number): string {
  const match = /^e(\d+)-(\d+)$/.exec(id);
  return match ? `e${Number(match[1]) + by}-${Number(match[2]) + by}` : id;
}

function mergeCountry(into: Map<string, CountryCount>, country: CountryCount): void {
  const seen = into.get(country.code);
  into.set(country.code, seen ? { ...seen, mentions: seen.mentions + country.mentions, adjectiveMentions: seen.adjectiveMentions + country.adjectiveMentions } : country);
}

/** An open file read from its start (each pass reads it again through the same descriptor). */
interface OpenFile {
  readonly path: string;
  readonly fd: number;
}

const readAt = promisify(read);

/** The file from its start, a piece at a time (positional reads: each pass reads it again through the same descriptor). */
async function* readChunks({ path, fd }: OpenFile): AsyncGenerator<Buffer> {
  for (let position = 0; ; ) {
    let bytesRead: number;
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    try {
      ({ bytesRead } = await readAt(fd, buffer, 0, READ_BYTES, position));
    } catch (cause) {
      throw unreadable(path, cause);
    }
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

async function scanFile(file: OpenFile): Promise<{ sha256: string; sniffer: EncodingSniffer }> {
  const sniffer = new EncodingSniffer();
  const hash = createHash('sha256');
  for await (const chunk of readChunks(file)) {
    sniffer.update(chunk);
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), sniffer };
}

async function countCodePoints(file: OpenFile, decision: EncodingDecision): Promise<number> {
  let count = 0;
  for await (const text of decodedPieces(file, decision)) count += codePointLength(text);
  return count;
}

/** Code points of decoded text (a streaming decoder never splits a surrogate pair across calls). */
function codePointLength(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** The file's text, decoded piece by piece as it is read; `hash` (if given) sees every byte. */
async function* decodedPieces(file: OpenFile, decision: EncodingDecision, hash?: Hash): AsyncGenerator<string> {
  const decoder = createChunkDecoder(decision, file.path);
  for await (const bytes of readChunks(file)) {
    hash?.update(bytes);
    yield decoder.decode(bytes);
  }
  yield decoder.end();
}

/** The decoded text in chunks of at most `chunkChars` units, cut at natural boundaries. */
async function* chunkedText(file: OpenFile, decision: EncodingDecision, chunkChars: number, hash: Hash): AsyncGenerator<string> {
  let pending = '';
  for await (const text of decodedPieces(file, decision, hash)) {
    const { pieces, rest } = splitChunks(pending + text, chunkChars);
    yield* pieces;
    pending = rest;
  }
  if (pending.length > 0) yield pending;
}

/** Cuts `text` into chunks of at most `chunkChars` units at natural boundaries (see cutPoint), and the rest, shorter than a chunk. */
function splitChunks(text: string, chunkChars: number): { pieces: string[]; rest: string } {
  const limit = Math.max(2, chunkChars); // room for a surrogate pair
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return { pieces, rest };
}


const SENTENCE_END = /[.!?؟۔][\s"'»)\]]*\s/g;

/** Where to end a chunk of at most `limit` units: after a line break, sentence end or space in the second half. */
export function cutPoint(text: string, limit: number): number {
  const from = Math.floor(limit / 2);
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline >= from) return newline + 1;
  let sentence = -1;
  SENTENCE_END.lastIndex = Math.max(0, from - 8); // a match may start a little before `from`
  for (let match = SENTENCE_END.exec(text); match && match.index + match[0].length <= limit; match = SENTENCE_END.exec(text)) {
    sentence = match.index + match[0].length;
  }
  if (sentence > from) return sentence;
  const space = Math.max(text.lastIndexOf(' ', limit - 1), text.lastIndexOf('\t', limit - 1));
  if (space >= from) return space + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit; // never split a surrogate pair
}
