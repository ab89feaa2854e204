import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResourceOptions, Resources } from '../pipeline/extract.js';
import { ArabicNerError } from '../errors.js';
import {
  errorFromTransfer,
  type DocumentJob,
  type DocumentResult,
  type FileJob,
  type FileResult,
  type FromWorker,
  type OutputFormat,
  type Task,
  type TaskResult,
  type ToWorker,
  type WorkerSetup,
} from './protocol.js';
import { renderDocument } from './render.js';
import { renderFile } from './render-file.js';

/**
 * Annotation on a pool of worker threads. Each worker loads the resources once (from the
 * compiled-gazetteer cache, which the main thread has warmed), then takes tasks: a document's
 * bytes to annotate and serialise (the output comes back), or a whole file to read, annotate and
 * write (only a small result comes back, so the main thread has little to do per document). Either
 * way every file's bytes are those of a one-thread run. The pool queues what it is given: callers
 * bound how many documents they submit at once (see runBounded), which is what keeps memory flat
 * on any corpus size.
 */

export interface AnnotatorPool {
  readonly jobs: number;
  /** Rejects with an ArabicNerError describing the document's failure. */
  annotate(job: DocumentJob): Promise<DocumentResult>;
  /**
   * Does one file whole (see renderFile); rejects with an ArabicNerError naming it, INTERRUPTED
   * when `signal` is aborted before a thread starts on it.
   */
  renderFile(job: FileJob, signal?: AbortSignal): Promise<FileResult>;
  /** Stops the workers; tasks still held by one fail. */
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly format: OutputFormat;
  readonly resourceOptions: ResourceOptions;
  /** Already loaded resources: with one job the documents are annotated on this thread. */
  readonly resources: Resources;
  /** The workers' module (default: the package's worker.js); tests give one of their own. */
  readonly workerScript?: URL;
}

export const DEFAULT_JOBS = availableParallelism();

/** Compiled worker script; pools need the built package (dist/), as the CLI is. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Tasks a worker holds at once: the next one is already there when it finishes one, and a few
 * more wait on the disk for their writes.
 */
const TASKS_PER_WORKER = 4;

export function createAnnotatorPool(options: PoolOptions): AnnotatorPool {
  return options.jobs <= 1 ? inThreadPool(options) : new WorkerPool(options);
}

function inThreadPool({ format, resources }: PoolOptions): AnnotatorPool {
  const nextTurn = turns();
  return {
    jobs: 1,
    annotate: async (job) => renderDocument(job, format, resources),
    renderFile: (job, signal) =>
      nextTurn().then(() => {
        if (signal?.aborted) throw notStarted(job);
        return renderFile(job, format, resources);
      }),
    close: async () => {},
  };
}

/**
 * Turns of the event loop, one per loop iteration, in the order asked for. Most of a file's work
 * is blocking, so between two files on this thread a signal or a finished write must get its turn
 * (immediates queued together would run back to back, with nothing in between).
 */
function turns(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  const next = (): void => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(next); // an immediate queued now runs on the next iteration
  };
  return () =>
    new Promise((resolve) => {
      if (waiting.push(resolve) === 1) setImmediate(next);
    });
}

/** After SIGINT/SIGTERM only the files a thread has started are finished. */
function notStarted(job: FileJob): ArabicNerError {
  return new ArabicNerError('INTERRUPTED', 'interrupted before it was started', { file: job.path });
}

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly signal?: AbortSignal;
  readonly resolve: (result: TaskResult) => void;
  readonly reject: (error: Error) => void;
  /** Held by a worker that died: done again alone, so only the task that kills a worker fails. */
  suspect?: boolean;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Tasks sent to the worker and not answered yet. */
  readonly held: Pending[];
  /** What made the worker fail, reported when it exits. */
  failure?: ArabicNerError;
}

class WorkerPool implements AnnotatorPool {
  readonly jobs: number;
  private readonly setup: WorkerSetup;
  private readonly workerScript: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closing = false;
  /** Set when a worker cannot load the resources: every job fails with it. */
  private fatal?: ArabicNerError;

  constructor(options: PoolOptions) {
    this.jobs = options.jobs;
    this.setup = { resourceOptions: options.resourceOptions, format: options.format };
    this.workerScript = options.workerScript ?? WORKER_URL;
    for (let i = 0; i < options.jobs; i++) this.spawn();
  }

  annotate(job: DocumentJob): Promise<DocumentResult> {
    return this.submit({ kind: 'document', job }) as Promise<DocumentResult>;
  }

  renderFile(job: FileJob, signal?: AbortSignal): Promise<FileResult> {
    return this.submit({ kind: 'file', job }, signal) as Promise<FileResult>;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
  }

  private submit(task: Task, signal?: AbortSignal): Promise<TaskResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject, ...(signal ? { signal } : {}) });
      this.dispatch();
    });
  }

  private spawn(): void {
    const slot: Slot = { worker: new Worker(this.workerScript, { workerData: this.setup }), ready: false, held: [] };
    this.slots.add(slot);
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    // An uncaught error or a crash (e.g. out of memory) loses the worker and the tasks it held.
    // Which one killed it is not known: each is done again alone on a new worker, so the culprit
    // fails (it kills a worker holding nothing else) and the others are done as usual.
    slot.worker.on('error', (error) => (slot.failure = new ArabicNerError('INTERNAL', `worker failed: ${error.message}`)));
    slot.worker.on('exit', () => {
      this.slots.delete(slot);
      const lost = slot.held.splice(0);
      const failure = slot.failure ?? new ArabicNerError('INTERNAL', 'worker exited');
      const retried = this.closing || this.fatal ? [] : lost.filter((pending) => !pending.suspect);
      for (const pending of lost) if (!retried.includes(pending)) pending.reject(failure);
      for (const pending of retried) pending.suspect = true;
      this.queue.unshift(...retried);
      if (!this.closing && !this.fatal) this.spawn();
    });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.kind === 'ready') {
      slot.ready = true;
    } else if (message.kind === 'fatal') {
      this.fatal = errorFromTransfer(message.error);
      for (const pending of this.queue.splice(0)) pending.reject(this.fatal);
    } else {
      const index = slot.held.findIndex((pending) => pending.id === message.id);
      const [pending] = index >= 0 ? slot.held.splice(index, 1) : [];
      if (message.kind === 'done') pending?.resolve(message.result);
      else pending?.reject(errorFromTransfer(message.error));
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && slot.held.length < TASKS_PER_WORKER && !slot.held.some((pending) => pending.suspect)) {
        const suspect = this.queue[0]?.suspect === true;
        if (suspect && slot.held.length > 0) break; // a suspect goes to a worker holding nothing
        const next = this.queue.shift();
        if (!next) return;
        if (next.signal?.aborted && next.task.kind === 'file') {
          next.reject(notStarted(next.task.job));
          continue;
        }
        slot.held.push(next);
        // A document's bytes are copied, not moved, so they are still here if the worker dies.
        slot.worker.postMessage({ id: next.id, task: next.task } satisfies ToWorker);
      }
    }
  }
}
