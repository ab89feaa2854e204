import { codesOf, letterCode } from './alphabet.js';
import { CharModel } from './char-model.js';
import type { SegmenterModel } from './model-file.js';
import { WordTrie } from './word-trie.js';

/**
 * Where the missing spaces of a run of letters are: a unigram word language model (word counts
 * from running text, the gazetteers' names, a character model for words never seen), summed over
 * every segmentation of the run (forward-backward over positions, pieces of bounded length).
 *
 * A run is either one word or several words with spaces lost between them; each lost space costs
 * the prior probability of a missing space. A cut is made where the posterior probability of a
 * space there is at least CUT_THRESHOLD, and that posterior is the cut's confidence. A
 * correctly written foreign name competes as one word spelt by the character model, so it stays
 * whole unless its pieces are far likelier words.
 *
 * Cost: O(length x MAX_PIECE) per run; runs longer than MAX_RUN stay whole, so hostile text of
 * long distinct runs costs a bounded time per letter.
 */

export interface RunSegmentation {
  /** Offsets inside the run where a new word starts, ascending; empty when it stays whole. */
  readonly cuts: readonly number[];
  /** Posterior probability of each cut, in [CUT_THRESHOLD, 1]. */
  readonly confidences: readonly number[];
}

export interface SegmenterOptions {
  /** Prior probability that a space between two words was lost. */
  readonly missingSpace?: number;
  /** Cut where the posterior of a space is at least this. */
  readonly cutThreshold?: number;
  /** Count a gazetteer name is given when the training text never had it. */
  readonly nameCount?: number;
  /**
   * A general word list (the dictionary's inflected forms): a run that is a dictionary word is
   * that much likelier to be one word (a factor on its probability as one word).
   */
  readonly dictionary?: { readonly isWord: (key: string) => boolean; readonly factor: number };
}

export interface Segmenter {
  segment(key: string): RunSegmentation;
}

/** Shortest run that can hold two words (two letters each). */
export const MIN_RUN = 4;
/** Longer runs are left whole (no text has words this long, and cost stays linear). */
export const MAX_RUN = 64;
/** Longest piece tried inside a run (the whole run is always tried). */
export const MAX_PIECE = 20;
const MIN_PIECE = 2;

const DEFAULTS: Required<Omit<SegmenterOptions, 'dictionary'>> = { missingSpace: 0.02, cutThreshold: 0.5, nameCount: 2 };

export const NO_CUTS: RunSegmentation = Object.freeze({ cuts: Object.freeze([]), confidences: Object.freeze([]) });

/** Proclitics and their combinations, as clitics.ts reads them. */
const ARTICLE_ALEF = letterCode('ا'.charCodeAt(0));
const LAM = letterCode('ل'.charCodeAt(0));

export function createSegmenter(model: SegmenterModel, names: Iterable<string>, options: SegmenterOptions = {}): Segmenter {
  const { missingSpace, cutThreshold, nameCount } = { ...DEFAULTS, ...options };
  const { parameters } = model;
  const trie = new WordTrie();
  for (const [word, count] of model.words) trie.add(word, count);
  for (const name of names) if (trie.count(name) === 0) trie.add(name, nameCount);
  const chars = new CharModel(parameters.order, model.charCounts);
  const prefixes = Object.entries(parameters.procliticMass).map(([prefix, mass]) => ({
    codes: codesOf(prefix),
    share: mass,
    weight: mass / parameters.tokens,
    endsWithLam: prefix.endsWith('ل'),
  }));

  const suffixes = Object.entries(parameters.suffixMass).map(([suffix, mass]) => ({ codes: codesOf(suffix), share: mass }));
  const knownWeight = (1 - parameters.unknownMass - sum(prefixes.map((p) => p.share)) - sum(suffixes.map((x) => x.share))) / parameters.tokens;
  const logUnknown = Math.log(parameters.unknownMass);
  const logSpace = Math.log(missingSpace);

  /**
   * Adds the probability of every known word codes[from, ...) read as a stem, alone (weight) and
   * with each suffix after it (weight x the suffix's share), to linear[piece length], the piece
   * starting `offset` letters before `from`.
   */
  const addStems = (codes: Uint8Array, from: number, startNode: number, offset: number, weight: number, maxEnd: number, linear: Float64Array): void => {
    let node = startNode;
    for (let i = from; i < maxEnd && node !== WordTrie.NONE; i++) {
      node = trie.child(node, codes[i] ?? 0);
      if (node === WordTrie.NONE) break;
      const count = trie.countAt(node);
      if (count === 0) continue;
      const length = i - from + 1 + offset;
      linear[length] = (linear[length] ?? 0) + weight * count;
      for (const suffix of suffixes) {
        const m = suffix.codes.length;
        if (i + 1 + m > maxEnd || !suffix.codes.every((code, k) => codes[i + 1 + k] === code)) continue;
        linear[length + m] = (linear[length + m] ?? 0) + weight * suffix.share * count;
      }
    }
  };

  /** log P(word) for the pieces codes[start, start + len), len 1..maxLength, into out[len]. */
  const piecesFrom = (codes: Uint8Array, start: number, maxLength: number, out: Float64Array, linear: Float64Array): void => {
    linear.fill(0);
    const maxEnd = Math.min(codes.length, start + maxLength);
    addStems(codes, start, WordTrie.ROOT, 0, knownWeight, maxEnd, linear);
    for (const prefix of prefixes) {
      const p = prefix.codes;
      if (start + p.length + MIN_PIECE > maxEnd || !p.every((code, k) => codes[start + k] === code)) continue;
      const stemStart = start + p.length;
      addStems(codes, stemStart, WordTrie.ROOT, p.length, prefix.weight, maxEnd, linear);
      if (prefix.endsWithLam && codes[stemStart] === LAM) {
        // ل + article: the article's alef is dropped (للدولة = ل + الدولة).
        addStems(codes, stemStart, trie.child(WordTrie.ROOT, ARTICLE_ALEF), p.length, prefix.weight, maxEnd, linear);
      }
    }
    chars.prefixesFrom(codes, start, maxLength, out);
    for (let len = 1; len <= maxEnd - start; len++) {
      const unknown = logUnknown + (out[len] ?? 0);
      const known = linear[len] ?? 0;
      out[len] = known > 0 ? logAdd(Math.log(known), unknown) : unknown;
    }
  };

  const segment = (key: string): RunSegmentation => {
    const n = key.length;
    if (n < MIN_RUN || n > MAX_RUN) return NO_CUTS;
    const codes = codesOf(key);
    const width = MAX_PIECE + 1;
    // score[i * width + len]: log P of the piece key[i, i + len); the whole run separately.
    const score = new Float64Array(n * width).fill(-Infinity);
    const row = new Float64Array(n + 1);
    const linear = new Float64Array(n + 1);
    piecesFrom(codes, 0, n, row, linear);
    const dictionary = options.dictionary;
    const whole = (row[n] ?? -Infinity) + (dictionary !== undefined && dictionary.isWord(key) ? Math.log(dictionary.factor) : 0);
    for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, n - MIN_PIECE); len++) score[len] = row[len] ?? -Infinity;
    for (let i = MIN_PIECE; i + MIN_PIECE <= n; i++) {
      const maxLength = Math.min(MAX_PIECE, n - i);
      piecesFrom(codes, i, maxLength, row, linear);
      for (let len = MIN_PIECE; len <= maxLength; len++) {
        if (i + len === n || i + len + MIN_PIECE <= n) score[i * width + len] = row[len] ?? -Infinity;
      }
    }
    // forward[j]: log of the sum over segmentations of key[0, j) (j < n: j is a cut, its space cost included).
    const forward = new Float64Array(n + 1).fill(-Infinity);
    const backward = new Float64Array(n + 1).fill(-Infinity);
    forward[0] = 0;
    for (let j = MIN_PIECE; j <= n; j++) {
      let sum = -Infinity;
      for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, j); len++) {
        const i = j - len;
        if (i === 0 || i >= MIN_PIECE) sum = logAdd(sum, (forward[i] ?? -Infinity) + (score[i * width + len] ?? -Infinity));
      }
      forward[j] = j < n ? sum + logSpace : logAdd(sum, whole);
    }
    backward[n] = 0;
    for (let i = n - MIN_PIECE; i >= 0; i--) {
      let sum = i === 0 ? whole : -Infinity;
      for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, n - i); len++) {
        const j = i + len;
        const after = j === n ? 0 : logSpace + (backward[j] ?? -Infinity);
        sum = logAdd(sum, (score[i * width + len] ?? -Infinity) + after);
      }
      backward[i] = sum;
    }
    const total = forward[n] ?? -Infinity;
    const cuts: number[] = [];
    const confidences: number[] = [];
    for (let k = MIN_PIECE; k + MIN_PIECE <= n; k++) {
      // forward[k] holds the space's cost already.
      const posterior = Math.exp((forward[k] ?? -Infinity) + (backward[k] ?? -Infinity) - total);
      if (posterior >= cutThreshold) {
        cuts.push(k);
        confidences.push(Math.min(1, posterior));
      }
    }
    return cuts.length === 0 ? NO_CUTS : { cuts, confidences };
  };

  return { segment };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, x) => total + x, 0);
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
