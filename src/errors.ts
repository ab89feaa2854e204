/** One error class with a code; library code throws it, the CLI prints it with its context. */
export type ErrorCode =
  | 'USAGE'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'INPUT_BINARY'
  | 'INPUT_ENCODING'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_METADATA'
  | 'OUTPUT_CONFLICT'
  | 'OUTPUT_WRITE'
  | 'OUTPUT_LOCKED'
  | 'TIMEOUT'
  | 'GAZETTEER'
  | 'MODEL'
  | 'INTERNAL'
  | 'INTERRUPTED';

export class ArabicNerError extends Error {
  readonly code: ErrorCode;
  /** The file the error is about, when there is one. */
  readonly file?: string;

  constructor(code: ErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ArabicNerError';
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}

/** A one-line description of any thrown value, for stderr: the file and the reason in words (codes are for programs, not people). */
export function describeError(error: unknown): string {
  if (error instanceof ArabicNerError) return `${error.file ? `${error.file}: ` : ''}${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
