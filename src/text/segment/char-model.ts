import { ALPHABET_BASE, WORD_END, WORD_START } from './alphabet.js';

/**
 * A character n-gram model of words (Witten-Bell interpolation), the probability of a word the
 * word table has never seen: an unknown foreign name as one word competes with its pieces on
 * how Arabic words are spelt, not on a hand-set weight.
 *
 * N-grams are base-64 numbers of symbol codes (see alphabet.ts), oldest symbol first. Every seen
 * n-gram's interpolated log probability and every context's back-off weight are computed once
 * at load; an unseen n-gram backs off to the shorter context.
 */

/** Symbols in the base distribution (letters, other, markers). */
const BASE_SYMBOLS = WORD_END;

export class CharModel {
  private readonly logProb = new Map<number, number>();
  private readonly logBackoff = new Map<number, number>();
  private readonly contextModulus: number;

  /** `counts`: n-gram number -> count, for every order 1..order. */
  constructor(
    readonly order: number,
    counts: ReadonlyMap<number, number>,
  ) {
    this.contextModulus = ALPHABET_BASE ** (order - 1);
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
    for (const [context, seen] of types) {
      const all = total.get(context) ?? 0;
      this.logBackoff.set(context, Math.log(seen / (all + seen)));
    }
    for (let n = 1; n <= order; n++) {
      for (const [gram, count] of byOrder[n] ?? []) {
        const context = Math.floor(gram / ALPHABET_BASE);
        const symbol = gram % ALPHABET_BASE;
        const lower = n === 1 ? 1 / BASE_SYMBOLS : Math.exp(this.conditional(context % ALPHABET_BASE ** (n - 2), n - 2, symbol));
        const all = total.get(context) ?? 0;
        const seen = types.get(context) ?? 0;
        this.logProb.set(gram, Math.log((count + seen * lower) / (all + seen)));
      }
    }
  }

  /**
   * Log probability of `symbol` after `context` (a number of `length` symbols, oldest first);
   * contexts longer than the model's are cut to its order.
   */
  conditional(context: number, length: number, symbol: number): number {
    let ctx = context;
    let n = length;
    if (n >= this.order) {
      ctx %= this.contextModulus;
      n = this.order - 1;
    }
    let backoff = 0;
    for (;;) {
      const known = this.logProb.get(ctx * ALPHABET_BASE + symbol);
      if (known !== undefined) return backoff + known;
      backoff += this.logBackoff.get(ctx) ?? 0;
      if (n === 0) return backoff + Math.log(1 / BASE_SYMBOLS);
      n--;
      ctx %= ALPHABET_BASE ** n;
    }
  }

  /**
   * Log probabilities of the words codes[start, start + length) for length 1..maxLength, start and
   * end markers included, into out[length] (out[0] is left alone). One pass: each longer word
   * shares the letters of the shorter one.
   */
  prefixesFrom(codes: Uint8Array, start: number, maxLength: number, out: Float64Array): void {
    let context = WORD_START;
    let contextLength = 1;
    let letters = 0;
    const end = Math.min(codes.length, start + maxLength);
    for (let i = start; i < end; i++) {
      const symbol = codes[i] ?? 0;
      letters += this.conditional(context, contextLength, symbol);
      context = (context % this.contextModulus) * ALPHABET_BASE + symbol;
      contextLength = Math.min(contextLength + 1, this.order - 1);
      context %= this.contextModulus;
      out[i - start + 1] = letters + this.conditional(context, contextLength, WORD_END);
    }
  }

  /** Log probability of one whole word. */
  word(codes: Uint8Array): number {
    const out = new Float64Array(codes.length + 1);
    this.prefixesFrom(codes, 0, codes.length, out);
    return out[codes.length] ?? 0;
  }
}

/** Symbols in an n-gram number. */
export function lengthOf(gram: number): number {
  let n = 0;
  for (let g = gram; g > 0; g = Math.floor(g / ALPHABET_BASE)) n++;
  return n;
}
