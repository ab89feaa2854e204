import type { CutRule } from '../../types.js';
import { ALPHABET_BASE, codesOf, FIRST_LETTER, followsArticle, hasInnerWordEnd, LAST_LETTER, letterCode } from './alphabet.js';
import { pairedCharModels, runTermsFor, type CharModel, type PrefixBound, type RunTerms } from './char-model.js';
import type { ModelParameters, SegmenterModel } from './model-file.js';
import { WordTrie } from './word-trie.js';

/**
 * Where the missing spaces of a run of letters are: a unigram word language model (word counts
 * from running text, the gazetteers' names, a character model for words never seen), summed over
 * every segmentation of the run (forward-backward over positions, pieces of bounded length).
 *
 * A run is either one word or several words with spaces lost between them; each lost space costs
 * the prior probability of a missing space, times what the run's display letters say there (the
 * word model sees match keys, where ة is ه and أ is ا: a ta marbuta inside a run is a word's end).
 * A cut is made where the posterior probability of a space there is at least the cut threshold
 * (CUT_THRESHOLD), and that posterior is the cut's confidence. A word never seen is spelt by the
 * character model of words, or by a second one learned from name words (weighted by the share of
 * unseen words that are names): a correctly written foreign name stays whole unless its pieces
 * are far likelier words, and a name glued to a known word (`الحارسكاسياس`) is a likely piece.
 *
 * Cost: O(length x MAX_PIECE) per run; runs longer than MAX_RUN stay whole, so hostile text of
 * long distinct runs costs a bounded time per letter.
 */

export interface RunSegmentation {
  /** Offsets inside the run where a new word starts, ascending; empty when it stays whole. */
  readonly cuts: readonly number[];
  /** Posterior probability of each cut, in [cut threshold, 1]. */
  readonly confidences: readonly number[];
  /** What made each cut, when a rule added cuts to the word model's (absent: the word model made them all). */
  readonly rules?: readonly CutRule[];
}

export interface SegmenterOptions {
  /** Prior probability that a space between two words was lost. */
  readonly missingSpace?: number;
  /** Cut where the posterior of a space is at least this. */
  readonly cutThreshold?: number;
  /** In a document that lost almost no spaces, a cut after a piece that is not a frequent word needs at least this posterior. */
  readonly cleanCutThreshold?: number;
  /**
   * Weight of the character model for a piece of a split run, relative to the whole run: spaces
   * are lost between words a reader knows, while a run no word explains is most often one
   * unknown word (a foreign name).
   */
  readonly unknownPiece?: number;
  /** Count a gazetteer name is given when the training text never had it. */
  readonly nameCount?: number;
  /**
   * A general word list (the dictionary's inflected forms): a run that is a dictionary word is
   * that much likelier to be one word (a factor on its probability as one word).
   */
  readonly dictionary?: { readonly isWord: (key: string, display?: string) => boolean; readonly factor: number };
  /**
   * Runs up to this long are first read through an upper bound of their cuts' posteriors, and
   * searched only when a cut may reach the threshold (see mayCut); 0 searches every run. The
   * answers are the same either way, only their cost differs.
   */
  readonly maxBoundedRun?: number;
}

export interface Segmenter {
  /**
   * `display`: the run's display text, letter for letter with its key; its letters that the key
   * folds (ة, ى, أ) are evidence for or against a lost space after or before them.
   * `wholeFactor`: evidence from outside the run that it is one word (see runs.ts: its form
   * written again in the same document), a factor on its probability as one word.
   * `lostSpaceFactor`: evidence from the document about how many spaces it lost (see runs.ts: a
   * document that lost almost none), a factor on the prior of each lost space; under 1, a cut
   * after a piece that is not a frequent word also needs the clean-document threshold, and a run
   * one letter from a frequent word is not cut (MISSPELT_WORD_SHARE).
   */
  segment(key: string, display?: string, wholeFactor?: number, lostSpaceFactor?: number): RunSegmentation;
  /**
   * Whether a run is taken as written without a search: the training text has it often as one
   * word, and its display letters say nothing against it (no word-final letter inside).
   */
  takenAsWritten(key: string, display?: string): boolean;
}

/** Shortest run that can hold two words (two letters each). */
export const MIN_RUN = 4;
/** Longer runs are left whole (a list of names run together is shorter; probabilities stay in range). */
export const MAX_RUN = 200;
/** Longest piece tried inside a run (the whole run is always tried). */
export const MAX_PIECE = 15;
const MIN_PIECE = 2;
const EMPTY_CODES = new Uint8Array(0);
/** A run the training text has this many times is one word (and is not searched). */
const FREQUENT_WORD = 3;
/**
 * Runs up to this long are first read through a bound (see mayCut). Longer runs are seldom
 * words: the held-out text as written has 21 of its 7,059 searched forms above it, and hostile
 * text's runs of some 39 letters all have cuts, so there a bound would only add to the search.
 */
const MAX_BOUNDED_RUN = 12;
/** How far under the cut threshold the bound of a cut's posterior must be (see mayCut). */
const BOUND_MARGIN = 1e-6;
/** Per-letter scale of piece probabilities (about the inverse of a letter's probability). */
const LOG_LETTER_SCALE = 2.5;

/** Cut where the posterior of a space is at least this (by default). */
export const CUT_THRESHOLD = 0.6;
/**
 * In a document that lost almost no spaces (a lostSpaceFactor under 1), a cut after a piece that
 * is not a frequent word needs at least this posterior. The spaces correctly written text does
 * lose are mostly after a frequent short word written onto the next (`لا|تمتلك`, `ما|يتعلق`,
 * `ولا|يرغب`); a doubtful cut after a rare piece there is more often a name or a rare or misspelt
 * word written whole (`واما|لفي` Amalfi, `بالاك|شن`, `تكن|لوجيا`). Chosen on the development part.
 */
export const CLEAN_CUT_THRESHOLD = 0.8;
/** A piece the training text has this many times is a frequent word (see CLEAN_CUT_THRESHOLD). */
const FREQUENT_BEFORE_CUT = 100;
/**
 * In a document that lost almost no spaces, a run one letter substituted or missing from a word
 * that is at least this share of the training tokens (5 times in the shipped tables' 435,588) is
 * that word misspelt, or a name written like it, not two words, and is not cut (`سكان|بة` for
 * `سكانية`, `تكن|لوجيا` for `تكنولوجيا`, the name `البر|ظان`). Chosen on a wider development part
 * (see models/segmenter/README.md): 1e-5 and 5e-6 removed the same wrong cuts, 2e-5 and above none.
 */
const MISSPELT_WORD_SHARE = 1e-5;

const DEFAULTS: Required<Omit<SegmenterOptions, 'dictionary'>> = {
  missingSpace: 0.04,
  cutThreshold: CUT_THRESHOLD,
  cleanCutThreshold: CLEAN_CUT_THRESHOLD,
  nameCount: 2,
  unknownPiece: 0.3,
  maxBoundedRun: MAX_BOUNDED_RUN,
};

export const NO_CUTS: RunSegmentation = Object.freeze({ cuts: Object.freeze([]), confidences: Object.freeze([]) });

/** A proclitic or a suffix, as the model file gives its mass. */
interface Affix {
  readonly codes: Uint8Array;
  /** Its mass: the share of tokens that are unseen forms with it. */
  readonly share: number;
  /** For a proclitic: its mass per token (the weight of a stem's count). */
  readonly weight: number;
  readonly endsWithLam: boolean;
}

/** One run being segmented: its letters and what is found once per run. */
interface Run {
  readonly codes: Uint8Array;
  readonly terms: RunTerms;
  /** The same terms of the name model, and its piece probabilities from one start. */
  readonly nameTerms: RunTerms;
  readonly nameRow: Float64Array;
  /** Bit masks of the proclitics / suffixes written at each position. */
  readonly prefixesAt: Uint32Array;
  readonly suffixesAt: Uint32Array;
  /** Scratch: linear probabilities of known readings by piece length. */
  readonly linear: Float64Array;
}

/** The Unicode block of Arabic letters (U+0600..U+06FF), where every display letter the key folds is. */
const ARABIC_BLOCK = 0x0600;
const ARABIC_BLOCK_SIZE = 0x100;

/** The article's alef, dropped after ل (للدولة). */
const ARTICLE_ALEF = letterCode('ا'.charCodeAt(0));
const LAM = letterCode('ل'.charCodeAt(0));

/** How piecesFrom scores pieces: exactly, or bounds that read fewer tables (see mayCut). */
type RunBound = 'exact' | 'no name terms' | 'no terms';

/** How the character model of words spells the pieces from `start` under a RunBound. */
function wordPrefixBound(bound: RunBound, start: number): PrefixBound {
  if (bound === 'no terms') return 'start only';
  // Without the name terms, the run read whole (from start 0) stays exact: the bound is held against it.
  return bound === 'no name terms' && start > 0 ? 'last start letter' : 'exact';
}

/** What the segmenter looks words up in, built from the model file and the names (cache.ts keeps them between runs). */
export interface SegmenterTables {
  readonly parameters: ModelParameters;
  readonly trie: WordTrie;
  readonly chars: CharModel;
  /** The character model of name words (a run read as one unknown word may be a foreign name). */
  readonly nameChars: CharModel;
}

/** The word trie (training words, then names it lacks, with `nameCount`) and the character model's tables. */
export function buildSegmenterTables(model: SegmenterModel, names: Iterable<string>, nameCount: number = DEFAULTS.nameCount): SegmenterTables {
  const { parameters } = model;
  const trie = new WordTrie();
  for (const [word, count] of model.words) trie.add(word, count);
  for (const name of names) if (trie.count(name) === 0) trie.add(name, nameCount);
  trie.seal();
  const [chars, nameChars] = pairedCharModels(parameters.order, model.charCounts, model.nameCharCounts);
  return { parameters, trie, chars, nameChars };
}

export function createSegmenter(model: SegmenterModel, names: Iterable<string>, options: SegmenterOptions = {}): Segmenter {
  return segmenterOver(buildSegmenterTables(model, names, options.nameCount), options);
}

/** A segmenter over tables built before (`options.nameCount` was given to buildSegmenterTables). */
export function segmenterOver(tables: SegmenterTables, options: SegmenterOptions = {}): Segmenter {
  const { missingSpace, cutThreshold, cleanCutThreshold, unknownPiece, maxBoundedRun } = { ...DEFAULTS, ...options };
  const { parameters, trie, chars, nameChars } = tables;
  const prefixes: Affix[] = Object.entries(parameters.procliticMass).map(([prefix, mass]) => ({
    codes: codesOf(prefix),
    share: mass,
    weight: mass / parameters.tokens,
    endsWithLam: prefix.endsWith('ل'),
  }));
  const suffixes: Affix[] = Object.entries(parameters.suffixMass).map(([suffix, mass]) => ({ codes: codesOf(suffix), share: mass, weight: 0, endsWithLam: false }));
  const knownWeight = (1 - parameters.unknownMass - sum(prefixes.map((p) => p.share)) - sum(suffixes.map((x) => x.share))) / parameters.tokens;
  const unknownMass = parameters.unknownMass;
  const unknownPieceMass = unknownMass * unknownPiece;
  // A word never seen is spelt like any word, or like a name (nameShare of them): a piece by
  // either model (see piecesFrom), the whole run by the name model only once a cut was found
  // (see wholeAsName).
  const { nameShare, nameLength } = parameters;
  const unknownWordMass = unknownMass * (1 - nameShare);
  const unknownPieceWordMass = unknownPieceMass * (1 - nameShare);
  const unknownPieceNameMass = unknownPieceMass * nameShare;
  // What a display letter says about a word's end after it / start before it, by code unit in the Arabic block.
  const displayLetters = Object.entries(parameters.displayLetters ?? {});
  const endRatios = new Float64Array(ARABIC_BLOCK_SIZE).fill(1);
  const startRatios = new Float64Array(ARABIC_BLOCK_SIZE).fill(1);
  for (const [letter, [end, start]] of displayLetters) {
    const at = letter.charCodeAt(0) - ARABIC_BLOCK;
    if (at >= 0 && at < ARABIC_BLOCK_SIZE) {
      endRatios[at] = end;
      startRatios[at] = start;
    }
  }
  const ratioOf = (ratios: Float64Array, code: number): number => {
    const at = code - ARABIC_BLOCK;
    return at >= 0 && at < ARABIC_BLOCK_SIZE ? (ratios[at] ?? 1) : 1;
  };
  const misspeltWordCount = MISSPELT_WORD_SHARE * parameters.tokens;
  const letterScales = Float64Array.from({ length: MAX_RUN + 1 }, (_, len) => Math.exp(LOG_LETTER_SCALE * len));

  /** The bits of the affixes that start with each letter code: a position is compared only with those. */
  const byFirstLetter = (affixes: readonly Affix[]): number[][] => {
    const table: number[][] = Array.from({ length: ALPHABET_BASE }, () => []);
    affixes.forEach((affix, bit) => table[affix.codes[0] ?? 0]?.push(bit));
    return table;
  };
  const prefixesByFirst = byFirstLetter(prefixes);
  const suffixesByFirst = byFirstLetter(suffixes);

  /**
   * For each position of a run, a bit per affix that is written there (found once per run, not per
   * piece). Affixes have one spelling: none covers a letter the key folded (`إن` after a name is no
   * dual `ان`, `ة` no pronoun `ه`).
   */
  const affixMasks = (codes: Uint8Array, folded: Uint8Array, affixes: readonly Affix[], byFirst: readonly (readonly number[])[], masks: Uint32Array): Uint32Array => {
    for (let at = 0; at < codes.length; at++) {
      let mask = 0;
      for (const bit of byFirst[codes[at] ?? 0] ?? []) {
        const affixCodes = affixes[bit]?.codes ?? EMPTY_CODES;
        const m = affixCodes.length;
        if (at + m > codes.length) continue;
        let k = 0;
        while (k < m && codes[at + k] === affixCodes[k] && folded[at + k] === 0) k++;
        if (k === m) mask |= 1 << bit;
      }
      masks[at] = mask;
    }
    return masks;
  };

  // Scratch buffers for one run at a time, sized for the longest (segment() is not re-entered).
  const width = MAX_PIECE + 1;
  const scratch = {
    folded: new Uint8Array(MAX_RUN + 1),
    prefixes: new Uint32Array(MAX_RUN + 1),
    suffixes: new Uint32Array(MAX_RUN + 1),
    linear: new Float64Array(MAX_RUN + 1),
    score: new Float64Array(MAX_RUN * width),
    row: new Float64Array(MAX_RUN + 1),
    forward: new Float64Array(MAX_RUN + 1),
    backward: new Float64Array(MAX_RUN + 1),
    lost: new Float64Array(MAX_RUN + 1),
    terms: runTermsFor(MAX_RUN, Math.exp(LOG_LETTER_SCALE)),
    nameTerms: runTermsFor(MAX_RUN, Math.exp(LOG_LETTER_SCALE)),
    nameRow: new Float64Array(MAX_RUN + 1),
  };

  /**
   * lost[k]: the prior of a lost space before letter k times the likelihood ratio of the display
   * letters on either side (ة before it: a word ended; أ after it: likelier a word's start).
   */
  const lostSpacePriors = (n: number, display: string | undefined, prior: number, lost: Float64Array): Float64Array => {
    lost.fill(prior, 0, n + 1);
    if (display === undefined || displayLetters.length === 0) return lost;
    for (let k = 1; k < n; k++) {
      // After the article a stem starts whether or not a space was lost before it: no evidence (see train.ts).
      const startRatio = followsArticle(display, k) ? 1 : ratioOf(startRatios, display.charCodeAt(k));
      lost[k] = prior * ratioOf(endRatios, display.charCodeAt(k - 1)) * startRatio;
    }
    return lost;
  };

  /**
   * Adds the probability of every known word run.codes[from, ...) read as a stem, alone (weight)
   * and with each suffix after it (weight x the suffix's share), to linear[piece length], the
   * piece starting `offset` letters before `from`.
   */
  const addStems = (run: Run, from: number, startNode: number, offset: number, weight: number, maxEnd: number): void => {
    const { codes, linear, suffixesAt } = run;
    let node = startNode;
    for (let i = from; i < maxEnd && node !== WordTrie.NONE; i++) {
      node = trie.child(node, codes[i] ?? 0);
      if (node === WordTrie.NONE) break;
      const count = trie.countAt(node);
      if (count === 0) continue;
      const length = i - from + 1 + offset;
      linear[length] = (linear[length] ?? 0) + weight * count;
      const mask = i + 1 < maxEnd ? (suffixesAt[i + 1] ?? 0) : 0;
      for (let bit = 0; mask >>> bit !== 0; bit++) {
        const suffix = suffixes[bit];
        if ((mask & (1 << bit)) === 0 || suffix === undefined || i + 1 + suffix.codes.length > maxEnd) continue;
        const m = suffix.codes.length;
        linear[length + m] = (linear[length + m] ?? 0) + weight * suffix.share * count;
      }
    }
  };

  /**
   * P(word) x LETTER_SCALE^len for the pieces codes[start, start + len), len 1..maxLength, into
   * out[len]. Every segmentation of a run covers the same letters, so the scale cancels in every
   * ratio, and keeps the products of a 64-letter run far from underflow; sums then need no logs.
   * A piece no word explains is spelt by the character model of words or, when it is no longer
   * than a name word (nameLength), by that of names; the whole run by the first (see segment).
   * `bound` (see mayCut): 'no name terms' gives an upper bound of every piece but the whole run,
   * which is exact, reading no run terms of the name model and no memo of last start letters; 'no
   * terms' reads no run terms at all, an upper bound of every piece and a lower bound of the whole
   * run (its known readings alone).
   */
  const piecesFrom = (run: Run, start: number, maxLength: number, out: Float64Array, bound: RunBound = 'exact'): void => {
    const { codes, linear } = run;
    const maxEnd = Math.min(codes.length, start + maxLength);
    linear.fill(0, 0, maxEnd - start + 1);
    addStems(run, start, WordTrie.ROOT, 0, knownWeight, maxEnd);
    const mask = run.prefixesAt[start] ?? 0;
    for (let bit = 0; mask >>> bit !== 0; bit++) {
      const prefix = prefixes[bit];
      if ((mask & (1 << bit)) === 0 || prefix === undefined) continue;
      const m = prefix.codes.length;
      const stemStart = start + m;
      if (stemStart + MIN_PIECE > maxEnd) continue;
      addStems(run, stemStart, WordTrie.ROOT, m, prefix.weight, maxEnd);
      if (prefix.endsWithLam && codes[stemStart] === LAM) {
        // ل + article: the article's alef is dropped (للدولة = ل + الدولة).
        addStems(run, stemStart, trie.child(WordTrie.ROOT, ARTICLE_ALEF), m, prefix.weight, maxEnd);
      }
    }
    chars.prefixesFrom(codes, start, maxLength, run.terms, out, wordPrefixBound(bound, start));
    const { nameRow } = run;
    const nameMax = Math.min(maxEnd - start, nameLength, codes.length - 1);
    if (nameMax >= MIN_PIECE) nameChars.prefixesFrom(codes, start, nameMax, run.nameTerms, nameRow, bound === 'exact' ? 'exact' : 'start only');
    for (let len = 1; len <= maxEnd - start; len++) {
      const spelt = out[len] ?? 0;
      const unknown =
        len === codes.length ? (bound === 'no terms' ? 0 : unknownWordMass * spelt) : unknownPieceWordMass * spelt + (len >= MIN_PIECE && len <= nameMax ? unknownPieceNameMass * (nameRow[len] ?? 0) : 0);
      out[len] = (linear[len] ?? 0) * (letterScales[len] ?? 0) + unknown;
    }
  };

  /**
   * score[i * width + len]: the scaled probability of the piece key[i, i + len) (0: not a piece),
   * or its bound (see piecesFrom); returns the whole run's, which is apart. A bound against a
   * whole run of 0 cannot hold, so then no other piece is scored.
   */
  const scorePieces = (run: Run, bound: RunBound): number => {
    const n = run.codes.length;
    const { score, row } = scratch;
    score.fill(0, 0, n * width);
    piecesFrom(run, 0, n, row, bound);
    const whole = row[n] ?? 0;
    if (bound !== 'exact' && !(whole > 0)) return whole;
    for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, n - MIN_PIECE); len++) score[len] = row[len] ?? 0;
    for (let i = MIN_PIECE; i + MIN_PIECE <= n; i++) {
      const maxLength = Math.min(MAX_PIECE, n - i);
      piecesFrom(run, i, maxLength, row, bound);
      for (let len = MIN_PIECE; len <= maxLength; len++) {
        if (i + len === n || i + len + MIN_PIECE <= n) score[i * width + len] = row[len] ?? 0;
      }
    }
    return whole;
  };

  /**
   * forward[j]: the sum over segmentations of key[0, j) of the pieces' scores (see scorePieces),
   * for j < n with the lost space after j; forward[n] has the whole run too. Returns the sum over
   * the segmentations of the run with a cut.
   */
  const forwardSums = (n: number, whole: number, lost: Float64Array): number => {
    const { forward, score } = scratch;
    forward.fill(0, 0, n + 1);
    forward[0] = 1;
    let cut = 0;
    for (let j = MIN_PIECE; j <= n; j++) {
      let sum = 0;
      for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, j); len++) {
        const i = j - len;
        if (i === 0 || i >= MIN_PIECE) sum += (forward[i] ?? 0) * (score[i * width + len] ?? 0);
      }
      if (j < n) forward[j] = sum * (lost[j] ?? 0);
      else cut = sum;
    }
    forward[n] = cut + whole;
    return cut;
  };

  /**
   * Whether a cut in the run may reach the cut threshold. A cut's posterior is at most the share
   * of the segmentations with a cut in the run's sum, and the forward sums over piece bounds
   * (piecesFrom's `bound`) bound that share from above. Two bounds, the cheaper first: 'no
   * terms' reads no character model's run terms (a piece's first three letters come from the table
   * of short starts, the rest is taken as 1) and holds them against the run's known readings alone
   * (a rare word, a proclitic on a known word); 'no name terms' holds bounds without the name
   * model's run terms and the memo of last start letters against the whole run, exact. These are
   * most of a first pass's cost over new text, and nearly every form searched there is far below
   * the threshold (the held-out text as written: the segmentations with a cut are a 1e-5 share of
   * the run's sum in the median form, over 0.6 in 1 in 60): of its 7,040 forms up to
   * MAX_BOUNDED_RUN letters, 4,724 are answered by the first bound and 1,911 more by the second.
   * A run that may have a cut is searched as before, so the answers are the same. BOUND_MARGIN
   * keeps the rounding of the sums (parts in 1e15) on the safe side.
   */
  const mayCut = (run: Run, lost: Float64Array, bound: RunBound): boolean => {
    const whole = scorePieces(run, bound);
    if (!(whole > 0)) return true;
    const cut = forwardSums(run.codes.length, whole, lost);
    return !(cut / (cut + whole) < cutThreshold - BOUND_MARGIN);
  };

  const takenAsWritten = (key: string, display?: string): boolean => trie.count(key) >= FREQUENT_WORD && !hasInnerWordEnd(display);

  const segment = (key: string, display?: string, wholeFactor = 1, lostSpaceFactor = 1): RunSegmentation => {
    const n = key.length;
    if (n < MIN_RUN || n > MAX_RUN) return NO_CUTS;
    // A word the training text has often is taken as written: no text has it run together that often.
    if (takenAsWritten(key, display)) return NO_CUTS;
    const codes = codesOf(key);
    // 1 where the display letter is not the key's (أ, ة, ى folded): no affix is written there.
    const { folded } = scratch;
    for (let k = 0; k < n; k++) folded[k] = display !== undefined && display.charCodeAt(k) !== key.charCodeAt(k) ? 1 : 0;
    const run: Run = {
      codes,
      terms: scratch.terms,
      nameTerms: scratch.nameTerms,
      nameRow: scratch.nameRow,
      prefixesAt: affixMasks(codes, folded, prefixes, prefixesByFirst, scratch.prefixes),
      suffixesAt: affixMasks(codes, folded, suffixes, suffixesByFirst, scratch.suffixes),
      linear: scratch.linear,
    };
    const lost = lostSpacePriors(n, display, missingSpace * lostSpaceFactor, scratch.lost);
    const bounded = n <= maxBoundedRun;
    if (bounded && !mayCut(run, lost, 'no terms')) return NO_CUTS;
    chars.fillRunTerms(codes, scratch.terms);
    if (bounded && !mayCut(run, lost, 'no name terms')) return NO_CUTS;
    nameChars.fillRunTerms(codes, scratch.nameTerms);
    const { forward, backward, score } = scratch;
    const whole = scorePieces(run, 'exact');
    forwardSums(n, whole, lost);
    // backward[i]: sum over segmentations of key[i, n) (the space before i not included).
    backward.fill(0, 0, n + 1);
    backward[n] = 1;
    for (let i = n - MIN_PIECE; i >= 0; i--) {
      let sum = i === 0 ? whole : 0;
      for (let len = MIN_PIECE; len <= Math.min(MAX_PIECE, n - i); len++) {
        const j = i + len;
        sum += (score[i * width + len] ?? 0) * (j === n ? 1 : (lost[j] ?? 0) * (backward[j] ?? 0));
      }
      backward[i] = sum;
    }
    let total = forward[n] ?? 0;
    if (!(total > 0) || !Number.isFinite(total)) return NO_CUTS;
    // A document that lost almost no spaces asks more of a cut after a rare piece (CLEAN_CUT_THRESHOLD).
    const strict = lostSpaceFactor < 1;
    // There, a run one edit from a frequent word is that word misspelt, not two words (MISSPELT_WORD_SHARE); asked once, when a cut is found.
    let misspelt: boolean | undefined;
    const posteriors = (): RunSegmentation => {
      const cuts: number[] = [];
      const confidences: number[] = [];
      for (let k = MIN_PIECE; k + MIN_PIECE <= n; k++) {
        const posterior = ((forward[k] ?? 0) * (backward[k] ?? 0)) / total;
        if (posterior >= cutThreshold) {
          if (strict && posterior < cleanCutThreshold && trie.count(key.slice(cuts[cuts.length - 1] ?? 0, k)) < FREQUENT_BEFORE_CUT) continue;
          if (strict && (misspelt ??= oneEditFromFrequentWord(trie, codes, misspeltWordCount))) continue;
          cuts.push(k);
          confidences.push(Math.min(1, posterior));
        }
      }
      return cuts.length === 0 ? NO_CUTS : { cuts, confidences };
    };
    const found = posteriors();
    // The name model's reading of the whole run and the word list only make the run likelier
    // whole, so they are asked only when a cut was found. The whole run enters the total alone:
    // the other sums stay.
    if (found.cuts.length === 0) return found;
    // wholeFactor is evidence from the document (runs.ts); the word list's factor multiplies after it.
    const wholeAfter = (whole + unknownMass * nameShare * wholeAsName(run)) * wholeFactor;
    const { dictionary } = options;
    const asWord = dictionary === undefined ? total : total + (wholeAfter * dictionary.factor - whole);
    total += wholeAfter - whole;
    // The word list is asked only when its answer can change the total: for a long run of
    // several words the whole run is so unlikely that even as a listed word it is below the
    // total's last bit (and a search of the folded word list is the dearest question here).
    if (asWord !== total && dictionary?.isWord(key, display) === true) total = asWord;
    return posteriors();
  };

  /**
   * P(a run spelt as a name) x LETTER_SCALE^length, as piece probabilities are scaled, from the
   * name model's terms of the run (filled in segment). Asked of runs of any length: names written
   * together are read as name pieces (piecesFrom), and a name longer than nameLength would
   * otherwise be cut at a name piece and a short word (`رافالومان|انا`).
   */
  const wholeAsName = (run: Run): number => {
    const n = run.codes.length;
    nameChars.prefixesFrom(run.codes, 0, n, run.nameTerms, run.nameRow);
    return run.nameRow[n] ?? 0;
  };

  return { segment, takenAsWritten };
}

/**
 * Whether a run is one edit from a word the trie has at least `minCount` times: one letter of the
 * run substituted (`منزطق`, `مناطق`), or one letter missing from it (`تكنلوجيا`, `تكنولوجيا`). A
 * walk of the trie per edit from the node of the run's prefix before it. Transpositions and a
 * letter too many were left out: a function word and the word after it are often one such edit
 * from a frequent word (`ماقبل` from `مقابل`, `مادفع` from `مدفع`), and those cuts are right.
 */
export function oneEditFromFrequentWord(trie: WordTrie, codes: Uint8Array, minCount: number): boolean {
  const n = codes.length;
  // The count of the word reached by walking codes[from, n) from node.
  const rest = (start: number, from: number): number => {
    let node = start;
    for (let i = from; i < n && node !== WordTrie.NONE; i++) node = trie.child(node, codes[i] ?? 0);
    return node === WordTrie.NONE ? 0 : trie.countAt(node);
  };
  let prefix = WordTrie.ROOT;
  for (let i = 0; i <= n && prefix !== WordTrie.NONE; i++) {
    const code = codes[i] ?? 0;
    for (let letter = FIRST_LETTER; letter <= LAST_LETTER; letter++) {
      const next = trie.child(prefix, letter);
      if (next === WordTrie.NONE) continue;
      // The letter instead of the run's i-th, or missing before it.
      if ((i < n && letter !== code && rest(next, i + 1) >= minCount) || rest(next, i) >= minCount) return true;
    }
    if (i < n) prefix = trie.child(prefix, code);
  }
  return false;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, x) => total + x, 0);
}

