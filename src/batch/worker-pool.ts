import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResourceOptions, Resources } from '../pipeline/extract.js';
import { ArabicNerError } from '../errors.js';
import { errorFromTransfer, type DocumentJob, type DocumentResult, type FromWorker, type OutputFormat, type ToWorker, type WorkerSetup } from './protocol.js';
import { renderDocument } from './render.js';

/**
 * Annotation on a pool of worker threads. Each worker loads the resources once (from the
 * compiled-gazetteer cache, which the main thread has warmed), then annotates one document per
 * message and returns the serialised output, so every file's bytes are those of a one-thread run.
 * The pool queues what it is given: callers bound how many documents they submit at once
 * (see runBounded), which is what keeps memory flat on any corpus size.
 */

export interface AnnotatorPool {
  readonly jobs: number;
  /** Rejects with an ArabicNerError describing the document's failure. */
  annotate(job: DocumentJob): Promise<DocumentResult>;
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly format: OutputFormat;
  readonly resourceOptions: ResourceOptions;
  /** Already loaded resources: with one job the documents are annotated on this thread. */
  readonly resources: Resources;
}

export const DEFAULT_JOBS = availableParallelism();

/** Compiled worker script; pools need the built package (dist/), as the CLI is. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

export function createAnnotatorPool(options: PoolOptions): AnnotatorPool {
  return options.jobs <= 1 ? inThreadPool(options) : new WorkerPool(options);
}

function inThreadPool({ format, resources }: PoolOptions): AnnotatorPool {
  return {
    jobs: 1,
    annotate: async (job) => renderDocument(job, format, resources),
    close: async () => {},
  };
}

interface Pending {
  readonly job: DocumentJob;
  readonly resolve: (result: DocumentResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  current?: Pending;
}

class WorkerPool implements AnnotatorPool {
  readonly jobs: number;
  private readonly setup: WorkerSetup;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private closing = false;
  /** Set when a worker cannot load the resources: every job fails with it. */
  private fatal?: ArabicNerError;

  constructor(options: PoolOptions) {
    this.jobs = options.jobs;
    this.setup = { resourceOptions: options.resourceOptions, format: options.format };
    for (let i = 0; i < options.jobs; i++) this.spawn();
  }

  annotate(job: DocumentJob): Promise<DocumentResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
  }

  private spawn(): void {
    const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: this.setup }), ready: false };
    this.slots.add(slot);
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    // An uncaught error or a crash (e.g. out of memory) loses the worker: its document fails, a new worker takes over.
    slot.worker.on('error', (error) => this.settle(slot, undefined, new ArabicNerError('INTERNAL', `worker failed: ${error.message}`)));
    slot.worker.on('exit', () => {
      this.settle(slot, undefined, new ArabicNerError('INTERNAL', 'worker exited'));
      this.slots.delete(slot);
      if (!this.closing && !this.fatal) this.spawn();
    });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.kind === 'ready') {
      slot.ready = true;
    } else if (message.kind === 'fatal') {
      this.fatal = errorFromTransfer(message.error);
      for (const pending of this.queue.splice(0)) pending.reject(this.fatal);
    } else if (message.kind === 'done') {
      this.settle(slot, message.result);
    } else {
      this.settle(slot, undefined, errorFromTransfer(message.error));
    }
    this.dispatch();
  }

  private settle(slot: Slot, result?: DocumentResult, error?: Error): void {
    const current = slot.current;
    if (!current) return;
    slot.current = undefined;
    if (result) current.resolve(result);
    else current.reject(error ?? new ArabicNerError('INTERNAL', 'no result'));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.current) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.current = next;
      slot.worker.postMessage({ job: next.job } satisfies ToWorker, transferable(next.job.bytes));
    }
  }
}

/**
 * The document's buffer moves to the worker instead of being copied when the bytes own it whole
 * (a slice of Node's shared Buffer pool must be copied). Callers do not read the bytes again.
 */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}
