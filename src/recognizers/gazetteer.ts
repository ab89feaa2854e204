import type { Candidate, Recognizer, RecognizerContext, Token } from '../types.js';
import type { GazetteerEntry } from '../gazetteer/load.js';
import { linkOf, type CompiledGazetteer } from '../gazetteer/compile.js';
import { keyOf } from '../text/normalize.js';
import { previousWordIndex, tokenIsOneOf } from './context.js';
import { onlySpacesBetween } from '../gazetteer/phrase-trie.js';
import { FUNCTION_WORDS } from './function-words.js';

/**
 * Gazetteer lookup: longest match over token keys, clitic-aware, then one reading per match
 * chosen by context (a newspaper after `صحيفة`, a city after `مدينة`, else the default reading).
 */

const SUBTYPE_RANK: Readonly<Record<string, number>> = { country: 0, region: 1, water: 2, city: 3, site: 4 };

/** Words before a name that make the city reading of a city/country name win. */
const CITY_CUES = new Set(['مدينه', 'العاصمه', 'عاصمه'].map(keyOf));

function contextWords(entry: GazetteerEntry): Set<string> {
  return new Set(entry.contexts.flatMap((context) => context.before.map(keyOf)));
}

/** Chooses the entry a match stands for, or none when every reading needs an absent context. */
export function chooseEntry(entries: readonly GazetteerEntry[], tokens: readonly Token[], firstToken: number): GazetteerEntry | undefined {
  const previous = tokens[previousWordIndex(tokens, firstToken)];
  const withContext = entries.filter((entry) => entry.contexts.length > 0);
  const satisfied = withContext.find((entry) => tokenIsOneOf(previous, contextWords(entry)));
  if (satisfied) return satisfied;
  const defaults = entries.filter((entry) => entry.contexts.length === 0);
  if (defaults.length === 0) return undefined;
  const cityFirst = tokenIsOneOf(previous, CITY_CUES);
  return [...defaults].sort((a, b) => rank(a, cityFirst) - rank(b, cityFirst) || a.id.localeCompare(b.id))[0];
}

function rank(entry: GazetteerEntry, cityFirst: boolean): number {
  if (entry.type !== 'LOCATION') return 10;
  if (cityFirst && entry.subtype === 'city') return -1;
  return SUBTYPE_RANK[entry.subtype] ?? 5;
}

/** A one-word surname alone is less certain than a full name. */
function confidenceOf(entry: GazetteerEntry, tokenCount: number): number {
  if (entry.type === 'PERSON' && tokenCount === 1) return 0.85;
  return tokenCount > 1 ? 0.97 : 0.93;
}

/**
 * `السعودية`, `الجزائرية` are both a country and a nationality adjective. Right after a definite
 * noun or a name (`مدينة جدة السعودية`, `الحكومة السعودية`) with no proclitic, it agrees with that
 * noun: an adjective, not a mention of the country.
 */
function isAdjectiveUse(gazetteer: CompiledGazetteer, tokens: readonly Token[], index: number, prefixLength: number, text: string, previousEnd: number): boolean {
  const token = tokens[index];
  const previous = tokens[index - 1];
  if (!token || !previous || prefixLength > 0 || gazetteer.adjectives.get([token.key]).length === 0) return false;
  if (previous.kind !== 'arabic' || !onlySpacesBetween(text, previous.end, token.start)) return false;
  return previous.end === previousEnd || (previous.key.startsWith('ال') && !FUNCTION_WORDS.has(previous.key));
}

export function createGazetteerRecognizer(gazetteer: CompiledGazetteer): Recognizer {
  return {
    name: 'gazetteer',
    recognize({ view, tokens }: RecognizerContext): Candidate[] {
      const candidates: Candidate[] = [];
      for (let i = 0; i < tokens.length; ) {
        const token = tokens[i];
        if (!token || (token.kind !== 'arabic' && token.kind !== 'latin')) {
          i++;
          continue;
        }
        const match = gazetteer.names.longestAt(tokens, i, view.text, true);
        const entry = match && chooseEntry(match.values, tokens, i);
        const previousEnd = candidates[candidates.length - 1]?.end ?? -1;
        if (!match || !entry || (match.lastToken === i && isAdjectiveUse(gazetteer, tokens, i, match.prefixLength, view.text, previousEnd))) {
          i++;
          continue;
        }
        candidates.push({
          type: entry.type,
          start: match.start,
          end: match.end,
          source: `gazetteer:${entry.gazetteer}`,
          confidence: confidenceOf(entry, match.lastToken - match.firstToken + 1),
          link: linkOf(entry),
        });
        i = match.lastToken + 1;
      }
      return candidates;
    },
  };
}
