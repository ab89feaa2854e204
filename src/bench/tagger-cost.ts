import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { measureExtract, median } from './measure.js';
import { extract, loadResources, type Resources } from '../pipeline/extract.js';
import { openTagger, readTaggerFiles } from '../tagger/tagger.js';

/**
 * What the learned tagger costs: the annotator with and without it on the same documents, in
 * alternating rounds, each round's pair read as one ratio (the host is shared and noisy: a ratio
 * of two runs minutes apart, or of one round each, would mislead), with the median and the range
 * of the rounds; and the model's load time from its files.
 */

export interface TaggerCost {
  readonly mb: number;
  /** End to end (the built CLI, one job, fresh output folder), per alternating round. */
  readonly endToEnd?: EndToEndCost;
  /** MB/s of each round, rules and gazetteers alone. */
  readonly withoutModel: readonly number[];
  /** MB/s of each round, with the tagger. */
  readonly withModel: readonly number[];
  /** Seconds to read and open the model files, each try. */
  readonly loadSeconds: readonly number[];
  /** The host's one-minute load average when the measurement began and ended. */
  readonly loadAverage: readonly [number, number];
}

export interface EndToEndCost {
  readonly mb: number;
  readonly withoutModel: readonly ExtractRound[];
  readonly withModel: readonly ExtractRound[];
}

export interface ExtractRound {
  readonly seconds: number;
  /** User and system CPU seconds of the run (GNU time), when measured. */
  readonly cpuSeconds?: number;
}

export function measureTaggerCost(docs: readonly string[], rounds: number): Omit<TaggerCost, 'loadAverage'> {
  const mb = docs.reduce((sum, doc) => sum + Buffer.byteLength(doc), 0) / 1e6;
  const rulesOnly = loadResources({ modelDir: false });
  const full = loadResources();
  const rate = (resources: Resources): number => {
    const started = performance.now();
    for (const doc of docs) extract(doc, resources);
    return mb / ((performance.now() - started) / 1000);
  };
  rate(rulesOnly); // warm both: word lists, caches, the JIT
  rate(full);
  const withoutModel: number[] = [];
  const withModel: number[] = [];
  for (let round = 0; round < rounds; round++) {
    withoutModel.push(rate(rulesOnly));
    withModel.push(rate(full));
  }
  const loadSeconds = Array.from({ length: 5 }, () => {
    const started = performance.now();
    openTagger(readTaggerFiles(), full.gazetteer, (key) => full.lexicon.hasWord(key));
    return (performance.now() - started) / 1000;
  });
  return { mb, withoutModel, withModel, loadSeconds };
}

/**
 * The built CLI over `corpusDir` with one job, with and without the tagger (`--no-model`), in
 * alternating rounds: the cost a user sees, start-up and every word seen for the first time included.
 */
export function measureEndToEnd(cli: string, corpusDir: string, outDir: string, mb: number, rounds: number): EndToEndCost {
  const run = (extra: readonly string[]): ExtractRound => {
    const { seconds, cpuSeconds } = measureExtract(cli, corpusDir, outDir, ['--jobs', '1', ...extra]);
    return cpuSeconds === undefined ? { seconds } : { seconds, cpuSeconds };
  };
  const withoutModel: ExtractRound[] = [];
  const withModel: ExtractRound[] = [];
  for (let round = 0; round < rounds; round++) {
    withoutModel.push(run(['--no-model']));
    withModel.push(run([]));
  }
  rmSync(outDir, { recursive: true, force: true });
  return { mb, withoutModel, withModel };
}

/** Measures with the host's load average before and after (the rounds spread with it). */
export function withLoadAverage<T>(measure: () => T): T & { readonly loadAverage: readonly [number, number] } {
  const before = loadavg()[0] ?? NaN;
  const result = measure();
  return { ...result, loadAverage: [before, loadavg()[0] ?? NaN] };
}

/** `values` of each round, then their median and range. */
function row(label: string, values: readonly number[]): string {
  const fixed = (value: number): string => value.toFixed(2);
  return `| ${label} | ${values.map(fixed).join(', ')} | ${fixed(median(values))} | ${fixed(Math.min(...values))}–${fixed(Math.max(...values))} |`;
}

export function taggerCostTable(cost: TaggerCost): string[] {
  const ratios = cost.withModel.map((rate, i) => rate / (cost.withoutModel[i] ?? NaN));
  const endToEnd = cost.endToEnd;
  const endToEndRows = endToEnd ? endToEndTable(endToEnd) : [];
  return [
    `The learned tagger's cost (host load average ${cost.loadAverage[0].toFixed(1)} at the start, ${cost.loadAverage[1].toFixed(1)} at the end).`,
    '',
    `In process, ${cost.withModel.length} alternating rounds over the same ${cost.mb.toFixed(1)} MB, after a warm-up round of each:`,
    '',
    '| | per round | median | range |',
    '|---|---|---|---|',
    row('rules and gazetteers alone, MB/s', cost.withoutModel),
    row('with the tagger, MB/s', cost.withModel),
    row('throughput kept (same round)', ratios),
    '',
    `Model load (read and open models/tagger/): ${cost.loadSeconds.map((v) => v.toFixed(3)).join(', ')} s.`,
    '',
    ...endToEndRows,
  ];
}

function endToEndTable(cost: EndToEndCost): string[] {
  const rates = (rounds: readonly ExtractRound[]): number[] => rounds.map((round) => cost.mb / round.seconds);
  const kept = cost.withModel.map((round, i) => (cost.withoutModel[i]?.seconds ?? NaN) / round.seconds);
  const cpu = (rounds: readonly ExtractRound[]): number[] => rounds.map((round) => round.cpuSeconds ?? NaN);
  const cpuKept = cost.withModel.map((round, i) => (cost.withoutModel[i]?.cpuSeconds ?? NaN) / (round.cpuSeconds ?? NaN));
  const measuredCpu = cpuKept.every((value) => !Number.isNaN(value));
  return [
    `End to end, the built CLI, --jobs 1, ${cost.mb.toFixed(1)} MB, ${cost.withModel.length} alternating rounds (start-up included):`,
    '',
    '| | per round | median | range |',
    '|---|---|---|---|',
    row('--no-model, MB/s', rates(cost.withoutModel)),
    row('with the tagger, MB/s', rates(cost.withModel)),
    row('throughput kept (same round)', kept),
    ...(measuredCpu
      ? [
          row('--no-model, CPU s', cpu(cost.withoutModel)),
          row('with the tagger, CPU s', cpu(cost.withModel)),
          row('CPU time ratio, without / with (same round)', cpuKept),
        ]
      : []),
    '',
  ];
}
