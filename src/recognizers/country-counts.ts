import { procliticReadings, procliticReadingsOf, type CliticReading } from '../text/clitics.js';
import { keyOf } from '../text/normalize.js';
import { WordFact } from '../text/word-types.js';
import type { Candidate, CountQualifier, Recognizer, RecognizerContext, Token } from '../types.js';
import { dualReadings, continuesNumber, readNumber, startsCardinal, type NumberReading } from './numbers.js';
import { continuesPhrase, tokenIndexAt, wordOpens } from './token-scan.js';

/**
 * COUNTRY_COUNT candidates (GUIDELINES rule 6): a stated number of countries, as
 *  - number + noun: `20 دولة`, `عشرين دولة`, `60 بلدا`, `ثلاث دول`, `الـ20 دولة` (rule count-number-noun);
 *  - definite noun + number: `الدول الـ21`, `الدول الستين`, `الدول الأعضاء الـ28` (rule count-definite);
 *  - a dual: `دولتين`, `البلدين`, `للدولتين` -> 2 (rule count-dual).
 * The span holds the number and the noun; a hedge before it (`حوالى`, `أكثر من`) stays outside
 * and sets `qualifier`. Proclitics stay outside; ل before the article keeps its second ل
 * (`للدولتين` -> `لدولتين`, rule 8).
 */

const keys = (...words: string[]): Set<string> => new Set(words.map(keyOf));

/** Nouns a number counts: singular (11-99 and 100+ take it), accusative, plurals (3-10). */
const COUNTED_NOUNS = keys('دولة', 'دولا', 'دول', 'بلد', 'بلدا', 'بلدان');
/** Definite plurals a definite number follows: `الدول الستين`. */
const DEFINITE_NOUNS = keys('الدول', 'البلدان');
/** `الدول الأعضاء الـ28`: the members between noun and number stay inside the span. */
const MEMBERS = keyOf('الأعضاء');
/** Singulars of the duals; `بلدان` is read as the plural "countries", never as "two countries". */
const DUAL_SINGULARS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [keyOf('دولة'), new Set(['تين', 'تان', 'تا'])],
  [keyOf('بلد'), new Set(['ين'])],
]);
/** `حل الدولتين` is the two-state solution, a named idea rather than two countries. */
const DUAL_BLOCKERS = keys('حل');

/** Countries counted together with other members are not a count of countries: `20 دولة ومنظمة`. */
const OTHER_MEMBERS = keys('منظمة', 'منظمات', 'هيئة', 'هيئات', 'مؤسسة', 'مؤسسات', 'جهة', 'جهات', 'كيان', 'كيانات', 'منطقة', 'مناطق', 'إقليم', 'أقاليم');
const OR = keyOf('أو');
/** `مجموعة الدول العشرين`, `قمة الدول السبع`, `الدول السبع الكبرى`: the G20/G7 by name. */
const GROUP_NAME_BEFORE = keys('مجموعة', 'قمة', 'نادي');
const GROUP_NAME_AFTER = keys('الكبرى', 'الصناعية');

/** Letters every dual of DUAL_SINGULARS contains. */
const DUAL_STEMS = [keyOf('دولت'), keyOf('بلد')];

/** Largest plausible number of countries (there are fewer than 200). */
const MAX_COUNT = 250;

const HEDGES: readonly (readonly [CountQualifier, string])[] = [
  ['approx', 'حوالى'],
  ['approx', 'حوالي'],
  ['approx', 'نحو'],
  ['approx', 'قرابة'],
  ['approx', 'زهاء'],
  ['approx', 'ما يقرب من'],
  ['approx', 'ما يقارب'],
  ['approx', 'ما يناهز'],
  ['approx', 'يناهز'],
  ['more_than', 'أكثر من'],
  ['more_than', 'أزيد من'],
  ['more_than', 'ما يزيد على'],
  ['more_than', 'ما يزيد عن'],
  ['more_than', 'ما يربو على'],
  ['more_than', 'ما يربو عن'],
  ['more_than', 'ما لا يقل عن'],
  ['more_than', 'لا يقل عن'],
  ['less_than', 'أقل من'],
  ['less_than', 'ما يقل عن'],
];
/** Hedges as key words, longest first so `ما يزيد على` wins over a shorter tail. */
const HEDGE_WORDS = HEDGES.map(([qualifier, phrase]) => ({ qualifier, words: keyOf(phrase).split(' ') })).sort(
  (a, b) => b.words.length - a.words.length,
);

interface CountMatch {
  readonly start: number;
  /** Token index after the count. */
  readonly next: number;
  readonly value: number;
  readonly rule: string;
}

class CountScanner {
  private readonly tokens: readonly Token[];
  private readonly text: string;
  private readonly key: string;

  constructor(context: RecognizerContext) {
    this.tokens = context.tokens;
    this.text = context.view.text;
    this.key = context.view.key;
  }

  private linked(j: number): boolean {
    return continuesPhrase(this.text, this.tokens, j);
  }

  private next(j: number): string | undefined {
    return this.linked(j) ? this.tokens[j]?.key : undefined;
  }

  private tokenAt(j: number, offset: number): number {
    return tokenIndexAt(this.tokens, j, offset);
  }

  /** A count starting at token i read with the given proclitic reading. */
  match(i: number, reading: CliticReading): CountMatch | null {
    const token = this.tokens[i];
    if (!token) return null;
    const start = token.start + reading.prefixLength;
    return this.numberThenNoun(i, start, reading) ?? this.definiteNounThenNumber(i, start, reading) ?? this.dual(i, start, reading);
  }

  /** `20 دولة`, `عشرين دولة عربية وأجنبية`, `ثلاث دول`. */
  private numberThenNoun(i: number, start: number, reading: CliticReading): CountMatch | null {
    if (reading.restoredArticle || continuesNumber(this.key, start)) return null;
    const number = readNumber(this.key, start);
    if (!number || !isCount(number)) return null;
    const noun = this.tokenAt(i, number.end);
    if (!COUNTED_NOUNS.has(this.next(noun) ?? '') || this.countsOtherMembers(noun + 1)) return null;
    return { start, next: noun + 1, value: number.value, rule: 'count-number-noun' };
  }

  /** `الدول الـ21`, `الدول الستين`, `البلدان السبعة`, `الدول الأعضاء الـ28`. */
  private definiteNounThenNumber(i: number, start: number, reading: CliticReading): CountMatch | null {
    if (!DEFINITE_NOUNS.has(reading.stem) || GROUP_NAME_BEFORE.has(this.previousKey(i))) return null;
    let j = i + 1;
    if (this.next(j) === MEMBERS) j++;
    const token = this.tokens[j];
    if (!token || !this.linked(j)) return null;
    const number = readNumber(this.key, token.start);
    if (!number || !number.definite || !isCount(number)) return null;
    const next = this.tokenAt(j, number.end);
    if (GROUP_NAME_AFTER.has(this.next(next) ?? '') || this.countsOtherMembers(next)) return null;
    return { start, next, value: number.value, rule: 'count-definite' };
  }

  /** `دولتين`, `البلدين`, `للدولتين` (span `لدولتين`). */
  private dual(i: number, start: number, reading: CliticReading): CountMatch | null {
    const isDual = dualReadings(reading.stem).some(({ singular, ending }) => DUAL_SINGULARS.get(singular)?.has(ending) === true);
    if (!isDual || DUAL_BLOCKERS.has(this.previousKey(i))) return null;
    return { start, next: i + 1, value: 2, rule: 'count-dual' };
  }

  /** `دولة ومنظمة`, `دول أو منظمات`: the number counts more than countries. */
  private countsOtherMembers(j: number): boolean {
    const word = this.next(j);
    if (word === undefined) return false;
    if (word === OR) return OTHER_MEMBERS.has(this.next(j + 1) ?? '');
    return word.startsWith('و') && OTHER_MEMBERS.has(word.slice(1));
  }

  private previousKey(i: number): string {
    return this.linked(i) ? (this.tokens[i - 1]?.key ?? '') : '';
  }

  /** The hedge ending right before token i (its first word may carry a proclitic: `بأكثر من`). */
  qualifierBefore(i: number): CountQualifier {
    for (const { qualifier, words } of HEDGE_WORDS) {
      const first = i - words.length;
      if (first < 0) continue;
      let ok = true;
      for (let w = 0; w < words.length && ok; w++) {
        const j = first + w;
        const token = this.tokens[j];
        ok = token !== undefined && this.linked(j + 1) && (w === 0 ? procliticReadingsOf(token).some((r) => r.stem === words[0]) : token.key === words[w]);
      }
      if (ok) return qualifier;
    }
    return 'exact';
  }
}

/** Cheap test before any parsing: can a count start with this word key? */
function mayOpenCount(key: string): boolean {
  return startsCardinal(key) || DEFINITE_NOUNS.has(key) || DUAL_STEMS.some((stem) => key.includes(stem));
}

/** Per word type: may a count open at the word itself, and after one of its proclitics? */
const countOpens = new WordFact((key: string) => wordOpens(key, mayOpenCount));

function isCount(number: NumberReading): boolean {
  return Number.isInteger(number.value) && number.value >= 1 && number.value <= MAX_COUNT;
}

export const countryCountRecognizer: Recognizer = {
  name: 'country-counts',
  recognize(context: RecognizerContext): Candidate[] {
    const { tokens } = context;
    const scanner = new CountScanner(context);
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token || (token.kind !== 'number' && token.kind !== 'arabic')) continue;
      const opens = token.kind === 'arabic' ? countOpens.of(token) : undefined;
      const withClitics = opens?.afterClitic === true;
      if (opens && !withClitics && !opens.bare) continue;
      const readings: readonly CliticReading[] = withClitics
        ? procliticReadingsOf(token)
        : [{ prefixLength: 0, stem: token.key, restoredArticle: false }];
      for (const reading of readings) {
        const match = scanner.match(i, reading);
        if (!match) continue;
        const last = tokens[match.next - 1];
        if (!last) break;
        candidates.push({
          type: 'COUNTRY_COUNT',
          start: match.start,
          end: last.end,
          source: `rule:${match.rule}`,
          confidence: 0.9,
          value: match.value,
          qualifier: scanner.qualifierBefore(i),
        });
        i = match.next - 1;
        break;
      }
    }
    return candidates;
  },
};
