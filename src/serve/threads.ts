import { Piscina } from 'piscina';
import type { AnnotatorOptions, ErrorCode } from '../index.js';

/**
 * The service's CPU work, off the event loop: a fixed pool of worker threads (piscina), each
 * holding one annotator. A task that outlives its time limit is aborted, which ends the thread
 * doing it (the only way to stop a stuck computation) and piscina starts a new one.
 */

/** One document to annotate: the body of `POST /v1/annotate`, or one NDJSON line. */
export interface AnnotateRequest {
  readonly text: string;
  readonly id?: string;
  readonly documentDate?: string;
}

/** The compact annotation (newline included), or why there is none. */
export type DocumentOutcome =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

export interface AnnotatorThreads {
  readonly jobs: number;
  /** Never rejects: a timeout is a TIMEOUT outcome, a lost thread an INTERNAL one. */
  annotate(request: AnnotateRequest, timeoutMs: number): Promise<DocumentOutcome>;
  /** Resolves once every thread has loaded its annotator; rejects with the loading error (a bad gazetteer or model). */
  ready(): Promise<void>;
  /** Ends the threads; tasks still queued fail. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** A short sentence that reaches the lazily loaded parts (the word list), so the first real request is not slow. */
const WARM_UP: AnnotateRequest = { text: 'زار وزير الخارجية بغداد يوم الخميس 5 مارس 2015 والتقى رئيس الوزراء', id: 'warm-up' };

/**
 * `onThreadError` hears a thread that fails outside a task (one that cannot load its annotator
 * when restarted): piscina reports it as an 'error' event, which unheard would end the process.
 */
export function createAnnotatorThreads(jobs: number, annotatorOptions: AnnotatorOptions, onThreadError: (error: Error) => void): AnnotatorThreads {
  const pool = new Piscina<AnnotateRequest, DocumentOutcome>({
    filename: WORKER_URL.href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: Infinity,
    workerData: annotatorOptions,
  });
  pool.on('error', onThreadError);
  return {
    jobs,
    async annotate(request, timeoutMs) {
      try {
        return await pool.run(request, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') return { ok: false, code: 'TIMEOUT', message: `not annotated within the time limit (${timeoutMs} ms)` };
        return { ok: false, code: 'INTERNAL', message: `annotation thread failed: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async ready() {
      // One warm-up per thread; the pool hands them to its threads as they come up.
      await Promise.all(Array.from({ length: jobs }, () => pool.run(WARM_UP)));
    },
    close: () => pool.destroy(),
  };
}
