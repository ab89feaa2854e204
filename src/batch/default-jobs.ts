import { availableParallelism, loadavg } from 'node:os';

/**
 * How many workers a run gets when --jobs is not given. A worker pays only when it has a core of
 * its own and enough input to earn back its start-up (each loads the gazetteers, the word list,
 * the segmenter and the tagger: about 0.3 CPU seconds to ready on a quiet host, more under load). Measured
 * on 2 cores (README, Throughput): a second worker was slower than one on a few MB, and on 16 MB
 * it paid only when the other core was idle. So: one worker, one more per BYTES_PER_WORKER of
 * input, no more than the cores other processes leave idle (the one-minute load average; 0 where
 * the system does not report one), and at least one.
 */

export const BYTES_PER_WORKER = 4 * 1024 * 1024;

export function defaultJobs(inputBytes: number, cores: number = availableParallelism(), load: number = loadavg()[0] ?? 0): number {
  const bySize = 1 + Math.floor(inputBytes / BYTES_PER_WORKER);
  const idleCores = Math.round(cores - load);
  return Math.max(1, Math.min(bySize, idleCores, cores));
}
