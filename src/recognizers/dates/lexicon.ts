import { keyOf } from '../../text/normalize.js';
import type { DateDetail } from '../../types.js';

/**
 * The date grammar's vocabulary, as data: every word the grammar (parser.ts) reads, with what it
 * means and, where it is not obvious, why it is here. Words are compared on match keys (keyOf),
 * so hamza seats and ta marbuta spellings need no separate entries. A new word goes here, not
 * into a new branch of the parser. Sources: standard Arabic usage in news prose (the forms of
 * GUIDELINES rule 5) unless an entry says otherwise.
 */

export type Anchor = NonNullable<DateDetail['anchor']>;
export type Unit = NonNullable<DateDetail['unit']>;
export type Part = NonNullable<DateDetail['part']>;

export interface Relation {
  readonly anchor: Anchor;
  readonly offset: number;
}

const keys = (...words: string[]): ReadonlySet<string> => new Set(words.map(keyOf));
const keyMap = <T>(entries: readonly (readonly [string, T])[]): ReadonlyMap<string, T> =>
  new Map(entries.map(([word, value]) => [keyOf(word), value]));

// ---- words inside the span before a day ----

/** Words naming the day itself: `يوم الخميس`, `نهار الخميس`. */
export const DAY_WORDS = keys('يوم', 'نهار');
/** `يومي 12 و13 فبراير`: the dual opens a two-day range. */
export const DUAL_DAY_WORD = keyOf('يومي');
/** Times of day before a day: `صباح اليوم`, `مساء أمس`, `ليلة الخميس`. */
export const TIME_OF_DAY = keys('صباح', 'مساء', 'ظهر', 'عصر', 'فجر', 'ليلة', 'ليل', 'ضحى', 'صبيحة', 'ظهيرة');
/** The eve (`ليلة رأس السنة` is 31 December): a holiday after these words is not the holiday's day. */
export const EVE_WORDS = keys('ليلة', 'ليل', 'عشية');
/** A fuzzy part of a month or year (`منتصف عام 2014` keeps the year as value). */
export const PARTS = keyMap<Part>([
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
export const MONTH_WORD = keyOf('شهر');
/** The first day of a month: Maghrebi `فاتح ماي`, Hijri `غرة رمضان`. */
export const FIRST_DAY_WORDS = keys('فاتح', 'غرة');

/**
 * Ordinals without the article, in construct before a month (`أول شباط`, `ثاني أيار`): the day.
 * With the article (`الثالث من مارس`) the shared number reader reads them.
 */
export const CONSTRUCT_ORDINALS = keyMap<number>([
  ['أول', 1],
  ['ثاني', 2],
  ['ثالث', 3],
  ['رابع', 4],
  ['خامس', 5],
  ['سادس', 6],
  ['سابع', 7],
  ['ثامن', 8],
  ['تاسع', 9],
  ['عاشر', 10],
]);

// ---- relative words ----

/**
 * Relative words after a month, weekday, holiday or unit (`الشهر الماضي`, `الخميس القادم`), both
 * genders. `السابق`/`التالي` ("the preceding/the following") read from the document date too:
 * `الأسبوع السابق` in a dated report is the week before the report's.
 */
export const RELATIONS = keyMap<Relation>([
  ...['الماضي', 'الماضية', 'المنصرم', 'المنصرمة', 'الفائت', 'الفائتة', 'المنقضي', 'المنقضية', 'السابق', 'السابقة'].map(
    (w) => [w, { anchor: 'previous', offset: -1 }] as const,
  ),
  ...['المقبل', 'المقبلة', 'القادم', 'القادمة', 'التالي', 'التالية', 'الآتي', 'الآتية'].map((w) => [w, { anchor: 'next', offset: 1 }] as const),
  ...['الجاري', 'الجارية', 'الحالي', 'الحالية'].map((w) => [w, { anchor: 'current', offset: 0 }] as const),
]);
/** `الخميس قبل الماضي`, `العام بعد المقبل`: two units away. */
export const BEFORE = keyOf('قبل');
export const AFTER = keyOf('بعد');
/** `الـ 23 من الجاري`: the current month, unnamed. */
export const RELATION_CURRENT = keys('الجاري', 'الحالي');
export const THIS = keys('هذا', 'هذه');

/** Calendar units that take a relative word: `الشهر الماضي`. Plurals (`الأشهر المقبلة`) are vague: absent. */
export const RELATIVE_UNITS = keyMap<Unit>([
  ['الشهر', 'month'],
  ['الأسبوع', 'week'],
  ['العام', 'year'],
  ['السنة', 'year'],
]);

// ---- offsets from the document date: `قبل أسبوع`, `بعد يومين`, `منذ ثلاثة أيام` ----

/** The word that opens an offset, with its direction (the word is inside the span: without it the rest is a duration). */
export const OFFSET_DIRECTIONS = keyMap<number>([
  ['قبل', -1],
  ['منذ', -1],
  ['بعد', 1],
]);

export type UnitForm = 'singular' | 'accusative' | 'dual' | 'plural';

export const SINCE = keyOf('منذ');

/**
 * Unit nouns of an offset in each form Arabic counts with: the singular alone is one
 * (`قبل أسبوع`), the dual two (`بعد يومين`), the plural after 3-10 (`ثلاثة أيام`), the
 * accusative singular after 11-99 (`خمسة عشر يوما`); after digits either.
 */
export const OFFSET_UNITS = keyMap<{ unit: Unit; form: UnitForm }>([
  ['يوم', { unit: 'day', form: 'singular' }],
  ['يوما', { unit: 'day', form: 'accusative' }],
  ['يومين', { unit: 'day', form: 'dual' }],
  ['يومان', { unit: 'day', form: 'dual' }],
  ['أيام', { unit: 'day', form: 'plural' }],
  ['أسبوع', { unit: 'week', form: 'singular' }],
  ['أسبوعا', { unit: 'week', form: 'accusative' }],
  ['أسبوعين', { unit: 'week', form: 'dual' }],
  ['أسبوعان', { unit: 'week', form: 'dual' }],
  ['أسابيع', { unit: 'week', form: 'plural' }],
  ['شهر', { unit: 'month', form: 'singular' }],
  ['شهرا', { unit: 'month', form: 'accusative' }],
  ['شهرين', { unit: 'month', form: 'dual' }],
  ['شهران', { unit: 'month', form: 'dual' }],
  ['أشهر', { unit: 'month', form: 'plural' }],
  ['شهور', { unit: 'month', form: 'plural' }],
  ['عام', { unit: 'year', form: 'singular' }],
  ['عاما', { unit: 'year', form: 'accusative' }],
  ['عامين', { unit: 'year', form: 'dual' }],
  ['عامان', { unit: 'year', form: 'dual' }],
  ['أعوام', { unit: 'year', form: 'plural' }],
  ['سنة', { unit: 'year', form: 'singular' }],
  ['سنتين', { unit: 'year', form: 'dual' }],
  ['سنتان', { unit: 'year', form: 'dual' }],
  ['سنوات', { unit: 'year', form: 'plural' }],
  ['سنين', { unit: 'year', form: 'plural' }],
]);
/**
 * After an offset these anchor it to another event, not the document date: `بعد يومين من
 * الاجتماع`, `قبل أسبوع على الانتخابات`. Such an offset is left alone (its value is unknowable).
 */
export const EVENT_ANCHORS = keys('من', 'على', 'عن');
/** `قبل أسبوع واحد`: the count said again after a singular unit. */
export const ONE = keys('واحد', 'واحدة');
/**
 * Adjectives that make a unit noun a described period rather than an offset: `بعد يوم طويل`,
 * `بعد أسبوع حافل`, `قبل عام كامل` (common collocations of يوم/أسبوع/شهر/عام in news).
 */
export const UNIT_ADJECTIVES = keys('طويل', 'طويلة', 'حافل', 'حافلة', 'كامل', 'كاملة', 'كاملين', 'جديد', 'جديدة', 'آخر', 'أخرى', 'عصيب', 'دام', 'دامي', 'صعب', 'واحد', 'واحدة');
/** `بعد أسبوع من الآن`: the one event an offset may name is now. */
export const NOW_WORDS = keys('الآن', 'اليوم');

// ---- days around the document date ----

/** Yesterday (`أمس`, `البارحة`), today, tomorrow: offsets -1, 0, +1 from the document date. */
export const YESTERDAY = keys('أمس', 'البارحة');
/** `الأمس` alone is figurative (`حلفاء الأمس`); `بالأمس`, `يوم الأمس` are the day. */
export const THE_YESTERDAY = keyOf('الأمس');
export const TOMORROW = keyOf('غدا');
/** `غد`/`الغد` need `بعد`, `يوم` or a time of day (`تيار الغد` is a party). */
export const BARE_TOMORROW = keys('غد', 'الغد');
export const TODAY = keyOf('اليوم');
/** `الليلة الماضية`: last night (`الليلة` alone is also "the night" of any story: not read). */
export const THE_NIGHT = keyOf('الليلة');
/** `هذا الصباح`, `هذا المساء`: today. */
export const THIS_TIME_OF_DAY = keys('الصباح', 'المساء');
/** `أول أمس`, `أول من أمس`, `أمس الأول`: the day before yesterday. */
export const FIRST = keyOf('أول');
export const THE_FIRST = keyOf('الأول');

// ---- years ----

export const YEAR_WORDS = keys('عام', 'العام', 'سنة', 'السنة');
/** `عامي 2013 و2014`, `العامين 2013 و2014`: the dual names two years, each a DATE of its own. */
export const DUAL_YEAR_WORDS = keys('عامي', 'العامين', 'سنتي', 'السنتين');
export const GREGORIAN_ERA = keys('م', 'ميلادي', 'ميلادية', 'للميلاد');
export const HIJRI_ERA = keys('هـ', 'هجري', 'هجرية', 'للهجرة');
/** Prepositions that make a bare four-digit number a year: `في 2020`, `منذ 2011`. */
export const YEAR_PREPOSITIONS = keys('في', 'منذ', 'حتى', 'خلال', 'بحلول');
/** Nouns that make a number a count, not a year: `في 2000 شخص`. */
export const NOUNS_AFTER_A_COUNT = keys('شخص', 'شخصا', 'قتيل', 'قتيلا', 'دولار', 'دولارا', 'يورو', 'جندي', 'طن', 'برميل', 'متر', 'كيلومتر', 'عام', 'سنة', 'يوم', 'ساعة', 'مرة');

// ---- ranges ----

export const FROM = keyOf('من');
export const BETWEEN = keyOf('بين');
export const RANGE_TO = keys('إلى', 'الى', 'حتى', 'لغاية');
export const AND_LINK = keys('و');
/** Links of a range without an opener: `12-14 فبراير`, `25 و26 من الشهر`, `13 الى 15 تموز`. */
export const BARE_RANGE_LINKS = keys('و', '-', 'إلى', 'الى', 'حتى');
export const ARTICLE = 'ال';
export const CORRESPONDING = keyOf('الموافق');

// ---- readings that are not dates ----

/**
 * `اليوم` is "today" as an adverb, but also "nowadays" (`عالم اليوم`, `شباب اليوم`) and "the
 * day" in a noun phrase (`اليوم الأول`, `اليوم الذي`). Heads of the "nowadays" reading:
 */
export const NOWADAYS_HEADS = keys('عالم', 'شباب', 'جيل', 'أطفال', 'إنسان', 'مجتمع', 'عرب', 'نساء', 'امرأة', 'رجل', 'حتى', 'إلى', 'الى', 'لغاية', 'هذا', 'في', 'منذ', 'مثل');
export const TODAY_BLOCKERS = keys('الذي', 'التي', 'نفسه', 'ذاته', 'عينه');
export const SENTENCE_END: ReadonlySet<string> = new Set(['.', '!', '?', '؟', ':', '\n']);

/** `صلاة الجمعة`, `خطبة الجمعة`: the prayer, not the day. */
export const FRIDAY_PRAYER_HEADS = keys('صلاة', 'صلاه', 'خطبة', 'خطيب', 'إمام', 'صلوات', 'مسجد', 'جامع');
export const FRIDAY = keyOf('الجمعة');
/** `الأحد عشر` is "the eleven"; `الاثنين` is also "the two" (`الطرفين الاثنين`, `كلا الاثنين`). */
export const SUNDAY = keyOf('الأحد');
export const MONDAY = keyOf('الاثنين');
export const TEEN_MARKERS = keys('عشر', 'عشرة');
export const TWO_BLOCKERS = keys('كلا', 'كلتا', 'معا');

// ---- holidays, each with its calendar rule ----

export interface Holiday {
  /** Stable id, shown in `date.holiday`. */
  readonly id: string;
  /** The name's words as match keys (`عيد الفطر` has two). */
  readonly words: readonly string[];
  readonly calendar: 'gregorian' | 'hijri';
  readonly month: number;
  readonly day: number;
  /** Only after `يوم` (`يوم عرفة`; `عرفة` alone is the place). */
  readonly needsDayWord: boolean;
}

const HOLIDAY_TABLE: readonly (readonly [id: string, names: readonly string[], calendar: 'gregorian' | 'hijri', month: number, day: number, needsDayWord?: boolean])[] = [
  // Islamic feasts and days, fixed in the Hijri calendar (Umm al-Qura through ICU resolves them).
  ['eid-al-fitr', ['عيد الفطر'], 'hijri', 10, 1],
  ['eid-al-adha', ['عيد الأضحى'], 'hijri', 12, 10],
  ['day-of-arafah', ['عرفة', 'عرفات'], 'hijri', 12, 9, true],
  ['islamic-new-year', ['رأس السنة الهجرية', 'رأس السنة الهجري'], 'hijri', 1, 1],
  ['ashura', ['عاشوراء'], 'hijri', 1, 10],
  ['mawlid', ['المولد النبوي'], 'hijri', 3, 12],
  ['isra-miraj', ['الإسراء والمعراج'], 'hijri', 7, 27],
  // Fixed Gregorian days. `عيد الميلاد` is 25 December (the Western date most Arab press uses);
  // `عيد ميلاده` ("his birthday") has no article and is not matched.
  ['christmas', ['عيد الميلاد'], 'gregorian', 12, 25],
  ['new-year', ['رأس السنة', 'رأس السنة الميلادية', 'رأس السنة الميلادي'], 'gregorian', 1, 1],
  ['labour-day', ['عيد العمال'], 'gregorian', 5, 1],
  ['valentines-day', ['عيد الحب'], 'gregorian', 2, 14],
  // Mother's Day in the Arab world is 21 March (Egypt since 1956, then the Levant and Gulf).
  ['mothers-day', ['عيد الأم'], 'gregorian', 3, 21],
];

/** Holidays by the key of their first word, longest name first. */
export const HOLIDAYS: ReadonlyMap<string, readonly Holiday[]> = (() => {
  const index = new Map<string, Holiday[]>();
  for (const [id, names, calendar, month, day, needsDayWord] of HOLIDAY_TABLE) {
    for (const name of names) {
      const words = keyOf(name).split(' ');
      const list = index.get(words[0] ?? '') ?? [];
      list.push({ id, words, calendar, month, day, needsDayWord: needsDayWord === true });
      list.sort((a, b) => b.words.length - a.words.length);
      index.set(words[0] ?? '', list);
    }
  }
  return index;
})();

/** `ثاني أيام عيد الأضحى`: the n-th of the days of a feast. */
export const DAYS_OF = keyOf('أيام');

/** Epithets after a holiday or a Hijri month, inside the span: `عيد الفطر المبارك`, `المولد النبوي الشريف`. */
export const EPITHETS = keys('المبارك', 'السعيد', 'الشريف', 'المجيد', 'المعظم', 'الكريم');

// ---- tense around a bare weekday (HeidelTime's news strategy) ----

/** Words that put what follows in the future: `سوف`, `لن` (negated future), `من المقرر أن`. */
export const FUTURE_WORDS = keys('سوف', 'لن', 'المقرر', 'مقرر', 'المرتقب', 'مرتقب', 'المزمع', 'يعتزم', 'تعتزم');
/**
 * Words that start like a future verb (س + imperfect prefix) but are nouns or other words:
 * `سياسة`, `سيارة`, `ستة`, `سنة`. Compared on the first letters of the key.
 */
export const NOT_FUTURE_PREFIXES: readonly string[] = ['سياس', 'سيار', 'سياد', 'سياح', 'سيطر', 'سيد', 'سيناء', 'سيول', 'سيف', 'ستة', 'ستين', 'ستار', 'سنة', 'سنه', 'سنو', 'سنت', 'سنين', 'سنغال', 'سيناريو', 'سيري', 'سيرة'].map(keyOf);
/** Imperfect words starting with ي that are nouns or months: `يوم`, `يونيو`, `يد`. */
export const NOT_IMPERFECT_PREFIXES: readonly string[] = ['يوم', 'يون', 'يول', 'ينا', 'يد', 'يمن', 'يهود', 'يسار', 'يمين'].map(keyOf);
/** Words that open a clause with its own verb: the tense of `قال إن الاجتماع سيعقد` is the second verb's. */
export const CLAUSE_OPENERS = keys('أن', 'إن', 'أنه', 'إنه', 'أنها', 'إنها', 'بأن', 'لأن', 'الذي', 'التي', 'الذين', 'حيث', 'عندما', 'بعدما', 'حين', 'بينما', 'كما');
/** Closed-class words that a verb's shape would match (`بين`, `قبل`) but say nothing of the time (`قال`, `كان` do: they stay out). */
export const TENSELESS_WORDS = keys('في', 'من', 'إلى', 'على', 'عن', 'مع', 'أن', 'إن', 'بين', 'بعد', 'قبل', 'منذ', 'هذا', 'هذه', 'ذلك', 'التي', 'الذي', 'وقد', 'قد', 'كما', 'حيث', 'يوم', 'نهار', 'بعض', 'كل', 'غير', 'عدد');
