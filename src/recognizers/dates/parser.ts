import type { Token, RecognizerContext } from '../../types.js';
import { readNumber, readOrdinal } from '../numbers.js';
import { continuesPhrase, tokenIndexAt } from '../token-scan.js';
import {
  AFTER,
  AND_LINK,
  ARTICLE,
  BARE_RANGE_LINKS,
  BARE_TOMORROW,
  BEFORE,
  BETWEEN,
  CONSTRUCT_ORDINALS,
  CORRESPONDING,
  DAY_WORDS,
  DUAL_DAY_WORD,
  DUAL_YEAR_WORDS,
  EPITHETS,
  EVE_WORDS,
  EVENT_ANCHORS,
  FIRST,
  FIRST_DAY_WORDS,
  FRIDAY,
  FRIDAY_PRAYER_HEADS,
  FROM,
  GREGORIAN_ERA,
  HIJRI_ERA,
  HOLIDAYS,
  MONDAY,
  MONTH_WORD,
  ONE,
  THE_NIGHT,
  THIS_TIME_OF_DAY,
  UNIT_ADJECTIVES,
  DAYS_OF,
  NOW_WORDS,
  NOUNS_AFTER_A_COUNT,
  NOWADAYS_HEADS,
  OFFSET_DIRECTIONS,
  OFFSET_UNITS,
  PARTS,
  RANGE_TO,
  RELATION_CURRENT,
  RELATIONS,
  RELATIVE_UNITS,
  SENTENCE_END,
  SINCE,
  SUNDAY,
  TEEN_MARKERS,
  THE_FIRST,
  THE_YESTERDAY,
  THIS,
  TIME_OF_DAY,
  TODAY,
  TODAY_BLOCKERS,
  TOMORROW,
  TWO_BLOCKERS,
  YEAR_PREPOSITIONS,
  YEAR_WORDS,
  YESTERDAY,
  type Holiday,
  type Relation,
  type Unit,
  type UnitForm,
} from './lexicon.js';
import { matchMonthName, startsMonthName, WEEKDAYS, type MonthName } from './month-names.js';
import type { Calendar, Reading } from './reading.js';
import { isImperfect } from './tense.js';

/**
 * The date grammar: calendar expressions as Arabic writes them (GUIDELINES rule 5), read over the
 * word tables of lexicon.ts. The span takes the anchoring words inside it (`يوم`, `نهار`,
 * `صباح`, `منتصف`, `من ... إلى`, `قبل` of an offset), and leaves `في`, `بتاريخ`, `منذ` before a
 * year and attached proclitics outside.
 *
 * The parser walks the tokens once; at a token that can start a date it tries, in order, the
 * inside-span prefixes and then each form, and keeps the first (longest-anchored) match.
 */

export interface Match {
  /** Token index after the expression. */
  readonly next: number;
  readonly rule: string;
  readonly confidence: number;
  readonly reading: Reading;
}

const NUMERIC_DATE = /(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)|(\d{4})([/.-])(\d{1,2})\6(\d{1,2})(?!\d)/y;
/** `2/2013`: month and year, with a slash only (`3-2013` is as often a score or a range). */
const NUMERIC_MONTH = /(\d{1,2})\/(\d{4})(?!\d)/y;
const PURE_DIGITS = /^\d+$/;
const CONJUNCTION = 'و';
/** `قبل عام ونصف`: a fraction after the unit makes the offset inexact. */
const FRACTION_TAILS = new Set(['ونصف', 'وربع', 'ونيف']);

/** A parse over the tokens of one document; `first` overrides the first token's key (clitic stripped). */
export class DateParser {
  private readonly tokens: readonly Token[];
  private readonly text: string;
  private readonly key: string;
  private firstIndex = -1;
  private firstKey = '';
  private firstStart = 0;
  private firstPrefix = '';

  constructor(context: RecognizerContext) {
    this.tokens = context.tokens;
    this.text = context.view.text;
    this.key = context.view.key;
  }

  /** Tries a date starting at token i read as `stem` (from view offset `start`). */
  parse(i: number, stem: string, start: number, prefix: string): Match | null {
    this.firstIndex = i;
    this.firstKey = stem;
    this.firstStart = start;
    this.firstPrefix = prefix;
    return this.withPrefixes(i);
  }

  private word(j: number): string | undefined {
    if (j === this.firstIndex) return this.firstKey;
    return this.tokens[j]?.key;
  }

  private startOf(j: number): number {
    return j === this.firstIndex ? this.firstStart : (this.tokens[j]?.start ?? this.text.length);
  }

  /** Token j continues the expression (only spaces since token j - 1). */
  private linked(j: number): boolean {
    return continuesPhrase(this.text, this.tokens, j);
  }

  /** Key of token j when it continues the expression. */
  private next(j: number): string | undefined {
    return this.linked(j) ? this.word(j) : undefined;
  }

  private digits(j: number): number | null {
    const token = this.tokens[j];
    return token && token.kind === 'number' && PURE_DIGITS.test(token.key) ? Number(token.key) : null;
  }

  private tokenAt(j: number, offset: number): number {
    return tokenIndexAt(this.tokens, j, offset);
  }

  // ---- prefixes inside the span ----

  private withPrefixes(i: number): Match | null {
    let j = i;
    let timeOfDay = false;
    let eve = false;
    if (TIME_OF_DAY.has(this.word(j) ?? '') && this.linked(j + 1)) {
      timeOfDay = true;
      eve = EVE_WORDS.has(this.word(j) ?? '');
      j++;
    }
    const first = this.word(j) ?? '';
    if (DAY_WORDS.has(first) && this.linked(j + 1)) return this.dayLevel(j + 1, true, eve);
    if (first === DUAL_DAY_WORD && this.linked(j + 1)) return this.range(j + 1, true);
    if (timeOfDay) return this.dayLevel(j, true, eve);
    const part = PARTS.get(first);
    if (part !== undefined && this.linked(j + 1)) {
      const match = this.monthLevel(j + 1, true);
      return match ? { ...match, reading: { ...match.reading, part } } : null;
    }
    return (
      this.dayLevel(j, false, false) ??
      this.monthLevel(j, false) ??
      this.dualYears(j) ??
      this.yearAfterPreposition(j) ??
      this.secondOfDualYears(j) ??
      this.offsetFromDocument(j)
    );
  }

  /** Forms that name a day (what `يوم` or a time of day may precede); after `ليلة` a holiday is its eve, not read. */
  private dayLevel(j: number, anchored: boolean, eve: boolean): Match | null {
    return (
      this.numericDate(j) ??
      this.range(j, false) ??
      this.dayOfMonth(j) ??
      this.dayOfMonthAfterToday(j) ??
      this.relativeDay(j, anchored) ??
      this.weekday(j, anchored) ??
      (eve ? null : this.holiday(j, anchored))
    );
  }

  /** Forms that name a month or a year (what `منتصف`, `أواخر`... may precede). */
  private monthLevel(j: number, afterPart: boolean): Match | null {
    return this.month(j, afterPart) ?? this.numericMonth(j) ?? this.year(j, afterPart) ?? this.relativeUnit(j) ?? (afterPart ? this.currentUnit(j) : null);
  }

  /** `نهاية الشهر`, `مطلع العام`: after a part, the bare unit is the current one. */
  private currentUnit(j: number): Match | null {
    const unit = RELATIVE_UNITS.get(this.word(j) ?? '');
    if (unit === undefined) return null;
    return { next: j + 1, rule: 'date-relative-unit', confidence: 0.8, reading: { calendar: 'gregorian', anchor: 'document', unit, offset: 0 } };
  }

  // ---- pieces ----

  /**
   * A day of the month: `22`, `ال22`/`ال 22`, `فاتح`/`غرة`, an ordinal (`الثالث`) when `من`
   * follows, or an ordinal without the article before a month (`أول شباط`).
   */
  private day(j: number): { value: number; next: number; ordinal: boolean } | null {
    const word = this.word(j);
    if (FIRST_DAY_WORDS.has(word ?? '')) return { value: 1, next: j + 1, ordinal: true };
    const construct = CONSTRUCT_ORDINALS.get(word ?? '');
    if (construct !== undefined) {
      const following = this.next(j + 1);
      const beforeMonth = following !== undefined && (following === MONTH_WORD || startsMonthName(following));
      return beforeMonth ? { value: construct, next: j + 1, ordinal: true } : null;
    }
    const value = this.digits(j);
    if (value !== null) {
      const token = this.tokens[j];
      return token && token.key.length <= 2 && value >= 1 && value <= 31 ? { value, next: j + 1, ordinal: false } : null;
    }
    if (word === ARTICLE && this.linked(j + 1)) {
      const attached = this.digits(j + 1);
      const digitsToken = this.tokens[j + 1];
      if (attached !== null && digitsToken && digitsToken.key.length <= 2 && attached >= 1 && attached <= 31) {
        return { value: attached, next: j + 2, ordinal: false };
      }
      return null;
    }
    const ordinal = this.ordinalAt(j);
    if (!ordinal || this.ordinalQualifiesNoun(j)) return null;
    return this.word(ordinal.next) === FROM && this.linked(ordinal.next) ? { value: ordinal.value, next: ordinal.next, ordinal: true } : null;
  }

  /**
   * `الأسبوع الأول من آذار`, `الجولة الثانية من مارس`: an ordinal right after a definite noun
   * qualifies that noun; it is not the day of the month (`الموافق` is the one such word it follows).
   */
  private ordinalQualifiesNoun(j: number): boolean {
    if (j !== this.firstIndex || this.firstPrefix !== '' || !this.linked(j)) return false;
    const previous = stripClitic(this.tokens[j - 1]?.key ?? '');
    return previous.startsWith(ARTICLE) && previous !== CORRESPONDING && !WEEKDAYS.has(previous);
  }

  /** An ordinal with the article (`الثالث`, `التاسع عشر`) of 1..31 at token j. */
  private ordinalAt(j: number): { value: number; next: number } | null {
    const word = this.word(j);
    if (word === undefined || !word.startsWith(ARTICLE) || (j === this.firstIndex && this.firstPrefix.endsWith('لل'))) return null;
    const ordinal = readOrdinal(this.key, this.startOf(j));
    if (!ordinal || ordinal.value > 31) return null;
    return { value: ordinal.value, next: this.tokenAt(j, ordinal.end) };
  }

  /**
   * A month name, with an equivalent name in brackets or after a slash: `ديسمبر (كانون الأول)`.
   * After `شهر`, a month number too: `شهر 3`, `شهر عشرة` (not `شهر واحد`, "one month").
   */
  private monthName(j: number, afterMonthWord = false): { name: MonthName; next: number } | null {
    const first = this.word(j);
    if (first === undefined) return null;
    if (afterMonthWord) {
      const numbered = this.monthNumber(j);
      if (numbered) return numbered;
    }
    if (!startsMonthName(first)) return null;
    const found = matchMonthName(first, (offset) => this.next(j + offset));
    if (!found) return null;
    let next = j + found.wordCount;
    const open = this.next(next);
    if ((open === '(' || open === '/') && this.linked(next + 1)) {
      const alternative = matchMonthName(this.word(next + 1) ?? '', (offset) => this.next(next + 1 + offset));
      const afterAlternative = next + 1 + (alternative?.wordCount ?? 0);
      if (alternative && alternative.name.month === found.name.month && alternative.name.calendar === found.name.calendar) {
        if (open === '/') next = afterAlternative;
        else if (this.word(afterAlternative) === ')') next = afterAlternative + 1;
      }
    }
    return { name: found.name, next };
  }

  /** `3` or `عشرة` after `شهر`: a Gregorian month by its number. */
  private monthNumber(j: number): { name: MonthName; next: number } | null {
    const token = this.tokens[j];
    if (!token) return null;
    const reading = readNumber(this.key, this.startOf(j));
    if (!reading || (reading.kind !== 'digits' && reading.kind !== 'words') || !Number.isInteger(reading.value)) return null;
    if (reading.value < 1 || reading.value > 12 || (reading.kind === 'words' && reading.value === 1)) return null;
    if (reading.kind === 'digits' && token.key.length > 2) return null;
    return { name: { words: [], month: reading.value, calendar: 'gregorian', ambiguous: false }, next: this.tokenAt(j, reading.end) };
  }

  /** `2014`, `1445 هـ`, `2015م`: the year, its calendar marker and where it ends. */
  private yearNumber(j: number): { year: number; era: Calendar | null; next: number } | null {
    const year = this.digits(j);
    const token = this.tokens[j];
    if (year === null || !token || token.key.length < 3 || token.key.length > 4) return null;
    const marker = this.next(j + 1);
    if (marker !== undefined && HIJRI_ERA.has(marker)) return { year, era: 'hijri', next: j + 2 };
    if (marker !== undefined && GREGORIAN_ERA.has(marker)) return { year, era: 'gregorian', next: j + 2 };
    return { year, era: null, next: j + 1 };
  }

  /** A relative word (`الماضي`, `قبل الماضي`, `بعد المقبل`...) at j. */
  private relation(j: number): (Relation & { next: number }) | null {
    const word = this.next(j);
    if (word === undefined) return null;
    const relation = RELATIONS.get(word);
    if (relation) return { ...relation, next: j + 1 };
    const second = RELATIONS.get(this.next(j + 1) ?? '');
    if (word === BEFORE && second?.anchor === 'previous') return { anchor: 'previous', offset: -2, next: j + 2 };
    if (word === AFTER && second?.anchor === 'next') return { anchor: 'next', offset: 2, next: j + 2 };
    return null;
  }

  /** `الشهر الماضي`, `العام المقبل`, `هذا الأسبوع`: a unit relative to the document date. */
  private unitRelation(j: number): { unit: Unit; offset: number; next: number } | null {
    const word = this.word(j) ?? '';
    if (THIS.has(word)) {
      const unit = RELATIVE_UNITS.get(this.next(j + 1) ?? '');
      return unit ? { unit, offset: 0, next: j + 2 } : null;
    }
    const unit = RELATIVE_UNITS.get(word);
    const relation = unit ? this.relation(j + 1) : null;
    return unit && relation ? { unit, offset: relation.offset, next: relation.next } : null;
  }

  /**
   * What may follow a month or a holiday: a year (`2014`, `من عام 2014`, `سنة 1445 هـ`), the
   * year relative to the document (`من العام الماضي`), or a relative word (`الماضي`). A Hijri
   * month or feast with a Gregorian year (`رمضان 2019`) keeps it as `gregorianYear`.
   */
  private monthTail(j: number, calendar: Calendar): { reading: Partial<Reading>; next: number; hasYear: boolean } | null {
    let k = j;
    if (this.next(k) === FROM) k++;
    const yearWord = YEAR_WORDS.has(this.next(k) ?? '');
    if (yearWord || k > j) {
      const relative = this.linked(k) ? this.unitRelation(k) : null;
      if (relative?.unit === 'year') {
        return { reading: { anchor: 'document', unit: 'year', offset: relative.offset }, next: relative.next, hasYear: false };
      }
    }
    if (yearWord) k++;
    const year = this.linked(k) ? this.yearNumber(k) : null;
    if (year && isPlausibleYear(year.year, year.era ?? calendar)) {
      return { reading: { year: year.year }, next: year.next, hasYear: true };
    }
    if (year && calendar === 'hijri' && year.era !== 'hijri' && isModernYear(year.year)) {
      return { reading: { gregorianYear: year.year }, next: year.next, hasYear: true };
    }
    const relation = this.relation(j);
    if (relation) return { reading: { anchor: relation.anchor, offset: relation.offset }, next: relation.next, hasYear: false };
    return null;
  }

  // ---- forms ----

  /** `22/01/2015`, `22-1-2015`, `2015-01-22`, `22.01.2015` (day first, as Arabic writes it). */
  private numericDate(j: number): Match | null {
    const token = this.tokens[j];
    if (!token || token.kind !== 'number') return null;
    NUMERIC_DATE.lastIndex = token.start;
    const m = NUMERIC_DATE.exec(this.text);
    if (!m) return null;
    const [year, month, day] = m[1] !== undefined ? [Number(m[4]), Number(m[3]), Number(m[1])] : [Number(m[5]), Number(m[7]), Number(m[8])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { next: this.tokenAt(j, token.start + m[0].length), rule: 'date-numeric', confidence: 0.9, reading: { calendar: 'gregorian', year, month, day } };
  }

  /** `2/2013`: a month of a year. */
  private numericMonth(j: number): Match | null {
    const token = this.tokens[j];
    if (!token || token.kind !== 'number' || /[\d/.-]/.test(this.text[token.start - 1] ?? '')) return null;
    NUMERIC_MONTH.lastIndex = token.start;
    const m = NUMERIC_MONTH.exec(this.text);
    if (!m) return null;
    const [month, year] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12 || !isModernYear(year) || /[\d/]/.test(this.text[token.start + m[0].length] ?? '')) return null;
    return { next: this.tokenAt(j, token.start + m[0].length), rule: 'date-numeric-month', confidence: 0.85, reading: { calendar: 'gregorian', year, month } };
  }

  /**
   * `من ال12 الى ال14 من فبراير الحالي`, `بين 12 و14 فبراير 2018`, `يومي 12 و13 فبراير`, and
   * without an opener `25 و26 من الشهر المقبل`, `12-14 فبراير`, `13 الى 15 تموز`. A month phrase
   * must follow. With a range word (`إلى`, `حتى`, `-`, `بين ... و`) the first day may name its
   * own month: `من 13 تموز الى 15 تموز`, `من 28 ديسمبر الى 3 يناير 2014` (one range, rule 5).
   */
  private range(j: number, afterDualDay: boolean): Match | null {
    const opener = this.word(j);
    let k = j;
    let links: ReadonlySet<string>;
    if (afterDualDay) {
      links = AND_LINK;
    } else if (opener === BETWEEN) {
      links = AND_LINK;
      k++;
    } else if (opener === FROM) {
      links = RANGE_TO;
      k++;
    } else {
      links = BARE_RANGE_LINKS;
    }
    if (k > j && !this.linked(k)) return null;
    if (k > j) {
      const ordinals = this.ordinalRange(k, links);
      if (ordinals) return ordinals;
    }
    const from = this.day(k);
    if (!from) return null;
    const fromMonth = this.linked(from.next) ? this.monthName(this.next(from.next) === MONTH_WORD ? from.next + 1 : from.next, this.next(from.next) === MONTH_WORD) : null;
    const link = fromMonth ? fromMonth.next : from.next;
    const linkWord = this.word(link) ?? '';
    if (!this.linked(link) || !links.has(linkWord) || !this.linked(link + 1)) return null;
    if (fromMonth) {
      // Two full dates joined by a bare `و` are a list, not a range: `في 3 آذار و5 نيسان`.
      if (!afterDualDay && opener !== BETWEEN && AND_LINK.has(linkWord)) return null;
      const to = this.dayOfMonth(link + 1);
      if (!to || to.reading.day === undefined || to.reading.month === undefined || to.reading.calendar !== fromMonth.name.calendar) return null;
      const { day: endDay, month: endMonth, year: endYear, ...shared } = to.reading;
      const startMonth = fromMonth.name.month;
      const reading: Reading = { ...shared, day: from.value, month: startMonth, endDay, endMonth };
      if (endYear !== undefined) {
        reading.year = startMonth > endMonth ? endYear - 1 : endYear;
        reading.endYear = endYear;
      }
      return { next: to.next, rule: 'date-range', confidence: 0.9, reading };
    }
    const to = this.day(link + 1);
    if (!to) return null;
    const rest = this.monthPhrase(to.next);
    if (!rest) return null;
    const reading: Reading = { ...rest.reading, day: from.value, endDay: to.value };
    return { next: rest.next, rule: 'date-range', confidence: 0.9, reading };
  }

  /**
   * `من الأول إلى الخامس من أيار`, `بين الثالث والخامس من آذار`: two ordinal days and the month
   * after the second (the `و` of `بين` is attached to the second ordinal).
   */
  private ordinalRange(k: number, links: ReadonlySet<string>): Match | null {
    const from = this.ordinalAt(k);
    if (!from || !this.linked(from.next)) return null;
    const linkWord = this.word(from.next) ?? '';
    const token = this.tokens[from.next];
    let toStart: number;
    if (links.has(linkWord) && this.linked(from.next + 1)) toStart = this.startOf(from.next + 1);
    else if (token && links.has(CONJUNCTION) && linkWord.startsWith(CONJUNCTION + ARTICLE)) toStart = token.start + CONJUNCTION.length;
    else return null;
    const to = readOrdinal(this.key, toStart);
    if (!to || to.value > 31) return null;
    const afterTo = this.tokenAt(from.next, to.end);
    if (this.word(afterTo) !== FROM || !this.linked(afterTo)) return null;
    const rest = this.monthPhrase(afterTo);
    if (!rest) return null;
    return { next: rest.next, rule: 'date-range', confidence: 0.85, reading: { ...rest.reading, day: from.value, endDay: to.value } };
  }

  /** After a day: `[من] [شهر] <month> [year | relative]` or `[من] (الجاري | الشهر الماضي | هذا الشهر...)`. */
  private monthPhrase(j: number): { reading: Reading; next: number; kind: 'month' | 'current' } | null {
    let k = j;
    if (this.next(k) === FROM) k++;
    const monthWord = this.next(k) === MONTH_WORD;
    if (monthWord) k++;
    if (!this.linked(k)) return null;
    const name = this.monthName(k, monthWord);
    if (name) {
      const { calendar, month } = name.name;
      const tail = this.monthTail(name.next, calendar);
      const reading: Reading = { calendar, month, ...tail?.reading };
      if (!tail) reading.anchor = 'document';
      return { reading, next: tail?.next ?? name.next, kind: 'month' };
    }
    const word = this.word(k) ?? '';
    if (RELATION_CURRENT.has(word)) {
      return { reading: { calendar: 'gregorian', anchor: 'document', unit: 'month', offset: 0 }, next: k + 1, kind: 'current' };
    }
    const relative = this.unitRelation(k);
    if (relative?.unit === 'month') {
      return { reading: { calendar: 'gregorian', anchor: 'document', unit: 'month', offset: relative.offset }, next: relative.next, kind: 'current' };
    }
    return null;
  }

  /** `19 سبتمبر 2014`, `3 ديسمبر (كانون الأول) الماضي`, `الثالث من مارس`, `الـ 23 من الجاري`, `15 رمضان 1445 هـ`, `أول شباط`. */
  private dayOfMonth(j: number): Match | null {
    const day = this.day(j);
    if (!day) return null;
    const phrase = this.monthPhrase(day.next);
    if (!phrase) return null;
    const reading: Reading = { ...phrase.reading, day: day.value };
    let rule: string;
    if (phrase.kind === 'current') rule = 'date-day-of-relative-month';
    else if (reading.calendar === 'hijri') rule = 'date-hijri';
    else if (day.ordinal) rule = 'date-ordinal-day';
    else if (reading.anchor === undefined) rule = 'date-dmy';
    else rule = reading.anchor === 'document' && reading.unit === undefined ? 'date-dm' : 'date-dm-relative';
    return { next: phrase.next, rule, confidence: reading.anchor === undefined ? 0.95 : 0.9, reading };
  }

  /** `اليوم الثالث من شهر عشرة`: "the third day of the month", not today. */
  private dayOfMonthAfterToday(j: number): Match | null {
    if (this.word(j) !== TODAY || !this.linked(j + 1) || this.ordinalAt(j + 1) === null) return null;
    const match = this.dayOfMonth(j + 1);
    return match && { ...match, rule: 'date-ordinal-day' };
  }

  /**
   * `أمس`, `أول أمس`, `أول من أمس`, `أمس الأول`, `قبل أمس`, `غدا`, `بعد غد`, `اليوم`,
   * optionally with the weekday: `أمس السبت`.
   */
  private relativeDay(j: number, anchored: boolean): Match | null {
    const word = this.word(j) ?? '';
    let offset: number | null = null;
    let next = j + 1;
    let confidence = 0.9;
    if (YESTERDAY.has(word) || (word === THE_YESTERDAY && (anchored || (j === this.firstIndex && this.firstPrefix === 'ب')))) {
      offset = -1;
      if (this.next(j + 1) === THE_FIRST) {
        offset = -2;
        next = j + 2;
      }
    } else if ((word === FIRST || word === BEFORE) && YESTERDAY.has(this.next(j + 1) ?? '')) {
      offset = -2;
      next = j + 2;
    } else if (word === FIRST && this.next(j + 1) === FROM && YESTERDAY.has(this.next(j + 2) ?? '')) {
      offset = -2;
      next = j + 3;
    } else if (word === TOMORROW || (anchored && BARE_TOMORROW.has(word))) {
      offset = 1;
      confidence = 0.8; // غدا is also the verb "became"
    } else if (word === AFTER && BARE_TOMORROW.has(this.next(j + 1) ?? '')) {
      offset = 2;
      next = j + 2;
    } else if (word === TODAY) {
      offset = 0;
      confidence = 0.75;
    } else if (word === THE_NIGHT && (RELATIONS.get(this.next(j + 1) ?? '')?.anchor === 'previous' || YESTERDAY.has(this.next(j + 1) ?? ''))) {
      offset = -1; // `الليلة الماضية`, `الليلة البارحة`: last night
      next = j + 2;
    } else if (THIS.has(word) && THIS_TIME_OF_DAY.has(this.next(j + 1) ?? '')) {
      offset = 0; // `هذا الصباح`, `هذا المساء`
      next = j + 2;
    }
    if (offset === null) return null;
    const weekday = WEEKDAYS.get(this.next(next) ?? '');
    if (word === TODAY && !anchored && weekday === undefined && !this.isTodayAdverb(j)) return null;
    const reading: Reading = { calendar: 'gregorian', anchor: 'document', unit: 'day', offset };
    if (weekday !== undefined) {
      reading.weekday = weekday;
      next++;
      confidence = 0.95;
    }
    return { next, rule: 'date-relative-day', confidence, reading };
  }

  private isTodayAdverb(j: number): boolean {
    const previous = this.tokens[j - 1];
    // A line start or a sentence end before it: the "nowadays" opening.
    if (!previous || !this.linked(j) || SENTENCE_END.has(previous.key)) return false;
    if (this.firstPrefix !== '') {
      // واليوم mid-sentence is "and today" only after another day word (`أمس واليوم`).
      return WEEKDAYS.has(previous.key) || YESTERDAY.has(previous.key);
    }
    if (NOWADAYS_HEADS.has(stripClitic(previous.key))) return false;
    const following = this.next(j + 1);
    if (following !== undefined && (TODAY_BLOCKERS.has(following) || (following.startsWith(ARTICLE) && !WEEKDAYS.has(following)))) return false;
    return true;
  }

  /**
   * `الخميس`, `الخميس القادم`, `الأربعاء الماضي`, `الخميس 22 يناير 2015`, `الثلاثاء التاسع عشر من
   * هذا الشهر`, `السبت السادس عشر`, and `الثلاثاء الثالث من شهر أيلول` (the third Tuesday when
   * the third is not one: `nth`, decided at resolution).
   */
  private weekday(j: number, anchored: boolean): Match | null {
    const word = this.word(j) ?? '';
    const weekday = WEEKDAYS.get(word);
    if (weekday === undefined || (!anchored && !this.isWeekdayReading(j, word))) return null;
    let next = j + 1;
    if (this.next(next) === CORRESPONDING) next++;
    const date = this.linked(next) ? (this.numericDate(next) ?? this.dayOfMonth(next)) : null;
    if (date) {
      const ordinalDay = this.ordinalAt(next) !== null && (date.reading.day ?? 0) <= 5;
      return { ...date, reading: { ...date.reading, weekday, ...(ordinalDay ? { nth: date.reading.day } : {}) } };
    }
    const ordinal = this.linked(next) ? this.ordinalAt(next) : null;
    if (ordinal && ordinal.value > 5) {
      // `السبت السادس عشر`: a day of a month the text leaves to the reader (the nearest that fits).
      return { next: ordinal.next, rule: 'date-weekday-day', confidence: 0.85, reading: { calendar: 'gregorian', anchor: 'document', weekday, day: ordinal.value } };
    }
    const relation = this.relation(j + 1);
    if (relation) {
      // `السبت المقبل 28 مارس`: the date written after it fixes which Saturday is meant.
      const after = this.next(relation.next) === CORRESPONDING ? relation.next + 1 : relation.next;
      const written = this.linked(after) ? (this.numericDate(after) ?? this.dayOfMonth(after)) : null;
      if (written) return { ...written, reading: { ...written.reading, weekday } };
      return { next: relation.next, rule: 'date-relative-weekday', confidence: 0.9, reading: { calendar: 'gregorian', anchor: relation.anchor, offset: relation.offset, weekday } };
    }
    return { next: j + 1, rule: 'date-weekday', confidence: anchored ? 0.9 : 0.8, reading: { calendar: 'gregorian', anchor: 'document', weekday } };
  }

  private isWeekdayReading(j: number, word: string): boolean {
    const previous = this.tokens[j - 1];
    const previousKey = previous && this.linked(j) ? stripClitic(previous.key) : '';
    const following = this.next(j + 1) ?? '';
    if (word === FRIDAY) return !FRIDAY_PRAYER_HEADS.has(previousKey);
    if (word === SUNDAY) return !TEEN_MARKERS.has(following);
    if (word === MONDAY) {
      const afterDual = previousKey.startsWith(ARTICLE) && (previousKey.endsWith('ين') || previousKey.endsWith('ان'));
      return !TWO_BLOCKERS.has(previousKey) && !TWO_BLOCKERS.has(following) && !afterDual;
    }
    return true;
  }

  /**
   * `عيد الفطر`, `عيد الأضحى المبارك 2019`, `رأس السنة الهجرية`, `يوم عرفة`, `عيد الميلاد الماضي`,
   * and the n-th day of a feast: `ثاني أيام عيد الأضحى`. A feast after `أيام` read no other way
   * (`آخر أيام عيد الفطر`) is left alone: its first day would be the wrong day.
   */
  private holiday(j: number, anchored: boolean): Match | null {
    const nth = CONSTRUCT_ORDINALS.get(this.word(j) ?? '');
    if (nth !== undefined && this.next(j + 1) === DAYS_OF && this.linked(j + 2)) {
      const feast = this.holiday(j + 2, anchored);
      const { day } = feast?.reading ?? {};
      return feast && day !== undefined && day + nth - 1 <= 29 ? { ...feast, reading: { ...feast.reading, day: day + nth - 1 } } : null;
    }
    if (this.linked(j) && j === this.firstIndex && this.tokens[j - 1]?.key === DAYS_OF) return null;
    const entries = HOLIDAYS.get(this.word(j) ?? '');
    const found = entries?.find((entry: Holiday) => entry.words.every((w, offset) => offset === 0 || this.next(j + offset) === w));
    if (!found || (found.needsDayWord && !anchored)) return null;
    // `ليلة رأس السنة` is 31 December: the eve is not the holiday's day (and not read here).
    const previous = this.linked(j) && j === this.firstIndex ? this.tokens[j - 1]?.key : undefined;
    if (previous !== undefined && EVE_WORDS.has(stripClitic(previous))) return null;
    let next = j + found.words.length;
    if (EPITHETS.has(this.next(next) ?? '')) next++;
    // `رأس السنة الأمازيغية`, `عيد الميلاد القبطي`: another calendar's feast, not this one.
    const qualifier = this.next(next);
    if (qualifier !== undefined && qualifier.startsWith(ARTICLE) && !RELATIONS.has(qualifier) && !RELATIVE_UNITS.has(qualifier)) return null;
    const tail = this.monthTail(next, found.calendar);
    const reading: Reading = { calendar: found.calendar, month: found.month, day: found.day, holiday: found.id, ...tail?.reading };
    if (!tail) reading.anchor = 'document';
    return { next: tail?.next ?? next, rule: 'date-holiday', confidence: 0.85, reading };
  }

  /** `ديسمبر الماضي`, `مارس 2015`, `شهر رمضان المبارك`, `رمضان 2019`, `شهر 3`, `سبتمبر`; ambiguous names need context. */
  private month(j: number, afterPart: boolean): Match | null {
    let k = j;
    const monthWord = this.word(k) === MONTH_WORD && this.linked(k + 1);
    if (monthWord) k++;
    const name = this.monthName(k, monthWord);
    if (!name) return null;
    const { calendar, month, ambiguous } = name.name;
    let afterName = name.next;
    const epithet = EPITHETS.has(this.next(afterName) ?? '');
    if (epithet) afterName++;
    const tail = this.monthTail(afterName, calendar);
    const reading: Reading = { calendar, month, ...tail?.reading };
    if (tail?.hasYear) {
      return { next: tail.next, rule: calendar === 'hijri' ? 'date-hijri' : 'date-my', confidence: 0.9, reading };
    }
    if (tail) return { next: tail.next, rule: 'date-month-relative', confidence: 0.85, reading };
    const context = monthWord || afterPart || epithet || (calendar === 'gregorian' && this.afterPreposition(j));
    if (ambiguous && !context) return null;
    reading.anchor = 'document';
    return { next: afterName, rule: 'date-month', confidence: ambiguous ? 0.7 : 0.8, reading };
  }

  /** `عام 2014`, `العام 2014`, `سنة 1445 هـ`, `1445هـ`, `أواخر 2014`. */
  private year(j: number, afterPart: boolean): Match | null {
    const yearWord = YEAR_WORDS.has(this.word(j) ?? '');
    const k = yearWord && this.linked(j + 1) ? j + 1 : j;
    const year = this.yearNumber(k);
    if (!year) return null;
    if (!yearWord && !afterPart && year.era === null) return null;
    const calendar = year.era ?? 'gregorian';
    if (!isPlausibleYear(year.year, calendar)) return null;
    return { next: year.next, rule: calendar === 'hijri' ? 'date-hijri' : 'date-year', confidence: 0.9, reading: { calendar, year: year.year } };
  }

  /** `عامي 2013 و2014`: the dual word and the first year (the second is read where it stands). */
  private dualYears(j: number): Match | null {
    if (!DUAL_YEAR_WORDS.has(this.word(j) ?? '') || !this.linked(j + 1)) return null;
    const first = this.yearNumber(j + 1);
    if (!first || first.era !== null || !isModernYear(first.year) || this.secondYearAt(first.next + 1) === null) return null;
    return { next: first.next, rule: 'date-year', confidence: 0.9, reading: { calendar: 'gregorian', year: first.year } };
  }

  /** The `2014` of `عامي 2013 و2014`, without the conjunction. */
  private secondOfDualYears(j: number): Match | null {
    const year = this.secondYearAt(j);
    const dualWord = this.tokens[j - 3];
    if (year === null || !dualWord || !DUAL_YEAR_WORDS.has(stripClitic(dualWord.key))) return null;
    return { next: j + 1, rule: 'date-year', confidence: 0.9, reading: { calendar: 'gregorian', year } };
  }

  /**
   * The year at token j when it is a four-digit Gregorian year right after `و`, which follows a
   * year; else null. Only years of 1900-2100 without an era: Hijri years (`عامي 1435 و1436 هـ`)
   * are left to the forms with a marker.
   */
  private secondYearAt(j: number): number | null {
    const year = this.digits(j);
    const marker = this.next(j + 1);
    const second =
      year !== null && this.tokens[j]?.key.length === 4 && isModernYear(year) && (marker === undefined || !HIJRI_ERA.has(marker)) &&
      this.tokens[j - 1]?.key === 'و' && this.linked(j - 1) && this.linked(j) && this.digits(j - 2) !== null;
    return second ? year : null;
  }

  /** `في 2020`, `منذ 2011`: a bare year after a preposition, the preposition outside the span. */
  private yearAfterPreposition(j: number): Match | null {
    const year = this.digits(j);
    const token = this.tokens[j];
    if (year === null || !token || token.key.length !== 4 || year < 1900 || year > 2100 || !this.afterPreposition(j)) return null;
    const following = this.next(j + 1);
    if (following !== undefined && NOUNS_AFTER_A_COUNT.has(following)) return null;
    return { next: j + 1, rule: 'date-year-after-preposition', confidence: 0.75, reading: { calendar: 'gregorian', year } };
  }

  private afterPreposition(j: number): boolean {
    if (j !== this.firstIndex || this.firstPrefix !== '') return false;
    const previous = this.tokens[j - 1];
    return previous !== undefined && this.linked(j) && YEAR_PREPOSITIONS.has(stripClitic(previous.key));
  }

  /** `الشهر الماضي`, `الأسبوع المقبل`, `العام الماضي`, `هذا العام`. */
  private relativeUnit(j: number): Match | null {
    const relative = this.unitRelation(j);
    if (!relative) return null;
    return {
      next: relative.next,
      rule: 'date-relative-unit',
      confidence: 0.9,
      reading: { calendar: 'gregorian', anchor: 'document', unit: relative.unit, offset: relative.offset },
    };
  }

  /**
   * `قبل أسبوع`, `بعد يومين`, `منذ ثلاثة أيام`, `قبل 15 يوما`: so many units from the document
   * date. The count agrees with the noun (one: the singular, two: the dual, 3-10: the plural,
   * 11+: the accusative singular); a bare plural (`منذ أيام`) is vague and not read. Not when
   * another event anchors it (`بعد يومين من الاجتماع`) or a name follows the unit (`قبل عام 2014`,
   * `بعد شهر رمضان`, `قبل يوم الخميس`).
   */
  private offsetFromDocument(j: number): Match | null {
    const direction = OFFSET_DIRECTIONS.get(this.word(j) ?? '');
    if (direction === undefined || !this.linked(j + 1)) return null;
    let count: number | null = null;
    let unitAt = j + 1;
    let unit = OFFSET_UNITS.get(this.word(unitAt) ?? '');
    if (unit) {
      count = countOfBareUnit(unit.form);
    } else {
      const number = readNumber(this.key, this.startOf(j + 1));
      if (!number || !Number.isInteger(number.value) || number.value < 1 || number.kind === 'attached' || number.kind === 'ordinal') return null;
      unitAt = this.tokenAt(j + 1, number.end);
      unit = this.linked(unitAt) ? OFFSET_UNITS.get(this.word(unitAt) ?? '') : undefined;
      if (!unit || !countAgrees(number.value, number.kind === 'digits', unit.form)) return null;
      count = number.value;
    }
    if (count === null || !unit) return null;
    let end = unitAt + 1;
    // `قبل أسبوع واحد`: one, said again.
    if (count === 1 && ONE.has(this.next(end) ?? '')) end++;
    const after = this.next(end);
    // `قبل يوم الانتخابات`, `بعد يوم طويل`: the unit heads a noun phrase, it is no offset.
    if (after !== undefined && ((after.startsWith(ARTICLE) && !RELATIONS.has(after)) || UNIT_ADJECTIVES.has(after))) return null;
    // `يعيش منذ ثلاث سنوات`, `منذ ثلاث سنوات يعيش`: beside a present verb `منذ` is "for", a duration.
    const before = this.linked(j) ? this.tokens[j - 1]?.key : undefined;
    if (this.word(j) === SINCE && ((before !== undefined && isImperfect(before)) || (after !== undefined && isImperfect(after)))) return null;
    if (after !== undefined) {
      const startsName = this.digits(end) !== null || startsMonthName(after) || WEEKDAYS.has(after) || HOLIDAYS.has(after) || RELATIONS.has(after);
      // `بعد أسبوع من الآن`: from now is from the document date, inside the span.
      if (after === FROM && NOW_WORDS.has(this.next(end + 1) ?? '')) {
        return { next: end + 2, rule: 'date-offset', confidence: 0.85, reading: { calendar: 'gregorian', anchor: 'document', unit: unit.unit, offset: direction * count } };
      }
      if (EVENT_ANCHORS.has(after) || FRACTION_TAILS.has(after) || startsName) return null;
    }
    return {
      next: end,
      rule: 'date-offset',
      confidence: 0.85,
      reading: { calendar: 'gregorian', anchor: 'document', unit: unit.unit, offset: direction * count },
    };
  }
}

/** The count a unit noun carries alone: one for the singular, two for the dual, none for a plural. */
function countOfBareUnit(form: UnitForm): number | null {
  if (form === 'singular') return 1;
  if (form === 'dual') return 2;
  return null;
}

/** Number-noun agreement: 3-10 take the plural, 11 and more the (accusative) singular; digits take either. */
function countAgrees(count: number, digits: boolean, form: UnitForm): boolean {
  if (form === 'dual') return false;
  if (digits) return count > 2 || form !== 'plural';
  if (count >= 3 && count <= 10) return form === 'plural';
  return count >= 11 && form !== 'plural';
}

/** The key without a one-letter conjunction (`وفي` -> `في`), for context checks. */
function stripClitic(key: string): string {
  return key.length > 2 && (key.startsWith('و') || key.startsWith('ف')) ? key.slice(1) : key;
}

/** Years written without an era that are surely Gregorian in news. */
function isModernYear(year: number): boolean {
  return year >= 1900 && year <= 2100;
}

function isPlausibleYear(year: number, calendar: Calendar): boolean {
  return calendar === 'hijri' ? year >= 1 && year <= 1600 : year >= 1000 && year <= 2999;
}

