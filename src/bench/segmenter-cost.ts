import { extract, loadResources, type Resources } from '../pipeline/extract.js';
import { type RunSplitter } from '../text/segment/runs.js';

/**
 * The segmenter's share of annotation time, first pass: fresh resources annotate the texts
 * whole, and the run splitter's calls are timed inside that one annotation. Timing the split in
 * a separate pass would charge it alone with the compiler's first work on shared code and give
 * the annotation after it warm code, which overstates the share.
 * Everything loads before the clock starts.
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

/** The resources with their run splitter's time summed into `elapsed.ms`. */
function timingSplits(resources: Resources, elapsed: { ms: number }): Resources {
  const inner = resources.runSplitter;
  const runSplitter: RunSplitter = {
    split(tokens, view) {
      const started = performance.now();
      const split = inner.split(tokens, view);
      elapsed.ms += performance.now() - started;
      return split;
    },
  };
  return { gazetteer: resources.gazetteer, lexicon: resources.lexicon, recognizers: resources.recognizers, model: resources.model, wordTypes: resources.wordTypes, runSplitter };
}

export function measureSegmenterCost(texts: readonly string[]): SegmenterCost {
  const splitting = { ms: 0 };
  const resources = timingSplits(loaded(), splitting);
  const started = performance.now();
  for (const text of texts) extract(text, resources);
  const annotationSeconds = (performance.now() - started) / 1000;
  return { bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0), segmenterSeconds: splitting.ms / 1000, annotationSeconds };
}

export function segmenterCostRow(label: string, cost: SegmenterCost): string {
  const { bytes, segmenterSeconds, annotationSeconds } = cost;
  return `| ${label} | ${(bytes / 1e6).toFixed(2)} | ${segmenterSeconds.toFixed(2)} | ${annotationSeconds.toFixed(2)} | ${(segmenterSeconds / annotationSeconds).toFixed(2)} |`;
}

export const SEGMENTER_COST_HEADER = ['| text | MB | segmenter s (inside the annotation) | annotation s (all of it) | share |', '|---|---|---|---|---|'];
