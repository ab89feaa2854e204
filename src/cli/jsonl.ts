/** The `jsonl` command: its options and their checks; the stream itself is src/batch/run-jsonl.ts. */
import type { Command } from 'commander';
import { describeError } from '../errors.js';
import { openJsonl, type JsonlRun, type JsonlStream } from '../batch/run-jsonl.js';
import { parseJobs } from './extract.js';
import { EXIT_FAILURES, EXIT_OK, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';
import { isIsoDay, ISO_DAY_RULE } from '../io/document-date.js';

/** The options as commander parses them (see declare). */
interface JsonlFlags {
  readonly jobs?: string;
  readonly docDate?: string;
  readonly gazetteers?: string;
}

export const jsonlCommand: CliCommand = {
  name: 'jsonl',
  declare: (command) =>
    command
      .summary('annotate {"id","text"} lines on stdin, one annotation per line out')
      .description(
        'Annotates a stream of documents, one JSON object per line: {"id": "...", "text": "..."}, with an optional "date" ' +
          "(YYYY-MM-DD, the document's date for relative dates). Writes one compact annotation per line to stdout, in input " +
          "order whatever --jobs is, so it can run under Hadoop Streaming, Spark's pipe(), xargs or GNU parallel. Blank lines " +
          'are skipped. A bad line (not JSON, no id or text, a bad date) or a document that fails gives the line ' +
          '{"id": ..., "line": n, "error": "..."} in its place (and the same on stderr); the stream goes on.',
      )
      .usage('[options] < documents.jsonl > annotations.jsonl')
      .option('--jobs <n>', 'worker threads annotating in parallel (default: the number of cores)')
      .option('--doc-date <date>', 'date for lines without "date" (YYYY-MM-DD)')
      .option('--gazetteers <dir>', "gazetteer folder (default: the package's gazetteers/)")
      .addHelpText(
        'after',
        `
Exit status: 0 every line succeeded; 1 some lines failed; 2 usage error;
130/143 interrupted (every line written is whole); 141 stdout closed early
(as cat and grep).`,
      ),
  run: async (command, io) => runJsonl(jsonlArgs(command), io),
};

function jsonlArgs(command: Command): JsonlRun {
  const flags = command.opts<JsonlFlags>();
  const date = flags.docDate;
  if (date !== undefined && !isIsoDay(date)) usageError(command, `--doc-date must be ${ISO_DAY_RULE}, got "${date}"`);
  const jobs = parseJobs(flags.jobs);
  if (jobs === undefined) usageError(command, `--jobs must be a whole number from 1, got "${flags.jobs}"`);
  return {
    jobs,
    resourceOptions: flags.gazetteers !== undefined ? { gazetteerDir: flags.gazetteers } : {},
    ...(date !== undefined ? { documentDate: date } : {}),
  };
}

async function runJsonl(args: JsonlRun, io: CliIO): Promise<number> {
  let stream: JsonlStream;
  try {
    stream = openJsonl(args);
  } catch (error) {
    io.stderr.write(`arabic-ner jsonl: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  if (io.stdinIsTerminal) io.stderr.write('arabic-ner jsonl: reading documents from the terminal, one {"id","text"} JSON line each; Ctrl-D ends\n');
  const failed = await stream.annotate(io.stdin, {
    write: (piece) => void io.stdout.write(piece),
    lineFailed: (line, reason) => void io.stderr.write(`arabic-ner jsonl: line ${line}: ${reason}\n`),
  });
  return failed > 0 ? EXIT_FAILURES : EXIT_OK;
}
