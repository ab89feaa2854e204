import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { measureExtract } from './measure.js';
import { extract, loadResources, type Resources } from '../pipeline/extract.js';
import { openTagger, readTaggerFiles } from '../tagger/tagger.js';

/**
 * What the learned tagger costs: the in-process annotator with and without it on the same
 * documents, in alternating rounds (the host is noisy: a ratio from one round each would mislead),
 * and the model's load time from its files.
 */

export interface TaggerCost {
  readonly mb: number;
  /** End to end (the built CLI, one job, fresh output folder), seconds per alternating round. */
  readonly endToEnd?: { readonly mb: number; readonly withoutModel: readonly number[]; readonly withModel: readonly number[] };
  /** MB/s of each round, rules and gazetteers alone. */
  readonly withoutModel: readonly number[];
  /** MB/s of each round, with the tagger. */
  readonly withModel: readonly number[];
  /** Seconds to read and open the model files, each try. */
  readonly loadSeconds: readonly number[];
}

export function measureTaggerCost(docs: readonly string[], rounds: number): TaggerCost {
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
 * alternating rounds: the cost a user sees.
 */
export function measureEndToEnd(cli: string, corpusDir: string, outDir: string, mb: number, rounds: number): NonNullable<TaggerCost['endToEnd']> {
  const run = (extra: readonly string[]): number => {
    return measureExtract(cli, corpusDir, outDir, ['--jobs', '1', ...extra]).seconds;
  };
  const withoutModel: number[] = [];
  const withModel: number[] = [];
  for (let round = 0; round < rounds; round++) {
    withoutModel.push(run(['--no-model']));
    withModel.push(run([]));
  }
  rmSync(outDir, { recursive: true, force: true });
  return { mb, withoutModel, withModel };
}

export function taggerCostTable(cost: TaggerCost): string[] {
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const ratios = cost.withModel.map((rate, i) => rate / (cost.withoutModel[i] ?? NaN));
  const endToEnd = cost.endToEnd;
  const endToEndRows = endToEnd
    ? [
        `End to end, the built CLI, --jobs 1, ${endToEnd.mb.toFixed(1)} MB, alternating rounds (MB/s):`,
        '',
        '| | MB/s per round | median |',
        '|---|---|---|',
        `| --no-model | ${endToEnd.withoutModel.map((s) => (endToEnd.mb / s).toFixed(2)).join(', ')} | ${(endToEnd.mb / median(endToEnd.withoutModel)).toFixed(2)} |`,
        `| with the tagger | ${endToEnd.withModel.map((s) => (endToEnd.mb / s).toFixed(2)).join(', ')} | ${(endToEnd.mb / median(endToEnd.withModel)).toFixed(2)} |`,
        `| throughput kept (same round) | ${endToEnd.withModel.map((s, i) => ((endToEnd.withoutModel[i] ?? NaN) / s).toFixed(2)).join(', ')} | ${(median(endToEnd.withoutModel) / median(endToEnd.withModel)).toFixed(2)} |`,
        '',
      ]
    : [];
  return [
    `The learned tagger's cost, in process, ${cost.withModel.length} alternating rounds over the same ${cost.mb.toFixed(1)} MB:`,
    '',
    '| | MB/s per round | median |',
    '|---|---|---|',
    `| rules and gazetteers alone | ${cost.withoutModel.map((v) => v.toFixed(2)).join(', ')} | ${median(cost.withoutModel).toFixed(2)} |`,
    `| with the tagger | ${cost.withModel.map((v) => v.toFixed(2)).join(', ')} | ${median(cost.withModel).toFixed(2)} |`,
    `| ratio (same round) | ${ratios.map((v) => v.toFixed(2)).join(', ')} | ${median(ratios).toFixed(2)} |`,
    '',
    `Model load (read and open models/tagger/): ${cost.loadSeconds.map((v) => v.toFixed(3)).join(', ')} s.`,
    '',
    ...endToEndRows,
  ];
}
