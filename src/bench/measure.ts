import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command and reports its wall time and peak RSS (from GNU time, when installed). */

export interface Measured {
  readonly seconds: number;
  readonly peakRssMB?: number;
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
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  return { seconds, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ...(rss?.[1] ? { peakRssMB: Number(rss[1]) / 1024 } : {}) };
}
