import type { Link } from '../types.js';
import type { GazetteerEntry, GazetteerFile, GivenName, Trigger } from './load.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { WordTypes } from '../text/word-types.js';
import { PhraseTrie, PhraseTrieBuilder, type PhraseTrieData } from './phrase-trie.js';
import { NAME_SECOND_WORD, NAME_WORD, PERSON_WORD, PLACE_WORD, TokenVocabulary, type TokenVocabularyData } from './token-vocabulary.js';
import { EntryTable, entryTableData, type EntryTableData } from './entry-table.js';

/** Gazetteer files compiled into the lookup structures the recognisers use. */

export interface AdjectiveValue {
  readonly country: string;
  readonly entryId: string;
}

export interface CompiledGazetteer {
  /** Entity names (canonical and variants) -> entries. */
  readonly names: PhraseTrie<GazetteerEntry>;
  /** Nationality adjectives in all derived forms -> country. */
  readonly adjectives: PhraseTrie<AdjectiveValue>;
  /** Titles, roles and prefixes. */
  readonly triggers: PhraseTrie<Trigger>;
  /** Given names by match key. */
  readonly givenNames: ReadonlyMap<string, GivenName>;
  readonly entriesById: EntryTable;
  /** Country entries by ISO code. */
  readonly countriesByCode: ReadonlyMap<string, GazetteerEntry>;
  /**
   * Every token key of a phrase, flagged NAME_WORD when it occurs in a name or is a given name
   * (the names the segmenter knows), PERSON_WORD / PLACE_WORD for people's and places' names.
   */
  readonly words: TokenVocabulary;
  /**
   * The name of its cache file when it was loaded through the cache (gazetteer/cache.ts): a hash
   * of the gazetteer's files and the package's code, under which what is derived from it alone
   * may be cached too (the fuzzy person index). Absent for a gazetteer compiled in memory.
   */
  readonly cacheKey?: string;
}

/** The compiled gazetteer as data: typed arrays and a little JSON, what the cache stores. */
export interface CompiledGazetteerData {
  readonly words: TokenVocabularyData;
  readonly entries: EntryTableData;
  /** Value ids are entry indices. */
  readonly names: PhraseTrieData;
  readonly adjectives: PhraseTrieData;
  readonly adjectiveValues: readonly AdjectiveValue[];
  readonly triggers: PhraseTrieData;
  readonly triggerValues: readonly Trigger[];
  readonly givenNames: readonly (readonly [string, GivenName])[];
  /** ISO code -> entry index. */
  readonly countries: readonly (readonly [string, number])[];
}

/** The output link of an entry. */
export function linkOf(entry: GazetteerEntry): Link {
  return { gazetteer: entry.gazetteer, id: entry.id, name: entry.en, ...(entry.country ? { country: entry.country } : {}) };
}

/** Token keys of a phrase, normalised exactly as document text is (`types`: one table for a whole compile). */
export function phraseKeys(phrase: string, types = new WordTypes()): string[] {
  types.startDocument(); // a phrase is a document: the table stays bounded over a million of them
  return tokenize(normalize(phrase), types).map((token) => token.key);
}

function isArabicKey(key: string): boolean {
  return /^[\u0621-\u064a]+$/.test(key);
}

/** Forms of a masculine singular adjective: article, feminine, plurals (`بريطاني` -> `البريطانية`...). */
export function adjectiveForms(baseKey: string): string[] {
  const stems = [baseKey, baseKey + 'ه', baseKey + 'ون', baseKey + 'ين', baseKey + 'ات'];
  return stems.flatMap((stem) => [stem, 'ال' + stem]);
}

export function compileGazetteers(files: readonly GazetteerFile[]): CompiledGazetteer {
  return openCompiledGazetteer(compileGazetteerData(files));
}

export function compileGazetteerData(files: readonly GazetteerFile[]): CompiledGazetteerData {
  const words = new TokenVocabulary();
  const names = new PhraseTrieBuilder(words);
  const adjectives = new PhraseTrieBuilder(words);
  const triggers = new PhraseTrieBuilder(words);
  const adjectiveValues: AdjectiveValue[] = [];
  const triggerValues: Trigger[] = [];
  const givenNames = new Map<string, GivenName>();
  const countries = new Map<string, number>();
  const entries: GazetteerEntry[] = [];
  const types = new WordTypes(); // the keys' ids are not kept: one table serves every phrase

  for (const file of files) {
    for (const entry of file.entries) {
      const index = entries.push(entry) - 1;
      if (entry.subtype === 'country' && entry.country) countries.set(entry.country, index);
      const seen = new Set<string>();
      for (const name of [entry.ar, ...entry.variants]) {
        const keys = phraseKeys(name, types);
        const joined = keys.join(' ');
        if (keys.length === 0 || seen.has(joined)) continue;
        seen.add(joined);
        names.add(keys, index);
        if (keys.length > 1 && keys.every((key) => isArabicKey(key) && key.length > 1)) {
          // The same name with its spaces lost (`الاتحادالأوروبي`, `قطاعغزة`): found even when the
          // segmenter leaves the run whole, with the run's own offsets. Not an abbreviation spelt
          // letter by letter: `أ ب` (AP) written together is `اب`, "father".
          const together = keys.join('');
          if (!seen.has(together)) names.add([together], index);
          seen.add(together);
        }
        const flags = NAME_WORD | (entry.type === 'PERSON' ? PERSON_WORD : 0) | (entry.type === 'LOCATION' ? PLACE_WORD : 0);
        for (const key of keys) words.mark(key, flags);
        const second = keys[1];
        if (second !== undefined) words.mark(second, NAME_SECOND_WORD);
      }
      for (const adjective of entry.adjectives) {
        const [base, ...rest] = phraseKeys(adjective, types);
        if (!base || rest.length > 0 || !entry.country) continue;
        for (const form of adjectiveForms(base)) adjectives.add([form], adjectiveValues.push({ country: entry.country, entryId: entry.id }) - 1);
      }
    }
    for (const given of file.givenNames) {
      const [key] = phraseKeys(given.name, types);
      if (key && !givenNames.has(key)) givenNames.set(key, given);
      if (key) words.mark(key, NAME_WORD);
    }
    for (const trigger of file.triggers) triggers.add(phraseKeys(trigger.text, types), triggerValues.push(trigger) - 1);
  }
  return {
    words: words.toData(),
    entries: entryTableData(entries),
    names: names.build(),
    adjectives: adjectives.build(),
    adjectiveValues,
    triggers: triggers.build(),
    triggerValues,
    givenNames: [...givenNames],
    countries: [...countries],
  };
}

/** The lookup structures over compiled data (fresh or from the cache). */
export function openCompiledGazetteer(data: CompiledGazetteerData, cacheKey?: string): CompiledGazetteer {
  const words = new TokenVocabulary(data.words);
  const entries = new EntryTable(data.entries);
  const valueOf =
    <T>(values: readonly T[]) =>
    (id: number): T => {
      const value = values[id];
      if (value === undefined) throw new Error(`compiled gazetteer: no value ${id}`);
      return value;
    };
  return {
    names: new PhraseTrie(data.names, words, (index) => entries.at(index)),
    adjectives: new PhraseTrie(data.adjectives, words, valueOf(data.adjectiveValues)),
    triggers: new PhraseTrie(data.triggers, words, valueOf(data.triggerValues)),
    givenNames: new Map(data.givenNames),
    entriesById: entries,
    countriesByCode: new Map(data.countries.map(([code, index]) => [code, entries.at(index)])),
    words,
    ...(cacheKey !== undefined ? { cacheKey } : {}),
  };
}
