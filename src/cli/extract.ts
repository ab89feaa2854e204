import { resolve, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Annotation, EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { decodeBytes } from '../io/decode.js';
import { documentIdFor, findDocuments, outputPathFor, type InputDocument } from '../io/files.js';
import { annotate, DEFAULT_GAZETTEER_DIR, loadResources, type Resources } from '../pipeline/extract.js';
import { serializeCompact } from '../output/annotation.js';
import type { OutputFormat as RenderFormat } from '../batch/protocol.js';
import { serialize } from '../batch/render.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_OUTPUT_FOLDER, EXIT_USAGE, readAll, type CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';
import { createAnnotatorPool, DEFAULT_JOBS } from '../batch/worker-pool.js';
import { runBounded } from '../batch/bounded.js';
import { checkSize, parseByteSize, processFile } from '../batch/process-file.js';
import { pipelineFingerprint, ResumeLedger } from '../batch/resume.js';
import { sha256 } from '../io/hash.js';
import { exitCodeFor, watchInterrupts, type InterruptWatch } from '../batch/signals.js';
import { annotateLargeFile } from '../io/large-file.js';
import { isIsoDay, ISO_DAY_RULE } from '../io/document-date.js';
import { isExistingNonFolder, openRunFolder, writeSmallFileAtomicSync, type RunFolder } from '../io/run-folder.js';

/** --timeout: seconds per MiB of input a document may take (ordinary news takes well under one). */
const DEFAULT_TIMEOUT_SECONDS = 30;

export const EXTRACT_HELP = `Usage: arabic-ner extract <file-or-folder>... --out <dir> [options]
       arabic-ner extract - [options]            (one document on stdin, JSON on stdout)

Finds people, places, organisations, dates and country counts in Arabic text files.
Folders are walked recursively for .txt files; each document is written to
<dir>/<path relative to its input folder>.json. The tool's own files go to <dir>/.arabic-ner/:
the run manifest (run.json), the resume ledger (outputs.jsonl) and the lock of the run writing
there. A file in <dir> that the tool did not write is never replaced: that document fails.

Options:
  --out <dir>          output folder (required unless reading stdin)
  --doc-date <date>    date the documents were written (YYYY-MM-DD): relative dates
                       (أمس, الخميس القادم, الشهر الماضي) are resolved against it. One
                       document's own date goes in a sidecar <name>.meta.json beside
                       <name>.txt: {"documentDate": "2015-01-22"} (it wins over --doc-date)
  --id <id>            document id in stdin mode (default "-")
  --gazetteers <dir>   gazetteer folder (default: the package's gazetteers/)
  --jobs <n>           worker threads annotating in parallel (default: the number of cores)
  --max-bytes <size>   refuse input files larger than this (e.g. 500k, 200m, 1g; powers of
                       1024). Without it any size is read: files over 8 MiB are annotated in
                       chunks of about 256K characters cut at line or sentence ends, in bounded
                       memory (JSON only), with offsets into the whole text
  --resume             skip documents whose output is current: same input bytes and document
                       date (a sidecar's), same tool version, gazetteers and options (recorded in
                       <dir>/.arabic-ner/outputs.jsonl)
  --timeout <seconds>  a document that takes longer than this per MiB of input (and at least
                       this long) fails and its worker is replaced (default ${DEFAULT_TIMEOUT_SECONDS})
  --format <format>    json (default), conll (token per line, BIO tags) or xml (inline tags);
                       files get the matching extension (.json, .conll, .xml)
  --compact            JSON on one line, without indentation: the same values in about a
                       third fewer bytes, and quicker to write (for large batches)
  -h, --help           this help

Exit status: 0 every document succeeded, 1 some failed (each on stderr), 2 usage error
(nothing done), 3 the output folder cannot be used (another run holds it, it cannot be created
or written) or the manifest or ledger could not be written, 130/143 interrupted by
SIGINT/SIGTERM (documents in flight are finished, no partial file is left, the manifest says
what was not done; a second signal stops the documents in flight too).
`;


const OUTPUT_FORMATS = ['json', 'conll', 'xml'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/**
 * Documents in flight per job: enough that the thread annotating always has its next document
 * while earlier ones wait on the disk (a write takes a few turns of its event loop, see
 * writeBytesAtomic). Each holds only names here, and its text and output in the thread doing it.
 */
const IN_FLIGHT_PER_JOB = 8;

interface ExtractArgs {
  readonly inputs: string[];
  readonly out?: string;
  readonly documentDate?: string;
  readonly id: string;
  readonly gazetteerDir?: string;
  readonly format: OutputFormat;
  /** JSON without indentation (--compact). */
  readonly compact: boolean;
  readonly jobs: number;
  readonly maxBytes?: number;
  readonly resume: boolean;
  /** Seconds per MiB of input a document may take (--timeout). */
  readonly timeoutSeconds: number;
}

function parseExtractArgs(argv: string[]): ExtractArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      'doc-date': { type: 'string' },
      id: { type: 'string' },
      gazetteers: { type: 'string' },
      format: { type: 'string', default: 'json' },
      jobs: { type: 'string' },
      'max-bytes': { type: 'string' },
      timeout: { type: 'string' },
      resume: { type: 'boolean', default: false },
      compact: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new ArabicNerError('USAGE', 'no input: give files, folders, or - for stdin');
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new ArabicNerError('USAGE', '- (stdin) cannot be combined with other inputs');
  if (!stdin && !values.out) throw new ArabicNerError('USAGE', '--out <dir> is required');
  const date = values['doc-date'];
  if (date !== undefined && !isIsoDay(date)) {
    throw new ArabicNerError('USAGE', `--doc-date must be ${ISO_DAY_RULE}, got "${date}"`);
  }
  const format = OUTPUT_FORMATS.find((f) => f === values.format);
  if (!format) throw new ArabicNerError('USAGE', `--format must be ${OUTPUT_FORMATS.join(', ')}, got "${values.format}"`);
  const compact = values.compact ?? false;
  if (compact && format !== 'json') throw new ArabicNerError('USAGE', `--compact applies to JSON output, not --format ${format}`);
  return {
    inputs: positionals,
    id: values.id ?? '-',
    format,
    compact,
    jobs: parseJobs(values.jobs),
    resume: values.resume ?? false,
    timeoutSeconds: parseTimeout(values.timeout),
    ...parseMaxBytes(values['max-bytes']),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(date !== undefined ? { documentDate: date } : {}),
    ...(values.gazetteers !== undefined ? { gazetteerDir: values.gazetteers } : {}),
  };
}

function parseMaxBytes(value: string | undefined): { maxBytes?: number } {
  if (value === undefined) return {};
  const maxBytes = parseByteSize(value);
  if (maxBytes === undefined) throw new ArabicNerError('USAGE', `--max-bytes must be a size such as 500000, 500k, 200m or 1g, got "${value}"`);
  return { maxBytes };
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0)) throw new ArabicNerError('USAGE', `--timeout must be a number of seconds above 0, got "${value}"`);
  return seconds;
}

/** `--jobs`: a positive whole number; the number of cores when absent. */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_JOBS;
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new ArabicNerError('USAGE', `--jobs must be a whole number from 1, got "${value}"`);
  return Number(value);
}

export async function runExtract(argv: string[], io: CliIO): Promise<number> {
  let args: ExtractArgs | 'help';
  try {
    args = parseExtractArgs(argv);
  } catch (error) {
    io.stderr.write(`arabic-ner extract: ${error instanceof Error ? error.message : String(error)}\n${EXTRACT_HELP}`);
    return EXIT_USAGE;
  }
  if (args === 'help') {
    io.stdout.write(EXTRACT_HELP);
    return EXIT_OK;
  }
  const started = process.hrtime.bigint();
  let resources: Resources;
  try {
    resources = loadResources(args.gazetteerDir ? { gazetteerDir: args.gazetteerDir } : {});
  } catch (error) {
    io.stderr.write(`arabic-ner extract: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  const options: ExtractOptions = args.documentDate ? { documentDate: args.documentDate } : {};
  return args.inputs[0] === '-' ? extractStdin(args, resources, options, io) : extractFiles(args, resources, options, io, started);
}

/** Bytes of one document -> its annotation; pass the bytes' SHA-256 when it is known already. */
export function annotateBytes(bytes: Uint8Array, id: string, source: string, resources: Resources, options: ExtractOptions, inputSha256 = sha256(bytes)): Annotation {
  const { text, encoding } = decodeBytes(bytes, source);
  return annotate(text, { id, source, sha256: inputSha256, encoding }, resources, options);
}

/** How documents are serialised: the --format, with JSON compact under --compact. */
function renderFormat(args: ExtractArgs): RenderFormat {
  return args.compact ? 'json-compact' : args.format;
}

async function extractStdin(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO): Promise<number> {
  try {
    const bytes = await readAll(io.stdin);
    checkSize(undefined, bytes.length, args.maxBytes);
    io.stdout.write(serialize(renderFormat(args), annotateBytes(bytes, args.id, '-', resources, options), bytes, '-'));
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner extract: stdin: ${describeError(error)}\n`);
    return EXIT_FAILURES;
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
    onFirst: (signal) => io.stderr.write(`\narabic-ner: ${signal}: finishing the documents in flight (send it again to stop them too)\n`),
    stopThreads: () => stop.threads(),
    finish: (signal) => stop.finish(signal),
  });
  try {
    // The folder is taken before any work: a second run into it refuses here, naming the first.
    let run: RunFolder;
    let ledger: ResumeLedger;
    const fingerprint = pipelineFingerprint(args.gazetteerDir ?? DEFAULT_GAZETTEER_DIR, { documentDate: args.documentDate ?? null, format: renderFormat(args) });
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
  const pool = createAnnotatorPool({ jobs: args.jobs, format: renderFormat(args), resourceOptions: args.gazetteerDir ? { gazetteerDir: args.gazetteerDir } : {} });
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
  try {
    const found = await findDocuments(args.inputs, outDir);
    for (const error of found.errors) fail(totals, io, error.file ?? '?', describeError(error));
    unique = withoutSharedOutputs(found.documents, outDir, totals, io);

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
        fail(totals, io, document.path, describeError(error).replace(`${document.path}: `, ''));
      }
      done++;
      if (io.interactive) io.stderr.write(`\r\x1b[K[${done}/${unique.length}] ${document.relativePath}`);
    });
    await pool.close();
    if (io.interactive && unique.length > 0) io.stderr.write('\r\x1b[K');
    return finish(interrupts.received());
  } finally {
    await pool.close();
  }
}

/** Documents that would write the same output as an earlier one fail; the rest, in order. */
function withoutSharedOutputs(documents: readonly InputDocument[], outDir: string, totals: RunTotals, io: CliIO): InputDocument[] {
  const claimed = new Map<string, InputDocument>();
  const unique: InputDocument[] = [];
  for (const document of documents) {
    const target = outputPathFor(outDir, document);
    const owner = claimed.get(target);
    if (owner) {
      fail(totals, io, document.path, `would write the same output as ${owner.path} (${target}): skipped [OUTPUT_CONFLICT]`);
      continue;
    }
    claimed.set(target, document);
    unique.push(document);
  }
  return unique;
}

function fail(totals: RunTotals, io: CliIO, file: string, reason: string): void {
  totals.failures.push({ file, reason });
  io.stderr.write(`${io.interactive ? '\r\x1b[K' : ''}arabic-ner: ${file}: ${reason}\n`);
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
    fail(totals, io, run.paths.ledger, `${describeError(error)}: the documents it misses are redone by --resume`);
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
