/**
 * The seen contexts of a character n-gram model (see char-model.ts), each with its back-off weight
 * and the log probabilities of the symbols seen after it. A question about a symbol after a
 * context reads the context's slot, and the next question about the same context (the run's next
 * letter, or the end of a word there) reads the same line. Text of new runs finds nearly every
 * context cold, and a back-off walk goes down two or three of them, each a read that waits for
 * the one before: what a walk costs is how many cold lines it reads.
 *
 * A slot is half a cache line: the context, its back-off weight, which symbols follow it (a bit
 * set: symbols are below 64, two 32-bit words) and the log probability of the last of them (the
 * end of a word, when it follows: no letter code is above it); the other followers' values are
 * apart, in symbol order, found by counting the bits below a symbol's own. So a walk's step reads
 * one line when its symbol is not seen after the context (the back-off weight is in the slot) or
 * is the last follower, and two when it is another follower. A bit filter of the contexts (1 bit
 * of 16 set, small enough to stay in a near cache) answers most questions about a context never
 * seen without reading a slot at all: text of new runs asks about such contexts at one step in
 * five.
 */
export class ContextTable {
  /** Per slot: the 32-bit words (see ContextTableData.slots) as integers. */
  private readonly words: Int32Array;
  /** Per slot: the same bytes as numbers (the back-off weight and the last follower's value). */
  private readonly numbers: Float64Array;
  private readonly values: Float64Array;
  private readonly filter: Uint32Array;
  private readonly shift: number;
  private readonly mask: number;
  private readonly filterShift: number;

  /** From the arrays of a table built before (see `data`, table-cache.ts). */
  constructor(data: ContextTableData) {
    this.numbers = data.slots;
    this.words = new Int32Array(data.slots.buffer, data.slots.byteOffset, data.slots.length * 2);
    this.values = data.values;
    this.filter = data.filter;
    const size = data.slots.length / SLOT_NUMBERS;
    this.shift = 32 - Math.log2(size);
    this.mask = size - 1;
    this.filterShift = 32 - Math.log2(data.filter.length * 32);
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
    let filterBits = 5;
    while (1 << filterBits < contexts.length * FILTER_BITS_PER_CONTEXT) filterBits++;
    const slots = new Float64Array(SLOT_NUMBERS << bits);
    const words = new Int32Array(slots.buffer);
    const filter = new Uint32Array(1 << (filterBits - 5));
    for (let slot = 0; slot < 1 << bits; slot++) words[SLOT_WORDS * slot + CONTEXT] = EMPTY;
    const values: number[] = [];
    const shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (const context of contexts) {
      if (!Number.isInteger(context) || context < 0 || context > 0x7fffffff) throw new RangeError(`context table: context ${context} is not a 31-bit whole number`);
      let slot = Math.imul(context, 0x9e3779b1) >>> shift;
      while (words[SLOT_WORDS * slot + CONTEXT] !== EMPTY) slot = (slot + 1) & mask;
      const list = (followers.get(context) ?? []).sort((a, b) => a[0] - b[0]);
      let low = 0;
      let high = 0;
      for (const [symbol] of list) {
        if (!Number.isInteger(symbol) || symbol < 0 || symbol >= 64) throw new RangeError(`context table: symbol ${symbol} is not below 64`);
        if (symbol < 32) low |= 1 << symbol;
        else high |= 1 << (symbol - 32);
      }
      const at = SLOT_WORDS * slot;
      words[at + CONTEXT] = context;
      words[at + VALUES_AT] = values.length;
      words[at + LOW] = low;
      words[at + HIGH] = high;
      slots[SLOT_NUMBERS * slot + BACKOFF] = logBackoff.get(context) ?? 0;
      slots[SLOT_NUMBERS * slot + LAST_VALUE] = list.length === 0 ? NaN : (list[list.length - 1]?.[1] ?? NaN);
      for (const [, value] of list.slice(0, -1)) values.push(value);
      const bit = filterBitOf(context, 32 - filterBits);
      filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    const listed = [...followers.keys()].filter((context) => !logBackoff.has(context));
    if (listed.length > 0) throw new Error(`context table: ${listed.length} n-gram contexts have no back-off weight`);
    return new ContextTable({ slots, values: Float64Array.from(values), filter });
  }

  /** The table's arrays, which rebuild it as it is. */
  get data(): ContextTableData {
    return { slots: this.numbers, values: this.values, filter: this.filter };
  }

  /** Where a context's entry (its slot) is, or -1 when it was never seen. */
  entryOf(context: number): number {
    const bit = filterBitOf(context, this.filterShift);
    if (((this.filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return -1;
    const { words, mask } = this;
    for (let slot = Math.imul(context, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const stored = words[SLOT_WORDS * slot + CONTEXT];
      if (stored === context) return slot;
      if (stored === EMPTY || stored === undefined) return -1;
    }
  }

  /** The log back-off weight of the context at `entry`. */
  logBackoffAt(entry: number): number {
    return this.numbers[SLOT_NUMBERS * entry + BACKOFF] ?? 0;
  }

  /** The log probability of `symbol` after the context at `entry`, or NaN when it was never seen there. */
  logProbAt(entry: number, symbol: number): number {
    const { words } = this;
    const at = SLOT_WORDS * entry;
    const low = words[at + LOW] ?? 0;
    const high = words[at + HIGH] ?? 0;
    let below: number;
    if (symbol < 32) {
      if (((low >>> symbol) & 1) === 0) return NaN;
      if (high === 0 && low >>> symbol === 1) return this.numbers[SLOT_NUMBERS * entry + LAST_VALUE] ?? NaN;
      below = bitCount(low & ((1 << symbol) - 1));
    } else {
      const shifted = high >>> (symbol - 32);
      if ((shifted & 1) === 0) return NaN;
      if (shifted === 1) return this.numbers[SLOT_NUMBERS * entry + LAST_VALUE] ?? NaN;
      below = bitCount(low) + bitCount(high & ((1 << (symbol - 32)) - 1));
    }
    return this.values[(words[at + VALUES_AT] ?? 0) + below] ?? NaN;
  }
}

/** A slot is 4 numbers (32 bytes): 4 32-bit words, then the back-off weight and the last follower's value. */
const SLOT_NUMBERS = 4;
const SLOT_WORDS = 2 * SLOT_NUMBERS;
/** The words of a slot: its context (EMPTY: none), where its other followers' values start, its followers' bit set (symbols 0-31, 32-63). */
const CONTEXT = 0;
const VALUES_AT = 1;
const LOW = 2;
const HIGH = 3;
/** The numbers of a slot. */
const BACKOFF = 2;
const LAST_VALUE = 3;
const EMPTY = -1;
/** Bits of the filter per context: about 1 in 16 set, so a context never seen reads a slot 1 time in 16. */
const FILTER_BITS_PER_CONTEXT = 16;

/** The filter's bit of a context (another hash than the slots', so that contexts that share a slot seldom share a bit). */
function filterBitOf(context: number, shift: number): number {
  return Math.imul(context, 0x85ebca6b) >>> shift;
}

/** Set bits of a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export interface ContextTableData {
  /**
   * A power of two of slots of 4 numbers each, read as 32-bit words and as numbers: words 0-3
   * are the context (-1: an empty slot), where its followers but the last start in `values`, and
   * the bit set of its followers' symbols (0-31, then 32-63); numbers 2 and 3 are its log
   * back-off weight and its last follower's log probability (NaN: none).
   */
  readonly slots: Float64Array;
  /** Per context (in the order of their numbers), its followers' log probabilities but the last one's, by symbol. */
  readonly values: Float64Array;
  /** A bit per hash of a context (see filterBitOf): clear for every context never seen but a few. */
  readonly filter: Uint32Array;
}
