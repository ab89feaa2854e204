/**
 * A fixed map from non-negative 31-bit integers to numbers in typed arrays (open addressing): the
 * segmenter's hot lookups (n-grams of the back-off walk, trie edges) cost a Map's hashing otherwise.
 */
export class NumberTable {
  private readonly keys: Int32Array;
  private readonly values: Float64Array;
  private readonly shift: number;

  /** From entries, or from the arrays of a table built before (see `data`, cache.ts). */
  constructor(entries: ReadonlyMap<number, number> | NumberTableData) {
    if (!(entries instanceof Map)) {
      const { keys, values } = entries as NumberTableData;
      this.keys = keys;
      this.values = values;
      this.shift = 32 - Math.log2(keys.length);
      return;
    }
    let bits = 4;
    while (1 << bits < entries.size * 2) bits++;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Float64Array(1 << bits);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (const [key, value] of entries) {
      let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.values[slot] = value;
    }
  }

  /** The table's arrays, which rebuild it as it is (a power-of-two number of slots). */
  get data(): NumberTableData {
    return { keys: this.keys, values: this.values };
  }

  /** The value of `key`, or NaN. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const stored = this.keys[slot];
      if (stored === key) return this.values[slot] ?? NaN;
      if (stored === -1 || stored === undefined) return NaN;
    }
  }
}

export interface NumberTableData {
  /** Slot keys, -1 where empty; a power of two in length. */
  readonly keys: Int32Array;
  readonly values: Float64Array;
}
