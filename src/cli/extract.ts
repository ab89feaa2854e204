import { statSync } from 'node:fs';
import { resolve, relative, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { annotateBytes } from '../annotator/bytes.js';
import { type CliCommand, usageError } from './command.js';
import { missingInput, unwritableFolder } from './paths.js';
import { startProgress, type Progress } from './progress.js';
import { quitOnInterrupt } from './interrupt.js';
import { documentIdFor, findDocuments, outputPathFor, type InputDocument } from '../io/files.js';
import { DEFAULT_GAZETTEER_DIR, loadResources, modelFilesOf, type ResourceOptions, type Resources } from '../pipeline/extract.js';
import { serializeCompact } from '../output/annotation.js';
import type { OutputFormat as RenderFormat } from '../batch/protocol.js';
import { serialize } from '../batch/render.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_OUTPUT_FOLDER, EXIT_USAGE, readAll, type CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';
import { createAnnotatorPool, DEFAULT_JOBS } from '../batch/worker-pool.js';
import { defaultJobs } from '../batch/default-jobs.js';
import { runBounded } from '../batch/bounded.js';
import { checkSize, parseByteSize, processFile } from '../batch/process-file.js';
import { pipelineFingerprint, ResumeLedger } from '../batch/resume.js';
import { exitCodeFor, watchInterrupts, type InterruptWatch } from '../batch/signals.js';
import { annotateLargeFile } from '../io/large-file.js';
import { isIsoDay, ISO_DAY_RULE } from '../io/document-date.js';
import { isExistingNonFolder, openRunFolder, writeSmallFileAtomicSync, type RunFolder } from '../io/run-folder.js';

/** --timeout: seconds per MiB of input a document may take (ordinary news takes well under one). */
const DEFAULT_TIMEOUT_SECONDS = 30;

const OUTPUT_FORMATS = ['json', 'conll', 'xml'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/**
 * Documents in flight per job: enough that the thread annotating always has its next document
 * while earlier ones wait on the disk (a write takes a few turns of its event loop, see
 * writeBytesAtomic). Each holds only names here, and its text and output in the thread doing it.
 */
const IN_FLIGHT_PER_JOB = 8;

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

interface ExtractArgs {
  readonly inputs: string[];
  readonly out?: string;
  readonly documentDate?: string;
  readonly id: string;
  readonly gazetteerDir?: string;
  readonly format: OutputFormat;
  /** JSON without indentation (--compact). */
  readonly compact: boolean;
  /** Worker threads; 'auto' (no --jobs): one, and more once the input's size is known (see defaultJobs). */
  readonly jobs: number | 'auto';
  readonly maxBytes?: number;
  readonly resume: boolean;
  /** Seconds per MiB of input a document may take (--timeout). */
  readonly timeoutSeconds: number;
  /** What the annotator loads: the gazetteer folder, whether the learned tagger runs (--no-model). */
  readonly resourceOptions: ResourceOptions;
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
      .option('--jobs <n>', 'worker threads annotating in parallel (default: one, and one more per 4 MiB of input, up to the cores that are idle)')
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
    ...(flags.gazetteers !== undefined ? { gazetteerDir: flags.gazetteers } : {}),
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
  let resources: Resources;
  try {
    resources = loadResources(args.resourceOptions);
  } catch (error) {
    io.stderr.write(`arabic-ner extract: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  const options: ExtractOptions = args.documentDate ? { documentDate: args.documentDate } : {};
  return stdin ? extractStdin(args, resources, options, io) : extractFiles(args, resources, options, io, started);
}

/** How documents are serialised: the --format, with JSON compact under --compact. */
function renderFormat(args: ExtractArgs): RenderFormat {
  return args.compact ? 'json-compact' : args.format;
}

async function extractStdin(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO): Promise<number> {
  const dispose = quitOnInterrupt(io, 'arabic-ner extract'); // one document: nothing to wind down
  if (io.stdinIsTerminal) io.stderr.write('arabic-ner extract: reading one document from the terminal; Ctrl-D ends it\n');
  try {
    const bytes = await readAll(io.stdin);
    checkSize(undefined, bytes.length, args.maxBytes);
    io.stdout.write(serialize(renderFormat(args), annotateBytes(bytes, args.id, '-', resources, options), bytes, '-'));
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner extract: stdin: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  } finally {
    dispose();
  }
}

interface RunTotals {
  documents: number;
  /** Skipped by --resume: output already current. */
  unchanged: number;
  failures: { file: string; reason: string }[];
  entities: Record<EntityType, number>;
}

/** How a run ended, for its manifest and summary. */
interface RunEnd {
  readonly seconds: number;
  /** Documents the run set out to do. */
  readonly documents: number;
  readonly interrupted?: { readonly signal: NodeJS.Signals; readonly notDone: number };
}

async function extractFiles(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO, started: bigint): Promise<number> {
  const outDir = resolve(args.out ?? 'output');
  if (isExistingNonFolder(outDir)) {
    io.stderr.write(`arabic-ner extract: --out ${args.out ?? outDir} is a file, not a folder: nothing done\n`);
    return EXIT_USAGE;
  }
  // Signals are watched before the folder is taken, so that none ever kills a run holding it;
  // what a second signal stops and writes is set once there is a run (see extractInto).
  const stop: StopNow = { threads: async () => {}, finish: () => {} };
  const interrupts = watchInterrupts({
    onFirst: (signal) => io.stderr.write(`arabic-ner: ${signal}: finishing the documents in flight (send it again to stop them too)\n`),
    stopThreads: () => stop.threads(),
    finish: (signal) => stop.finish(signal),
  });
  try {
    // The folder is taken before any work: a second run into it refuses here, naming the first.
    let run: RunFolder;
    let ledger: ResumeLedger;
    const fingerprint = pipelineFingerprint(
      args.gazetteerDir ?? DEFAULT_GAZETTEER_DIR,
      { documentDate: args.documentDate ?? null, format: renderFormat(args), ...(args.resourceOptions.modelDir === false ? { model: false } : {}) },
      modelFilesOf(args.resourceOptions),
    );
    try {
      run = openRunFolder(outDir);
    } catch (error) {
      io.stderr.write(`arabic-ner: ${describeError(error)}\n`);
      return EXIT_OUTPUT_FOLDER;
    }
    try {
      ledger = ResumeLedger.open(outDir, run.paths, fingerprint, (message) => io.stderr.write(`arabic-ner: ${message}\n`));
    } catch (error) {
      run.release();
      io.stderr.write(`arabic-ner: ${describeError(error)}\n`);
      return EXIT_OUTPUT_FOLDER;
    }
    try {
      return await extractInto(outDir, run, ledger, args, resources, options, io, started, interrupts, stop);
    } finally {
      run.release();
    }
  } finally {
    interrupts.dispose();
  }
}

/** What a second signal does: stop the threads, then end the run with blocking calls. */
interface StopNow {
  threads: () => Promise<void>;
  finish: (signal: NodeJS.Signals) => void;
}

async function extractInto(
  outDir: string,
  run: RunFolder,
  ledger: ResumeLedger,
  args: ExtractArgs,
  resources: Resources,
  options: ExtractOptions,
  io: CliIO,
  started: bigint,
  interrupts: InterruptWatch,
  stop: StopNow,
): Promise<number> {
  // Workers start first: they load their resources while this thread walks the folders.
  const pool = createAnnotatorPool({ jobs: args.jobs === 'auto' ? 1 : args.jobs, format: renderFormat(args), resourceOptions: args.resourceOptions });
  const totals: RunTotals = { documents: 0, unchanged: 0, failures: [], entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number> };
  let unique: InputDocument[] = [];
  let done = 0;
  let exitCode: number | undefined;
  // Ends the run once, with blocking calls, whether it ends on its own or on a second signal.
  const finish = (interrupted?: NodeJS.Signals): number => {
    exitCode ??= endRun(run, ledger, args, totals, io, {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      documents: unique.length,
      ...(interrupted ? { interrupted: { signal: interrupted, notDone: unique.length - done } } : {}),
    });
    return exitCode;
  };
  stop.threads = () => pool.close();
  stop.finish = (signal) => {
    finish(signal);
    run.release();
  };
  const say = (line: string): void => void io.stderr.write(line);
  let progress: Progress | undefined;
  try {
    const found = await findDocuments(args.inputs, outDir);
    if (found.documents.length === 0 && found.errors.length === 0) {
      io.stderr.write(`arabic-ner extract: no .txt files in ${args.inputs.join(', ')}\n`);
      exitCode = EXIT_USAGE;
      run.discard(); // a usage error does nothing: the folders this run made go again
      return exitCode;
    }
    for (const error of found.errors) fail(totals, say, error.file ?? '?', error.message);
    unique = withoutSharedOutputs(found.documents, outDir, totals, say);
    if (args.jobs === 'auto') pool.grow(defaultJobs(inputBytes(unique)));
    const shown = startProgress(io.terminal, unique.length, say);
    progress = shown;

    // Each file is done whole (read, annotate, write atomically) on the worker pool; at most a
    // few documents per job are in flight (bounded memory), and this thread keeps the ledger
    // and annotates files over 8 MiB in chunks.
    await runBounded(unique, IN_FLIGHT_PER_JOB * pool.jobs, async (document) => {
      if (interrupts.signal.aborted) return; // schedule nothing new after SIGINT/SIGTERM
      try {
        const id = documentIdFor(document);
        const source = document.relativePath;
        const target = outputPathFor(outDir, document).replace(/\.json$/, `.${args.format}`);
        const file = { path: document.path, target, key: relative(outDir, target).split(sep).join('/'), id, source, sidecar: document.sidecar };
        const outcome = await processFile(file, {
          options,
          maxBytes: args.maxBytes,
          resume: args.resume,
          ledger,
          temporaryFolder: run.paths.temporary,
          timeoutSeconds: args.timeoutSeconds,
          render: (job, timeoutMs) => pool.renderFile(job, { signal: interrupts.signal, timeoutMs }),
          ...(args.format === 'json'
            ? {
                annotateLarge: (path: string, to: string, documentDate: string | undefined, deadline: number) =>
                  annotateLargeFile({ path, target: to, id, source, temporaryFolder: run.paths.temporary }, resources, {
                    ...options,
                    ...(documentDate ? { documentDate } : {}),
                    ...(args.compact ? { serialize: serializeCompact } : {}),
                    signal: interrupts.signal,
                    deadline,
                  }),
              }
            : {}),
        });
        if (outcome.written) {
          totals.documents++;
          for (const type of ENTITY_TYPES) totals.entities[type] += outcome.entityCounts[type] ?? 0;
        } else totals.unchanged++;
      } catch (error) {
        if (error instanceof ArabicNerError && error.code === 'INTERRUPTED') return;
        fail(totals, shown.log, document.path, reasonFor(error, document));
      }
      done++;
      shown.documentDone(document.path);
    });
    await pool.close();
    shown.stop();
    progress = undefined; // erased once, before the summary
    return finish(interrupts.received());
  } finally {
    progress?.stop();
    await pool.close();
  }
}

/** Bytes of the documents' files (one that cannot be looked up counts 0: its read reports it). */
function inputBytes(documents: readonly InputDocument[]): number {
  return documents.reduce((sum, document) => sum + (statSync(document.path, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** Documents that would write the same output as an earlier one fail; the rest, in order. */
function withoutSharedOutputs(documents: readonly InputDocument[], outDir: string, totals: RunTotals, say: (line: string) => void): InputDocument[] {
  const claimed = new Map<string, InputDocument>();
  const unique: InputDocument[] = [];
  for (const document of documents) {
    const target = outputPathFor(outDir, document);
    const owner = claimed.get(target);
    if (owner) {
      fail(totals, say, document.path, `would write the same output as ${owner.path} (${target}): skipped`);
      continue;
    }
    claimed.set(target, document);
    unique.push(document);
  }
  return unique;
}

/** Why a document failed, without its own name again (the line starts with it); another file's name stays. */
function reasonFor(error: unknown, document: InputDocument): string {
  const aboutItself = error instanceof ArabicNerError && (error.file === document.path || error.file === document.relativePath);
  return aboutItself ? error.message : describeError(error);
}

function fail(totals: RunTotals, say: (line: string) => void, file: string, reason: string): void {
  totals.failures.push({ file, reason });
  say(`arabic-ner: ${file}: ${reason}\n`);
}

/**
 * The end of every run that took its output folder: the ledger flushed, the manifest written
 * (the previous one was removed when the run began, so a manifest that cannot be written leaves
 * none, never a stale one), the summary printed; returns the exit status. Blocking calls only:
 * a signal handler calls it right before exiting.
 */
function endRun(run: RunFolder, ledger: ResumeLedger, args: ExtractArgs, totals: RunTotals, io: CliIO, end: RunEnd): number {
  let bookkeeping = true;
  try {
    ledger.close();
  } catch (error) {
    bookkeeping = false;
    fail(totals, (line) => void io.stderr.write(line), run.paths.ledger, `${describeError(error)}: the documents it misses are redone by --resume`);
  }
  try {
    writeSmallFileAtomicSync(run.paths.manifest, manifestText(args, totals, end), run.paths.temporary);
  } catch (error) {
    bookkeeping = false;
    io.stderr.write(`arabic-ner: ${run.paths.manifest}: cannot write the run manifest: ${describeError(error)}; the output folder holds no manifest\n`);
  }
  const perType = ENTITY_TYPES.map((type) => `${type} ${totals.entities[type]}`).join(', ');
  const unchanged = args.resume ? `; ${totals.unchanged} unchanged` : '';
  io.stderr.write(`arabic-ner: ${totals.documents} documents, ${perType}${unchanged}; ${totals.failures.length} failed; ${end.seconds.toFixed(2)} s\n`);
  const { interrupted } = end;
  if (interrupted) {
    io.stderr.write(`arabic-ner: interrupted by ${interrupted.signal}: ${interrupted.notDone} of ${end.documents} documents not done; run again with --resume to finish\n`);
    return exitCodeFor(interrupted.signal);
  }
  if (!bookkeeping) return EXIT_OUTPUT_FOLDER;
  return totals.failures.length > 0 ? EXIT_FAILURES : EXIT_OK;
}

/** Run-level facts live here, never in the per-document files (which must be byte-stable). */
function manifestText(args: ExtractArgs, totals: RunTotals, end: RunEnd): string {
  const manifest = {
    tool: 'arabic-ner',
    version: TOOL_VERSION,
    schema: 'arabic-ner/annotation/v1',
    finishedAt: new Date().toISOString(),
    seconds: Math.round(end.seconds * 1000) / 1000,
    inputs: args.inputs,
    documentDate: args.documentDate ?? null,
    documents: totals.documents,
    unchanged: totals.unchanged,
    interrupted: end.interrupted ?? false,
    entities: totals.entities,
    failures: totals.failures,
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
