import { removePendingTemporaryFiles } from '../io/write.js';
import type { CliIO } from './io.js';

const EXIT_CODES: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Ctrl-C (SIGINT) or SIGTERM for a command with no batch to wind down (jsonl, eval, diff, report):
 * one line, and 130 or 143 at once. Every line already on stdout is whole, and a file being
 * written atomically stays as it was (its temporary file is removed). Returns the undo.
 */
export function quitOnInterrupt(io: CliIO, name: string): () => void {
  const handler = (signal: 'SIGINT' | 'SIGTERM'): void => {
    removePendingTemporaryFiles();
    io.stderr.write(`${io.terminal ? '\n' : ''}${name}: interrupted by ${signal}\n`);
    process.exit(EXIT_CODES[signal]);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
