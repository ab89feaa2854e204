/**
 * A fixed set of strings that stay where they are, in one text, with an open-addressing table of
 * their hashes pointing into it: "is this word in the list, and which entry is it?" without a Map.
 * Its arrays are the whole of it, so they can be cached (io/binary-cache.ts) and opened with no
 * work: a Map and a Set of the tagger's 32,000 word statistics and 50,000 person-name words cost
 * ~45 ms of every start and their garbage. A lookup hashes the key's code units and compares them
 * in place (FNV-1a, linear probing, at most half the slots full).
 */

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Entry i is `text.slice(starts[i], ends[i])`; slots hold entry numbers or -1, a power of two of them. */
export interface StringTableData {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly slots: Int32Array;
}

function hashOf(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

export class StringTable {
  private readonly mask: number;

  private constructor(
    /** The text the entries are ranges of. */
    readonly text: string,
    readonly data: StringTableData,
  ) {
    this.mask = data.slots.length - 1;
  }

  /** The table of the entries `text.slice(starts[i], ends[i])`; a string given twice answers with its last entry. */
  static build(text: string, starts: Uint32Array, ends: Uint32Array): StringTable {
    let capacity = 8;
    while (capacity < 2 * starts.length) capacity *= 2;
    const table = new StringTable(text, { starts, ends, slots: new Int32Array(capacity).fill(EMPTY) });
    for (let entry = 0; entry < starts.length; entry++) table.slots[table.slotOf(text, starts[entry] ?? 0, ends[entry] ?? 0)] = entry;
    return table;
  }

  /** The table of `strings`, entry i being strings[i], over their concatenation. */
  static of(strings: readonly string[]): StringTable {
    const starts = new Uint32Array(strings.length);
    const ends = new Uint32Array(strings.length);
    let at = 0;
    strings.forEach((string, i) => {
      starts[i] = at;
      at += string.length;
      ends[i] = at;
    });
    return StringTable.build(strings.join(''), starts, ends);
  }

  /** Each non-empty line of `text` is an entry, in order. */
  static ofLines(text: string): StringTable {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let start = 0; start < text.length; ) {
      const end = lineEnd(text, start);
      if (end > start) {
        starts.push(start);
        ends.push(end);
      }
      start = end + 1;
    }
    return StringTable.build(text, Uint32Array.from(starts), Uint32Array.from(ends));
  }

  /** The table `data` describes over `text` (what build gave for the same text). */
  static fromData(text: string, data: StringTableData): StringTable {
    const slots = data.slots.length;
    if (slots < 2 * data.starts.length || (slots & (slots - 1)) !== 0 || data.ends.length !== data.starts.length) throw new RangeError('not a string table');
    return new StringTable(text, data);
  }

  get size(): number {
    return this.data.starts.length;
  }

  /** The entry number of `key`, or -1 when it is not in the table. */
  numberOf(key: string): number {
    return this.slots[this.slotOf(key, 0, key.length)] ?? EMPTY;
  }

  has(key: string): boolean {
    return this.numberOf(key) !== EMPTY;
  }

  private get slots(): Int32Array {
    return this.data.slots;
  }

  /** The slot holding `source.slice(start, end)`, or the empty slot where it would go (-1 in a damaged table without one). */
  private slotOf(source: string, start: number, end: number): number {
    let slot = hashOf(source, start, end) & this.mask;
    // At most half the slots are full, so an empty one ends the probe; the bound only guards a damaged table.
    for (let probes = 0; probes < this.slots.length; probes++, slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] ?? EMPTY;
      if (entry === EMPTY || this.holds(entry, source, start, end)) return slot;
    }
    return -1;
  }

  /** Whether entry `entry` is `source.slice(start, end)`. */
  private holds(entry: number, source: string, start: number, end: number): boolean {
    const at = this.data.starts[entry] ?? 0;
    if ((this.data.ends[entry] ?? 0) - at !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.text.charCodeAt(at + i) !== source.charCodeAt(start + i)) return false;
    return true;
  }
}

/** Where the line that starts at `start` ends: at its newline, or at the end of the text. */
export function lineEnd(text: string, start: number): number {
  const at = text.indexOf('\n', start);
  return at === -1 ? text.length : at;
}

/** Where the field that starts at `start` ends: at the next `separator` (a code unit) before `limit`, else at `limit`. */
export function fieldEnd(text: string, separator: number, start: number, limit: number): number {
  for (let i = start; i < limit; i++) if (text.charCodeAt(i) === separator) return i;
  return limit;
}
