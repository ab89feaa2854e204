import type { Candidate, Recognizer, RecognizerContext, Token } from '../types.js';
import type { GazetteerEntry } from '../gazetteer/load.js';
import { linkOf, type CompiledGazetteer } from '../gazetteer/compile.js';
import { keyOf } from '../text/normalize.js';
import { followsNamedAfterHead, isPrayerTime, previousWordIndex, titleAt, tokenIsOneOf } from './context.js';
import type { PhraseMatch } from '../gazetteer/phrase-trie.js';
import { FUNCTION_WORDS } from './function-words.js';
import { CLUB_BY_CITY_SOURCE, clubStartAt, isSportsText } from './sports.js';

/**
 * Gazetteer lookup: longest match over token keys, clitic-aware, then one reading per match
 * chosen by context (a newspaper after `صحيفة`, a city after `مدينة`, else the default reading).
 */

const SUBTYPE_RANK: Readonly<Record<string, number>> = { country: 0, region: 1, water: 2, city: 3, site: 4 };

/** Words before a name that make the city reading of a city/country name win. */
const CITY_CUES = new Set(['مدينه', 'العاصمه', 'عاصمه'].map(keyOf));

/** Nouns of a state right before a name (`حكومة عمان`, `سفير عمان`): the country reading, whatever else the document names. */
const STATE_NOUNS = new Set(['حكومة', 'خارجية', 'سلطان', 'سفير', 'سفارة', 'منتخب', 'شعب', 'جيش', 'دولة', 'اقتصاد', 'ملك', 'أمير'].map(keyOf));

/** Context words of an entry as match keys, computed once per entry. */
const contextWordsOf = new WeakMap<GazetteerEntry, ReadonlySet<string>>();

function contextWords(entry: GazetteerEntry): ReadonlySet<string> {
  let words = contextWordsOf.get(entry);
  if (!words) {
    words = new Set(entry.contexts.flatMap((context) => context.before.map(keyOf)));
    contextWordsOf.set(entry, words);
  }
  return words;
}

/** What the words around a match say about its reading. */
export interface MatchContext {
  /** The word before the match (quotes and brackets skipped). */
  readonly previous: Token | undefined;
  /** A city cue (`مدينة`, `العاصمة`), possibly followed by adjectives: `العاصمة الأردنية عمان`. */
  readonly cityCue: boolean;
  /** Subtype of a place coordinated with this one (`قطر وعمان` -> country). */
  readonly coordinated: string | undefined;
  /** The name stands in quotation marks (`« الشرق الأوسط »`), as the press writes its own names. */
  readonly quoted: boolean;
}

/**
 * Chooses the entry a match stands for, or none when every reading needs an absent context. The
 * context is read only when the entries differ in what they need (most names have one reading).
 */
export function chooseEntry(entries: readonly GazetteerEntry[], contextOf: () => MatchContext): GazetteerEntry | undefined {
  const [only] = entries;
  if (entries.length === 1 && only && only.contexts.length === 0) return only;
  const context = contextOf();
  const withContext = entries.filter((entry) => entry.contexts.length > 0);
  // A media name in quotation marks needs no media word before it (`قال لـ« الشرق الأوسط »`): places are not quoted so.
  const satisfied = withContext.find((entry) => tokenIsOneOf(context.previous, contextWords(entry))) ?? (context.quoted ? withContext.find((entry) => entry.subtype === 'media') : undefined);
  if (satisfied) return satisfied;
  const defaults = entries.filter((entry) => entry.contexts.length === 0);
  if (defaults.length <= 1) return defaults[0];
  const preferred = context.cityCue ? 'city' : context.coordinated;
  return [...defaults].sort((a, b) => rank(a, preferred) - rank(b, preferred) || a.id.localeCompare(b.id))[0];
}

function rank(entry: GazetteerEntry, preferredSubtype: string | undefined): number {
  if (entry.type !== 'LOCATION') return 10;
  if (entry.subtype === preferredSubtype) return -1;
  return SUBTYPE_RANK[entry.subtype] ?? 5;
}

/** A one-word surname alone is less certain than a full name. */
function confidenceOf(entry: GazetteerEntry, tokenCount: number): number {
  if (entry.type === 'PERSON' && tokenCount === 1) return 0.85;
  return tokenCount > 1 ? 0.97 : 0.93;
}

/** Closing quotes and brackets, which may stand between a name and its adjective (`صحيفة "الوطن" السعودية`). */
const CLOSERS = new Set(['"', '”', '»', ')', "'", '’']);

/**
 * `السعودية`, `الجزائرية` are both a country and a nationality adjective. Right after a definite
 * noun or a name (`مدينة جدة السعودية`, `الحكومة السعودية`, `صحيفة "الوطن" السعودية`) with no
 * proclitic, it agrees with that noun: an adjective, not a mention of the country.
 */
function isAdjectiveUse(gazetteer: CompiledGazetteer, tokens: readonly Token[], index: number, prefixLength: number, text: string, previousEnd: number): boolean {
  const token = tokens[index];
  if (!token || prefixLength > 0 || !gazetteer.adjectives.has(token.key)) return false;
  let before = index - 1;
  while (before > 0 && CLOSERS.has(tokens[before]?.key ?? '')) before--;
  const previous = tokens[before];
  if (!previous || previous.kind !== 'arabic' || ![...text.slice(previous.end, token.start)].every((c) => CLOSERS.has(c) || /\s/.test(c))) return false;
  return previous.end === previousEnd || (previous.key.startsWith('ال') && !FUNCTION_WORDS.has(previous.key));
}

/** A city cue right before the name, or before the adjectives that precede it. */
function hasCityCue(gazetteer: CompiledGazetteer, tokens: readonly Token[], index: number): boolean {
  for (let i = index; i >= 0 && i > index - 3; i--) {
    const token = tokens[i];
    if (tokenIsOneOf(token, CITY_CUES)) return true;
    if (!token || !gazetteer.adjectives.has(token.key)) return false;
  }
  return false;
}

/** Separators of a coordinated list: spaces, commas, and the conjunction و. */
function onlyListSeparators(text: string, from: number, to: number): boolean {
  return /^[\s,،]*(و\s*)?$/.test(text.slice(from, to));
}

/**
 * In a list (`قطر وعمان`, `دمشق وعمان`), an ambiguous name takes the subtype of its neighbours:
 * the place just before it, else the one right after it.
 */
function coordinatedSubtype(gazetteer: CompiledGazetteer, tokens: readonly Token[], match: PhraseMatch<GazetteerEntry>, text: string, previousEnd: number, previousEntry: GazetteerEntry | undefined): string | undefined {
  const first = tokens[match.firstToken];
  if (first && previousEntry?.type === 'LOCATION' && previousEnd >= 0 && onlyListSeparators(text, previousEnd, match.start)) return previousEntry.subtype;
  const nextIndex = match.lastToken + 1;
  const next = tokens[nextIndex];
  const last = tokens[match.lastToken];
  if (!next || !last || !onlyListSeparators(text, last.end, next.start)) return undefined;
  const following = gazetteer.names.longestAt(tokens, nextIndex, text);
  const conjoined = following && (following.prefixLength > 0 ? next.key.startsWith('و') : /و/.test(text.slice(last.end, next.start)));
  if (!following || !conjoined) return undefined;
  const places = following.values.filter((entry) => entry.type === 'LOCATION' && entry.contexts.length === 0);
  return places.length === 1 ? places[0]?.subtype : undefined;
}

/**
 * Some people are listed with their title (`الملك سلمان`, `البابا فرنسيس`): the title helps to
 * match but stays outside the span (gold rule 2).
 */
function startAfterTitle(gazetteer: CompiledGazetteer, tokens: readonly Token[], match: PhraseMatch<GazetteerEntry>, text: string): number {
  const title = titleAt(gazetteer, tokens, match.firstToken, text);
  if (!title || title.lastToken >= match.lastToken) return match.start;
  return tokens[title.lastToken + 1]?.start ?? match.start;
}

/**
 * A place name read by default rank, with readings in other countries (`عمان`: Oman, and Amman in
 * Jordan). No word next to it decided; the rest of the document may (see preferEvidencedCountry).
 */
interface UndecidedPlace {
  /** Index of its candidate. */
  readonly candidate: number;
  readonly chosen: GazetteerEntry;
  readonly others: readonly GazetteerEntry[];
}

function otherCountryReadings(entries: readonly GazetteerEntry[], chosen: GazetteerEntry): GazetteerEntry[] {
  if (chosen.type !== 'LOCATION' || !chosen.country) return [];
  return entries.filter((entry) => entry.type === 'LOCATION' && entry.contexts.length === 0 && entry.country !== undefined && entry.country !== chosen.country);
}

/**
 * One place, one country per document: an undecided place takes the reading whose country the
 * document names elsewhere (another place in it, or its nationality adjective), when the default
 * reading's country is not named (`العاهل الأردني ... في عمان` is Amman; `مسقط ... عمان`, Oman).
 */
function preferEvidencedCountry(gazetteer: CompiledGazetteer, tokens: readonly Token[], text: string, candidates: Candidate[], undecided: readonly UndecidedPlace[]): void {
  const skipped = new Set(undecided.map((place) => place.candidate));
  const named = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (!skipped.has(index) && candidate.link?.country) named.add(candidate.link.country);
  });
  for (let i = 0; i < tokens.length; i++) {
    const adjective = gazetteer.adjectives.longestAt(tokens, i, text);
    const country = adjective?.values[0]?.country;
    if (country) named.add(country);
  }
  for (const place of undecided) {
    const chosen = place.chosen.country;
    const evidenced = place.others.filter((entry) => entry.country !== undefined && named.has(entry.country));
    const [better] = evidenced;
    const candidate = candidates[place.candidate];
    if (!better || !candidate || (chosen !== undefined && named.has(chosen)) || evidenced.some((entry) => entry.country !== better.country)) continue;
    candidates[place.candidate] = { ...candidate, source: `gazetteer:${better.gazetteer}`, link: linkOf(better) };
  }
}

/**
 * A person listed with a title (`الشيخة موزا`) may also be listed whole without it (`موزا بنت
 * ناصر`): the match after the title wins when it reaches further.
 */
function longerAfterTitle(gazetteer: CompiledGazetteer, tokens: readonly Token[], match: PhraseMatch<GazetteerEntry>, text: string): PhraseMatch<GazetteerEntry> {
  const title = titleAt(gazetteer, tokens, match.firstToken, text);
  if (!title || title.lastToken >= match.lastToken) return match;
  const after = gazetteer.names.longestAt(tokens, title.lastToken + 1, text);
  return after && after.lastToken > match.lastToken && after.values.some((entry) => entry.type === 'PERSON') ? after : match;
}

export function createGazetteerRecognizer(gazetteer: CompiledGazetteer): Recognizer {
  return {
    name: 'gazetteer',
    recognize({ view, tokens }: RecognizerContext): Candidate[] {
      const candidates: Candidate[] = [];
      const chosen: GazetteerEntry[] = [];
      const undecided: UndecidedPlace[] = [];
      let sports: boolean | undefined; // whether the document is a match report, found on its first city
      const contextOf = (match: PhraseMatch<GazetteerEntry>, previousEnd: number): MatchContext => {
        const previousIndex = previousWordIndex(tokens, match.firstToken);
        return {
          previous: tokens[previousIndex],
          cityCue: hasCityCue(gazetteer, tokens, previousIndex),
          coordinated: coordinatedSubtype(gazetteer, tokens, match, view.text, previousEnd, chosen[chosen.length - 1]),
          quoted: tokens[match.firstToken - 1]?.key === '"' && tokens[match.lastToken + 1]?.key === '"',
        };
      };
      const isAdjective = (key: string): boolean => gazetteer.adjectives.has(key);
      // Its own function, so the closure's scope exists only for tokens that start a name.
      const readingOf = (match: PhraseMatch<GazetteerEntry>, previousEnd: number): { entry: GazetteerEntry | undefined; others: readonly GazetteerEntry[] } => {
        let context: MatchContext | undefined;
        const entry = chooseEntry(match.values, () => (context = contextOf(match, previousEnd)));
        const byRank = entry !== undefined && context !== undefined && !context.cityCue && context.coordinated === undefined && !tokenIsOneOf(context.previous, STATE_NOUNS);
        return { entry, others: byRank ? otherCountryReadings(match.values, entry) : [] };
      };
      for (let i = 0; i < tokens.length; ) {
        const token = tokens[i];
        if (!token || (token.kind !== 'arabic' && token.kind !== 'latin')) {
          i++;
          continue;
        }
        const found = gazetteer.names.longestAt(tokens, i, view.text);
        const match = found && found.values.some((entry) => entry.type === 'PERSON') ? longerAfterTitle(gazetteer, tokens, found, view.text) : found;
        const previousEnd = candidates[candidates.length - 1]?.end ?? -1;
        const reading = match ? readingOf(match, previousEnd) : undefined;
        const entry = reading?.entry;
        const notThisReading =
          (match?.lastToken === i && isAdjectiveUse(gazetteer, tokens, i, match.prefixLength, view.text, previousEnd)) ||
          (entry?.type === 'PERSON' && followsNamedAfterHead(tokens, i, isAdjective)) ||
          (match !== undefined && entry?.type === 'LOCATION' && isPrayerTime(tokens, match.firstToken, match.lastToken, view.text));
        if (!match || !entry || notThisReading) {
          // A rejected reading rejects the whole name, not just its first word (`شارل ديغول` the ship).
          i = match && notThisReading ? match.lastToken + 1 : i + 1;
          continue;
        }
        chosen.push(entry);
        const clubStart = entry.type === 'LOCATION' && entry.subtype === 'city' ? clubStartAt(gazetteer, tokens, match, view.text, (sports ??= isSportsText(tokens))) : undefined;
        if (clubStart !== undefined) {
          candidates.push({ type: 'ORGANIZATION', start: clubStart, end: match.end, source: CLUB_BY_CITY_SOURCE, confidence: 0.7 });
          i = match.lastToken + 1;
          continue;
        }
        if (reading.others.length > 0) undecided.push({ candidate: candidates.length, chosen: entry, others: reading.others });
        candidates.push({
          type: entry.type,
          start: entry.type === 'PERSON' ? startAfterTitle(gazetteer, tokens, match, view.text) : match.start,
          end: match.end,
          source: `gazetteer:${entry.gazetteer}`,
          confidence: confidenceOf(entry, match.lastToken - match.firstToken + 1),
          link: linkOf(entry),
        });
        i = match.lastToken + 1;
      }
      if (undecided.length > 0) preferEvidencedCountry(gazetteer, tokens, view.text, candidates, undecided);
      return candidates;
    },
  };
}
