import type { Token, WordTable } from '../types.js';
import { WordFact } from '../text/word-types.js';
import { procliticReadingsAt } from '../text/clitics.js';

/**
 * Token keys interned to integer ids. The tries key their edges by id, and what the recognisers
 * ask about a word (is it part of a name? of a person's name? of a place's?) is a flag per id:
 * one Map lookup per key instead of a Set per question, and no string per edge in the cache.
 */

export const UNKNOWN_TOKEN = -1;

/** Bits of a key's flags. */
export const NAME_WORD = 1;
export const PERSON_WORD = 2;
export const PLACE_WORD = 4;
/** The second word of a listed name of two words or more (`ديفوار` of `كوت ديفوار`): what a name glued to the word before it goes on with. */
export const NAME_SECOND_WORD = 8;

/** What the cache stores: the keys in id order, joined by a separator no key contains. */
export interface TokenVocabularyData {
  readonly keys: string;
  readonly flags: Uint8Array;
}

const SEPARATOR = '\0';
const NO_READINGS: readonly ReadingId[] = Object.freeze([]);

/** A proclitic reading of a word (see text/clitics.ts) whose stem is a key of the vocabulary, as that key's id. */
export interface ReadingId {
  readonly prefixLength: number;
  readonly id: number;
}

export class TokenVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[];
  private flags: Uint8Array;
  /** The id of each word type seen in documents (the vocabulary no longer grows by then). */
  private readonly tokenIds = new WordFact((key: string) => this.idOf(key));
  /**
   * Per word type, its readings whose stem is a key here, bare first: the tries over this
   * vocabulary (names, adjectives, triggers) each start from them, so a new word's readings are
   * found and looked up once, not once per trie.
   */
  private readonly readingIds = new WordFact((_key: string, types: WordTable, word: number): readonly ReadingId[] => {
    const ids: ReadingId[] = [];
    for (const reading of procliticReadingsAt(types, word)) {
      const id = this.idOf(reading.stem);
      if (id !== UNKNOWN_TOKEN) ids.push({ prefixLength: reading.prefixLength, id });
    }
    // Most words start no phrase: they share one empty list rather than each keeping its own.
    return ids.length === 0 ? NO_READINGS : ids;
  });

  constructor(data?: TokenVocabularyData) {
    this.keys = data && data.keys !== '' ? data.keys.split(SEPARATOR) : [];
    this.flags = data?.flags ?? new Uint8Array(1024);
    for (let id = 0; id < this.keys.length; id++) this.ids.set(this.keys[id] ?? '', id);
  }

  get size(): number {
    return this.keys.length;
  }

  idOf(key: string): number {
    return this.ids.get(key) ?? UNKNOWN_TOKEN;
  }

  /** The id of a key, added when new (compilation only). */
  intern(key: string): number {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(key);
    this.ids.set(key, id);
    if (id >= this.flags.length) {
      const grown = new Uint8Array(Math.max(1024, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    return id;
  }

  mark(key: string, flag: number): void {
    const id = this.intern(key);
    this.flags[id] = (this.flags[id] ?? 0) | flag;
  }

  has(key: string, flag: number): boolean {
    const id = this.ids.get(key);
    return id !== undefined && ((this.flags[id] ?? 0) & flag) !== 0;
  }

  /** Every flag of a key at once (0 for a key no name holds): one lookup where `has` asks per flag. */
  flagsOf(key: string): number {
    const id = this.ids.get(key);
    return id === undefined ? 0 : (this.flags[id] ?? 0);
  }

  keysWith(flag: number): string[] {
    return this.keys.filter((_, id) => ((this.flags[id] ?? 0) & flag) !== 0);
  }

  /** The readings of word `id` of `types` whose stem is a key here, as ids (see `readingIds`). */
  readingIdsAt(types: WordTable, id: number): readonly ReadingId[] {
    return this.readingIds.at(types, id);
  }

  /** The id of a document token's key (UNKNOWN_TOKEN for keys no phrase uses). */
  idOfToken(token: Token): number {
    return this.tokenIds.of(token);
  }

  toData(): TokenVocabularyData {
    return { keys: this.keys.join(SEPARATOR), flags: this.flags.slice(0, this.keys.length) };
  }
}
