import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

/** Runs a command and reports its wall time, and its peak RSS and CPU time (from GNU time, when installed). */

export interface Measured {
  readonly seconds: number;
  readonly peakRssMB?: number;
  /** User plus system CPU seconds over all the command's threads. */
  readonly cpuSeconds?: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function measureCommand(command: string, args: readonly string[], input?: string): Measured {
  const timed = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = spawnSync(timed ? GNU_TIME : command, timed ? ['-v', command, ...args] : [...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    ...(input !== undefined ? { input } : {}),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = result.stderr ?? '';
  return { seconds, status: result.status, stdout: result.stdout ?? '', stderr, ...readTimeReport(stderr) };
}

/** Peak RSS and CPU time (user plus system) from the report `time -v` appends to stderr. */
export function readTimeReport(stderr: string): Pick<Measured, 'peakRssMB' | 'cpuSeconds'> {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    ...(rss?.[1] ? { peakRssMB: Number(rss[1]) / 1024 } : {}),
    ...(user?.[1] && system?.[1] ? { cpuSeconds: Number(user[1]) + Number(system[1]) } : {}),
  };
}

/**
 * The built CLI's `extract` of `input` into `out` (emptied first), timed as measureCommand times
 * it; `nodeOptions` go to node before the CLI. A failed run throws with the start of its stderr.
 */
export function measureExtract(cli: string, input: string, out: string, args: readonly string[] = [], nodeOptions: readonly string[] = []): Measured {
  rmSync(out, { recursive: true, force: true });
  const measured = measureCommand(process.execPath, [...nodeOptions, cli, 'extract', input, '--out', out, ...args]);
  if (measured.status !== 0) throw new Error(`extract ${[input, ...args].join(' ')} failed:\n${measured.stderr.slice(0, 2000)}`);
  return measured;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
