import type { EntryType, GazetteerEntry } from './load.js';

/**
 * Gazetteer entries as columns: each entry's fields as one small JSON record in a single UTF-8
 * buffer (with offsets), and its type in a byte column. An entry becomes an object only when a
 * match or a caller needs it (then stays one, so the same entry is always the same object): a
 * million entries load as two buffers instead of millions of objects.
 */

export interface EntryTableData {
  /** Concatenated JSON records (see `record`). */
  readonly records: Uint8Array;
  /** Record i is records[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Uint32Array;
  /** Index of each entry's type in ENTRY_TYPES. */
  readonly types: Uint8Array;
}

const ENTRY_TYPES: readonly EntryType[] = ['PERSON', 'LOCATION', 'ORGANIZATION'];

type EntryRecord = [id: string, subtype: string, ar: string, en: string, variants: string[], adjectives: string[], contexts: { before: string[] }[], gazetteer: string, line: number, country: string | null];

function record(entry: GazetteerEntry): string {
  const fields: EntryRecord = [entry.id, entry.subtype, entry.ar, entry.en, entry.variants, entry.adjectives, entry.contexts, entry.gazetteer, entry.line, entry.country ?? null];
  return JSON.stringify(fields);
}

/** The object load.ts makes, same fields in the same order. */
function fromRecord(fields: EntryRecord, type: EntryType): GazetteerEntry {
  const [id, subtype, ar, en, variants, adjectives, contexts, gazetteer, line, country] = fields;
  const entry: GazetteerEntry = { id, type, subtype, ar, en, variants, adjectives, contexts, gazetteer, line };
  if (country !== null) entry.country = country;
  return entry;
}

export function entryTableData(entries: readonly GazetteerEntry[]): EntryTableData {
  const encoder = new TextEncoder();
  const chunks = entries.map((entry) => encoder.encode(record(entry)));
  const offsets = new Uint32Array(entries.length + 1);
  chunks.forEach((chunk, i) => (offsets[i + 1] = (offsets[i] ?? 0) + chunk.length));
  const records = new Uint8Array(offsets[entries.length] ?? 0);
  chunks.forEach((chunk, i) => records.set(chunk, offsets[i] ?? 0));
  const types = Uint8Array.from(entries, (entry) => ENTRY_TYPES.indexOf(entry.type));
  return { records, offsets, types };
}

const decoder = new TextDecoder();

/** The entries by id, in gazetteer order; a read-only Map whose values are made on demand. */
export class EntryTable implements ReadonlyMap<string, GazetteerEntry> {
  private readonly made = new Map<number, GazetteerEntry>();
  /** Entry index by id, built on the first lookup by id. */
  private byId: Map<string, number> | undefined;

  constructor(private readonly data: EntryTableData) {}

  get size(): number {
    return this.data.types.length;
  }

  /** Entry number `index` (0-based, gazetteer order). */
  at(index: number): GazetteerEntry {
    let entry = this.made.get(index);
    if (entry === undefined) {
      const text = decoder.decode(this.data.records.subarray(this.data.offsets[index], this.data.offsets[index + 1]));
      entry = fromRecord(JSON.parse(text) as EntryRecord, this.typeAt(index));
      this.made.set(index, entry);
    }
    return entry;
  }

  typeAt(index: number): EntryType {
    return ENTRY_TYPES[this.data.types[index] ?? 0] ?? 'PERSON';
  }

  /** Entries of one type, without making the others. */
  *ofType(type: EntryType): IterableIterator<GazetteerEntry> {
    for (let index = 0; index < this.size; index++) if (this.typeAt(index) === type) yield this.at(index);
  }

  get(id: string): GazetteerEntry | undefined {
    const index = this.indexById().get(id);
    return index === undefined ? undefined : this.at(index);
  }

  has(id: string): boolean {
    return this.indexById().has(id);
  }

  *values(): MapIterator<GazetteerEntry> {
    for (let index = 0; index < this.size; index++) yield this.at(index);
  }

  *keys(): MapIterator<string> {
    for (const entry of this.values()) yield entry.id;
  }

  *entries(): MapIterator<[string, GazetteerEntry]> {
    for (const entry of this.values()) yield [entry.id, entry];
  }

  [Symbol.iterator](): MapIterator<[string, GazetteerEntry]> {
    return this.entries();
  }

  forEach(callback: (value: GazetteerEntry, key: string, map: ReadonlyMap<string, GazetteerEntry>) => void): void {
    for (const entry of this.values()) callback(entry, entry.id, this);
  }

  private indexById(): Map<string, number> {
    if (this.byId === undefined) {
      this.byId = new Map();
      for (let index = 0; index < this.size; index++) this.byId.set(this.at(index).id, index);
    }
    return this.byId;
  }
}
