/** What a command may touch, so tests can run commands in-process with captured streams. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly stdin: AsyncIterable<Buffer | string>;
  /** stdin is a terminal: a command reading it says so, rather than seeming to hang. */
  readonly stdinIsTerminal?: boolean;
  /** stderr, when it is a terminal: a progress line is drawn there. */
  readonly terminal?: NodeJS.WriteStream;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdinIsTerminal: Boolean(process.stdin.isTTY),
    ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
  };
}

export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Exit statuses: 0 all documents succeeded, 1 some failed, 2 usage error (a bad option, a missing
 * input, an output folder that cannot be written), 3 the output folder cannot be used or the run's
 * manifest or ledger could not be written. Interrupts give 130/143, a closed pipe 141.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;
export const EXIT_OUTPUT_FOLDER = 3;
