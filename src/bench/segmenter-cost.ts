import { extract, loadResources, type Resources } from '../pipeline/extract.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

/**
 * The segmenter's share of annotation time, first pass: one set of fresh resources only splits
 * runs, another annotates the same texts whole (the split included), so neither reads answers
 * the other has cached. Both load everything before the clock starts.
 */
export interface SegmenterCost {
  readonly bytes: number;
  readonly segmenterSeconds: number;
  readonly annotationSeconds: number;
}

function loaded(): Resources {
  const resources = loadResources();
  void resources.recognizers;
  void resources.runSplitter;
  resources.lexicon.hasWord('قال'); // the word list loads on first use
  return resources;
}

export function measureSegmenterCost(texts: readonly string[]): SegmenterCost {
  const splitting = loaded();
  const tokenized = texts.map((text) => {
    const view = normalize(text);
    return { view, tokens: tokenize(view) };
  });
  let started = performance.now();
  for (const { view, tokens } of tokenized) splitting.runSplitter.split(tokens, view);
  const segmenterSeconds = (performance.now() - started) / 1000;
  const annotating = loaded();
  started = performance.now();
  for (const text of texts) extract(text, annotating);
  const annotationSeconds = (performance.now() - started) / 1000;
  return { bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0), segmenterSeconds, annotationSeconds };
}

export function segmenterCostRow(label: string, cost: SegmenterCost): string {
  const { bytes, segmenterSeconds, annotationSeconds } = cost;
  return `| ${label} | ${(bytes / 1e6).toFixed(2)} | ${segmenterSeconds.toFixed(2)} | ${annotationSeconds.toFixed(2)} | ${(segmenterSeconds / annotationSeconds).toFixed(2)} |`;
}

export const SEGMENTER_COST_HEADER = ['| text | MB | segmenter s | annotation s (all of it) | share |', '|---|---|---|---|---|'];
