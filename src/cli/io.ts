/** What a command may touch, so tests can run commands in-process with captured streams. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly stdin: AsyncIterable<Buffer | string>;
  /** True when stderr is a terminal: progress lines are shown. */
  readonly interactive: boolean;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, interactive: Boolean(process.stderr.isTTY) };
}

export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Exit codes: 0 all documents succeeded, 1 some failed, 2 usage error, 3 the output folder
 * cannot be used or the run's manifest or ledger could not be written (130/143: signals).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;
export const EXIT_OUTPUT_FOLDER = 3;
