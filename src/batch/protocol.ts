import type { EntityType, ExtractOptions } from '../types.js';
import type { ErrorCode } from '../errors.js';
import { ArabicNerError, describeError } from '../errors.js';
import type { ResourceOptions } from '../pipeline/extract.js';

/** Messages between the pool and its workers: plain data only (structured clone). */

export type OutputFormat = 'json' | 'json-line' | 'conll' | 'xml';

export interface DocumentJob {
  /**
   * The document's bytes, decoded in the worker exactly as a one-thread run decodes them. A pool
   * may move (transfer) their buffer to the worker: do not read them after annotate.
   */
  readonly bytes: Uint8Array;
  readonly id: string;
  readonly source: string;
  readonly options: ExtractOptions;
}

export interface DocumentResult {
  /** The serialised annotation, byte for byte what a one-thread run writes. */
  readonly output: string;
  readonly entityCounts: Partial<Record<EntityType, number>>;
}

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

export type ToWorker = { readonly job: DocumentJob };
export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'fatal'; readonly error: ErrorDescription }
  | { readonly kind: 'done'; readonly result: DocumentResult }
  | { readonly kind: 'failed'; readonly error: ErrorDescription };

export function describeForTransfer(error: unknown): ErrorDescription {
  if (error instanceof ArabicNerError) return { code: error.code, message: error.message, ...(error.file !== undefined ? { file: error.file } : {}) };
  return { code: 'INTERNAL', message: describeError(error) };
}

export function errorFromTransfer(description: ErrorDescription): ArabicNerError {
  return new ArabicNerError(description.code, description.message, description.file !== undefined ? { file: description.file } : {});
}
