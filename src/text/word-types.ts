import type { Token } from '../types.js';

/**
 * Word types: every distinct match key gets a small integer id, shared by the documents a thread
 * annotates, and every token carries the id of its key (`Token.word`). What the recognisers ask
 * about a word (its proclitic readings, whether a date may start there, whether the word list
 * knows it) is then a WordFact: computed once per word type and read back from an array, instead
 * of being recomputed, or looked up by string, for every token. News text repeats its words, so
 * after the first documents nearly every question is an array read.
 *
 * One table per thread (module state; worker threads have their own). It is bounded: before a
 * document, a table holding more than MAX_TYPES keys starts over (new ids, every fact forgotten),
 * so memory stays flat on any corpus. Ids are therefore valid within one document.
 */

const MAX_TYPES = 500_000;

export class WordTypes {
  /** Changes when the table starts over; facts compare it to know their answers are stale. */
  generation = 0;
  private ids = new Map<string, number>();
  private keys: string[] = [];

  constructor(private readonly maxTypes = MAX_TYPES) {}

  get size(): number {
    return this.keys.length;
  }

  /** The id of `key`, added when new. */
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  }

  keyOf(id: number): string {
    const key = this.keys[id];
    if (key === undefined) throw new RangeError(`unknown word type ${id} (ids are valid within one document)`);
    return key;
  }

  /** Called before each document: a full table starts over. */
  startDocument(): void {
    if (this.keys.length <= this.maxTypes) return;
    this.ids = new Map();
    this.keys = [];
    this.generation++;
  }
}

/** The thread's word types. */
export const WORD_TYPES = new WordTypes();

/**
 * An answer per word type, computed on first use. `compute` must be a pure function of the key
 * and must not return undefined (which marks "not computed yet").
 */
export class WordFact<T> {
  private values: (T | undefined)[] = [];
  private generation: number;

  constructor(
    private readonly compute: (key: string) => T,
    private readonly types: WordTypes = WORD_TYPES,
  ) {
    this.generation = types.generation;
  }

  /** The answer for a token's word. */
  of(token: Token): T {
    return this.at(token.word);
  }

  /** The answer for any key (a stem, a word of a rule). */
  ofKey(key: string): T {
    return this.at(this.types.intern(key));
  }

  at(id: number): T {
    if (this.generation !== this.types.generation) {
      this.values = [];
      this.generation = this.types.generation;
    }
    let value = this.values[id];
    if (value === undefined) {
      value = this.compute(this.types.keyOf(id));
      this.values[id] = value;
    }
    return value;
  }
}
