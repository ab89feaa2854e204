import type { Link } from '../types.js';
import type { GazetteerEntry, GazetteerFile, GivenName, Trigger } from './load.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { PhraseTrie } from './phrase-trie.js';

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
  readonly entriesById: ReadonlyMap<string, GazetteerEntry>;
  /** Country entries by ISO code. */
  readonly countriesByCode: ReadonlyMap<string, GazetteerEntry>;
  /** Every token key that occurs in a name: the splitter's name lexicon. */
  readonly nameTokenKeys: ReadonlySet<string>;
  /** Token keys of people's names (given names and surnames seen in the people gazetteer). */
  readonly personTokenKeys: ReadonlySet<string>;
  /** Token keys of place names. */
  readonly placeTokenKeys: ReadonlySet<string>;
}

/** The output link of an entry. */
export function linkOf(entry: GazetteerEntry): Link {
  return { gazetteer: entry.gazetteer, id: entry.id, name: entry.en, ...(entry.country ? { country: entry.country } : {}) };
}

/** Token keys of a phrase, normalised exactly as document text is. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(normalize(phrase)).map((token) => token.key);
}

/** Forms of a masculine singular adjective: article, feminine, plurals (`بريطاني` -> `البريطانية`...). */
export function adjectiveForms(baseKey: string): string[] {
  const stems = [baseKey, baseKey + 'ه', baseKey + 'ون', baseKey + 'ين', baseKey + 'ات'];
  return stems.flatMap((stem) => [stem, 'ال' + stem]);
}

export function compileGazetteers(files: readonly GazetteerFile[]): CompiledGazetteer {
  const names = new PhraseTrie<GazetteerEntry>();
  const adjectives = new PhraseTrie<AdjectiveValue>();
  const triggers = new PhraseTrie<Trigger>();
  const givenNames = new Map<string, GivenName>();
  const entriesById = new Map<string, GazetteerEntry>();
  const countriesByCode = new Map<string, GazetteerEntry>();
  const nameTokenKeys = new Set<string>();
  const personTokenKeys = new Set<string>();
  const placeTokenKeys = new Set<string>();

  for (const file of files) {
    for (const entry of file.entries) {
      entriesById.set(entry.id, entry);
      if (entry.subtype === 'country' && entry.country) countriesByCode.set(entry.country, entry);
      const seen = new Set<string>();
      for (const name of [entry.ar, ...entry.variants]) {
        const keys = phraseKeys(name);
        const joined = keys.join(' ');
        if (keys.length === 0 || seen.has(joined)) continue;
        seen.add(joined);
        names.add(keys, entry);
        for (const key of keys) {
          nameTokenKeys.add(key);
          if (entry.type === 'PERSON') personTokenKeys.add(key);
          if (entry.type === 'LOCATION') placeTokenKeys.add(key);
        }
      }
      for (const adjective of entry.adjectives) {
        const [base, ...rest] = phraseKeys(adjective);
        if (!base || rest.length > 0 || !entry.country) continue;
        for (const form of adjectiveForms(base)) adjectives.add([form], { country: entry.country, entryId: entry.id });
      }
    }
    for (const given of file.givenNames) {
      const [key] = phraseKeys(given.name);
      if (key && !givenNames.has(key)) givenNames.set(key, given);
      if (key) nameTokenKeys.add(key);
    }
    for (const trigger of file.triggers) triggers.add(phraseKeys(trigger.text), trigger);
  }
  return { names, adjectives, triggers, givenNames, entriesById, countriesByCode, nameTokenKeys, personTokenKeys, placeTokenKeys };
}
