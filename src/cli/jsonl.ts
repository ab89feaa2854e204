import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import type { ExtractOptions } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { loadResources, type ResourceOptions } from '../pipeline/extract.js';
import { createAnnotatorPool, type AnnotatorPool } from '../batch/worker-pool.js';
import type { DocumentJob } from '../batch/protocol.js';
import { runBounded } from '../batch/bounded.js';
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

/** A numbered non-blank input line. */
interface Line {
  readonly number: number;
  readonly text: string;
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
      id = typeof record['id'] === 'string' || typeof record['id'] === 'number' ? record['id'] : null;
      const job = toJob(record, args.documentDate);
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

function parseRecord(line: Line): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (cause) {
    throw new ArabicNerError('USAGE', `not a JSON object: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ArabicNerError('USAGE', 'not a JSON object');
  return value as Record<string, unknown>;
}

function toJob({ id, text, date }: Record<string, unknown>, defaultDate: string | undefined): DocumentJob {
  if (typeof id !== 'string' && typeof id !== 'number') throw new ArabicNerError('USAGE', '"id" must be a string or a number');
  if (typeof text !== 'string') throw new ArabicNerError('USAGE', '"text" must be a string');
  if (date !== undefined && (typeof date !== 'string' || !isIsoDay(date))) throw new ArabicNerError('USAGE', `"date" must be ${ISO_DAY_RULE}`);
  const documentDate = date ?? defaultDate;
  const options: ExtractOptions = documentDate !== undefined ? { documentDate } : {};
  return { bytes: Buffer.from(text, 'utf8'), id: String(id), source: '-', options };
}

/**
 * Lines of a byte stream, decoded as UTF-8 across chunk boundaries; `\r\n` ends a line too, and
 * a byte order mark before the first line is not part of it. A long line is searched for its end
 * only in the text that arrives, so its cost grows with its length, not with its square.
 */
async function* nonBlankLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let searched = 0; // pending[0, searched) holds no line end
  let first = true;
  let number = 0;
  const emit = function* (text: string): Generator<Line> {
    number++;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') yield { number, text: trimmed };
  };
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && pending.length > 0) {
      first = false;
      if (pending.startsWith('\uFEFF')) pending = pending.slice(1);
    }
    let start = 0;
    for (let end = pending.indexOf('\n', searched); end !== -1; end = pending.indexOf('\n', start)) {
      yield* emit(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
    searched = pending.length;
  }
  pending += decoder.end();
  if (first && pending.startsWith('\uFEFF')) pending = pending.slice(1);
  if (pending !== '') yield* emit(pending);
}
