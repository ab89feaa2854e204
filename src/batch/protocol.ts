import type { EntityType, ExtractOptions } from '../types.js';
import type { ErrorCode } from '../errors.js';
import { ArabicNerError, describeError } from '../errors.js';
import type { ResourceOptions } from '../pipeline/extract.js';

/** Messages between the pool and its workers: plain data only (structured clone). */

/** What a task's output is: pretty JSON, compact JSON on one line ended by a newline (a file of --compact, a JSON Lines line), CoNLL or XML. */
export type OutputFormat = 'json' | 'json-compact' | 'conll' | 'xml';

export interface DocumentJob {
  /**
   * The document's bytes, decoded in the worker exactly as a one-thread run decodes them (the
   * pool copies them to the worker, so a task lost with a crashed worker can be done again).
   */
  readonly bytes: Uint8Array;
  readonly id: string;
  readonly source: string;
  readonly options: ExtractOptions;
}

export interface DocumentResult {
  /**
   * The serialised annotation, byte for byte what a one-thread run writes; for a long document,
   * what follows the pieces sent before the result (see renderDocument).
   */
  readonly output: string;
  readonly entityCounts: Partial<Record<EntityType, number>>;
}

/**
 * One input file to its output's bytes, by the thread that gets it (see renderFile): read, size
 * limit, resume check, annotation, serialisation. The caller writes the bytes (see processFile).
 */
export interface FileJob {
  /** Input file. */
  readonly path: string;
  /** Output file (read for the resume check only). */
  readonly target: string;
  readonly id: string;
  readonly source: string;
  /** The run's options; a sidecar's date replaces documentDate. */
  readonly options: ExtractOptions;
  /** Read the sidecar `<name>.meta.json` (the listing saw one). */
  readonly sidecar: boolean;
  /** Inputs larger than this many bytes are refused (INPUT_TOO_LARGE). */
  readonly maxBytes?: number;
  /** Inputs larger than this many bytes are handed back unread, for annotation in chunks. */
  readonly largeFileBytes?: number;
  /** With --resume: what the ledger recorded for this output, when this pipeline made it. */
  readonly recorded?: RecordedOutput;
}

/** SHA-256 of the input an output was made from and of the output's bytes, and the document date it was made with. */
export interface RecordedOutput {
  readonly input: string;
  readonly output: string;
  /** The document's date (its sidecar's, else --doc-date); absent when it had none. */
  readonly documentDate?: string;
}

export type FileResult =
  | {
      /** The output's bytes, to be written to the target (moved, not copied, from a worker). */
      readonly kind: 'rendered';
      readonly output: Uint8Array;
      readonly inputSha256: string;
      readonly outputSha256: string;
      readonly documentDate?: string;
      readonly entityCounts: Partial<Record<EntityType, number>>;
    }
  /** --resume: the input, its document date and the output on disk are those recorded. */
  | { readonly kind: 'unchanged' }
  /** Over largeFileBytes: annotate it in chunks, with this document date. */
  | { readonly kind: 'large'; readonly documentDate?: string };

/** An error that crossed the thread boundary: enough to print it as the thread would have. */
export interface ErrorDescription {
  readonly code: ErrorCode;
  readonly message: string;
  readonly file?: string;
}

export interface WorkerSetup {
  readonly resourceOptions: ResourceOptions;
  readonly format: OutputFormat;
}

export type Task = { readonly kind: 'document'; readonly job: DocumentJob } | { readonly kind: 'file'; readonly job: FileJob };
export type TaskResult = DocumentResult | FileResult;

/** A worker may hold several tasks at once; `id` pairs each answer with its task. */
export type ToWorker = { readonly id: number; readonly task: Task };
export type FromWorker =
  | { readonly kind: 'ready' }
  /** The worker has begun the task: its watchdog starts (tasks wait their turn in the worker first). */
  | { readonly kind: 'started'; readonly id: number }
  /** Part of a long document's output, in order, before its result. */
  | { readonly kind: 'piece'; readonly id: number; readonly text: string }
  | { readonly kind: 'fatal'; readonly error: ErrorDescription }
  | { readonly kind: 'done'; readonly id: number; readonly result: TaskResult }
  | { readonly kind: 'failed'; readonly id: number; readonly error: ErrorDescription };

export function describeForTransfer(error: unknown): ErrorDescription {
  if (error instanceof ArabicNerError) return { code: error.code, message: error.message, ...(error.file !== undefined ? { file: error.file } : {}) };
  return { code: 'INTERNAL', message: describeError(error) };
}

export function errorFromTransfer(description: ErrorDescription): ArabicNerError {
  return new ArabicNerError(description.code, description.message, description.file !== undefined ? { file: description.file } : {});
}
