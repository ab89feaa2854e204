import { ioReason } from '../io/files.js';
import { EXIT_FAILURES } from './io.js';

/** 128 + SIGPIPE: what a shell reports for cat or grep whose reader went away. */
export const EXIT_BROKEN_PIPE = 141;

/**
 * When the reader of stdout goes away (`arabic-ner jsonl < docs.jsonl | head -1`) the command
 * stops at once and quietly, with 141, as cat and grep do: Node ignores SIGPIPE and raises EPIPE
 * on the stream instead, which unhandled ends in a stack trace. Any other failure to write stdout
 * (a full disk) is one line and status 1. When the reader of stderr goes away there is nowhere
 * left to say anything, so messages stop and the work (extract's files) goes on.
 */
export function exitQuietlyWhenReaderLeaves(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    process.stderr.write(`arabic-ner: cannot write to stdout: ${ioReason(error)}\n`);
    process.exit(EXIT_FAILURES);
  });
  process.stderr.on('error', () => undefined);
}
