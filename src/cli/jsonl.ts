import type { Command } from 'commander';
import { describeError } from '../errors.js';
import { loadResources, type ResourceOptions } from '../pipeline/extract.js';
import { createAnnotatorPool, type AnnotatorPool } from '../batch/worker-pool.js';
import type { DocumentJob } from '../batch/protocol.js';
import { runBounded } from '../batch/bounded.js';
import { parseJobs } from './extract.js';
import { EXIT_FAILURES, EXIT_OK, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';
import { isIsoDay, ISO_DAY_RULE } from '../io/document-date.js';
import { idOf, nonBlankLines, parseRecord, toDocument } from '../io/jsonl.js';

/** The options as commander parses them (see declare). */
interface JsonlFlags {
  readonly jobs?: string;
  readonly docDate?: string;
  readonly gazetteers?: string;
}

interface JsonlArgs {
  readonly jobs: number;
  readonly documentDate?: string;
  readonly resourceOptions: ResourceOptions;
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

function jsonlArgs(command: Command): JsonlArgs {
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

async function runJsonl(args: JsonlArgs, io: CliIO): Promise<number> {
  try {
    loadResources(args.resourceOptions); // a bad gazetteer is one error here, not one per line
  } catch (error) {
    io.stderr.write(`arabic-ner jsonl: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  if (io.stdinIsTerminal) io.stderr.write('arabic-ner jsonl: reading documents from the terminal, one {"id","text"} JSON line each; Ctrl-D ends\n');
  const pool = createAnnotatorPool({ jobs: args.jobs, format: 'json-compact', resourceOptions: args.resourceOptions });
  try {
    const failed = await annotateLines(io, pool, args);
    return failed > 0 ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await pool.close();
  }
}

/**
 * Lines are annotated concurrently, at most two per job in flight, and written strictly in input
 * order: results that finish early wait in `finished`, which therefore never holds more than
 * the in-flight limit.
 */
async function annotateLines(io: CliIO, pool: AnnotatorPool, args: JsonlArgs): Promise<number> {
  const finished = new Map<number, readonly string[]>();
  let nextToWrite = 0;
  let slot = 0;
  let failed = 0;
  const flush = (): void => {
    for (let out = finished.get(nextToWrite); out !== undefined; out = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      for (const piece of out) io.stdout.write(piece);
    }
  };
  await runBounded(nonBlankLines(io.stdin), 2 * pool.jobs, async (line) => {
    const position = slot++;
    let id: unknown = null;
    try {
      const record = parseRecord(line);
      id = idOf(record);
      const job: DocumentJob = toDocument(record, args.documentDate);
      finished.set(position, (await pool.annotate(job)).pieces); // one line, newline included
    } catch (error) {
      failed++;
      const message = describeError(error);
      io.stderr.write(`arabic-ner jsonl: line ${line.number}: ${message}\n`);
      finished.set(position, [JSON.stringify({ id, line: line.number, error: message }) + '\n']);
    }
    flush();
  });
  return failed;
}

