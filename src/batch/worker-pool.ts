import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResourceOptions } from '../pipeline/extract.js';
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

/**
 * Annotation on a pool of worker threads. Each worker loads the resources once (from the
 * compiled-gazetteer cache, which the main thread has warmed), then takes tasks: a document's
 * bytes to annotate and serialise (the output comes back), or a file to read, annotate and
 * serialise (its output's bytes are moved back, not copied, and the main thread writes them, so
 * a worker never waits on the disk). Either way every file's bytes are those of a one-thread run. The pool queues what it is given: callers
 * bound how many documents they submit at once (see runBounded), which is what keeps memory flat
 * on any corpus size.
 *
 * Annotation never runs on the calling thread, even with one job: that thread stays free to
 * answer signals and to keep the watchdog, which fails a task that runs longer than its
 * `timeoutMs` and replaces the worker doing it (the only way to stop code that is stuck). A run
 * too small to need the watchdog makes no pool at all (see in-thread.ts).
 */

/** A document's output in the pieces it was made in, and its entity counts. */
export interface DocumentOutput {
  readonly pieces: readonly string[];
  readonly entityCounts: DocumentResult['entityCounts'];
}

/** When a task is given up (see TaskControl). */
export interface TaskControl {
  /** Aborted: a file task no thread has started fails as INTERRUPTED. */
  readonly signal?: AbortSignal;
  /** Longest a worker may spend on the task once started; then it fails as TIMEOUT and its worker is replaced. */
  readonly timeoutMs?: number;
}

export interface AnnotatorPool {
  /** Workers the pool keeps (a worker that dies is replaced). */
  readonly jobs: number;
  /** Starts more workers, up to `jobs` in all (a run that learns its size after its first worker started). */
  grow(jobs: number): void;
  /**
   * The document's output in pieces, to be written in order (one piece unless it is long: see
   * renderDocument). Rejects with an ArabicNerError describing the document's failure.
   */
  annotate(job: DocumentJob, control?: TaskControl): Promise<DocumentOutput>;
  /**
   * Does one file whole (see renderFile); rejects with an ArabicNerError naming it, INTERRUPTED
   * when `control.signal` is aborted before a thread starts on it.
   */
  renderFile(job: FileJob, control?: TaskControl): Promise<FileResult>;
  /** Stops the workers; tasks still held by one fail as INTERRUPTED. */
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly format: OutputFormat;
  readonly resourceOptions: ResourceOptions;
  /** The workers' module (default: the package's worker.js); tests give one of their own. */
  readonly workerScript?: URL;
}

export const DEFAULT_JOBS = availableParallelism();

/** Compiled worker script; pools need the built package (dist/), as the CLI is. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Tasks a worker holds at once: the next ones are already there when it finishes one, so it
 * never waits for this thread between documents.
 */
const TASKS_PER_WORKER = 4;

export function createAnnotatorPool(options: PoolOptions): AnnotatorPool {
  return new WorkerPool(options);
}

/** After SIGINT/SIGTERM only the files a thread has started are finished. */
function notStarted(job: FileJob): ArabicNerError {
  return new ArabicNerError('INTERRUPTED', 'interrupted before it was started', { file: job.path });
}

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly control: TaskControl;
  readonly resolve: (result: TaskResult) => void;
  readonly reject: (error: Error) => void;
  /** Held by a worker that died: done again alone, so only the task that kills a worker fails. */
  suspect?: boolean;
  /** Pieces of a long document's output received so far (emptied when it is sent to a worker again). */
  readonly pieces?: string[];
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Tasks sent to the worker and not answered yet. */
  readonly held: Pending[];
  /** What made the worker fail, reported when it exits. */
  failure?: ArabicNerError;
  /** The watchdog of each started task. */
  readonly timers: Map<number, NodeJS.Timeout>;
  /** The task the watchdog stopped the worker for: it alone fails, the others are done again. */
  timedOut?: Pending;
}

class WorkerPool implements AnnotatorPool {
  private target: number;
  private readonly setup: WorkerSetup;
  private readonly workerScript: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closing = false;
  /** Set when a worker cannot load the resources: every job fails with it. */
  private fatal?: ArabicNerError;

  constructor(options: PoolOptions) {
    this.target = 0;
    this.setup = { resourceOptions: options.resourceOptions, format: options.format };
    this.workerScript = options.workerScript ?? WORKER_URL;
    this.grow(options.jobs);
  }

  get jobs(): number {
    return this.target;
  }

  grow(jobs: number): void {
    if (this.closing || this.fatal) return;
    for (; this.target < jobs; this.target++) this.spawn();
  }

  async annotate(job: DocumentJob, control: TaskControl = {}): Promise<DocumentOutput> {
    const pieces: string[] = [];
    const result = (await this.submit({ kind: 'document', job }, control, pieces)) as DocumentResult;
    if (result.output !== '' || pieces.length === 0) pieces.push(result.output);
    return { pieces, entityCounts: result.entityCounts };
  }

  renderFile(job: FileJob, control: TaskControl = {}): Promise<FileResult> {
    return this.submit({ kind: 'file', job }, control) as Promise<FileResult>;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
  }

  private submit(task: Task, control: TaskControl, pieces?: string[]): Promise<TaskResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, control, resolve, reject, ...(pieces ? { pieces } : {}) });
      this.dispatch();
    });
  }

  private spawn(): void {
    const slot: Slot = { worker: new Worker(this.workerScript, { workerData: this.setup }), ready: false, held: [], timers: new Map() };
    this.slots.add(slot);
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    // An uncaught error or a crash (e.g. out of memory) loses the worker and the tasks it held.
    // Which one killed it is not known: each is done again alone on a new worker, so the culprit
    // fails (it kills a worker holding nothing else) and the others are done as usual.
    slot.worker.on('error', (error) => (slot.failure = new ArabicNerError('INTERNAL', `worker failed: ${error.message}`)));
    slot.worker.on('exit', () => {
      this.slots.delete(slot);
      for (const timer of slot.timers.values()) clearTimeout(timer);
      const lost = slot.held.splice(0);
      // Closing the pool (a run that stops now) interrupts what its workers held; any other exit is a failure.
      const failure = this.closing ? new ArabicNerError('INTERRUPTED', 'stopped: the run is ending') : (slot.failure ?? new ArabicNerError('INTERNAL', 'worker exited'));
      // Rejected only now that the worker is gone: it can no longer write the task's temporary file.
      if (slot.timedOut) slot.timedOut.reject(timedOut(slot.timedOut));
      // Beside a task that timed out, the others are known innocent: done again as usual.
      const retried = this.closing || this.fatal ? [] : lost.filter((pending) => slot.timedOut !== undefined || !pending.suspect);
      for (const pending of lost) if (!retried.includes(pending)) pending.reject(failure);
      if (!slot.timedOut) for (const pending of retried) pending.suspect = true;
      this.queue.unshift(...retried);
      if (!this.closing && !this.fatal) this.spawn();
    });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.kind === 'ready') {
      slot.ready = true;
    } else if (message.kind === 'started') {
      this.watch(slot, message.id);
      return;
    } else if (message.kind === 'piece') {
      slot.held.find((pending) => pending.id === message.id)?.pieces?.push(message.text);
      return;
    } else if (message.kind === 'fatal') {
      this.fatal = errorFromTransfer(message.error);
      for (const pending of this.queue.splice(0)) pending.reject(this.fatal);
    } else {
      const index = slot.held.findIndex((pending) => pending.id === message.id);
      const [pending] = index >= 0 ? slot.held.splice(index, 1) : [];
      clearTimeout(slot.timers.get(message.id));
      slot.timers.delete(message.id);
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
        if (next.control.signal?.aborted && next.task.kind === 'file') {
          next.reject(notStarted(next.task.job));
          continue;
        }
        slot.held.push(next);
        next.pieces?.splice(0); // a task done again starts its output again
        // A document's bytes are copied, not moved, so they are still here if the worker dies.
        slot.worker.postMessage({ id: next.id, task: next.task } satisfies ToWorker);
      }
    }
  }

  /**
   * Starts the watchdog of the task its worker has just begun. A worker runs one task at a time,
   * in order, and the others it holds wait their turn: the task it began last is the one
   * running, so only its watchdog runs, and a task stuck there is the one to blame. The others
   * it holds are done again on a new worker.
   */
  private watch(slot: Slot, id: number): void {
    for (const timer of slot.timers.values()) clearTimeout(timer);
    slot.timers.clear();
    const pending = slot.held.find((held) => held.id === id);
    const timeoutMs = pending?.control.timeoutMs;
    if (!pending || timeoutMs === undefined) return;
    const timer = setTimeout(() => {
      if (slot.timedOut || !slot.held.includes(pending)) return;
      slot.held.splice(slot.held.indexOf(pending), 1);
      slot.timedOut = pending;
      void slot.worker.terminate(); // stops even a thread stuck in a loop; 'exit' follows
    }, timeoutMs);
    slot.timers.set(id, timer);
  }
}

function timedOut(pending: Pending): ArabicNerError {
  const seconds = Math.round(pending.control.timeoutMs ?? 0) / 1000;
  const file = pending.task.kind === 'file' ? pending.task.job.path : undefined;
  return new ArabicNerError('TIMEOUT', `took longer than ${seconds} s: stopped, its worker replaced`, file !== undefined ? { file } : {});
}
