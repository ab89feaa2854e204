import { ALPHABET_BASE, OTHER, WORD_END, WORD_START } from './alphabet.js';
import { ContextTable, type ContextTableData } from './context-table.js';

/**
 * A character n-gram model of words (Witten-Bell interpolation), the probability of a word the
 * word table has never seen: an unknown foreign name as one word competes with its pieces on
 * how Arabic words are spelt, not on a hand-set weight.
 *
 * N-grams are base-64 numbers of symbol codes (see alphabet.ts), oldest symbol first. Every seen
 * n-gram's interpolated log probability and every context's back-off weight are computed once
 * at load; an unseen n-gram backs off to the shorter context.
 */

/**
 * Sets of the memo of last start letters: the probability of a piece's letter `order - 1` after
 * the start marker and the letters before it, by the first `order - 1` letters (see
 * lastStartLetterOf). With the table of short starts (see shortStartsOf) it gives a piece's
 * first letters' and shortest lengths' probabilities. Every position of a run starts a piece, so
 * these are most of the model's questions: hostile text asks 458,000 times about some 71,000
 * distinct starts, and with 2^16 sets of two slots (a set of both models' lanes is one cache
 * line) more than four in five are answered here, against 0.79 with as many slots one to a set.
 */
const LAST_BITS = 16;
/** Per slot of the memo of last start letters: its key and the probability. */
const LAST_WIDTH = 2;

/**
 * Slots of the memo of run terms: an `order`-gram of a run (its c letters and the next one, or
 * none after the run's last letter) fixes both terms fillRunTerms asks there. Hostile text of
 * distinct runs glued from words asks about each 5-gram more than twice (some 190,000 distinct
 * ones at a megabyte's 458,000 positions); a memo slot is half a cache line, where a back-off walk
 * reads two lines or more. With 2^17 slots about half the questions are answered from the memo.
 */
const TERM_BITS = 17;
/** Slots a set of the memo of last start letters (see wayOf). */
const WAYS = 2;
/** Per term slot: its key, the probability of a word's end, that of the next letter (unscaled). */
const TERM_WIDTH = 4;
/**
 * Letters of the word starts the table of short starts holds (see shortStartsOf): every string of
 * up to `order - 2` letters, by its base-START_BASE number. Letter codes are 1 to OTHER, so the
 * numbers of strings of different lengths never meet (the smallest of two letters, 45, is above
 * the largest of one, 43), and the table of an order-5 model is 85,184 entries.
 */
const START_BASE = OTHER + 1;
/** Per entry of the table of short starts: the probability of its last letter, then of the word's end after it. */
const START_WIDTH = 2;
/** The longest start the table holds (its size grows 44-fold a letter). */
const MAX_SHORT_START = 3;

/** Symbols in the base distribution (letters, other, markers). */
const BASE_SYMBOLS = WORD_END;
const LOG_BASE_PROBABILITY = Math.log(1 / BASE_SYMBOLS);

export class CharModel {
  /** Every seen context's back-off weight and its followers' log probabilities. */
  private readonly contexts: ContextTable;
  private readonly contextModulus: number;
  /** ALPHABET_BASE ** n for n < order: a context number modulo it keeps its last n symbols (a table: the back-off walk is hot). */
  private readonly contextModuli: readonly number[];
  /** The two answers of the last backOffPair. */
  private readonly pair = new Float64Array(2);
  /**
   * Last start letters (see LAST_BITS), two-way (see wayOf): per slot its key, then the
   * probability. In this memo and the one below a key is never 0 (letter codes start at 1), so 0
   * marks an empty slot. This model's slots are its lane of memos it may share with other models
   * (see CharMemos): the first slot of set s is at s * lastStride + lastLane, the second
   * lastWayStride after it.
   */
  private readonly lastValues: Float64Array;
  private readonly lastStride: number;
  private readonly lastWayStride: number;
  private readonly lastLane: number;
  /** The memo of run terms (see TERM_BITS), direct-mapped: per slot its key, the end's and the letter's probability. */
  private readonly termValues: Float64Array;
  private readonly termStride: number;
  private readonly termLane: number;
  /**
   * The table of short starts (see shortStartsOf): for every string of up to `order - 2` letters,
   * at START_WIDTH times its number, the probability of its last letter after the start marker and
   * the letters before it, then that of the word's end after it.
   */
  private readonly starts: Float64Array;
  /**
   * `counts`: n-gram number -> count, for every order 1..order; or the tables of a model built
   * before (see `data`). `memos`: a lane of memos shared with other models of the same order
   * (see CharMemos); by default the model has memos of its own.
   */
  constructor(
    readonly order: number,
    counts: ReadonlyMap<number, number> | CharModelData,
    memos: CharMemoLane = new CharMemos(order, 1).lane(0),
  ) {
    if (memos.memos.order !== order) throw new RangeError(`character model: memos of order ${memos.memos.order} for a model of order ${order}`);
    if (order - 2 > MAX_SHORT_START) throw new RangeError(`character model: order ${order} needs a table of starts of ${order - 2} letters (at most ${MAX_SHORT_START})`);
    this.contextModulus = ALPHABET_BASE ** (order - 1);
    this.contextModuli = Array.from({ length: order }, (_, n) => ALPHABET_BASE ** n);
    const { lasts, terms, lanes } = memos.memos;
    this.lastValues = lasts;
    this.lastWayStride = LAST_WIDTH * lanes;
    this.lastStride = this.lastWayStride * WAYS;
    this.lastLane = LAST_WIDTH * memos.lane;
    this.termValues = terms;
    this.termStride = TERM_WIDTH * lanes;
    this.termLane = TERM_WIDTH * memos.lane;
    if (!(counts instanceof Map)) {
      const data = counts as CharModelData;
      this.contexts = new ContextTable(data.contexts);
      if (data.starts.length !== START_WIDTH * START_BASE ** (order - 2)) throw new RangeError(`character model: a table of ${data.starts.length} start values for order ${order}`);
      this.starts = data.starts;
      return;
    }
    const byOrder: [number, number][][] = Array.from({ length: order + 1 }, () => []);
    for (const entry of counts) byOrder[lengthOf(entry[0])]?.push(entry);
    // Context totals and distinct followers, then probabilities from short to long.
    const total = new Map<number, number>();
    const types = new Map<number, number>();
    for (const [gram, count] of counts) {
      const context = Math.floor(gram / ALPHABET_BASE);
      total.set(context, (total.get(context) ?? 0) + count);
      types.set(context, (types.get(context) ?? 0) + 1);
    }
    const logBackoff = new Map<number, number>();
    for (const [context, seen] of types) {
      const all = total.get(context) ?? 0;
      logBackoff.set(context, Math.log(seen / (all + seen)));
    }
    // Built order by order: each order's probabilities interpolate the shorter ones, already in the map.
    const logProb = new Map<number, number>();
    const lookups = { logProb: (gram: number) => logProb.get(gram) ?? NaN, logBackoff: (context: number) => logBackoff.get(context) ?? NaN };
    for (let n = 1; n <= order; n++) {
      for (const [gram, count] of byOrder[n] ?? []) {
        const context = Math.floor(gram / ALPHABET_BASE);
        const symbol = gram % ALPHABET_BASE;
        const lower = n === 1 ? 1 / BASE_SYMBOLS : Math.exp(backOffIn(lookups, context % ALPHABET_BASE ** (n - 2), n - 2, symbol, this.contextModuli));
        const all = total.get(context) ?? 0;
        const seen = types.get(context) ?? 0;
        logProb.set(gram, Math.log((count + seen * lower) / (all + seen)));
      }
    }
    this.contexts = ContextTable.build(logBackoff, logProb, ALPHABET_BASE);
    this.starts = this.shortStartsOf();
  }

  /** The computed tables (see cache.ts). */
  get data(): CharModelData {
    return { contexts: this.contexts.data, starts: this.starts };
  }

  /**
   * Probability of `symbol` after `context` (a number of `length` symbols, oldest first);
   * contexts longer than the model's are cut to its order.
   */
  probability(context: number, length: number, symbol: number): number {
    return Math.exp(this.backOff(context, length, symbol));
  }

  /** The log of probability() (see backOffIn, whose walk this is over the packed table). */
  private backOff(context: number, length: number, symbol: number): number {
    let ctx = context;
    let n = length;
    if (n >= this.order) {
      ctx %= this.contextModulus;
      n = this.order - 1;
    }
    const { contexts } = this;
    let backoff = 0;
    for (;;) {
      const entry = contexts.entryOf(ctx);
      if (entry >= 0) {
        const known = contexts.logProbAt(entry, symbol);
        if (!Number.isNaN(known)) return backoff + known;
        backoff += contexts.logBackoffAt(entry);
      }
      if (n === 0) return backoff + LOG_BASE_PROBABILITY;
      n--;
      ctx %= this.contextModuli[n] ?? 1;
    }
  }

  /**
   * probability() of two symbols after one context (fewer than `order` symbols), into pair[0]
   * and pair[1]: one back-off walk, whose sums are those of two (a symbol found is done, the
   * other goes on down the same contexts), and every context's entry is read once.
   */
  private probabilityPair(context: number, length: number, first: number, second: number): void {
    const { contexts } = this;
    let ctx = context;
    let n = length;
    let backoff = 0;
    let a = NaN;
    let b = NaN;
    for (;;) {
      const entry = contexts.entryOf(ctx);
      if (entry >= 0) {
        if (Number.isNaN(a)) a = backoff + contexts.logProbAt(entry, first);
        if (Number.isNaN(b)) b = backoff + contexts.logProbAt(entry, second);
        if (!Number.isNaN(a) && !Number.isNaN(b)) break;
        backoff += contexts.logBackoffAt(entry);
      }
      if (n === 0) {
        if (Number.isNaN(a)) a = backoff + LOG_BASE_PROBABILITY;
        if (Number.isNaN(b)) b = backoff + LOG_BASE_PROBABILITY;
        break;
      }
      n--;
      ctx %= this.contextModuli[n] ?? 1;
    }
    this.pair[0] = Math.exp(a);
    this.pair[1] = Math.exp(b);
  }

  /**
   * The terms of a run that do not depend on where a piece starts: once a piece has `order - 1`
   * letters, the probability of its next letter, or of its end, depends only on the run's
   * letters before it. Computed once per run (into `terms`, sized for the run), they make every
   * piece's probability a few multiplications. Letter probabilities are multiplied by
   * terms.letterScale (see prefixesFrom).
   */
  fillRunTerms(codes: Uint8Array, terms: RunTerms): void {
    const c = this.order - 1;
    const { letter, endAfter, letterScale } = terms;
    const { pair, termValues } = this;
    const n = codes.length;
    // The c letters up to t are the context of the end after t and of letter t + 1: one walk for
    // both, once per n-gram (the memo; its key is the context and the next letter, 0 after the run).
    let context = 0;
    for (let t = 0; t < n; t++) {
      context = (context * ALPHABET_BASE + (codes[t] ?? 0)) % this.contextModulus;
      if (t < c - 1) continue;
      const next = t + 1 < n ? (codes[t + 1] ?? 0) : 0;
      const key = context * ALPHABET_BASE + next;
      const at = (Math.imul(key, 0x9e3779b1) >>> (32 - TERM_BITS)) * this.termStride + this.termLane;
      if (termValues[at] !== key) {
        if (next === 0) {
          termValues[at + 1] = this.probability(context, c, WORD_END);
        } else {
          this.probabilityPair(context, c, WORD_END, next);
          termValues[at + 1] = pair[0] ?? 0;
          termValues[at + 2] = pair[1] ?? 0;
        }
        termValues[at] = key;
      }
      endAfter[t] = termValues[at + 1] ?? 0;
      if (next !== 0) letter[t + 1] = (termValues[at + 2] ?? 0) * letterScale;
    }
  }

  /**
   * Probabilities of the words codes[start, start + length) for length 1..maxLength, start and
   * end markers included, each letter's probability multiplied by terms.letterScale (a constant
   * per letter keeps products of long runs far from underflow), into out[length].
   *
   * `bound` asks for an upper bound of them that costs fewer reads: 'last start letter' takes the
   * probability of a piece's letter `order - 1` (from the memo of last start letters, a back-off
   * walk when it misses) as 1; 'start only' reads no run terms either (they need not be filled),
   * taking every letter after the first `order - 2` and the word's end as 1. A piece short enough
   * for the table of short starts alone is given exactly.
   */
  prefixesFrom(codes: Uint8Array, start: number, maxLength: number, terms: RunTerms, out: Float64Array, bound: PrefixBound = 'exact'): void {
    const c = this.order - 1;
    const end = Math.min(codes.length, start + maxLength);
    const { letter, endAfter, letterScale } = terms;
    if (start + c > codes.length) {
      this.tailPrefixesFrom(codes, start, end, letterScale, out);
      return;
    }
    // The first c - 1 letters: from the table of short starts, scaled here (it holds plain probabilities).
    const { starts } = this;
    let head = 1;
    let number = 0;
    let scale = 1;
    for (let k = 0; k + 1 < c && start + k < end; k++) {
      number = number * START_BASE + (codes[start + k] ?? 0);
      head *= starts[START_WIDTH * number] ?? 0;
      scale *= letterScale;
      out[k + 1] = head * scale * (starts[START_WIDTH * number + 1] ?? 0);
    }
    if (start + c > end) return;
    if (bound === 'start only') {
      let most = head * scale;
      for (let t = start + c - 1; t < end; t++) {
        most *= letterScale;
        out[t - start + 1] = most;
      }
      return;
    }
    const last = bound === 'exact' ? this.lastStartLetterOf(codes, start) : 1;
    scale *= letterScale;
    let letters = head * last * scale;
    out[c] = letters * (endAfter[start + c - 1] ?? 0);
    for (let t = start + c; t < end; t++) {
      letters *= letter[t] ?? 0;
      out[t - start + 1] = letters * (endAfter[t] ?? 0);
    }
  }

  /**
   * The probability of letter c - 1 of the word start codes[start, start + c) after the start
   * marker and the letters before it (from the memo of last start letters).
   */
  private lastStartLetterOf(codes: Uint8Array, start: number): number {
    const c = this.order - 1;
    let key = 0;
    for (let k = 0; k < c; k++) key = key * ALPHABET_BASE + (codes[start + k] ?? 0);
    const set = (Math.imul(key, 0x9e3779b1) >>> (32 - LAST_BITS)) * this.lastStride + this.lastLane;
    const { lastValues } = this;
    const found = wayOf(lastValues, set, this.lastWayStride, LAST_WIDTH, 0, key);
    if (found >= 0) return lastValues[found + 1] ?? 0;
    const at = set;
    let context = WORD_START;
    for (let k = 0; k < c - 1; k++) context = context * ALPHABET_BASE + (codes[start + k] ?? 0);
    const last = this.probability(context, c, codes[start + c - 1] ?? 0);
    lastValues[at + 1] = last;
    lastValues[at] = key;
    return last;
  }

  /**
   * prefixesFrom for a piece start with fewer than `order - 1` letters left in the run (the last
   * pieces of a run): every piece from it is a short start, read from the table of short starts.
   * Its letters are scaled one by one, as they were multiplied when these pieces had a memo of
   * their own (the same products to the last bit).
   */
  private tailPrefixesFrom(codes: Uint8Array, start: number, end: number, letterScale: number, out: Float64Array): void {
    const { starts } = this;
    let letters = 1;
    let number = 0;
    for (let t = start; t < end; t++) {
      number = number * START_BASE + (codes[t] ?? 0);
      letters *= (starts[START_WIDTH * number] ?? 0) * letterScale;
      out[t - start + 1] = letters * (starts[START_WIDTH * number + 1] ?? 0);
    }
  }

  /**
   * The table of short starts: for every string of 1 to `order - 2` letters (codes 1 to OTHER),
   * the probability of its last letter after the start marker and its letters before it, and that
   * of the word's end after it. Every piece of a run starts with one of these, so a piece's first
   * letters cost a read of this table, never a back-off walk (text of new words asked some
   * 9,000 such walks of each model on a first pass over 0.5 MB of news, and as many for the last
   * letters of runs); the table is built once, with the model's other tables (85,184 entries for
   * an order-5 model).
   */
  private shortStartsOf(): Float64Array {
    const letters = this.order - 2;
    const starts = new Float64Array(START_WIDTH * START_BASE ** Math.max(0, letters));
    // number: a string's number in the table; context: the start marker and its letters, `length` symbols.
    const fill = (number: number, context: number, length: number): void => {
      for (let code = 1; code < START_BASE; code++) {
        const string = number * START_BASE + code;
        const next = context * ALPHABET_BASE + code;
        starts[START_WIDTH * string] = this.probability(context, length, code);
        starts[START_WIDTH * string + 1] = this.probability(next, length + 1, WORD_END);
        if (length < letters) fill(string, next, length + 1);
      }
    };
    if (letters > 0) fill(0, WORD_START, 1);
    return starts;
  }

}

/**
 * The log probability of `symbol` after `context` (`length` symbols, at most order - 1): the seen
 * n-gram's, else the context's back-off weight plus the answer of the context one symbol shorter
 * (an unseen context has no weight), down to the uniform base distribution. NaN: not seen.
 */
function backOffIn(
  lookups: { readonly logProb: (gram: number) => number; readonly logBackoff: (context: number) => number },
  context: number,
  length: number,
  symbol: number,
  contextModuli: readonly number[],
): number {
  let ctx = context;
  let n = length;
  let backoff = 0;
  for (;;) {
    const known = lookups.logProb(ctx * ALPHABET_BASE + symbol);
    if (!Number.isNaN(known)) return backoff + known;
    const weight = lookups.logBackoff(ctx);
    if (!Number.isNaN(weight)) backoff += weight;
    if (n === 0) return backoff + LOG_BASE_PROBABILITY;
    n--;
    ctx %= contextModuli[n] ?? 1;
  }
}

/**
 * The slot of a two-way memo set that holds `key` (at `keyAt` in a slot of `width` values): the
 * set's first slot `at` or its second, `wayStride` after it. When neither does, -1, once the
 * first slot's values were moved to the second: the caller fills the first, so a set keeps the
 * newest answer and the one before it (two starts that share a slot of a direct-mapped memo
 * would push each other out in turn).
 */
function wayOf(values: Float64Array, at: number, wayStride: number, width: number, keyAt: number, key: number): number {
  if (values[at + keyAt] === key) return at;
  const second = at + wayStride;
  if (values[second + keyAt] === key) return second;
  for (let k = 0; k < width; k++) values[second + k] = values[at + k] ?? 0;
  return -1;
}

/**
 * The memos of character models of one order that are asked about the same runs at once (the
 * segmenter's models of words and of names), slot by slot side by side: each model has a lane of
 * every slot, and a slot's lanes are one cache line.
 * Text of new runs finds nearly every slot cold, so two models asking about a run's letters one
 * after the other read one line where each model's memos of its own would read one each. A lane
 * is the memo its model would have alone (its keys, its values): sharing changes no answer.
 */
export class CharMemos {
  readonly lasts: Float64Array;
  readonly terms: Float64Array;

  constructor(
    readonly order: number,
    readonly lanes: number,
  ) {
    if (!Number.isInteger(lanes) || lanes < 1) throw new RangeError(`character model memos: ${lanes} lanes`);
    this.lasts = new Float64Array((1 << LAST_BITS) * WAYS * LAST_WIDTH * lanes);
    this.terms = new Float64Array((1 << TERM_BITS) * TERM_WIDTH * lanes);
  }

  /** Lane `lane` (0 to lanes - 1), for one model. */
  lane(lane: number): CharMemoLane {
    if (!Number.isInteger(lane) || lane < 0 || lane >= this.lanes) throw new RangeError(`character model memos: no lane ${lane} of ${this.lanes}`);
    return { memos: this, lane };
  }
}

/**
 * The segmenter's two character models (of words, of names), sharing their memos (see
 * CharMemos): it asks both about each run's letters, one after the other.
 */
export function pairedCharModels(order: number, words: ReadonlyMap<number, number> | CharModelData, names: ReadonlyMap<number, number> | CharModelData): [CharModel, CharModel] {
  const memos = new CharMemos(order, 2);
  return [new CharModel(order, words, memos.lane(0)), new CharModel(order, names, memos.lane(1))];
}

/** One model's part of shared memos. */
export interface CharMemoLane {
  readonly memos: CharMemos;
  readonly lane: number;
}

/** A character model's computed tables: every seen context's back-off weight and its followers' log probabilities. */
export interface CharModelData {
  readonly contexts: ContextTableData;
  /** The table of short starts (see CharModel.shortStartsOf). */
  readonly starts: Float64Array;
}

/** What prefixesFrom gives: the probabilities, or an upper bound of them (see there). */
export type PrefixBound = 'exact' | 'last start letter' | 'start only';

export interface RunTerms {
  /** Scaled probability of letter t after the c letters before it (t >= c). */
  readonly letter: Float64Array;
  /** Probability that a word ends after letter t, given its c last letters (t >= c - 1). */
  readonly endAfter: Float64Array;
  /** What every letter's probability is multiplied by. */
  readonly letterScale: number;
}

/** Room for the terms of runs of up to `length` letters. */
export function runTermsFor(length: number, letterScale: number): RunTerms {
  return { letter: new Float64Array(length), endAfter: new Float64Array(length), letterScale };
}

/** Symbols in an n-gram number. */
export function lengthOf(gram: number): number {
  let n = 0;
  for (let g = gram; g > 0; g = Math.floor(g / ALPHABET_BASE)) n++;
  return n;
}
