import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';

/**
 * The progress line of a batch on a terminal: documents done of the total, MB/s of input read so
 * far, and the time left (from the recent pace of documents), redrawn five times a second and
 * erased when the run ends. Without a terminal nothing is drawn.
 */
export interface Progress {
  /** A document finished (written, unchanged or failed); its input size counts toward MB/s. */
  documentDone(path: string): void;
  /** Writes a whole line (ending in a newline) above the progress line (at its next redraw). */
  log(line: string): void;
  /** Erases the progress line. */
  stop(): void;
}

/** cli-progress, loaded only when there is a terminal to draw on. */
const requireModule = createRequire(import.meta.url);
const cliProgress = (): typeof CliProgress => requireModule('cli-progress') as typeof CliProgress;

const REDRAWS_PER_SECOND = 5;
/** Documents the rate and the time left are measured over: enough to smooth a few large files out. */
const WINDOW = 50;

export function startProgress(terminal: NodeJS.WriteStream | undefined, total: number, log: (line: string) => void): Progress {
  if (!terminal || total === 0) return { documentDone: () => undefined, log, stop: () => undefined };
  // (time, bytes read so far) at each of the last documents: MB/s is the recent pace, not the
  // average since the start, which the workers' start-up would hold down for a long while.
  const samples: { time: number; bytes: number }[] = [{ time: Date.now(), bytes: 0 }];
  let done = 0;
  // A MultiBar with one bar: unlike SingleBar it can print lines above the bar (log) without the
  // bar's saved cursor position sending the end of the run back over them.
  const bars = new (cliProgress().MultiBar)({
    stream: terminal,
    format: '{value}/{total} documents  {percentage}%  {rate} MB/s  {eta_formatted} left',
    fps: REDRAWS_PER_SECOND,
    etaBuffer: WINDOW,
    etaAsynchronousUpdate: true,
    clearOnComplete: true,
    linewrap: true, // cut to the terminal's width instead of switching its line wrapping off
    formatTime: (seconds) => formatDuration(seconds),
  });
  const rate = (): string => {
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last || last.time === first.time) return '…';
    return ((last.bytes - first.bytes) / 1e6 / ((last.time - first.time) / 1000)).toFixed(1);
  };
  const bar = bars.create(total, 0, { rate: rate() });
  return {
    documentDone: (path) => {
      done++;
      bar.update(done, { rate: rate() });
      // The size is only needed for the rate, so only a terminal run pays for the stat.
      void stat(path).then(
        (info) => {
          samples.push({ time: Date.now(), bytes: (samples[samples.length - 1]?.bytes ?? 0) + info.size });
          if (samples.length > WINDOW) samples.shift();
        },
        () => undefined, // the failure of an unreadable file is reported by the batch itself
      );
    },
    log: (line) => bars.log(line),
    stop: () => {
      bars.update(); // prints the lines logged since the last redraw
      bars.stop();
    },
  };
}

/** 42s, 3m 05s, 1h 20m; "…" while there is no estimate yet. */
export function formatDuration(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
