import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCommand, measureExtract, median } from './measure.js';
import { readProfiles, STAGES, type Stage, type ThreadTime } from './cpu-profile.js';
import type { InProcessRun } from './annotate-folder.js';

/**
 * What a batch run costs around annotation, on one folder: the in-process annotator (a fresh
 * process, files in memory, resources loaded before the clock) and the built CLI with each
 * --jobs, in interleaved rounds whose order turns each round (the host is shared: only figures
 * from the same round are compared); where the CLI's time goes, from a CPU-profiled run; and
 * start-up, launch to exit for one small file.
 */

export interface CliRun {
  readonly seconds: number;
  readonly cpuSeconds?: number;
  readonly peakRssMB?: number;
}

export interface BatchRound {
  readonly inProcess: InProcessRun;
  /** By --jobs. */
  readonly cli: ReadonlyMap<number, CliRun>;
}

export interface BatchSetup {
  /** dist/cli/main.js */
  readonly cli: string;
  /** dist/bench/annotate-folder.js */
  readonly inProcessScript: string;
  readonly corpusDir: string;
  /** A scratch folder; outputs go below it and are removed after each run. */
  readonly work: string;
}

function runCli(setup: BatchSetup, args: readonly string[]): CliRun {
  const out = join(setup.work, 'out');
  const measured = measureExtract(setup.cli, setup.corpusDir, out, args);
  rmSync(out, { recursive: true, force: true });
  return { seconds: measured.seconds, ...(measured.cpuSeconds !== undefined ? { cpuSeconds: measured.cpuSeconds } : {}), ...(measured.peakRssMB !== undefined ? { peakRssMB: measured.peakRssMB } : {}) };
}

function runInProcess(setup: BatchSetup): InProcessRun {
  const measured = measureCommand(process.execPath, [setup.inProcessScript, setup.corpusDir]);
  if (measured.status !== 0) throw new Error(`in-process annotation failed:\n${measured.stderr.slice(0, 2000)}`);
  return JSON.parse(measured.stdout.trim()) as InProcessRun;
}

export function measureBatchRounds(setup: BatchSetup, jobsList: readonly number[], rounds: number, log: (line: string) => void): BatchRound[] {
  const result: BatchRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const steps: (number | 'in-process')[] = ['in-process', ...jobsList];
    const turned = [...steps.slice(round % steps.length), ...steps.slice(0, round % steps.length)];
    let inProcess: InProcessRun | undefined;
    const cli = new Map<number, CliRun>();
    for (const step of turned) {
      if (step === 'in-process') {
        inProcess = runInProcess(setup);
        log(`round ${round + 1}: in process ${inProcess.annotateSeconds.toFixed(2)} s annotating`);
      } else {
        const run = runCli(setup, ['--jobs', String(step)]);
        cli.set(step, run);
        log(`round ${round + 1}: --jobs ${step} ${run.seconds.toFixed(2)} s`);
      }
    }
    if (inProcess) result.push({ inProcess, cli });
  }
  return result;
}

/** One CLI run under `node --cpu-prof`: busy seconds per stage, per thread (main thread first). */
export function profileBatch(setup: BatchSetup, jobs: number): { readonly seconds: number; readonly threads: ThreadTime[] } {
  const out = join(setup.work, 'out');
  const profiled = profileExtract(setup.cli, setup.corpusDir, out, ['--jobs', String(jobs)], join(setup.work, 'profiles'));
  rmSync(out, { recursive: true, force: true });
  return profiled;
}

/** `extract` under `node --cpu-prof` (profiles in `profileDir`, removed after): its wall seconds and every thread's busy time by stage. */
export function profileExtract(cli: string, input: string, out: string, args: readonly string[], profileDir: string): { readonly seconds: number; readonly threads: ThreadTime[] } {
  rmSync(profileDir, { recursive: true, force: true });
  const { seconds } = measureExtract(cli, input, out, args, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  const threads = readProfiles(profileDir);
  rmSync(profileDir, { recursive: true, force: true });
  return { seconds, threads };
}

/** Launch to exit (the output written) for one small file, `rounds` times each. */
export function measureStartup(cli: string, work: string, files: readonly { readonly label: string; readonly text: string }[], rounds: number): { readonly label: string; readonly bytes: number; readonly seconds: number[] }[] {
  return files.map(({ label, text }) => {
    const folder = mkdtempSync(join(work, 'startup-'));
    const input = join(folder, 'article.txt');
    writeFileSync(input, text);
    const seconds = Array.from({ length: rounds }, () => {
      return measureExtract(cli, input, join(folder, 'out')).seconds;
    });
    rmSync(folder, { recursive: true, force: true });
    return { label, bytes: Buffer.byteLength(text), seconds };
  });
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

export function batchRoundsTable(rounds: readonly BatchRound[], jobsList: readonly number[], files: number): string[] {
  const mbOf = (round: BatchRound): number => round.inProcess.bytes / 1e6;
  const first = rounds[0];
  if (!first) return [];
  const inProcessRate = (round: BatchRound): number => mbOf(round) / round.inProcess.annotateSeconds;
  const cliRate = (round: BatchRound, jobs: number): number => mbOf(round) / (round.cli.get(jobs)?.seconds ?? NaN);
  const row = (label: string, values: number[], digits = 2): string => `| ${label} | ${values.map((v) => fmt(v, digits)).join(' | ')} | ${fmt(median(values), digits)} |`;
  const [one, ...more] = jobsList;
  return [
    `The same ${files} files (${fmt(mbOf(first))} MB), ${rounds.length} interleaved rounds (order turned each round); MB/s unless said:`,
    '',
    `| | ${rounds.map((_, i) => `round ${i + 1}`).join(' | ')} | median |`,
    `|---|${rounds.map(() => '---|').join('')}---|`,
    row('in process: annotation (decode, hash, annotate), load excluded', rounds.map(inProcessRate)),
    row('in process: resources load, s', rounds.map((round) => round.inProcess.loadSeconds)),
    row('in process: serialising pretty JSON, s', rounds.map((round) => round.inProcess.serializeSeconds)),
    ...jobsList.map((jobs) => row(`CLI --jobs ${jobs}, end to end (launch to exit)`, rounds.map((round) => cliRate(round, jobs)))),
    ...jobsList.map((jobs) => row(`CLI --jobs ${jobs}: CPU s / wall s (cores busy)`, rounds.map((round) => (round.cli.get(jobs)?.cpuSeconds ?? NaN) / (round.cli.get(jobs)?.seconds ?? NaN)))),
    ...(one === undefined ? [] : [row(`CLI --jobs ${one} / in process (same round)`, rounds.map((round) => cliRate(round, one) / inProcessRate(round)))]),
    row('in process: CPU s annotating (every thread of the process)', rounds.map((round) => round.inProcess.annotateCpuSeconds)),
    ...(one === undefined
      ? []
      : [row(`the same by CPU: in process annotating ÷ CLI --jobs ${one} launch to exit (a busy host shifts it less)`, rounds.map((round) => round.inProcess.annotateCpuSeconds / (round.cli.get(one)?.cpuSeconds ?? NaN)))]),
    ...(one === undefined ? [] : more.map((jobs) => row(`speed-up of --jobs ${jobs} over --jobs ${one} (same round)`, rounds.map((round) => cliRate(round, jobs) / cliRate(round, one))))),
    '',
  ];
}

export function stageTable(profiled: { readonly seconds: number; readonly threads: readonly ThreadTime[] }, jobs: number): string[] {
  const busyOf = (thread: ThreadTime, stage: Stage): number => thread.busy.get(stage) ?? 0;
  const total = profiled.threads.reduce((sum, thread) => sum + [...thread.busy.values()].reduce((a, b) => a + b, 0), 0);
  const [main, ...workers] = profiled.threads;
  const rows = STAGES.map((stage) => {
    const onMain = main ? busyOf(main, stage) : 0;
    const onWorkers = workers.reduce((sum, thread) => sum + busyOf(thread, stage), 0);
    return { stage, onMain, onWorkers, share: (onMain + onWorkers) / total };
  }).filter((row) => row.onMain + row.onWorkers >= 0.005);
  const idle = (thread: ThreadTime | undefined): string => fmt(thread?.idleSeconds ?? NaN);
  return [
    `Where the time goes: \`extract --jobs ${jobs}\` under \`node --cpu-prof\` (${fmt(profiled.seconds)} s wall with the profiler), busy CPU seconds of the JavaScript threads by stage, and the stage's share of their sum (${fmt(total)} s); V8's helper threads (concurrent GC, compiler) and the kernel's file work are not in it:`,
    '',
    '| stage | main thread s | worker s | share |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.stage} | ${fmt(row.onMain)} | ${fmt(row.onWorkers)} | ${fmt(100 * row.share, 1)}% |`),
    `| (idle, waiting) | ${idle(main)} | ${workers.map((thread) => fmt(thread.idleSeconds)).join(' + ')} | |`,
    '',
  ];
}

export function startupTable(results: readonly { readonly label: string; readonly bytes: number; readonly seconds: readonly number[] }[]): string[] {
  return [
    'Start-up: `node dist/cli/main.js extract <one file> --out <new folder>` (the bundled command line, the file the installed binary runs), launch to exit, the output written, caches warm (the runs above built them), on this host at its current load (see the load average above); default --jobs (a run of a few small files annotates on the main thread, without a worker: src/batch/in-thread.ts):',
    '',
    '| file | bytes | seconds per try | median |',
    '|---|---|---|---|',
    ...results.map((result) => `| ${result.label} | ${result.bytes} | ${result.seconds.map((s) => fmt(s)).join(', ')} | ${fmt(median(result.seconds))} |`),
    '',
  ];
}
