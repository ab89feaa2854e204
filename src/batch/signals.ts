import { removePendingTemporaryFiles } from '../io/write.js';

/**
 * SIGINT and SIGTERM during a batch. The first signal aborts `signal`: the batch schedules no
 * new document, documents in flight finish their atomic write (a chunked large file stops at
 * the next chunk and removes its partial output), then the run writes its manifest and summary
 * and exits 128 + the signal number (130, 143). A second signal exits at once, after stopping
 * the worker threads (which write files too) and removing the temporary files of writes in
 * flight, so nothing half-written is left either way. A third signal does not wait for the
 * threads to stop.
 */

const EXIT_CODES: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143 };

export interface InterruptWatch {
  /** Aborted on the first signal. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** 130 or 143 after a signal, else undefined. */
  exitCode(): number | undefined;
  /** Restores the default handling. */
  dispose(): void;
}

export function watchInterrupts(onFirst: (signal: NodeJS.Signals) => void, stopThreads: () => Promise<void> = async () => {}): InterruptWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let quitting = false;
  const quit = (): never => {
    removePendingTemporaryFiles();
    process.exit(received === undefined ? 1 : (EXIT_CODES[received] ?? 1));
  };
  const handler = (signal: NodeJS.Signals): void => {
    if (received === undefined) {
      received = signal;
      controller.abort();
      onFirst(signal);
    } else if (!quitting) {
      quitting = true;
      // A thread stopped is one that cannot create a temporary file after they are removed.
      void stopThreads().finally(quit);
    } else {
      quit();
    }
  };
  const signals = Object.keys(EXIT_CODES) as NodeJS.Signals[];
  for (const signal of signals) process.on(signal, handler);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received === undefined ? undefined : EXIT_CODES[received]),
    dispose: () => {
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
