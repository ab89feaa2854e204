import { resolve, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Annotation, EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { decodeBytes } from '../io/decode.js';
import { documentIdFor, findDocuments, outputPathFor, type InputDocument } from '../io/files.js';
import { writeFileAtomic } from '../io/write.js';
import { annotate, DEFAULT_GAZETTEER_DIR, loadResources, type Resources } from '../pipeline/extract.js';
import { serializeCompact } from '../output/annotation.js';
import type { OutputFormat as RenderFormat } from '../batch/protocol.js';
import { serialize } from '../batch/render.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, readAll, type CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';
import { createAnnotatorPool, DEFAULT_JOBS } from '../batch/worker-pool.js';
import { runBounded } from '../batch/bounded.js';
import { checkSize, parseByteSize, processFile } from '../batch/process-file.js';
import { LEDGER_FILE, pipelineFingerprint, ResumeLedger } from '../batch/resume.js';
import { sha256 } from '../io/hash.js';
import { watchInterrupts } from '../batch/signals.js';
import { annotateLargeFile } from '../io/large-file.js';
import { isIsoDay } from '../io/document-date.js';

export const EXTRACT_HELP = `Usage: arabic-ner extract <file-or-folder>... --out <dir> [options]
       arabic-ner extract - [options]            (one document on stdin, JSON on stdout)

Finds people, places, organisations, dates and country counts in Arabic text files.
Folders are walked recursively for .txt files; each document is written to
<dir>/<path relative to its input folder>.json. A run manifest goes to
<dir>/.arabic-ner-run.json.

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
                       <dir>/.arabic-ner-outputs.json)
  --format <format>    json (default), conll (token per line, BIO tags) or xml (inline tags);
                       files get the matching extension (.json, .conll, .xml)
  --compact            JSON on one line, without indentation: the same values in about a
                       third fewer bytes, and quicker to write (for large batches)
  -h, --help           this help

Exit status: 0 every document succeeded, 1 some failed (each on stderr), 2 usage error,
130/143 interrupted by SIGINT/SIGTERM (documents in flight are finished, no partial file is
left, the manifest says what was done; a second signal quits at once).
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
    throw new ArabicNerError('USAGE', `--doc-date must be a date as YYYY-MM-DD, got "${date}"`);
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

async function extractFiles(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO, started: bigint): Promise<number> {
  const outDir = resolve(args.out ?? 'output');
  // Workers start first: they load their resources while this thread walks the folders.
  const pool = createAnnotatorPool({ jobs: args.jobs, format: renderFormat(args), resources, resourceOptions: args.gazetteerDir ? { gazetteerDir: args.gazetteerDir } : {} });
  const { documents, errors } = await findDocuments(args.inputs, outDir).catch(async (error: unknown) => {
    await pool.close();
    throw error;
  });
  const totals: RunTotals = { documents: 0, unchanged: 0, failures: [], entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number> };
  for (const error of errors) fail(totals, io, error.file ?? '?', describeError(error));

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

  // Each file is done whole (read, annotate, write atomically) on the worker pool, or on this
  // thread with one job; at most a few documents per job are in flight (bounded memory), and this
  // thread keeps the ledger and annotates files over 8 MiB in chunks.
  const fingerprint = pipelineFingerprint(args.gazetteerDir ?? DEFAULT_GAZETTEER_DIR, { documentDate: args.documentDate ?? null, format: renderFormat(args) });
  const ledger = await ResumeLedger.open(outDir, fingerprint, (message) => io.stderr.write(`arabic-ner: ${message}\n`));
  const interrupts = watchInterrupts(
    (signal) => io.stderr.write(`\narabic-ner: ${signal}: finishing the documents in flight (send it again to quit now)\n`),
    () => pool.close(),
  );
  let done = 0;
  try {
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
          render: (job) => pool.renderFile(job, interrupts.signal),
          ...(args.format === 'json'
            ? { annotateLarge: (path: string, to: string, documentDate: string | undefined) => annotateLargeFile({ path, target: to, id, source }, resources, { ...options, ...(documentDate ? { documentDate } : {}), ...(args.compact ? { serialize: serializeCompact } : {}), signal: interrupts.signal }) }
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
  } finally {
    interrupts.dispose();
    await pool.close();
  }
  if (io.interactive && unique.length > 0) io.stderr.write('\r\x1b[K');

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await ledger.save().catch((error: unknown) => fail(totals, io, join(outDir, LEDGER_FILE), describeError(error)));
  const interrupted = interrupts.received();
  await writeManifest(outDir, args, totals, seconds, interrupted ? { signal: interrupted, notDone: unique.length - done } : undefined);
  const perType = ENTITY_TYPES.map((type) => `${type} ${totals.entities[type]}`).join(', ');
  const unchanged = args.resume ? `; ${totals.unchanged} unchanged` : '';
  io.stderr.write(`arabic-ner: ${totals.documents} documents, ${perType}${unchanged}; ${totals.failures.length} failed; ${seconds.toFixed(2)} s\n`);
  if (interrupted) io.stderr.write(`arabic-ner: interrupted by ${interrupted}: ${unique.length - done} of ${unique.length} documents not done; run again with --resume to finish\n`);
  return interrupts.exitCode() ?? (totals.failures.length > 0 ? EXIT_FAILURES : EXIT_OK);
}

function fail(totals: RunTotals, io: CliIO, file: string, reason: string): void {
  totals.failures.push({ file, reason });
  io.stderr.write(`${io.interactive ? '\r\x1b[K' : ''}arabic-ner: ${file}: ${reason}\n`);
}

/** Run-level facts live here, never in the per-document files (which must be byte-stable). */
async function writeManifest(outDir: string, args: ExtractArgs, totals: RunTotals, seconds: number, interrupted?: { signal: string; notDone: number }): Promise<void> {
  const manifest = {
    tool: 'arabic-ner',
    version: TOOL_VERSION,
    schema: 'arabic-ner/annotation/v1',
    finishedAt: new Date().toISOString(),
    seconds: Math.round(seconds * 1000) / 1000,
    inputs: args.inputs,
    documentDate: args.documentDate ?? null,
    documents: totals.documents,
    unchanged: totals.unchanged,
    interrupted: interrupted ?? false,
    entities: totals.entities,
    failures: totals.failures,
  };
  await writeFileAtomic(join(outDir, '.arabic-ner-run.json'), JSON.stringify(manifest, null, 2) + '\n');
}
