/**
 * The seen contexts of a character n-gram model (see char-model.ts), each with its back-off weight
 * and the log probabilities of the symbols seen after it, side by side: a question about a symbol
 * after a context reads the context's slot and its entry (a cache line or two), and the next
 * question about the same context (the run's next letter, or the end of a word there) reads the
 * same lines. Two hash tables of n-grams and of contexts cost a cold line each on text of new
 * runs, where nearly every question is new.
 *
 * Which symbols follow a context is a bit set in its entry (symbols are below 64: two 32-bit
 * words), and their log probabilities follow in symbol order: a symbol's value is found by
 * counting the bits below its own, not by scanning (symbol, value) pairs, and an entry is half
 * as long (a context of the word model has three followers on average, a one-letter context up to 45).
 */
export class ContextTable {
  private readonly slots: Int32Array;
  private readonly entries: Float64Array;
  private readonly shift: number;
  private readonly mask: number;

  /** From the arrays of a table built before (see `data`, table-cache.ts). */
  constructor(data: ContextTableData) {
    this.slots = data.slots;
    this.entries = data.entries;
    const size = this.slots.length / 2;
    this.shift = 32 - Math.log2(size);
    this.mask = size - 1;
  }

  /**
   * `logBackoff`: context number -> log back-off weight, for every context seen; `logProb`:
   * n-gram number (context * base + symbol) -> log probability, every n-gram's context among them.
   */
  static build(logBackoff: ReadonlyMap<number, number>, logProb: ReadonlyMap<number, number>, base: number): ContextTable {
    const followers = new Map<number, [number, number][]>();
    for (const [gram, value] of logProb) {
      const context = Math.floor(gram / base);
      let list = followers.get(context);
      if (list === undefined) followers.set(context, (list = []));
      list.push([gram % base, value]);
    }
    const contexts = [...logBackoff.keys()].sort((a, b) => a - b);
    let bits = 4;
    while (1 << bits < contexts.length * 2) bits++;
    const slots = new Int32Array(2 << bits).fill(-1);
    const entries = new Float64Array(contexts.length * HEADER + logProb.size);
    const shift = 32 - bits;
    const mask = (1 << bits) - 1;
    let at = 0;
    for (const context of contexts) {
      let slot = Math.imul(context, 0x9e3779b1) >>> shift;
      while (slots[2 * slot] !== -1) slot = (slot + 1) & mask;
      slots[2 * slot] = context;
      slots[2 * slot + 1] = at;
      const list = (followers.get(context) ?? []).sort((a, b) => a[0] - b[0]);
      let low = 0;
      let high = 0;
      for (const [symbol] of list) {
        if (!Number.isInteger(symbol) || symbol < 0 || symbol >= 64) throw new RangeError(`context table: symbol ${symbol} is not below 64`);
        if (symbol < 32) low |= 1 << symbol;
        else high |= 1 << (symbol - 32);
      }
      entries[at++] = logBackoff.get(context) ?? 0;
      entries[at++] = low >>> 0;
      entries[at++] = high >>> 0;
      for (const [, value] of list) entries[at++] = value;
    }
    if (at !== entries.length) throw new Error(`context table: ${logProb.size} n-grams, but some have a context with no back-off weight`);
    return new ContextTable({ slots, entries });
  }

  /** The table's arrays, which rebuild it as it is. */
  get data(): ContextTableData {
    return { slots: this.slots, entries: this.entries };
  }

  /** Where a context's entry is, or -1 when it was never seen. */
  entryOf(context: number): number {
    const { slots, mask } = this;
    for (let slot = Math.imul(context, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot];
      if (stored === context) return slots[2 * slot + 1] ?? -1;
      if (stored === -1 || stored === undefined) return -1;
    }
  }

  /** The log back-off weight of the context at `entry`. */
  logBackoffAt(entry: number): number {
    return this.entries[entry] ?? 0;
  }

  /** The log probability of `symbol` after the context at `entry`, or NaN when it was never seen there. */
  logProbAt(entry: number, symbol: number): number {
    const { entries } = this;
    const low = (entries[entry + 1] ?? 0) >>> 0;
    let below: number;
    if (symbol < 32) {
      const bit = 1 << symbol;
      if ((low & bit) === 0) return NaN;
      below = bitCount(low & (bit - 1));
    } else {
      const high = (entries[entry + 2] ?? 0) >>> 0;
      const bit = 1 << (symbol - 32);
      if ((high & bit) === 0) return NaN;
      below = bitCount(low) + bitCount(high & (bit - 1));
    }
    return entries[entry + HEADER + below] ?? NaN;
  }
}

/** Numbers before a context's followers' values: its back-off weight and the two words of its bit set. */
const HEADER = 3;

/** Set bits of a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export interface ContextTableData {
  /** Per slot, a context number (-1: empty) and where its entry starts; a power of two of slots. */
  readonly slots: Int32Array;
  /**
   * Per context: its log back-off weight, the bit set of its followers' symbols (symbols 0-31,
   * then 32-63, each a 32-bit word), then each follower's log probability, by symbol.
   */
  readonly entries: Float64Array;
}
