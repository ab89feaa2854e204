import type { Token, WordTable } from '../types.js';
import { WordFact } from './word-types.js';

/**
 * Proclitic readings of a word's match key. Arabic attaches the conjunctions و ف, the prepositions
 * ب ل ك, and combinations (وب, ول, فب ...) to the next word; ل before the article contracts to لل.
 * Entity spans exclude the proclitics (gold span rule 1), so matchers try each reading.
 */

export interface CliticReading {
  /** Characters of the key taken by proclitics (0 for the bare word). */
  readonly prefixLength: number;
  /** Match key of what follows, with the article restored after a contracted لل. */
  readonly stem: string;
  /** True when the stem's article was restored (`للدولة` -> `الدولة`, span starts at the second ل). */
  readonly restoredArticle: boolean;
}

const CONJUNCTIONS = ['و', 'ف'];
const PREPOSITIONS = ['ب', 'ل', 'ك'];

/** Minimum stem length: shorter remainders are almost always a word, not clitic + word. */
const MIN_STEM = 2;

/** Every proclitic combination, shorter before longer; built once (this runs for every token). */
const PREFIXES: readonly string[] = [...CONJUNCTIONS, ...PREPOSITIONS, ...CONJUNCTIONS.flatMap((c) => PREPOSITIONS.map((p) => c + p))].sort(
  (a, b) => a.length - b.length,
);

/** Readings per word type: every recogniser asks for them. */
const READINGS = new WordFact(computeReadings);

/**
 * All readings, the bare word first, then shorter prefixes before longer ones (computed anew:
 * for a token's word, procliticReadingsOf keeps them per word type).
 */
export function procliticReadings(key: string): readonly CliticReading[] {
  return computeReadings(key);
}

/** The readings of a token's word (an array read once its type has been seen). */
export function procliticReadingsOf(token: Token): readonly CliticReading[] {
  return READINGS.of(token);
}

/** The readings of word `id` of a table (what `procliticReadingsOf` gives its tokens): for a fact built on them. */
export function procliticReadingsAt(types: WordTable, id: number): readonly CliticReading[] {
  return READINGS.at(types, id);
}

function computeReadings(key: string): readonly CliticReading[] {
  const readings: CliticReading[] = [{ prefixLength: 0, stem: key, restoredArticle: false }];
  if (key.length <= MIN_STEM) return readings;
  for (const prefix of PREFIXES) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (rest.length < MIN_STEM) continue;
    if (prefix.endsWith('ل') && rest.startsWith('ل') && rest.length > MIN_STEM + 1) {
      // لل + noun: the article's alef was dropped; the span starts at the second ل.
      readings.push({ prefixLength: prefix.length, stem: 'ا' + rest, restoredArticle: true });
    }
    readings.push({ prefixLength: prefix.length, stem: rest, restoredArticle: false });
  }
  return readings;
}
