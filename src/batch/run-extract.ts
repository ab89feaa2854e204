/**
 * An `extract` run, without its command line: the run folder taken (lock, ledger, manifest),
 * the documents found and given to the worker pool a few at a time, timeouts, --resume, and
 * SIGINT/SIGTERM wound down. It never prints or exits: what happens is told through
 * ExtractEvents and the outcome returned, and the CLI says it in words and picks the exit status.
 */
import { statSync } from 'node:fs';
import { resolve, relative, sep } from 'node:path';
import type { EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { annotateBytes } from '../annotator/bytes.js';
import { documentIdFor, findDocuments, outputPathFor, type InputDocument } from '../io/files.js';
import { DEFAULT_GAZETTEER_DIR, loadResources, modelFilesOf, type ResourceOptions, type Resources } from '../pipeline/extract.js';
import { serializeCompact } from '../output/annotation.js';
import type { OutputFormat as RenderFormat } from './protocol.js';
import { serialize } from './render.js';
import { TOOL_VERSION } from '../version.js';
import { createAnnotatorPool } from './worker-pool.js';
import { annotatesInThread, inThreadAnnotator, type FileAnnotator } from './in-thread.js';
import { defaultJobs } from './default-jobs.js';
import { runBounded } from './bounded.js';
import { checkSize, processFile } from './process-file.js';
import { pipelineFingerprint, ResumeLedger } from './resume.js';
import { watchInterrupts, type InterruptWatch } from './signals.js';
import { annotateLargeFile } from '../io/large-file.js';
import { isExistingNonFolder, openRunFolder, writeSmallFileAtomicSync, type RunFolder } from '../io/run-folder.js';

/** Seconds per MiB of input a document may take, by default (ordinary news takes well under one). */
export const DEFAULT_TIMEOUT_SECONDS = 30;

export const OUTPUT_FORMATS = ['json', 'conll', 'xml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/**
 * Documents in flight per job: enough that the thread annotating always has its next document
 * while the outputs of earlier ones wait on the disk here (a write takes a few turns of this
 * thread's event loop, see writeBytesAtomic). Each holds its name, and its output's bytes from
 * the time its worker is done until they are written.
 */
const IN_FLIGHT_PER_JOB = 8;

/** What one run does, checked by its caller (the CLI's `extract`). */
export interface ExtractRun {
  /** Files and folders to annotate (the stdin document goes through Extraction.renderOne). */
  readonly inputs: readonly string[];
  /** Output folder; `output` when absent. */
  readonly out?: string;
  readonly documentDate?: string;
  readonly format: OutputFormat;
  /** JSON without indentation. */
  readonly compact: boolean;
  /** Worker threads; 'auto': one, and more once the input's size is known (see defaultJobs). */
  readonly jobs: number | 'auto';
  readonly maxBytes?: number;
  readonly resume: boolean;
  /** Seconds per MiB of input a document may take. */
  readonly timeoutSeconds: number;
  /** What the annotator loads: the gazetteer folder, whether the learned tagger runs. */
  readonly resourceOptions: ResourceOptions;
}

/** The progress of the documents, shown by the caller while they are done. */
export interface DocumentsProgress {
  /** A document finished (written, unchanged or failed). */
  documentDone(path: string): void;
  /** A document failed while the progress is shown (the caller says it above the progress). */
  failed(file: string, reason: string): void;
  /** The documents are done (or the run stops): the progress goes. */
  stop(): void;
}

/** What a run tells its caller as it goes. */
export interface ExtractEvents {
  /** The first SIGINT/SIGTERM: the documents in flight are being finished. */
  interrupting(signal: NodeJS.Signals): void;
  /** Something the resume ledger noticed (a line it could not read, an older run's ledger). */
  ledgerNotice(message: string): void;
  /** A document that fails before any is annotated (an unreadable folder, a shared output). */
  failed(file: string, reason: string): void;
  /** The documents to do are known; returns how their progress is shown. */
  started(documents: number): DocumentsProgress;
  /** The run's bookkeeping (ledger or manifest) could not be written: `message` says which and why. */
  bookkeepingFailed(message: string): void;
  /**
   * The run ended, on its own or on a second signal (then the process exits right after):
   * called once, and only with blocking calls in it.
   */
  ended(summary: RunSummary): void;
}

/** How a run that took its output folder ended. */
export interface RunSummary {
  /** Documents written. */
  readonly documents: number;
  /** Skipped by --resume: output already current. */
  readonly unchanged: number;
  /** Whether --resume was on (the summary names the unchanged documents then). */
  readonly resume: boolean;
  readonly failures: readonly { readonly file: string; readonly reason: string }[];
  readonly entities: Readonly<Record<EntityType, number>>;
  readonly seconds: number;
  /** Documents the run set out to do. */
  readonly planned: number;
  readonly interrupted?: { readonly signal: NodeJS.Signals; readonly notDone: number };
  /** The ledger and the manifest were written. */
  readonly bookkeeping: boolean;
}

/** How runFiles ended: nothing done (and why), or a run with its summary. */
export type ExtractOutcome =
  | { readonly kind: 'out-is-a-file'; readonly outDir: string }
  | { readonly kind: 'folder-unusable'; readonly reason: string }
  | { readonly kind: 'no-documents' }
  | { readonly kind: 'ended'; readonly summary: RunSummary };

/** A run with its resources loaded: the one stdin document, or the files into the output folder. */
export interface Extraction {
  /** One document's bytes (stdin) to its output in the run's format; throws for one over maxBytes. */
  renderOne(bytes: Uint8Array, id: string): string;
  /** Annotates the run's inputs into its output folder. `startedAt` (hrtime) starts the run's clock. */
  runFiles(events: ExtractEvents, startedAt: bigint): Promise<ExtractOutcome>;
}

/**
 * Loads what the run needs in this thread; throws what loadResources throws (a bad gazetteer).
 * A run of files that annotates on workers starts them first: each loads its modules and
 * resources (about a third of a second before its first document) while this thread loads its
 * own gazetteers and takes the output folder, on the other core.
 */
export function openExtraction(run: ExtractRun): Extraction {
  const workers = annotatesOnWorkers(run) ? startWorkers(run) : undefined;
  let resources: Resources;
  try {
    resources = loadResources(run.resourceOptions);
  } catch (error) {
    void workers?.close(); // stopped, not waited for: the caller reports the error and ends
    throw error;
  }
  const options: ExtractOptions = run.documentDate ? { documentDate: run.documentDate } : {};
  return {
    renderOne: (bytes, id) => {
      checkSize(undefined, bytes.length, run.maxBytes);
      return serialize(renderFormat(run), annotateBytes(bytes, id, '-', resources, options), bytes, '-');
    },
    runFiles: async (events, startedAt) => {
      const annotator = workers ?? inThreadAnnotator(renderFormat(run), resources);
      try {
        return await extractFiles(run, annotator, resources, options, events, startedAt);
      } finally {
        await annotator.close();
      }
    },
  };
}

/** Whether the run's files go to worker threads: not the stdin document (the only input then), nor a small run (see in-thread.ts). */
function annotatesOnWorkers(run: ExtractRun): boolean {
  return !run.inputs.includes('-') && !annotatesInThread(run, DEFAULT_TIMEOUT_SECONDS);
}

/** The run's pool: one worker for --jobs not given (more once the input's size is known, see defaultJobs). */
function startWorkers(run: ExtractRun): FileAnnotator {
  return createAnnotatorPool({ jobs: run.jobs === 'auto' ? 1 : run.jobs, format: renderFormat(run), resourceOptions: run.resourceOptions });
}

/** How documents are serialised: the format, with JSON compact under `compact`. */
function renderFormat(run: ExtractRun): RenderFormat {
  return run.compact ? 'json-compact' : run.format;
}

interface RunTotals {
  documents: number;
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

async function extractFiles(run: ExtractRun, pool: FileAnnotator, resources: Resources, options: ExtractOptions, events: ExtractEvents, started: bigint): Promise<ExtractOutcome> {
  const outDir = resolve(run.out ?? 'output');
  if (isExistingNonFolder(outDir)) return { kind: 'out-is-a-file', outDir };
  // Signals are watched before the folder is taken, so that none ever kills a run holding it;
  // what a second signal stops and writes is set once there is a run (see extractInto).
  const stop: StopNow = { threads: async () => {}, finish: () => {} };
  const interrupts = watchInterrupts({
    onFirst: (signal) => events.interrupting(signal),
    stopThreads: () => stop.threads(),
    finish: (signal) => stop.finish(signal),
  });
  try {
    // The folder is taken before any work: a second run into it refuses here, naming the first.
    let folder: RunFolder;
    let ledger: ResumeLedger;
    const fingerprint = pipelineFingerprint(
      run.resourceOptions.gazetteerDir ?? DEFAULT_GAZETTEER_DIR,
      { documentDate: run.documentDate ?? null, format: renderFormat(run), ...(run.resourceOptions.modelDir === false ? { model: false } : {}) },
      modelFilesOf(run.resourceOptions),
    );
    try {
      folder = openRunFolder(outDir);
    } catch (error) {
      return { kind: 'folder-unusable', reason: describeError(error) };
    }
    try {
      ledger = ResumeLedger.open(outDir, folder.paths, fingerprint, (message) => events.ledgerNotice(message));
    } catch (error) {
      folder.release();
      return { kind: 'folder-unusable', reason: describeError(error) };
    }
    try {
      return await extractInto(outDir, folder, ledger, run, pool, resources, options, events, started, interrupts, stop);
    } finally {
      folder.release();
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
  folder: RunFolder,
  ledger: ResumeLedger,
  run: ExtractRun,
  pool: FileAnnotator,
  resources: Resources,
  options: ExtractOptions,
  events: ExtractEvents,
  started: bigint,
  interrupts: InterruptWatch,
  stop: StopNow,
): Promise<ExtractOutcome> {
  const totals: RunTotals = { documents: 0, unchanged: 0, failures: [], entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number> };
  let unique: InputDocument[] = [];
  let done = 0;
  let summary: RunSummary | undefined;
  // Ends the run once, with blocking calls, whether it ends on its own or on a second signal.
  const finish = (interrupted?: NodeJS.Signals): ExtractOutcome => {
    summary ??= endRun(folder, ledger, run, totals, events, {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      documents: unique.length,
      ...(interrupted ? { interrupted: { signal: interrupted, notDone: unique.length - done } } : {}),
    });
    return { kind: 'ended', summary };
  };
  stop.threads = () => pool.close();
  stop.finish = (signal) => {
    finish(signal);
    folder.release();
  };
  const failEarly = (file: string, reason: string): void => fail(totals, file, reason, events.failed);
  let progress: DocumentsProgress | undefined;
  try {
    const found = await findDocuments(run.inputs, outDir);
    if (found.documents.length === 0 && found.errors.length === 0) {
      folder.discard(); // a usage error does nothing: the folders this run made go again
      return { kind: 'no-documents' };
    }
    for (const error of found.errors) failEarly(error.file ?? '?', error.message);
    unique = withoutSharedOutputs(found.documents, outDir, failEarly);
    if (run.jobs === 'auto') pool.grow(defaultJobs(inputBytes(unique)));
    const shown = events.started(unique.length);
    progress = shown;

    // Each file is read, annotated and serialised on the worker pool and written here; at most a
    // few documents per job are in flight (bounded memory), and this thread keeps the ledger
    // and annotates files over 8 MiB in chunks.
    await runBounded(unique, IN_FLIGHT_PER_JOB * pool.jobs, async (document) => {
      if (interrupts.signal.aborted) return; // schedule nothing new after SIGINT/SIGTERM
      try {
        const id = documentIdFor(document);
        const source = document.relativePath;
        const target = outputPathFor(outDir, document).replace(/\.json$/, `.${run.format}`);
        const file = { path: document.path, target, key: relative(outDir, target).split(sep).join('/'), id, source, sidecar: document.sidecar };
        const outcome = await processFile(file, {
          options,
          maxBytes: run.maxBytes,
          resume: run.resume,
          ledger,
          temporaryFolder: folder.paths.temporary,
          timeoutSeconds: run.timeoutSeconds,
          render: (job, timeoutMs) => pool.renderFile(job, { signal: interrupts.signal, timeoutMs }),
          ...(run.format === 'json'
            ? {
                annotateLarge: (path: string, to: string, documentDate: string | undefined, deadline: number) =>
                  annotateLargeFile({ path, target: to, id, source, temporaryFolder: folder.paths.temporary }, resources, {
                    ...options,
                    ...(documentDate ? { documentDate } : {}),
                    ...(run.compact ? { serialize: serializeCompact } : {}),
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
        fail(totals, document.path, reasonFor(error, document), shown.failed);
      }
      done++;
      shown.documentDone(document.path);
    });
    await pool.close();
    shown.stop();
    progress = undefined; // gone once, before the summary
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
function withoutSharedOutputs(documents: readonly InputDocument[], outDir: string, fail: (file: string, reason: string) => void): InputDocument[] {
  const claimed = new Map<string, InputDocument>();
  const unique: InputDocument[] = [];
  for (const document of documents) {
    const target = outputPathFor(outDir, document);
    const owner = claimed.get(target);
    if (owner) {
      fail(document.path, `would write the same output as ${owner.path} (${target}): skipped`);
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

function fail(totals: RunTotals, file: string, reason: string, tell: (file: string, reason: string) => void): void {
  totals.failures.push({ file, reason });
  tell(file, reason);
}

/**
 * The end of every run that took its output folder: the ledger flushed, the manifest written
 * (the previous one was removed when the run began, so a manifest that cannot be written leaves
 * none, never a stale one), the caller told. Blocking calls only: a signal handler calls it
 * right before exiting.
 */
function endRun(folder: RunFolder, ledger: ResumeLedger, run: ExtractRun, totals: RunTotals, events: ExtractEvents, end: RunEnd): RunSummary {
  let bookkeeping = true;
  try {
    ledger.close();
  } catch (error) {
    bookkeeping = false;
    const reason = `${describeError(error)}: the documents it misses are redone by --resume`;
    totals.failures.push({ file: folder.paths.ledger, reason });
    events.bookkeepingFailed(`${folder.paths.ledger}: ${reason}`);
  }
  try {
    writeSmallFileAtomicSync(folder.paths.manifest, manifestText(run, totals, end), folder.paths.temporary);
  } catch (error) {
    bookkeeping = false;
    events.bookkeepingFailed(`${folder.paths.manifest}: cannot write the run manifest: ${describeError(error)}; the output folder holds no manifest`);
  }
  const summary: RunSummary = {
    documents: totals.documents,
    unchanged: totals.unchanged,
    resume: run.resume,
    failures: totals.failures,
    entities: totals.entities,
    seconds: end.seconds,
    planned: end.documents,
    ...(end.interrupted ? { interrupted: end.interrupted } : {}),
    bookkeeping,
  };
  events.ended(summary);
  return summary;
}

/** Run-level facts live here, never in the per-document files (which must be byte-stable). */
function manifestText(run: ExtractRun, totals: RunTotals, end: RunEnd): string {
  const manifest = {
    tool: 'arabic-ner',
    version: TOOL_VERSION,
    schema: 'arabic-ner/annotation/v1',
    finishedAt: new Date().toISOString(),
    seconds: Math.round(end.seconds * 1000) / 1000,
    inputs: run.inputs,
    documentDate: run.documentDate ?? null,
    documents: totals.documents,
    unchanged: totals.unchanged,
    interrupted: end.interrupted ?? false,
    entities: totals.entities,
    failures: totals.failures,
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
