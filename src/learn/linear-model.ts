import type { Transitions } from './viterbi.js';

/**
 * A trained linear sequence model ready to score: feature hash -> a row of weights per tag, in an
 * open-addressing table over typed arrays (no strings, no Map), so a model of a few hundred
 * thousand features loads in milliseconds and a lookup is a few array reads.
 */
export class LinearSequenceModel {
  /**
   * Per slot, the feature (as int32) and its row (-1 when empty) side by side: a probe reads one
   * cache line, where a long document's word pairs probe all over a table of megabytes.
   */
  private readonly slots: Int32Array;
  /**
   * One bit per value of a feature's low bits, set when some feature has them: most features a
   * text gives (word pairs) are not in the model, and this answers most of those from a table
   * small enough to stay in the cache, where a probe of the slots would miss it.
   */
  private readonly seen: Int32Array;

  constructor(
    readonly tags: readonly string[],
    /** Feature hashes, one per row. */
    readonly features: Uint32Array,
    /** rows × tags weights. */
    readonly weights: Float32Array,
    readonly transitions: Transitions,
  ) {
    const size = tableSize(features.length);
    this.slots = new Int32Array(size * 2);
    for (let slot = 0; slot < size; slot++) this.slots[2 * slot + 1] = -1;
    const mask = size - 1;
    for (let row = 0; row < features.length; row++) {
      const feature = features[row] ?? 0;
      let slot = feature & mask;
      while (this.slots[2 * slot + 1] !== -1) slot = (slot + 1) & mask;
      this.slots[2 * slot] = feature;
      this.slots[2 * slot + 1] = row;
    }
    this.seen = new Int32Array(filterWords(features.length));
    const seenMask = this.seen.length - 1;
    for (const feature of features) {
      const word = (feature >>> 5) & seenMask;
      this.seen[word] = (this.seen[word] as number) | (1 << (feature & 31));
    }
  }

  get tagCount(): number {
    return this.tags.length;
  }

  /** The row of a feature, or -1 when the model never weighed it. */
  rowOf(feature: number): number {
    const { slots, seen } = this;
    if (((seen[(feature >>> 5) & (seen.length - 1)] as number) & (1 << (feature & 31))) === 0) return -1;
    const mask = (slots.length >> 1) - 1;
    const key = feature | 0;
    for (let slot = feature & mask; ; slot = (slot + 1) & mask) {
      const row = slots[2 * slot + 1] as number;
      if (row === -1 || slots[2 * slot] === key) return row;
    }
  }

  /** Adds the weights of `features` to scores[offset .. offset + tagCount), feature by feature in their order. */
  addScores(features: ArrayLike<number>, scores: Float64Array, offset: number): void {
    for (let f = 0; f < features.length; f++) this.addRow(this.rowOf(features[f] as number), scores, offset);
  }

  /** Adds the weights of `row` (from `rowOf`; -1 adds nothing) to scores[offset .. offset + tagCount). */
  addRow(row: number, scores: Float64Array, offset: number): void {
    if (row === -1) return;
    const tagCount = this.tags.length;
    const base = row * tagCount;
    for (let tag = 0; tag < tagCount; tag++) scores[offset + tag] = (scores[offset + tag] as number) + (this.weights[base + tag] as number);
  }

  /** The weight of one feature for one tag (0 when unknown). */
  weightOf(feature: number, tag: number): number {
    const row = this.rowOf(feature);
    return row === -1 ? 0 : (this.weights[row * this.tags.length + tag] ?? 0);
  }
}

/** 32-bit words of the filter: a power of two, at least 16 bits per feature (a miss passes it about one time in 16). */
function filterWords(count: number): number {
  let words = 1024;
  while (words * 32 < count * 16) words *= 2;
  return words;
}

/** A power of two at least twice the count: probes stay short. */
function tableSize(count: number): number {
  let size = 1024;
  while (size < count * 2) size *= 2;
  return size;
}
