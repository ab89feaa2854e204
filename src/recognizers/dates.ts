import { procliticReadingsOf } from '../text/clitics.js';
import { WordFact } from '../text/word-types.js';
import { keyOf } from '../text/normalize.js';
import type { Candidate, DateDetail, Recognizer, RecognizerContext, Token } from '../types.js';
import {
  dayNumber,
  daysInMonth,
  fromDayNumber,
  hijriMonthDays,
  hijriToDay,
  isoDate,
  isoDay,
  isoWeek,
  isoWeekday,
  isoYearMonth,
  parseIsoDay,
  toHijri,
} from './calendar.js';
import { matchMonthName, startsMonthName, WEEKDAYS, type MonthName } from './month-names.js';
import { readOrdinal, startsOrdinal } from './numbers.js';
import { cliticStemMay, continuesPhrase, tokenIndexAt } from './token-scan.js';

/**
 * DATE candidates: calendar expressions as Arabic news writes them (GUIDELINES rule 5). The span
 * takes the anchoring words inside it (`يوم`, `نهار`, `صباح`, `منتصف`, `من ... إلى`), and leaves
 * `في`, `بتاريخ`, `منذ` and attached proclitics outside. `value` is ISO 8601 when the text fixes
 * it, or when the expression is relative and options.documentDate resolves it; every relative
 * expression has `relative: true`. `date` holds the reading, in the calendar it names.
 *
 * The parser walks the tokens once; at a token that can start a date it tries, in order, the
 * inside-span prefixes and then each form, and keeps the first (longest-anchored) match.
 */

type Anchor = NonNullable<DateDetail['anchor']>;
type Unit = NonNullable<DateDetail['unit']>;
type Part = NonNullable<DateDetail['part']>;
type Calendar = DateDetail['calendar'];

/** What the text says, before resolution. Day/month/year are in `calendar`. */
interface Reading {
  calendar: Calendar;
  year?: number;
  month?: number;
  day?: number;
  endDay?: number;
  weekday?: number;
  part?: Part;
  anchor?: Anchor;
  unit?: Unit;
  offset?: number;
}

interface Match {
  /** Token index after the expression. */
  readonly next: number;
  readonly rule: string;
  readonly confidence: number;
  readonly reading: Reading;
}

interface Relation {
  readonly anchor: Anchor;
  readonly offset: number;
}

const keys = (...words: string[]): Set<string> => new Set(words.map(keyOf));
const keyMap = <T>(entries: readonly (readonly [string, T])[]): Map<string, T> =>
  new Map(entries.map(([word, value]) => [keyOf(word), value]));

/** Words naming the day itself, inside the span: `يوم الخميس`, `نهار الخميس`. */
const DAY_WORDS = keys('يوم', 'نهار');
/** `يومي 12 و13 فبراير`: the dual opens a two-day range. */
const DUAL_DAY_WORD = keyOf('يومي');
/** Times of day before a day, inside the span: `صباح اليوم`, `مساء أمس`, `ليلة الخميس`. */
const TIME_OF_DAY = keys('صباح', 'مساء', 'ظهر', 'عصر', 'فجر', 'ليلة', 'ليل', 'ضحى', 'صبيحة', 'ظهيرة');
/** A fuzzy part of a month or year, inside the span (`منتصف عام 2014` keeps the year as value). */
const PARTS = keyMap<Part>([
  ['مطلع', 'start'],
  ['أوائل', 'start'],
  ['بداية', 'start'],
  ['بدايات', 'start'],
  ['مستهل', 'start'],
  ['منتصف', 'middle'],
  ['أواسط', 'middle'],
  ['أواخر', 'end'],
  ['نهاية', 'end'],
  ['نهايات', 'end'],
  ['ختام', 'end'],
]);
const MONTH_WORD = keyOf('شهر');
/** The first day of a month: Maghrebi `فاتح ماي`, Hijri `غرة رمضان`. */
const FIRST_DAY_WORDS = keys('فاتح', 'غرة');

/** Relative words after a month, weekday, الشهر, الأسبوع, العام, السنة (both genders). */
const RELATIONS = keyMap<Relation>([
  ...['الماضي', 'الماضية', 'المنصرم', 'المنصرمة', 'الفائت', 'الفائتة', 'المنقضي'].map(
    (w) => [w, { anchor: 'previous', offset: -1 }] as const,
  ),
  ...['المقبل', 'المقبلة', 'القادم', 'القادمة'].map((w) => [w, { anchor: 'next', offset: 1 }] as const),
  ...['الجاري', 'الجارية', 'الحالي', 'الحالية'].map((w) => [w, { anchor: 'current', offset: 0 }] as const),
]);
const BEFORE = keyOf('قبل');
const AFTER = keyOf('بعد');
const RELATION_CURRENT = keys('الجاري', 'الحالي');
const THIS = keys('هذا', 'هذه');

/** Calendar units that take a relative word: `الشهر الماضي`. Plurals (`الأشهر المقبلة`) are vague: absent. */
const RELATIVE_UNITS = keyMap<Unit>([
  ['الشهر', 'month'],
  ['الأسبوع', 'week'],
  ['العام', 'year'],
  ['السنة', 'year'],
]);
const YEAR_WORDS = keys('عام', 'العام', 'سنة', 'السنة');
/** `عامي 2013 و2014`, `العامين 2013 و2014`: the dual names two years, each a DATE of its own. */
const DUAL_YEAR_WORDS = keys('عامي', 'العامين', 'سنتي', 'السنتين');
const GREGORIAN_ERA = keys('م', 'ميلادي', 'ميلادية', 'للميلاد');
const HIJRI_ERA = keys('هـ', 'هجري', 'هجرية', 'للهجرة');

const FROM = keyOf('من');
const BETWEEN = keyOf('بين');
const RANGE_TO = keys('إلى', 'الى', 'حتى', 'لغاية');
const AND_LINK = keys('و');
const BARE_RANGE_LINKS = keys('و', '-');
const ARTICLE = 'ال';
const CORRESPONDING = keyOf('الموافق');

/** Yesterday (`أمس`, `البارحة`), today, tomorrow: offsets -1, 0, +1 from the document date. */
const YESTERDAY = keys('أمس', 'البارحة');
/** `الأمس` alone is figurative (`حلفاء الأمس`); `بالأمس`, `يوم الأمس` are the day. */
const THE_YESTERDAY = keyOf('الأمس');
const TOMORROW = keyOf('غدا');
/** `غد`/`الغد` need `بعد`, `يوم` or a time of day (`تيار الغد` is a party). */
const BARE_TOMORROW = keys('غد', 'الغد');
const TODAY = keyOf('اليوم');
const FIRST = keyOf('أول');
const THE_FIRST = keyOf('الأول');

/** Prepositions that make a bare four-digit number a year: `في 2020`, `منذ 2011`. */
const YEAR_PREPOSITIONS = keys('في', 'منذ', 'حتى', 'خلال', 'بحلول');
/** Nouns that make a number a count, not a year: `في 2000 شخص`. */
const NOUNS_AFTER_A_COUNT = keys('شخص', 'شخصا', 'قتيل', 'قتيلا', 'دولار', 'دولارا', 'يورو', 'جندي', 'طن', 'برميل', 'متر', 'كيلومتر', 'عام', 'سنة', 'يوم', 'ساعة', 'مرة');

/**
 * `اليوم` is "today" as an adverb, but also "nowadays" (`عالم اليوم`, `شباب اليوم`), "the day"
 * in a noun phrase (`اليوم الأول`, `اليوم الذي`, `اليوم العالمي`) and, opening a sentence
 * (`واليوم بعد مرور ثلاث سنوات`), usually "nowadays". Conservative choice: accept it when a
 * weekday or time of day is beside it, or mid-sentence after a word that is not one of those
 * heads, and not before an adjective, a relative pronoun or نفسه/ذاته.
 */
const NOWADAYS_HEADS = keys('عالم', 'شباب', 'جيل', 'أطفال', 'إنسان', 'مجتمع', 'عرب', 'نساء', 'امرأة', 'رجل', 'حتى', 'إلى', 'الى', 'لغاية', 'هذا', 'في', 'منذ', 'مثل');
const TODAY_BLOCKERS = keys('الذي', 'التي', 'نفسه', 'ذاته', 'عينه');
const SENTENCE_END = new Set(['.', '!', '?', '؟', ':', '\n']);

/** `صلاة الجمعة`, `خطبة الجمعة`: the prayer, not the day. */
const FRIDAY_PRAYER_HEADS = keys('صلاة', 'صلاه', 'خطبة', 'خطيب', 'إمام', 'صلوات', 'مسجد', 'جامع');
const FRIDAY = keyOf('الجمعة');
/** `الأحد عشر` is "the eleven"; `الاثنين` is also "the two" (`الطرفين الاثنين`, `كلا الاثنين`). */
const SUNDAY = keyOf('الأحد');
const MONDAY = keyOf('الاثنين');
const TEEN_MARKERS = keys('عشر', 'عشرة');
const TWO_BLOCKERS = keys('كلا', 'كلتا', 'معا');

const NUMERIC_DATE = /(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)|(\d{4})([/.-])(\d{1,2})\6(\d{1,2})(?!\d)/y;
const PURE_DIGITS = /^\d+$/;

/** Words that can open a date (first-token check before any parsing). */
const STARTERS = new Set<string>([
  ...DAY_WORDS,
  DUAL_DAY_WORD,
  ...TIME_OF_DAY,
  ...PARTS.keys(),
  MONTH_WORD,
  ...FIRST_DAY_WORDS,
  ...RELATIVE_UNITS.keys(),
  ...THIS,
  ...YEAR_WORDS,
  ...DUAL_YEAR_WORDS,
  FROM,
  BETWEEN,
  ARTICLE,
  ...YESTERDAY,
  THE_YESTERDAY,
  TOMORROW,
  ...BARE_TOMORROW,
  TODAY,
  FIRST,
  AFTER,
  ...WEEKDAYS.keys(),
]);

/** A parse over the tokens of one document; `first` overrides the first token's key (clitic stripped). */
class DateParser {
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
    if (TIME_OF_DAY.has(this.word(j) ?? '') && this.linked(j + 1)) {
      timeOfDay = true;
      j++;
    }
    const first = this.word(j) ?? '';
    if (DAY_WORDS.has(first) && this.linked(j + 1)) return this.dayLevel(j + 1, true);
    if (first === DUAL_DAY_WORD && this.linked(j + 1)) return this.range(j + 1, true);
    if (timeOfDay) return this.dayLevel(j, true);
    const part = PARTS.get(first);
    if (part !== undefined && this.linked(j + 1)) {
      const match = this.monthLevel(j + 1, true);
      return match ? { ...match, reading: { ...match.reading, part } } : null;
    }
    return this.dayLevel(j, false) ?? this.monthLevel(j, false) ?? this.dualYears(j) ?? this.yearAfterPreposition(j) ?? this.secondOfDualYears(j);
  }

  /** Forms that name a day (what `يوم` or a time of day may precede). */
  private dayLevel(j: number, anchored: boolean): Match | null {
    return this.numericDate(j) ?? this.range(j, false) ?? this.dayOfMonth(j) ?? this.relativeDay(j, anchored) ?? this.weekday(j, anchored);
  }

  /** Forms that name a month or a year (what `منتصف`, `أواخر`... may precede). */
  private monthLevel(j: number, afterPart: boolean): Match | null {
    return this.month(j, afterPart) ?? this.year(j, afterPart) ?? this.relativeUnit(j);
  }

  // ---- pieces ----

  /** A day of the month: `22`, `ال22`/`ال 22`, `فاتح`/`غرة`, or an ordinal (`الثالث`) when `من` follows. */
  private day(j: number): { value: number; next: number } | null {
    if (FIRST_DAY_WORDS.has(this.word(j) ?? '')) return { value: 1, next: j + 1 };
    const value = this.digits(j);
    if (value !== null) {
      const token = this.tokens[j];
      return token && token.key.length <= 2 && value >= 1 && value <= 31 ? { value, next: j + 1 } : null;
    }
    const word = this.word(j);
    if (word === ARTICLE && this.linked(j + 1)) {
      const attached = this.digits(j + 1);
      const digitsToken = this.tokens[j + 1];
      if (attached !== null && digitsToken && digitsToken.key.length <= 2 && attached >= 1 && attached <= 31) {
        return { value: attached, next: j + 2 };
      }
      return null;
    }
    if (word === undefined || !word.startsWith(ARTICLE) || (j === this.firstIndex && this.firstPrefix.endsWith('لل'))) return null;
    const ordinal = readOrdinal(this.key, this.startOf(j));
    if (!ordinal || ordinal.value > 31) return null;
    const next = this.tokenAt(j, ordinal.end);
    return this.word(next) === FROM && this.linked(next) ? { value: ordinal.value, next } : null;
  }

  /** A month name, with an equivalent name in brackets or after a slash: `ديسمبر (كانون الأول)`. */
  private monthName(j: number): { name: MonthName; next: number } | null {
    const first = this.word(j);
    if (first === undefined || !startsMonthName(first)) return null;
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
   * What may follow a month: a year (`2014`, `من عام 2014`, `سنة 1445 هـ`), the year relative
   * to the document (`من العام الماضي`), or a relative word (`الماضي`).
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
    if (!isValidGregorian(year, month, day)) return null;
    return { next: this.tokenAt(j, token.start + m[0].length), rule: 'date-numeric', confidence: 0.9, reading: { calendar: 'gregorian', year, month, day } };
  }

  /**
   * `من ال12 الى ال14 من فبراير الحالي`, `بين 12 و14 فبراير 2018`, `يومي 12 و13 فبراير`, and
   * without an opener `25 و26 من الشهر المقبل`, `12-14 فبراير`. A month phrase must follow.
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
    const from = this.day(k);
    if (!from || !this.linked(from.next) || !links.has(this.word(from.next) ?? '') || !this.linked(from.next + 1)) return null;
    const to = this.day(from.next + 1);
    if (!to || to.value <= from.value) return null;
    const rest = this.monthPhrase(to.next, to.value);
    if (!rest) return null;
    const reading: Reading = { ...rest.reading, day: from.value, endDay: to.value };
    return { next: rest.next, rule: 'date-range', confidence: 0.9, reading };
  }

  /**
   * After a day: `[من] <month> [year | relative]` or `[من] (الجاري | الشهر الماضي...)`.
   * Checks the day fits the month.
   */
  private monthPhrase(j: number, day: number): { reading: Reading; next: number; kind: 'month' | 'current' } | null {
    let k = j;
    if (this.next(k) === FROM) k++;
    if (this.next(k) === MONTH_WORD) k++;
    if (!this.linked(k)) return null;
    const name = this.monthName(k);
    if (name) {
      const { calendar, month } = name.name;
      const tail = this.monthTail(name.next, calendar);
      const reading: Reading = { calendar, month, ...tail?.reading };
      if (!tail) reading.anchor = 'document';
      if (!dayFits(calendar, reading.year, month, day)) return null;
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

  /** `19 سبتمبر 2014`, `3 ديسمبر (كانون الأول) الماضي`, `الثالث من مارس`, `الـ 23 من الجاري`, `15 رمضان 1445 هـ`. */
  private dayOfMonth(j: number): Match | null {
    const day = this.day(j);
    if (!day) return null;
    const phrase = this.monthPhrase(day.next, day.value);
    if (!phrase) return null;
    const reading: Reading = { ...phrase.reading, day: day.value };
    const ordinal = this.digits(j) === null && this.word(j) !== ARTICLE;
    let rule: string;
    if (phrase.kind === 'current') rule = 'date-day-of-relative-month';
    else if (reading.calendar === 'hijri') rule = 'date-hijri';
    else if (ordinal) rule = 'date-ordinal-day';
    else if (reading.anchor === undefined) rule = 'date-dmy';
    else rule = reading.anchor === 'document' && reading.unit === undefined ? 'date-dm' : 'date-dm-relative';
    return { next: phrase.next, rule, confidence: reading.anchor === undefined ? 0.95 : 0.9, reading };
  }

  /** `أمس`, `أول أمس`, `أمس الأول`, `غدا`, `بعد غد`, `اليوم`, optionally with the weekday: `أمس السبت`. */
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
    } else if (word === FIRST && YESTERDAY.has(this.next(j + 1) ?? '')) {
      offset = -2;
      next = j + 2;
    } else if (word === TOMORROW || (anchored && BARE_TOMORROW.has(word))) {
      offset = 1;
      confidence = 0.8; // غدا is also the verb "became"
    } else if (word === AFTER && BARE_TOMORROW.has(this.next(j + 1) ?? '')) {
      offset = 2;
      next = j + 2;
    } else if (word === TODAY) {
      offset = 0;
      confidence = 0.75;
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

  /** `الخميس`, `الخميس القادم`, `الأربعاء الماضي`, `الخميس 22 يناير 2015`. */
  private weekday(j: number, anchored: boolean): Match | null {
    const word = this.word(j) ?? '';
    const weekday = WEEKDAYS.get(word);
    if (weekday === undefined || (!anchored && !this.isWeekdayReading(j, word))) return null;
    let next = j + 1;
    if (this.next(next) === CORRESPONDING) next++;
    const date = this.linked(next) ? (this.numericDate(next) ?? this.dayOfMonth(next)) : null;
    if (date) return { ...date, reading: { ...date.reading, weekday } };
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

  /** `ديسمبر الماضي`, `مارس 2015`, `شهر رمضان`, `سبتمبر`; ambiguous names need context. */
  private month(j: number, afterPart: boolean): Match | null {
    let k = j;
    const monthWord = this.word(k) === MONTH_WORD && this.linked(k + 1);
    if (monthWord) k++;
    const name = this.monthName(k);
    if (!name) return null;
    const { calendar, month, ambiguous } = name.name;
    const tail = this.monthTail(name.next, calendar);
    const reading: Reading = { calendar, month, ...tail?.reading };
    if (tail?.hasYear) {
      return { next: tail.next, rule: calendar === 'hijri' ? 'date-hijri' : 'date-my', confidence: 0.9, reading };
    }
    if (tail) return { next: tail.next, rule: 'date-month-relative', confidence: 0.85, reading };
    const context = monthWord || afterPart || (calendar === 'gregorian' && this.afterPreposition(j));
    if (ambiguous && !context) return null;
    reading.anchor = 'document';
    return { next: name.next, rule: 'date-month', confidence: ambiguous ? 0.7 : 0.8, reading };
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

function isValidGregorian(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function dayFits(calendar: Calendar, year: number | undefined, month: number, day: number): boolean {
  if (calendar === 'hijri') return day <= 30;
  return day <= daysInMonth(year ?? 2000, month); // 2000 is a leap year: 29 فبراير passes without a year
}

// ---- resolution ----

/** ISO value of a reading, or undefined when neither the text nor the document date fixes it. */
export function resolveDate(reading: Reading, documentDay: number | null): string | undefined {
  if (reading.anchor === undefined) return reading.calendar === 'hijri' ? hijriValue(reading) : gregorianValue(reading);
  if (documentDay === null) return undefined;
  if (reading.unit === 'day') return isoDay(documentDay + (reading.offset ?? 0));
  if (reading.unit === 'week') return isoWeek(documentDay + 7 * (reading.offset ?? 0));
  if (reading.month === undefined && reading.weekday !== undefined) return isoDay(weekdayDay(reading.weekday, reading.anchor, documentDay));
  if (reading.calendar === 'hijri') return resolveHijri(reading, documentDay);
  const doc = fromDayNumber(documentDay);
  if (reading.unit === 'month') {
    const index = doc.year * 12 + doc.month - 1 + (reading.offset ?? 0);
    return gregorianValue({ ...reading, year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  if (reading.unit === 'year') return gregorianValue({ ...reading, year: doc.year + (reading.offset ?? 0) });
  if (reading.month === undefined) return undefined;
  return gregorianValue({ ...reading, year: yearOfMonth(reading, doc.year, doc.month, doc.day) });
}

/** The year that puts (month, day) last before, next after, or in the document's year. */
function yearOfMonth(reading: Reading, year: number, month: number, day: number): number {
  const target = (reading.month ?? 0) * 100 + (reading.day ?? reading.endDay ?? 0);
  const documentPosition = month * 100 + (reading.day === undefined ? 0 : day);
  if (reading.anchor === 'previous') return target < documentPosition ? year : year - 1;
  if (reading.anchor === 'next') return target > documentPosition ? year : year + 1;
  return year;
}

/** Day of the weekday: last before / next after the document date, in its ISO week, or the nearest. */
function weekdayDay(weekday: number, anchor: Anchor, documentDay: number): number {
  const forward = (weekday - isoWeekday(documentDay) + 7) % 7;
  switch (anchor) {
    case 'previous':
      return documentDay - (7 - forward);
    case 'next':
      return documentDay + (forward === 0 ? 7 : forward);
    case 'current':
      return documentDay - isoWeekday(documentDay) + weekday;
    case 'document':
      return forward <= 3 ? documentDay + forward : documentDay + forward - 7;
  }
}

function gregorianValue(reading: Reading): string | undefined {
  const { year, month, day, endDay } = reading;
  if (year === undefined) return undefined;
  if (month === undefined) return String(year).padStart(4, '0');
  if (day === undefined) return isoYearMonth(year, month);
  if (!isValidGregorian(year, month, day)) return undefined;
  if (endDay === undefined) return isoDate(year, month, day);
  return isValidGregorian(year, month, endDay) ? `${isoDate(year, month, day)}/${isoDate(year, month, endDay)}` : undefined;
}

/** Gregorian value of a Hijri reading: a day, or the interval a Hijri month or year covers. */
function hijriValue(reading: Reading): string | undefined {
  const { year, month, day, endDay } = reading;
  if (year === undefined) return undefined;
  if (month === undefined) {
    const first = hijriToDay(year, 1, 1);
    const last = hijriToDay(year + 1, 1, 1);
    return first === null || last === null ? undefined : `${isoDay(first)}/${isoDay(last - 1)}`;
  }
  if (day === undefined) {
    const days = hijriMonthDays(year, month);
    return days ? `${isoDay(days[0])}/${isoDay(days[1])}` : undefined;
  }
  const start = hijriToDay(year, month, day);
  if (start === null) return undefined;
  if (endDay === undefined) return isoDay(start);
  const end = hijriToDay(year, month, endDay);
  return end === null ? undefined : `${isoDay(start)}/${isoDay(end)}`;
}

function resolveHijri(reading: Reading, documentDay: number): string | undefined {
  const doc = toHijri(documentDay);
  let year: number;
  if (reading.unit === 'year') year = doc.year + (reading.offset ?? 0);
  else if (reading.month !== undefined) year = yearOfMonth(reading, doc.year, doc.month, doc.day);
  else return undefined;
  return hijriValue({ ...reading, year });
}

/** The reading as DateDetail; a Hijri reading also as text (`1445-09-15`). */
function detailOf(reading: Reading): DateDetail {
  const { calendar, year, month, day } = reading;
  if (calendar !== 'hijri' || year === undefined) return { ...reading };
  let hijri = String(year).padStart(4, '0');
  if (month !== undefined) hijri += `-${String(month).padStart(2, '0')}`;
  if (month !== undefined && day !== undefined) hijri += `-${String(day).padStart(2, '0')}`;
  return { ...reading, hijri };
}

function mayStartWord(key: string): boolean {
  return STARTERS.has(key) || startsMonthName(key) || startsOrdinal(key);
}

/** Per word type: may a date start at the word itself, and after one of its proclitics? */
const dateStarts = new WordFact((key: string) => ({ bare: mayStartWord(key), afterClitic: cliticStemMay(key, mayStartWord) }));

export const dateRecognizer: Recognizer = {
  name: 'dates',
  recognize(context: RecognizerContext): Candidate[] {
    const { tokens } = context;
    const documentDay = context.options.documentDate === undefined ? null : parseIsoDay(context.options.documentDate);
    const parser = new DateParser(context);
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      let found: { match: Match; start: number } | null = null;
      const starts = token.kind === 'number' ? undefined : dateStarts.of(token);
      if (!starts || starts.bare) {
        const match = parser.parse(i, token.key, token.start, '');
        if (match) found = { match, start: token.start };
      }
      if (!found && token.kind === 'arabic' && starts?.afterClitic) {
        for (const reading of procliticReadingsOf(token)) {
          if (reading.prefixLength === 0 || !dateStarts.ofKey(reading.stem).bare) continue;
          const start = token.start + reading.prefixLength;
          const match = parser.parse(i, reading.stem, start, token.key.slice(0, reading.prefixLength + (reading.restoredArticle ? 1 : 0)));
          if (match) {
            found = { match, start };
            break;
          }
        }
      }
      if (!found) continue;
      const { match, start } = found;
      const last = tokens[match.next - 1];
      if (!last) continue;
      const value = resolveDate(match.reading, documentDay);
      const candidate: Candidate = {
        type: 'DATE',
        start,
        end: last.end,
        source: `rule:${match.rule}`,
        confidence: match.confidence,
        date: detailOf(match.reading),
        ...(value === undefined ? {} : { value }),
        ...(match.reading.anchor === undefined ? {} : { relative: true }),
      };
      candidates.push(candidate);
      i = match.next - 1;
    }
    return candidates;
  },
};
