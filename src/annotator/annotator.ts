/**
 * The annotator: what a program holds to annotate documents. It owns everything it loaded (the
 * compiled gazetteers, the word list, the tagger, the segmenter's tables, its word-type table),
 * so two annotators in one process never share state; the CLI's commands and the batch workers
 * reach the same pipeline through `annotateBytes`.
 */
import { closeSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Annotation } from '../types.js';
import { ArabicNerError, describeError, type ErrorCode } from '../errors.js';
import { GazetteerError } from '../gazetteer/load.js';
import { ModelFileError as TaggerFileError } from '../learn/model-file.js';
import { ModelFileError as SegmenterFileError } from '../text/segment/model-file.js';
import { loadResources, type ResourceOptions, type Resources } from '../pipeline/extract.js';
import { serializeCompact } from '../output/annotation.js';
import { decodeBytes } from '../io/decode.js';
import { sha256 } from '../io/hash.js';
import { isIsoDay, ISO_DAY_RULE, readDocumentDate } from '../io/document-date.js';
import { openRegularFile, unreadable } from '../io/files.js';
import { idOf, nonBlankLines, parseRecord, toDocument } from '../io/jsonl.js';
import { LARGE_FILE_BYTES, streamTextInChunks } from '../io/large-file.js';
import { annotateBytes } from './bytes.js';

/** What an annotator loads; every field is optional (the package's own files by default). */
export interface AnnotatorOptions {
  /** Folder of gazetteer XML files; default the package's `gazetteers/`. Compiled once and cached on disk, like the CLI's. */
  readonly gazetteerDir?: string;
  /** `false`: rules and gazetteers only, without the learned tagger (the CLI's `--no-model`). Default `true`. */
  readonly model?: boolean;
  /** Folder of the tagger's files; default the package's `models/tagger/`. */
  readonly modelDir?: string;
  /** The missing-space segmenter's tables; default the package's `models/segmenter/segmenter.tsv`. */
  readonly segmenterModel?: string;
  /** Document date (YYYY-MM-DD) for documents that give none (the CLI's `--doc-date`). */
  readonly documentDate?: string;
}

/** One document's facts for the annotation header. */
export interface DocumentOptions {
  /** `document.id` of the annotation; default `-` (as `arabic-ner extract -`). */
  readonly id?: string;
  /** Date the document was written (YYYY-MM-DD): relative dates (`أمس`) get a value from it. */
  readonly documentDate?: string;
}

/** Options of annotateFile: `id` defaults to the file's name without `.txt`. */
export interface FileOptions extends DocumentOptions {
  /** Refuse files larger than this many bytes (INPUT_TOO_LARGE), checked before reading. */
  readonly maxBytes?: number;
}

/** A JSON line that could not be annotated: what `arabic-ner jsonl` writes in its place, and the error. */
export interface JsonLinesFailure {
  /** The line's `id` when it had a usable one, else null. */
  readonly id: string | number | null;
  /** Line number in the input, from 1 (blank lines count). */
  readonly line: number;
  /** The reason, in words. */
  readonly error: string;
  /** The error's code (see ErrorCode): USAGE for a line that is not a document. */
  readonly code: ErrorCode;
}

export interface Annotator {
  /** Annotates one document's text; throws ArabicNerError (USAGE) for a bad documentDate. */
  annotate(text: string, options?: DocumentOptions): Annotation;
  /**
   * Annotates one document's bytes, its encoding detected as the CLI does (UTF-8 with or without
   * BOM, UTF-16, Windows-1256, ISO-8859-6); binary data is INPUT_BINARY.
   */
  annotateBytes(bytes: Uint8Array, options?: DocumentOptions & { readonly source?: string }): Annotation;
  /**
   * Annotates a file, as `arabic-ner extract` annotates it (its `.meta.json` sidecar's date too,
   * unless `options.documentDate` is given). Only regular files are read.
   */
  annotateFile(path: string, options?: FileOptions): Promise<Annotation>;
  /**
   * JSON Lines in (`{"id", "text", "date"?}` per line, as chunks of a byte or text stream),
   * one result per non-blank line out, in order: the annotation `arabic-ner jsonl` writes for
   * it, or a JsonLinesFailure where it writes an error line. The stream goes on after a bad line.
   */
  annotateJsonLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<Annotation | JsonLinesFailure>;
}

/**
 * Loads the gazetteers (from the compiled cache when it is current), the word list, the tagger
 * model and the segmenter's tables, once; every call of the annotator reuses them. Throws
 * ArabicNerError: GAZETTEER (a gazetteer file or folder is bad), MODEL (a model file is missing
 * or damaged), USAGE (a bad option).
 */
export function createAnnotator(options: AnnotatorOptions = {}): Annotator {
  const defaultDate = checkedDate(options.documentDate, 'documentDate');
  const resources = loadAll(resourceOptionsOf(options));
  const extractOptions = (date: string | undefined) => (date !== undefined ? { documentDate: date } : {});

  return {
    annotate(text, call = {}) {
      const date = checkedDate(call.documentDate, 'documentDate') ?? defaultDate;
      // Through the text's UTF-8 bytes, so that the header (sha256, encoding) is the CLI's.
      return annotateBytes(Buffer.from(text, 'utf8'), call.id ?? '-', '-', resources, extractOptions(date));
    },
    annotateBytes(bytes, call = {}) {
      const date = checkedDate(call.documentDate, 'documentDate') ?? defaultDate;
      return annotateBytes(bytes, call.id ?? '-', call.source ?? '-', resources, extractOptions(date));
    },
    async annotateFile(path, call = {}) {
      const explicit = checkedDate(call.documentDate, 'documentDate');
      const source = basename(path);
      const bytes = readRegularFile(path, call.maxBytes);
      const date = explicit ?? readDocumentDate(path) ?? defaultDate;
      return annotateWhole(bytes, call.id ?? source.replace(/\.txt$/i, ''), source, resources, date);
    },
    async *annotateJsonLines(chunks) {
      for await (const line of nonBlankLines(chunks)) {
        let id: string | number | null = null;
        try {
          const record = parseRecord(line);
          id = idOf(record);
          const document = toDocument(record, defaultDate);
          yield await annotateWhole(document.bytes, document.id, document.source, resources, document.options.documentDate);
        } catch (error) {
          const failure = error instanceof ArabicNerError ? error : new ArabicNerError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
          yield { id, line: line.number, error: describeError(failure), code: failure.code };
        }
      }
    },
  };
}

function resourceOptionsOf(options: AnnotatorOptions): ResourceOptions {
  return {
    ...(options.gazetteerDir !== undefined ? { gazetteerDir: options.gazetteerDir } : {}),
    ...(options.model === false ? { modelDir: false as const } : options.modelDir !== undefined ? { modelDir: options.modelDir } : {}),
    ...(options.segmenterModel !== undefined ? { segmenterModel: options.segmenterModel } : {}),
  };
}

/** Every part loaded now (the CLI loads some on first use), so that a bad file is reported by createAnnotator. */
function loadAll(options: ResourceOptions): Resources {
  const resources = loading('GAZETTEER', () => loadResources(options));
  loading('MODEL', () => resources.runSplitter);
  loading('MODEL', () => resources.model);
  loading('INTERNAL', () => resources.recognizers);
  return resources;
}

/** Runs one step of loading; what it throws becomes an ArabicNerError with `code`, naming the file when known. */
function loading<T>(code: ErrorCode, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ArabicNerError) throw error;
    const file = error instanceof GazetteerError || error instanceof SegmenterFileError ? error.file : error instanceof TaggerFileError ? error.path : (error as NodeJS.ErrnoException | undefined)?.path;
    const message = error instanceof Error ? error.message : String(error);
    throw new ArabicNerError(code, file === undefined || message.includes(file) ? message : `${file}: ${message}`, { ...(file !== undefined ? { file } : {}), cause: error });
  }
}

function checkedDate(date: string | undefined, name: string): string | undefined {
  if (date !== undefined && !isIsoDay(date)) throw new ArabicNerError('USAGE', `${name} must be ${ISO_DAY_RULE}, got "${date}"`);
  return date;
}

/** A regular file's bytes (a FIFO or device is refused, never read); a missing file is INPUT_NOT_FOUND. */
function readRegularFile(path: string, maxBytes: number | undefined): Buffer {
  let opened: { fd: number; size: number };
  try {
    opened = openRegularFile(path);
  } catch (error) {
    const cause = error instanceof ArabicNerError ? error.cause : error;
    if ((cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new ArabicNerError('INPUT_NOT_FOUND', 'no such file', { file: path, cause });
    throw error;
  }
  const { fd, size } = opened;
  try {
    if (maxBytes !== undefined && size > maxBytes) throw new ArabicNerError('INPUT_TOO_LARGE', `${size} bytes is over maxBytes ${maxBytes}`, { file: path });
    return readFileSync(fd);
  } catch (cause) {
    throw cause instanceof ArabicNerError ? cause : unreadable(path, cause);
  } finally {
    closeSync(fd);
  }
}

/**
 * A document as the CLI annotates it: whole, or over LARGE_FILE_BYTES in chunks cut at line or
 * sentence ends (the CLI's bounded-memory mode; the same entities unless one crosses a cut).
 */
async function annotateWhole(bytes: Uint8Array, id: string, source: string, resources: Resources, documentDate: string | undefined): Promise<Annotation> {
  const options = documentDate !== undefined ? { documentDate } : {};
  if (bytes.length <= LARGE_FILE_BYTES) return annotateBytes(bytes, id, source, resources, options);
  const { text, encoding } = decodeBytes(bytes, source);
  const pieces: string[] = [];
  await streamTextInChunks(text, { id, source, sha256: sha256(bytes), encoding }, resources, { ...options, serialize: serializeCompact }, (piece) => pieces.push(piece));
  return JSON.parse(pieces.join('')) as Annotation;
}
