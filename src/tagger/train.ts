import type { Recognizer, Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import type { RunSplitter } from '../text/segment/runs.js';
import { keyOf, normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { WordTypes } from '../text/word-types.js';
import { PerceptronTrainer, predictWith, scoresWith, type SequenceExample, type TrainedWeights } from '../learn/perceptron.js';
import { tagPosteriors, viterbi } from '../learn/viterbi.js';
import { seededRandom } from '../learn/random.js';
import { scoreSpans, spansOf, type LabelledSentence, type TypeScore } from '../learn/conll.js';
import { labelTokens, toDocuments, type LabelledDocument } from './documents.js';
import { FeatureExtractor } from './features.js';
import { contextFeatures } from './context.js';
import { formatWordStatistics } from './lexical.js';
import { TAGS, bioTransitions } from './tags.js';

/**
 * Training the NER model: corpus sentences through the pipeline's own normaliser, tokeniser and
 * splitter, features, an averaged perceptron, and scores on a held-out split after each epoch.
 * Shipped with the package, never loaded by annotation.
 */

/** What training reads of an annotator: the pipeline's tokens and the other recognisers' candidates (features). */
export interface TrainingResources {
  readonly gazetteer: CompiledGazetteer;
  readonly runSplitter: RunSplitter;
  readonly recognizers: readonly Recognizer[];
  /** The word-type table the recognisers' tokens are read through (the pipeline's Resources has one). */
  readonly wordTypes: WordTypes;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

/** One sentence ready to learn from, and where its corpus tokens lie among the pipeline tokens. */
export interface PreparedSentence {
  readonly example: SequenceExample;
  readonly tokens: readonly Token[];
  readonly text: string;
  /** Index of the first pipeline token of each corpus token (-1 when none). */
  readonly firstTokenOf: Int32Array;
  readonly goldTags: readonly string[];
}

/** Word counts of running text, by match key (the pipeline's tokens). */
export function countWords(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const types = new WordTypes();
  for (const text of texts) {
    const view = normalize(text);
    types.startDocument();
    for (const token of tokenize(view, types)) if (token.kind === 'arabic') counts.set(token.key, (counts.get(token.key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The class each word mostly has in labelled sentences (a word seen at least twice, in an entity
 * at least half the time), by match key: an entity list learned from data.
 */
export function entityClasses(sentences: readonly LabelledSentence[]): Map<string, string> {
  const tallies = new Map<string, Map<string, number>>();
  for (const sentence of sentences) {
    sentence.tokens.forEach((token, i) => {
      const key = keyOf(token);
      if (key === '' || key.includes(' ')) return;
      const tag = sentence.tags[i] ?? 'O';
      const label = tag === 'O' ? 'O' : tag.slice(2);
      const tally = tallies.get(key) ?? new Map<string, number>();
      tally.set(label, (tally.get(label) ?? 0) + 1);
      tallies.set(key, tally);
    });
  }
  const classes = new Map<string, string>();
  for (const [key, tally] of tallies) {
    let total = 0;
    let best = 'O';
    let bestCount = 0;
    for (const [label, count] of [...tally].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      total += count;
      if (count > bestCount) [best, bestCount] = [label, count];
    }
    if (best !== 'O' && total >= 2 && bestCount * 2 >= total) classes.set(key, best);
  }
  return classes;
}

/** The word statistics file: words seen at least `minCount` times (or with a class), by count then key. */
export function wordStatisticsText(counts: ReadonlyMap<string, number>, classes: ReadonlyMap<string, string>, minCount: number): string {
  const keys = new Set([...[...counts].filter(([, count]) => count >= minCount).map(([key]) => key), ...classes.keys()]);
  const kept = [...keys].map((key) => [key, counts.get(key) ?? 0] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return formatWordStatistics(kept.map(([key, count]) => ({ key, count, entityClass: classes.get(key) })));
}

/** Sentences per training document: ANERcorp has no document breaks, and names recur within an article. */
export const SENTENCES_PER_DOCUMENT = 10;

export function prepare(sentences: readonly LabelledSentence[], resources: TrainingResources, extractor: FeatureExtractor): PreparedSentence[] {
  return toDocuments(sentences, SENTENCES_PER_DOCUMENT).flatMap((document, index) => {
    const group = sentences.slice(index * SENTENCES_PER_DOCUMENT, (index + 1) * SENTENCES_PER_DOCUMENT);
    const whole = prepareDocument(document, { tokens: group.flatMap((s) => s.tokens), tags: group.flatMap((s) => s.tags) }, resources, extractor);
    return bySentence(whole, group);
  });
}

/** A document's prepared tokens cut back into its sentences (features keep what the whole document said). */
function bySentence(whole: PreparedSentence, group: readonly LabelledSentence[]): PreparedSentence[] {
  const parts: PreparedSentence[] = [];
  let corpusToken = 0;
  for (const sentence of group) {
    const corpusEnd = corpusToken + sentence.tokens.length;
    const first = whole.firstTokenOf[corpusToken] ?? -1;
    const next = corpusEnd < whole.firstTokenOf.length ? (whole.firstTokenOf[corpusEnd] ?? -1) : whole.tokens.length;
    if (first === -1 || next === -1) return [whole];
    parts.push({
      example: { features: whole.example.features.slice(first, next), tags: whole.example.tags.slice(first, next) },
      tokens: whole.tokens.slice(first, next),
      text: whole.text,
      firstTokenOf: whole.firstTokenOf.slice(corpusToken, corpusEnd).map((t) => (t === -1 ? -1 : t - first)),
      goldTags: sentence.tags,
    });
    corpusToken = corpusEnd;
  }
  return parts;
}

function prepareDocument(document: LabelledDocument, sentence: LabelledSentence, resources: TrainingResources, extractor: FeatureExtractor): PreparedSentence {
  const view = normalize(document.text);
  resources.wordTypes.startDocument();
  const tokens = resources.runSplitter.split(tokenize(view, resources.wordTypes), view);
  const rawStart = (token: Token): number => view.rawStart[token.start] ?? 0;
  const labels = labelTokens(document, tokens, rawStart);
  const candidates = resources.recognizers.flatMap((recognizer) => recognizer.recognize({ view, tokens, options: {} }));
  const context = contextFeatures(tokens, view.text, resources.gazetteer, candidates);
  const features = extractor.extract(tokens, context);
  const tags = Int32Array.from(labels.map((label) => Math.max(0, TAGS.indexOf(label))));
  const firstTokenOf = new Int32Array(document.spans.length).fill(-1);
  let t = 0;
  document.spans.forEach((span, s) => {
    while (t < tokens.length && rawStart(tokens[t] as Token) < span.start) t++;
    if (t < tokens.length && rawStart(tokens[t] as Token) < span.end) firstTokenOf[s] = t;
  });
  return { example: { features, tags }, tokens, text: view.text, firstTokenOf, goldTags: sentence.tags };
}

/** Corpus-token tags from pipeline-token tags: each corpus token takes its first piece's tag. */
export function corpusTags(sentence: PreparedSentence, tags: Int32Array): string[] {
  const tagged = [...sentence.firstTokenOf].map((t) => (t === -1 ? 'O' : (TAGS[tags[t] ?? 0] ?? 'O')));
  // A corpus token whose first piece continues a span that began in an earlier piece of the same token stays inside it.
  return tagged.map((tag, i) => (tag.startsWith('I-') && (tagged[i - 1] ?? 'O') === 'O' ? `B-${tag.slice(2)}` : tag));
}

export function train(trainSet: readonly PreparedSentence[], devSet: readonly PreparedSentence[], options: TrainingOptions): PerceptronTrainer {
  const trainer = new PerceptronTrainer(TAGS.length, bioTransitions(TAGS));
  const random = seededRandom(options.seed);
  const order = trainSet.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let wrong = 0;
    let total = 0;
    for (const index of order) {
      const sentence = trainSet[index] as PreparedSentence;
      wrong += trainer.learn(sentence.example);
      total += sentence.example.tags.length;
    }
    const line = `epoch ${epoch}/${options.epochs}: training token error ${(wrong / Math.max(1, total)).toFixed(4)}`;
    if (devSet.length > 0) {
      const averaged = trainer.averaged();
      const scores = evaluate(devSet, (features) => predictWith(averaged, features));
      options.log(`${line}; dev ${formatScores(scores)}`);
    } else options.log(line);
  }
  return trainer;
}

export function evaluate(sentences: readonly PreparedSentence[], decode: (features: readonly Uint32Array[], sentence: PreparedSentence) => Int32Array): Record<string, TypeScore> {
  return scoreSpans(
    sentences.map((sentence) => ({ gold: sentence.goldTags, predicted: corpusTags(sentence, decode(sentence.example.features, sentence)) })),
    ['PERS', 'LOC', 'ORG'],
  );
}

export function formatScores(scores: Record<string, TypeScore>): string {
  return ['PERS', 'LOC', 'ORG', 'micro'].map((label) => `${label} ${(scores[label]?.f1 ?? 0).toFixed(3)}`).join(', ');
}


/**
 * The temperature that makes span confidences calibrated on held-out sentences: a span's
 * confidence is the posterior of its weakest tag, and the chosen temperature maximises the
 * likelihood of each predicted span being right (log-loss).
 */
export function calibrateTemperature(sentences: readonly PreparedSentence[], weights: TrainedWeights, candidates: readonly number[] = [2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 32]): number {
  const decoded = sentences.map((sentence) => {
    const scores = scoresWith(weights, sentence.example.features);
    return { sentence, scores, tags: viterbi(scores, sentence.example.features.length, weights.transitions) };
  });
  let best = { temperature: 1, logLikelihood: -Infinity };
  for (const temperature of candidates) {
    let logLikelihood = 0;
    for (const { sentence, scores, tags } of decoded) {
      const posteriors = tagPosteriors(scores, tags.length, weights.transitions, temperature);
      const gold = new Set(spansOf(sentence.goldTags).map((span) => span.join(':')));
      for (const span of spansOf(corpusTags(sentence, tags))) {
        let weakest = 1;
        for (let c = span[0]; c < span[1]; c++) {
          const t = sentence.firstTokenOf[c] ?? -1;
          if (t !== -1) weakest = Math.min(weakest, posteriors[t * weights.tagCount + (tags[t] ?? 0)] ?? 0);
        }
        const p = Math.min(1 - 1e-6, Math.max(1e-6, weakest));
        logLikelihood += Math.log(gold.has(span.join(':')) ? p : 1 - p);
      }
    }
    if (logLikelihood > best.logLikelihood) best = { temperature, logLikelihood };
  }
  return best.temperature;
}
