import { statSync } from 'node:fs';
import { ArabicNerError } from '../errors.js';
import type { Resources } from '../pipeline/extract.js';
import type { FileJob, FileResult, OutputFormat } from './protocol.js';
import { renderFile } from './render-file.js';
import type { AnnotatorPool, TaskControl } from './worker-pool.js';

/**
 * A small run annotated on the calling thread, without a worker. A worker costs a second copy of
 * the modules and the resources (about 0.3 CPU seconds on a quiet host) before its first document, which is
 * most of the time an analyst waits for one article. Its reason to exist is the watchdog: only a
 * thread can be stopped in the middle of a document. On at most IN_THREAD_MAX_BYTES of input no
 * document can need it: the pipeline's cost is bounded per megabyte on any text (hostile text
 * takes under 5 CPU seconds per MB, `npm run bench:segmenter`), so the whole input takes well under a
 * second, far below the smallest time limit --timeout allows by default (DEFAULT_TIMEOUT_SECONDS).
 * Between documents the thread's event loop turns, so signals are answered as with a worker, at
 * most that fraction of a second later.
 */

/** Input bytes up to which a run without --jobs (and with the default time limit or a longer one) annotates on its own thread. */
export const IN_THREAD_MAX_BYTES = 64 * 1024;

/** What an `extract` run asks that decides where it annotates. */
export interface ThreadChoice {
  readonly inputs: readonly string[];
  readonly jobs: number | 'auto';
  readonly timeoutSeconds: number;
}

/**
 * Whether the run annotates on the calling thread: --jobs not given, a time limit no tighter than
 * `defaultTimeoutSeconds` (a user who sets a tighter one gets the watchdog), and inputs that are
 * all regular files (a folder is not walked here: its run starts its worker at once) with at most
 * IN_THREAD_MAX_BYTES in all. An input that cannot be looked up leaves the choice to the worker
 * path, where its error is reported as usual.
 */
export function annotatesInThread(run: ThreadChoice, defaultTimeoutSeconds: number): boolean {
  if (run.jobs !== 'auto' || run.timeoutSeconds < defaultTimeoutSeconds) return false;
  let bytes = 0;
  for (const input of run.inputs) {
    const info = statSync(input, { throwIfNoEntry: false });
    if (!info?.isFile()) return false;
    bytes += info.size;
    if (bytes > IN_THREAD_MAX_BYTES) return false;
  }
  return true;
}

/** The pool's file interface over the calling thread: one job, documents done in turn. */
export type FileAnnotator = Pick<AnnotatorPool, 'jobs' | 'grow' | 'renderFile' | 'close'>;

export function inThreadAnnotator(format: OutputFormat, resources: Resources): FileAnnotator {
  return {
    jobs: 1,
    grow: () => undefined,
    renderFile: async (job: FileJob, control: TaskControl = {}): Promise<FileResult> => {
      if (control.signal?.aborted) throw new ArabicNerError('INTERRUPTED', 'interrupted before it was started', { file: job.path });
      return renderFile(job, format, resources);
    },
    close: async () => undefined,
  };
}
