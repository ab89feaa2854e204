import { removePendingTemporaryFiles } from '../io/write.js';

/**
 * SIGINT and SIGTERM during a batch. The first signal aborts `signal`: the batch schedules no
 * new document, documents in flight finish their atomic write (a chunked large file stops at
 * the next chunk and removes its partial output), then the run writes its manifest and summary
 * and exits 128 + the signal number (130, 143).
 *
 * A second signal quits now: the worker threads are stopped (given QUIT_WAIT_MS, so a thread
 * that cannot be stopped does not hold the exit), the temporary files of writes in flight are
 * removed, and `finish` writes the ledger and the manifest, with blocking calls, before the exit.
 * A third signal does not wait for the threads. Whatever the signals, the run ends with its
 * bookkeeping written and nothing half-written left.
 *
 * The same signal again within DUPLICATE_MS of the first is the same request delivered twice
 * (`timeout` sends its signal to the process and then to its whole process group), not a second one.
 */

const EXIT_CODES: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143 };
const DUPLICATE_MS = 250;
const QUIT_WAIT_MS = 5000;

/** 128 + the signal number: 130 for SIGINT, 143 for SIGTERM. */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return EXIT_CODES[signal] ?? 1;
}

export interface InterruptWatch {
  /** Aborted on the first signal. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Restores the default handling. */
  dispose(): void;
}

export interface InterruptHandlers {
  /** Told of the first signal (to say what happens next). */
  readonly onFirst: (signal: NodeJS.Signals) => void;
  /** Stops the threads that write files, so none creates a temporary file after they are removed. */
  readonly stopThreads: () => Promise<void>;
  /** On a second signal, just before the exit: writes the run's bookkeeping with blocking calls. */
  readonly finish: (signal: NodeJS.Signals) => void;
}

export function watchInterrupts(handlers: InterruptHandlers): InterruptWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let firstAt = 0;
  let quitting = false;
  let finished = false;
  let wait: NodeJS.Timeout | undefined;
  const quit = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(wait);
    const signal = received ?? 'SIGTERM';
    removePendingTemporaryFiles();
    handlers.finish(signal);
    process.exit(exitCodeFor(signal));
  };
  const handler = (signal: NodeJS.Signals): void => {
    if (received === undefined) {
      received = signal;
      firstAt = Date.now();
      controller.abort();
      handlers.onFirst(signal);
    } else if (signal === received && Date.now() - firstAt < DUPLICATE_MS && !quitting) {
      // the first signal, delivered again
    } else if (!quitting) {
      quitting = true;
      const waited = new Promise<void>((resolve) => (wait = setTimeout(resolve, QUIT_WAIT_MS)));
      void Promise.race([handlers.stopThreads().catch(() => undefined), waited]).finally(quit);
    } else {
      quit();
    }
  };
  const signals = Object.keys(EXIT_CODES) as NodeJS.Signals[];
  for (const signal of signals) process.on(signal, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      finished = true; // the run has ended on its own
      clearTimeout(wait);
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
