/**
 * The `extract` command: its options and their checks, then a batch run (src/batch/run-extract.ts)
 * or the one stdin document, and what is printed and the exit status.
 */
import { Option, type Command } from 'commander';
import { ENTITY_TYPES } from '../types.js';
import { describeError } from '../errors.js';
import { type CliCommand, usageError } from './command.js';
import { missingInput, unwritableFolder } from './paths.js';
import { startProgress } from './progress.js';
import { quitOnInterrupt } from './interrupt.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_OUTPUT_FOLDER, EXIT_USAGE, readAll, type CliIO } from './io.js';
import { DEFAULT_JOBS } from '../batch/worker-pool.js';
import { parseByteSize } from '../batch/process-file.js';
import { exitCodeFor } from '../batch/signals.js';
import { DEFAULT_TIMEOUT_SECONDS, openExtraction, OUTPUT_FORMATS, type ExtractRun, type Extraction, type OutputFormat, type RunSummary } from '../batch/run-extract.js';
import { isIsoDay, ISO_DAY_RULE } from '../io/document-date.js';

/** The options as commander parses them (see declare). */
interface ExtractFlags {
  readonly out?: string;
  readonly docDate?: string;
  readonly id: string;
  readonly gazetteers?: string;
  readonly jobs?: string;
  readonly maxBytes?: string;
  readonly resume?: boolean;
  readonly timeout?: string;
  readonly model: boolean;
  readonly format: OutputFormat;
  readonly compact?: boolean;
}

/** The run as the command line gives it, with the stdin document's id (--id). */
interface ExtractArgs extends ExtractRun {
  readonly inputs: string[];
  readonly id: string;
}

export const extractCommand: CliCommand = {
  name: 'extract',
  ownsInterrupts: true,
  declare: (command) =>
    command
      .summary('annotate Arabic .txt files (or - for stdin) into --out')
      .description(
        'Finds people, places, organisations, dates and country counts in Arabic text files. Folders are walked recursively ' +
          'for .txt files; each document is written to <dir>/<path relative to its input folder>.json. The tool\'s own files go to ' +
          '<dir>/.arabic-ner/: the run manifest (run.json), the resume ledger (outputs.jsonl) and the lock of the run writing there. ' +
          'A file in <dir> that the tool did not write is never replaced: that document fails.\n\nWith - as the only input, one document is read from stdin and its annotation written to stdout.',
      )
      .usage('<file-or-folder>... --out <dir> [options]\n       arabic-ner extract - [options]')
      .argument('[file-or-folder...]', 'inputs: .txt files, folders, or - for stdin')
      .option('--out <dir>', 'output folder (required unless reading stdin)')
      .option(
        '--doc-date <date>',
        'date the documents were written (YYYY-MM-DD): relative dates (أمس, الخميس القادم, الشهر الماضي) are resolved against it. ' +
          'One document\'s own date goes in a sidecar <name>.meta.json beside <name>.txt: {"documentDate": "2015-01-22"} (it wins over --doc-date)',
      )
      .option('--id <id>', 'document id in stdin mode', '-')
      .option('--gazetteers <dir>', "gazetteer folder (default: the package's gazetteers/)")
      .option('--jobs <n>', 'worker threads annotating in parallel (default: none for files of at most 64 KiB in all, annotated on the main thread; else one, and one more per 4 MiB of input, up to the cores that are idle)')
      .option(
        '--max-bytes <size>',
        'refuse input files larger than this (e.g. 500k, 200m, 1g; powers of 1024). Without it any size is read: files over 8 MiB are ' +
          'annotated in chunks of about 256K characters cut at line or sentence ends, in bounded memory (JSON only), with offsets into the whole text',
      )
      .option(
        '--resume',
        'skip documents whose output is current: same input bytes and document date (a sidecar\'s), same tool version, gazetteers and options ' +
          '(recorded in <dir>/.arabic-ner/outputs.jsonl)',
      )
      .option(
        '--timeout <seconds>',
        `a document that takes longer than this per MiB of input (and at least this long) fails and its worker is replaced (default ${DEFAULT_TIMEOUT_SECONDS})`,
      )
      .addOption(
        new Option('--format <format>', 'json, conll (token per line, BIO tags) or xml (inline tags); files get the matching extension (.json, .conll, .xml)')
          .choices(OUTPUT_FORMATS)
          .default('json'),
      )
      .option('--no-model', 'rules and gazetteers only, without the learned tagger (faster; misses names no list holds)')
      .option('--compact', 'JSON on one line, without indentation: the same values in about a third fewer bytes, and quicker to write (for large batches)')
      .addHelpText(
        'after',
        `
On a terminal a progress line (documents, MB/s, time left) is shown on stderr;
a one-line summary always ends the run.

Exit status: 0 every document succeeded; 1 some failed (each on stderr);
2 usage error (a bad option, a missing input, no .txt file in the inputs, an
output folder that cannot be written, --out naming a file: nothing done);
3 the output folder cannot be used (another run holds it) or the manifest or
ledger could not be written; 130/143 interrupted by SIGINT/SIGTERM (documents
in flight are finished, no partial file is left, the manifest says what was not
done; a second signal stops the documents in flight too); 141 stdout closed
early (stdin).`,
      ),
  run: async (command, io) => runExtract(extractArgs(command), io),
};

/** The parsed command line, checked: every problem here is a usage error. */
function extractArgs(command: Command): ExtractArgs {
  const flags = command.opts<ExtractFlags>();
  const inputs = command.args;
  if (inputs.length === 0) usageError(command, 'no input: give files, folders, or - for stdin');
  const stdin = inputs.includes('-');
  if (stdin && inputs.length > 1) usageError(command, '- (stdin) cannot be combined with other inputs');
  if (!stdin && !flags.out) usageError(command, '--out <dir> is required');
  const date = flags.docDate;
  if (date !== undefined && !isIsoDay(date)) usageError(command, `--doc-date must be ${ISO_DAY_RULE}, got "${date}"`);
  if (flags.compact && flags.format !== 'json') usageError(command, `--compact applies to JSON output, not --format ${flags.format}`);
  const jobs = flags.jobs === undefined ? 'auto' : parseJobs(flags.jobs);
  if (jobs === undefined) usageError(command, `--jobs must be a whole number from 1, got "${flags.jobs}"`);
  const maxBytes = flags.maxBytes === undefined ? undefined : parseByteSize(flags.maxBytes);
  if (flags.maxBytes !== undefined && maxBytes === undefined) usageError(command, `--max-bytes must be a size such as 500000, 500k, 200m or 1g, got "${flags.maxBytes}"`);
  const timeoutSeconds = parseTimeout(flags.timeout);
  if (timeoutSeconds === undefined) usageError(command, `--timeout must be a number of seconds above 0, got "${flags.timeout}"`);
  return {
    inputs,
    id: flags.id,
    format: flags.format,
    compact: flags.compact ?? false,
    jobs,
    resume: flags.resume ?? false,
    timeoutSeconds,
    resourceOptions: { ...(flags.gazetteers !== undefined ? { gazetteerDir: flags.gazetteers } : {}), ...(flags.model ? {} : { modelDir: false as const }) },
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(date !== undefined ? { documentDate: date } : {}),
  };
}

/** `--timeout`: seconds above 0, the default when absent; undefined when not such a number. */
function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return seconds > 0 ? seconds : undefined;
}

/** `--jobs`: a positive whole number, the number of cores when absent; undefined when not one. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_JOBS;
  return /^[1-9]\d{0,3}$/.test(value) ? Number(value) : undefined;
}

async function runExtract(args: ExtractArgs, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  const stdin = args.inputs[0] === '-';
  // Everything the user named is checked before any work starts.
  const problem = stdin ? undefined : ((await missingInput(args.inputs)) ?? (await unwritableFolder('--out', args.out ?? 'output')));
  if (problem) {
    io.stderr.write(`arabic-ner extract: ${problem}\n`);
    return EXIT_USAGE;
  }
  let extraction: Extraction;
  try {
    extraction = openExtraction(args);
  } catch (error) {
    io.stderr.write(`arabic-ner extract: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  return stdin ? extractStdin(args, extraction, io) : extractFiles(args, extraction, io, started);
}

async function extractStdin(args: ExtractArgs, extraction: Extraction, io: CliIO): Promise<number> {
  const dispose = quitOnInterrupt(io, 'arabic-ner extract'); // one document: nothing to wind down
  if (io.stdinIsTerminal) io.stderr.write('arabic-ner extract: reading one document from the terminal; Ctrl-D ends it\n');
  try {
    io.stdout.write(extraction.renderOne(await readAll(io.stdin), args.id));
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner extract: stdin: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  } finally {
    dispose();
  }
}

async function extractFiles(args: ExtractArgs, extraction: Extraction, io: CliIO, started: bigint): Promise<number> {
  const say = (line: string): void => void io.stderr.write(line);
  let exitCode: number | undefined;
  const outcome = await extraction.runFiles(
    {
      interrupting: (signal) => say(`arabic-ner: ${signal}: finishing the documents in flight (send it again to stop them too)\n`),
      ledgerNotice: (message) => say(`arabic-ner: ${message}\n`),
      failed: (file, reason) => say(`arabic-ner: ${file}: ${reason}\n`),
      started: (documents) => {
        const progress = startProgress(io.terminal, documents, say);
        return {
          documentDone: (path) => progress.documentDone(path),
          failed: (file, reason) => progress.log(`arabic-ner: ${file}: ${reason}\n`),
          stop: () => progress.stop(),
        };
      },
      bookkeepingFailed: (message) => say(`arabic-ner: ${message}\n`),
      ended: (summary) => {
        exitCode = endOfRun(summary, say);
      },
    },
    started,
  );
  switch (outcome.kind) {
    case 'out-is-a-file':
      say(`arabic-ner extract: --out ${args.out ?? outcome.outDir} is a file, not a folder: nothing done\n`);
      return EXIT_USAGE;
    case 'folder-unusable':
      say(`arabic-ner: ${outcome.reason}\n`);
      return EXIT_OUTPUT_FOLDER;
    case 'no-documents':
      say(`arabic-ner extract: no .txt files in ${args.inputs.join(', ')}\n`);
      return EXIT_USAGE;
    case 'ended':
      return exitCode ?? endOfRun(outcome.summary, say);
  }
}

/** The summary line (and what an interrupt left undone); returns the exit status. */
function endOfRun(summary: RunSummary, say: (line: string) => void): number {
  const perType = ENTITY_TYPES.map((type) => `${type} ${summary.entities[type]}`).join(', ');
  const unchanged = summary.resume ? `; ${summary.unchanged} unchanged` : '';
  say(`arabic-ner: ${summary.documents} documents, ${perType}${unchanged}; ${summary.failures.length} failed; ${summary.seconds.toFixed(2)} s\n`);
  const { interrupted } = summary;
  if (interrupted) {
    say(`arabic-ner: interrupted by ${interrupted.signal}: ${interrupted.notDone} of ${summary.planned} documents not done; run again with --resume to finish\n`);
    return exitCodeFor(interrupted.signal);
  }
  if (!summary.bookkeeping) return EXIT_OUTPUT_FOLDER;
  return summary.failures.length > 0 ? EXIT_FAILURES : EXIT_OK;
}
