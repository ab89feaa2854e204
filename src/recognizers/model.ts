import type { Candidate, EntityType, RecognizerContext, Token } from '../types.js';
import { CHILD_OF, NAME_PARTICLES } from './persons.js';
import { PERSON_WORD } from '../gazetteer/token-vocabulary.js';
import { linkOf } from '../gazetteer/compile.js';
import { onlySpacesBetween } from '../text/tokenize.js';
import type { Tagger } from '../tagger/tagger.js';
import { procliticLength } from '../tagger/features.js';
import { FUNCTION_WORDS } from './function-words.js';
import { CLUB_BY_CITY_SOURCE } from './sports.js';

/**
 * The learned tagger's spans as candidates (`model:ner`). The model was trained on ANERcorp,
 * whose spans include proclitics; the project's spans do not (gold rule 1), so a leading
 * conjunction or preposition is cut off the first word. A span that names a gazetteer entry of
 * the same type gets its link; one that names an entry the gazetteer recogniser declined in this
 * context (`السعودية` as an adjective, a ship named after a person) is dropped, since those context
 * rules know more than the model. MISC (nationalities, events) is learned, never emitted.
 *
 * It runs after the rule and gazetteer recognisers and reads their candidates twice: as features
 * (the model weighs them), and in conflicts, which they win. Measured (README): letting the model
 * win gains on ANERcorp's own conventions but cuts spans the project's guidelines draw otherwise,
 * and loses links; filling the gaps keeps both.
 */

const TYPE_OF: Readonly<Record<string, EntityType>> = { PERS: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };

export const MODEL_SOURCE = 'model:ner';

export interface ModelRecognizer {
  readonly name: string;
  readonly tagger: Tagger;
  /** What the words of a document's spans are, for `mergeModelCandidates`. */
  spanWords(tokens: readonly Token[]): SpanWords;
  /** Candidates of the model, given what the other recognisers proposed. */
  recognize(context: RecognizerContext, earlier: readonly Candidate[]): Candidate[];
}

export interface SpanWords {
  /** True when every word of the span [start, end) may be part of a name. */
  namesOnly(start: number, end: number): boolean;
  /** True when the span [start, end) lies within one word. */
  oneWord(start: number, end: number): boolean;
  /** True when the word before `start` is a patronymic particle (`بن`, `بنت`, `ابن`). */
  afterPatronymic(start: number): boolean;
  /**
   * True when the candidate is a listed named site (a palace, a base, a square): one standing for
   * whoever sits in it (`أكد قصر الإليزيه`) stays a place under the guidelines, where ANERcorp,
   * which the model learned from, often marks it an organisation.
   */
  namedSite(candidate: Candidate): boolean;
}


/** Seen at most this often in the running text the model's word statistics come from: a word a name may hold. */
const RARE_IN_RUNNING_TEXT = 1;

export function createModelRecognizer(tagger: Tagger): ModelRecognizer {
  const { lexicon } = tagger.features;
  const mayBeInName = (key: string): boolean =>
    NAME_PARTICLES.has(key) ||
    !lexicon.isCommonWord(key) ||
    // The word list holds millions of inflected forms (`اغبش`, `بابكر`); running text hardly ever has a rare surname.
    lexicon.words.count(key) <= RARE_IN_RUNNING_TEXT ||
    lexicon.gazetteer.givenNames.has(key) ||
    lexicon.gazetteer.words.has(key, PERSON_WORD);
  return {
    name: 'model',
    tagger,
    spanWords(tokens) {
      // Tokens are in text order: each question looks at the few tokens of its span (binary search).
      const firstEndingAfter = (position: number): number => firstIndexNot(tokens.length, (i) => (tokens[i]?.end ?? 0) <= position);
      return {
        namesOnly: (start, end) => {
          for (let i = firstEndingAfter(start); i < tokens.length; i++) {
            const token = tokens[i];
            if (token === undefined || token.start >= end) break;
            // The word after a particle is the particle's, whatever else it is (`عبد العظيم`, `أبو شقرة`).
            if (NAME_PARTICLES.has(tokens[i - 1]?.key ?? '')) continue;
            if (!mayBeInName(token.key.slice(Math.max(0, start - token.start), Math.min(token.key.length, end - token.start)))) return false;
          }
          return true;
        },
        oneWord: (start, end) => {
          const token = tokens[firstEndingAfter(start)];
          return token !== undefined && token.start <= start && end <= token.end;
        },
        namedSite: (candidate) => candidate.link !== undefined && lexicon.gazetteer.entriesById.get(candidate.link.id)?.subtype === 'site',
        afterPatronymic: (start) => {
          const index = firstEndingAfter(start);
          return tokens[index]?.start === start && CHILD_OF.has(tokens[index - 1]?.key ?? '');
        },
      };
    },
    recognize(context, earlier) {
      const { view, tokens } = context;
      const spans = tagger.tag(tokens, view.text, earlier);
      const candidates: Candidate[] = [];
      // The document's words, gathered the first time a span's proclitic asks (most spans never do).
      let words: Set<string> | undefined;
      const standsAlone = (rest: string): boolean => (words ??= new Set(tokens.map((token) => token.key))).has(rest);
      const covered = coverageOf(earlier);
      // Last words of the people named so far: a later one-word span with one of them is that person (`بيلسا` after `مارسيلو بيلسا`).
      const surnames = new Set(earlier.filter((other) => other.type === 'PERSON').map((other) => view.key.slice(other.start, other.end).split(' ').pop() ?? ''));
      for (const span of spans) {
        let type = TYPE_OF[span.label];
        const first = tokens[span.firstToken];
        let lastToken = span.lastToken;
        // A name does not end on `عبد`, `أبو` or `بن`: the word after it is the name's (`حجاج عبد العظيم`).
        while (type === 'PERSON' && NAME_PARTICLES.has(tokens[lastToken]?.key ?? '') && continuesWith(view.text, tokens[lastToken], tokens[lastToken + 1])) lastToken++;
        const last = tokens[lastToken];
        if (!type || !first || !last) continue;
        // Trained on Arabic newswire: a span with a Latin word, a number or punctuation inside is not its to make.
        if (tokens.slice(span.firstToken, lastToken + 1).some((token) => token.kind !== 'arabic')) continue;
        const prefix = procliticLength(first.key, lexicon, standsAlone);
        const start = first.start + prefix;
        const end = last.end;
        if (end - start < 2) continue;
        if (span.firstToken === lastToken && surnames.has(view.key.slice(start, end))) type = 'PERSON';
        else if (type === 'PERSON' && lastToken > span.firstToken) surnames.add(last.key);
        const keys = [first.key.slice(prefix), ...tokens.slice(span.firstToken + 1, lastToken + 1).map((token) => token.key)];
        // Words that only introduce names (`منظمة`, `شركة`, a title) name nothing alone (`20 دولة ومنظمة`).
        if (keys.every((key) => FUNCTION_WORDS.has(key) || lexicon.gazetteer.triggers.has(key))) continue;
        const entries = lexicon.gazetteer.names.get(keys);
        // A listed name that the gazetteer recogniser declined here (an adjective, a ship named after a person) stays declined.
        if (entries.length > 0 && !covered(start, end)) continue;
        const entry = entries.find((candidate) => candidate.type === type);
        candidates.push({ type, start, end, source: MODEL_SOURCE, confidence: span.confidence, ...(entry ? { link: linkOf(entry) } : {}) });
      }
      return candidates;
    },
  };
}

/**
 * Merges the model's candidates into the others'. The rule and gazetteer readings win conflicts,
 * with two exceptions, each measured on the dev split with the project's gold unchanged:
 *  - a model organisation that covers the places it overlaps is a name built on them (`دينامو
 *    كييف`, a club, around `كييف`, a city; `ستيوا بوخارست`; a club called by its city alone,
 *    `ليون`), and replaces them (+0.013 micro F1), and so does one around a club the rules read
 *    from its city alone (`فيردر بريمن` around `بريمن`); a listed named site stays a place
 *    (`قصر الإليزيه`, `الكرملين`);
 *  - a model person that covers a shorter person read by rule is the whole name the rule cut
 *    short (`حشر بن مكتوم آل مكتوم`), and replaces it, when every word it adds may be part of a
 *    name (`namesOnly`; +0.006, +0.015 without that check but then the rules' tested refusals
 *    fell): the rules' refusals stand (`الوزير خالد شخصيا`, an adverb; `محمد
 *    أستاذ العلوم`, a noun in apposition). The same for a one-word listed person inside a longer
 *    model name (`عباس` in `عباس عثمان عباس` is not Mahmoud Abbas), and for a listed person after
 *    `بن` inside it (`أحمد بن محمد بن راشد آل مكتوم` is Mohammed bin Rashid's son: +0.003); other
 *    listed people keep their span and link. Counting rare words and the word after a particle as
 *    name words took the dev split from 0.708 to 0.713.
 * Letting longer people replace organisations made `ورفعت فيتش` ("and Fitch raised") a person;
 * longer model organisations over listed ones changed nothing. Dates and counts always stand.
 */
export function mergeModelCandidates(model: readonly Candidate[], earlier: readonly Candidate[], words: SpanWords): Candidate[] {
  const replaced = new Set<Candidate>();
  const kept: Candidate[] = [];
  const overlappingOf = overlapFinder(earlier);
  for (const candidate of model) {
    const overlapping = overlappingOf(candidate);
    if (overlapping.length === 0) {
      kept.push(candidate);
      continue;
    }
    const inside = (other: Candidate): boolean => candidate.start <= other.start && other.end <= candidate.end;
    const builtOn =
      (candidate.type === 'ORGANIZATION' && overlapping.every((other) => (other.type === 'LOCATION' || other.source === CLUB_BY_CITY_SOURCE) && inside(other) && !words.namedSite(other))) ||
      (candidate.type === 'PERSON' &&
        overlapping.every(
          (other) =>
            other.type === 'PERSON' &&
            (other.source.startsWith('rule:') || (other.source.startsWith('gazetteer:') && (words.oneWord(other.start, other.end) || (candidate.start < other.start && words.afterPatronymic(other.start))))) &&
            inside(other) &&
            other.end - other.start < candidate.end - candidate.start,
        ) &&
        uncovered(candidate, overlapping).every(([start, end]) => words.namesOnly(start, end)));
    if (!builtOn) continue;
    kept.push(candidate);
    for (const other of overlapping) replaced.add(other);
  }
  return [...earlier.filter((other) => !replaced.has(other)), ...kept];
}

/**
 * The candidates that overlap a span, found without a pass over all of them per span (a long
 * document has thousands): sorted by start, with the furthest end so far, scanned back from the
 * first that starts at or after the span's end.
 */
function overlapFinder(candidates: readonly Candidate[]): (span: Candidate) => Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start);
  const furthestEnd: number[] = [];
  sorted.forEach((candidate, i) => furthestEnd.push(Math.max(candidate.end, furthestEnd[i - 1] ?? -Infinity)));
  return (span) => {
    const startingAtOrAfterEnd = firstIndexNot(sorted.length, (i) => (sorted[i]?.start ?? 0) < span.end);
    const found: Candidate[] = [];
    for (let i = startingAtOrAfterEnd - 1; i >= 0 && (furthestEnd[i] ?? -Infinity) > span.start; i--) {
      const other = sorted[i];
      if (other !== undefined && other.end > span.start) found.push(other);
    }
    return found;
  };
}

/**
 * Whether some candidate covers [start, end): the candidates sorted by start, with the furthest
 * end among those starting at or before each, so a question is one binary search.
 */
function coverageOf(candidates: readonly Candidate[]): (start: number, end: number) => boolean {
  let starts: number[] | undefined;
  let furthestEnd: number[] | undefined;
  return (start, end) => {
    if (starts === undefined || furthestEnd === undefined) {
      const sorted = [...candidates].sort((a, b) => a.start - b.start);
      starts = sorted.map((candidate) => candidate.start);
      furthestEnd = [];
      for (const [i, candidate] of sorted.entries()) furthestEnd.push(Math.max(candidate.end, furthestEnd[i - 1] ?? -Infinity));
    }
    const sortedStarts = starts;
    const startingAtOrBefore = firstIndexNot(sortedStarts.length, (i) => (sortedStarts[i] ?? 0) <= start);
    return startingAtOrBefore > 0 && (furthestEnd[startingAtOrBefore - 1] ?? -Infinity) >= end;
  };
}

/** The first index in [0, count) where `holds` is false, for a `holds` true on a prefix (binary search). */
function firstIndexNot(count: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The next token is an Arabic word with only spaces before it. */
function continuesWith(text: string, token: Token | undefined, next: Token | undefined): boolean {
  return token !== undefined && next !== undefined && next.kind === 'arabic' && onlySpacesBetween(text, token.end, next.start);
}

/** The parts of `span` that none of `covers` (all inside it) covers, in order. */
function uncovered(span: Candidate, covers: readonly Candidate[]): [number, number][] {
  const parts: [number, number][] = [];
  let from = span.start;
  for (const cover of [...covers].sort((a, b) => a.start - b.start)) {
    if (cover.start > from) parts.push([from, cover.start]);
    from = Math.max(from, cover.end);
  }
  if (from < span.end) parts.push([from, span.end]);
  return parts;
}
