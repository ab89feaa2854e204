import { ALPHABET_BASE, WORD_END, WORD_START } from './alphabet.js';
import { NumberTable, type NumberTableData } from './number-table.js';

/**
 * A character n-gram model of words (Witten-Bell interpolation), the probability of a word the
 * word table has never seen: an unknown foreign name as one word competes with its pieces on
 * how Arabic words are spelt, not on a hand-set weight.
 *
 * N-grams are base-64 numbers of symbol codes (see alphabet.ts), oldest symbol first. Every seen
 * n-gram's interpolated log probability and every context's back-off weight are computed once
 * at load; an unseen n-gram backs off to the shorter context.
 */

const MEMO_BITS = 18;
/**
 * Slots of the memo of word starts: the first `order - 1` letters of a piece, which with the
 * start marker fix its first letters' and its shortest lengths' probabilities. Every position of
 * a run starts a piece, so these are most of the model's questions.
 */
const HEAD_BITS = 16;

/** Symbols in the base distribution (letters, other, markers). */
const BASE_SYMBOLS = WORD_END;
const LOG_BASE_PROBABILITY = Math.log(1 / BASE_SYMBOLS);

export class CharModel {
  private readonly logProb: NumberTable;
  private readonly logBackoff: NumberTable;
  private readonly contextModulus: number;
  /** ALPHABET_BASE ** n for n < order: a context number modulo it keeps its last n symbols (a table: the back-off walk is hot). */
  private readonly contextModuli: readonly number[];
  /** Answers of probability() in a direct-mapped cache (a new answer takes its slot): fixed memory on any text. */
  private readonly memoKeys = new Int32Array(1 << MEMO_BITS).fill(-1);
  private readonly memoValues = new Float64Array(1 << MEMO_BITS);
  /** Word starts (see HEAD_BITS), direct-mapped: per slot, `headWidth` values (see headOf). */
  private readonly headKeys = new Int32Array(1 << HEAD_BITS).fill(-1);
  private readonly headValues: Float64Array;
  private readonly headWidth: number;

  /** `counts`: n-gram number -> count, for every order 1..order; or the tables of a model built before (see `data`). */
  constructor(
    readonly order: number,
    counts: ReadonlyMap<number, number> | CharModelData,
  ) {
    this.contextModulus = ALPHABET_BASE ** (order - 1);
    this.contextModuli = Array.from({ length: order }, (_, n) => ALPHABET_BASE ** n);
    this.headWidth = 2 * (order - 1);
    this.headValues = new Float64Array((1 << HEAD_BITS) * this.headWidth);
    if (!(counts instanceof Map)) {
      const data = counts as CharModelData;
      this.logProb = new NumberTable(data.logProb);
      this.logBackoff = new NumberTable(data.logBackoff);
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
    this.logBackoff = new NumberTable(logBackoff);
    // Built order by order: each order's probabilities interpolate the shorter ones, already in the table.
    const logProb = new Map<number, number>();
    this.logProb = new NumberTable(logProb);
    for (let n = 1; n <= order; n++) {
      for (const [gram, count] of byOrder[n] ?? []) {
        const context = Math.floor(gram / ALPHABET_BASE);
        const symbol = gram % ALPHABET_BASE;
        const lower = n === 1 ? 1 / BASE_SYMBOLS : Math.exp(this.backOff(context % ALPHABET_BASE ** (n - 2), n - 2, symbol));
        const all = total.get(context) ?? 0;
        const seen = types.get(context) ?? 0;
        logProb.set(gram, Math.log((count + seen * lower) / (all + seen)));
      }
      this.logProb = new NumberTable(logProb);
    }
  }

  /** The computed tables (see cache.ts). */
  get data(): CharModelData {
    return { logProb: this.logProb.data, logBackoff: this.logBackoff.data };
  }

  /**
   * Probability of `symbol` after `context` (a number of `length` symbols, oldest first);
   * contexts longer than the model's are cut to its order.
   */
  probability(context: number, length: number, symbol: number): number {
    // Context numbers say their length (codes start at 1), so context and symbol name the answer.
    const key = (length >= this.order ? context % this.contextModulus : context) * ALPHABET_BASE + symbol;
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - MEMO_BITS);
    if (this.memoKeys[slot] === key) return this.memoValues[slot] ?? 0;
    const answer = Math.exp(this.backOff(context, length, symbol));
    this.memoKeys[slot] = key;
    this.memoValues[slot] = answer;
    return answer;
  }

  private backOff(context: number, length: number, symbol: number): number {
    let ctx = context;
    let n = length;
    if (n >= this.order) {
      ctx %= this.contextModulus;
      n = this.order - 1;
    }
    let backoff = 0;
    for (;;) {
      const known = this.logProb.get(ctx * ALPHABET_BASE + symbol);
      if (!Number.isNaN(known)) return backoff + known;
      const weight = this.logBackoff.get(ctx);
      if (!Number.isNaN(weight)) backoff += weight;
      if (n === 0) return backoff + LOG_BASE_PROBABILITY;
      n--;
      ctx %= this.contextModuli[n] ?? 1;
    }
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
    let context = 0;
    for (let t = 0; t < codes.length; t++) {
      const symbol = codes[t] ?? 0;
      if (t >= c) letter[t] = this.probability(context, c, symbol) * letterScale;
      context = (context * ALPHABET_BASE + symbol) % this.contextModulus;
      if (t >= c - 1) endAfter[t] = this.probability(context, c, WORD_END);
    }
  }

  /**
   * Probabilities of the words codes[start, start + length) for length 1..maxLength, start and
   * end markers included, each letter's probability multiplied by terms.letterScale (a constant
   * per letter keeps products of long runs far from underflow), into out[length].
   */
  prefixesFrom(codes: Uint8Array, start: number, maxLength: number, terms: RunTerms, out: Float64Array): void {
    const c = this.order - 1;
    const end = Math.min(codes.length, start + maxLength);
    if (start + c > codes.length) {
      this.shortPrefixesFrom(codes, start, end, terms, out);
      return;
    }
    // The first c letters: from the memo of word starts, scaled here (the memo holds plain probabilities).
    const at = this.headOf(codes, start);
    const values = this.headValues;
    const { letter, endAfter, letterScale } = terms;
    let letters = 1;
    let scale = 1;
    for (let k = 0; k < c && start + k < end; k++) {
      scale *= letterScale;
      letters = (values[at + k] ?? 0) * scale;
      out[k + 1] = letters * (k + 1 < c ? (values[at + c + k] ?? 0) : (endAfter[start + k] ?? 0));
    }
    for (let t = start + c; t < end; t++) {
      letters *= letter[t] ?? 0;
      out[t - start + 1] = letters * (endAfter[t] ?? 0);
    }
  }

  /**
   * The memo slot of the word start codes[start, start + c): values[at + k] is the probability of
   * its first k + 1 letters after the start marker, values[at + c + k] that of the word ending
   * after them (k + 1 < c).
   */
  private headOf(codes: Uint8Array, start: number): number {
    const c = this.order - 1;
    let key = 0;
    for (let k = 0; k < c; k++) key = key * ALPHABET_BASE + (codes[start + k] ?? 0);
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - HEAD_BITS);
    const at = slot * this.headWidth;
    if (this.headKeys[slot] === key) return at;
    let context = WORD_START;
    let contextLength = 1;
    let letters = 1;
    for (let k = 0; k < c; k++) {
      const symbol = codes[start + k] ?? 0;
      letters *= this.probability(context, contextLength, symbol);
      context = context * ALPHABET_BASE + symbol;
      contextLength++;
      this.headValues[at + k] = letters;
      if (k + 1 < c) this.headValues[at + c + k] = this.probability(context, contextLength, WORD_END);
    }
    this.headKeys[slot] = key;
    return at;
  }

  /** prefixesFrom for a piece start with fewer than `order - 1` letters left in the run. */
  private shortPrefixesFrom(codes: Uint8Array, start: number, end: number, terms: RunTerms, out: Float64Array): void {
    let context = WORD_START;
    let contextLength = 1;
    let letters = 1;
    for (let t = start; t < end; t++) {
      const symbol = codes[t] ?? 0;
      letters *= this.probability(context, contextLength, symbol) * terms.letterScale;
      context = context * ALPHABET_BASE + symbol;
      contextLength++;
      out[t - start + 1] = letters * this.probability(context, contextLength, WORD_END);
    }
  }

}

/** A character model's computed tables: every seen n-gram's log probability, every context's back-off weight. */
export interface CharModelData {
  readonly logProb: NumberTableData;
  readonly logBackoff: NumberTableData;
}

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
