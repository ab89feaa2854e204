import type { Token, WordTable } from '../types.js';

/**
 * Word types: every distinct match key gets a small integer id, shared by the documents one
 * annotator reads, and every token carries the id of its key (`Token.word`) and the table it is
 * in (`Token.types`). What the recognisers ask about a word (its proclitic readings, whether a
 * date may start there, whether the word list knows it) is then a WordFact: computed once per
 * word type and read back from an array the table holds, instead of being recomputed, or looked
 * up by string, for every token. News text repeats its words, so after the first documents
 * nearly every question is an array read.
 *
 * A table belongs to whoever annotates (each annotator, so each worker thread, has its own;
 * nothing here is module state): two annotators never see each other's ids or answers. It is
 * bounded: before a document, a table holding more than MAX_TYPES keys starts over (new ids,
 * every fact forgotten), so memory stays flat on any corpus. Ids are therefore valid within one
 * document.
 */

const MAX_TYPES = 500_000;

export class WordTypes implements WordTable {
  private keys: string[] = [];
  /** Each fact's answers, by word id (see WordFact); forgotten when the table starts over. */
  private facts = new Map<object, unknown[]>();
  /**
   * Open addressing over a hash of the key's characters, so a token's key is found without first
   * cutting it out of the text: a known word (nearly every token) costs no new string. Slots hold
   * id + 1 (0 is empty).
   */
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes: number[] = [];

  constructor(private readonly maxTypes = MAX_TYPES) {}

  get size(): number {
    return this.keys.length;
  }

  /** The id of `key`, added when new. */
  intern(key: string): number {
    return this.internRange(key, 0, key.length);
  }

  /** The id of text[start, end), added when new. */
  internRange(text: string, start: number, end: number): number {
    const hash = hashRange(text, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot] ?? 0;
      if (stored === 0) return this.add(text.slice(start, end), hash, slot);
      const id = stored - 1;
      if (this.hashes[id] === hash && equalsRange(this.keys[id] ?? '', text, start, end)) return id;
    }
  }

  keyOf(id: number): string {
    const key = this.keys[id];
    if (key === undefined) throw new RangeError(`unknown word type ${id} (ids are valid within one document)`);
    return key;
  }

  /** Called before each document: a full table starts over. */
  startDocument(): void {
    if (this.keys.length <= this.maxTypes) return;
    this.keys = [];
    this.hashes = [];
    this.slots = new Int32Array(INITIAL_SLOTS);
    this.facts = new Map();
  }

  factValues(fact: object): unknown[] {
    let values = this.facts.get(fact);
    if (values === undefined) {
      values = [];
      this.facts.set(fact, values);
    }
    return values;
  }

  private add(key: string, hash: number, slot: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.hashes.push(hash);
    this.slots[slot] = id + 1;
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return id;
  }

  /** Doubles the slots (load stays under a half, so probes stay short). */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, id) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    });
    this.slots = slots;
  }
}

/** Small, so that a table for one phrase or one test costs little; a busy table doubles a few times. */
const INITIAL_SLOTS = 1 << 10;

/** FNV-1a over UTF-16 code units. */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function equalsRange(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * An answer per word type, computed on first use and kept in the token's table (so one fact
 * serves every annotator, each with its own answers). `compute` must be a pure function of the
 * key and must not return undefined (which marks "not computed yet"); it is also given the table
 * and the word's id, to build on another fact of the same word (`other.at(types, id)`).
 */
export class WordFact<T> {
  constructor(private readonly compute: (key: string, types: WordTable, id: number) => T) {}

  /** The answer for a token's word. */
  of(token: Token): T {
    return this.at(token.types, token.word);
  }

  /** The answer for any key (a stem, a word of a rule), through a table's ids. */
  ofKey(key: string, types: WordTable): T {
    return this.at(types, types.intern(key));
  }

  at(types: WordTable, id: number): T {
    const values = types.factValues(this) as (T | undefined)[];
    let value = values[id];
    if (value === undefined) {
      value = this.compute(types.keyOf(id), types, id);
      // Grown in order, never written past the end: a sparse write would turn the array into a slow dictionary.
      while (values.length <= id) values.push(undefined);
      values[id] = value;
    }
    return value;
  }
}
