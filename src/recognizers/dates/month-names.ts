import { keyOf } from '../../text/normalize.js';
import { cachedValue, cacheKeyOf, codeFingerprint, DEFAULT_CACHE_DIR } from '../../io/binary-cache.js';

/**
 * Month and weekday names, compared on match keys (keyOf), so hamza seats, ta marbuta and alef
 * maqsura spellings (أبريل/ابريل/إبريل, ذو الحجة/ذو الحجه) need no separate entries.
 *
 * The bulk comes from ICU/CLDR through Intl.DateTimeFormat, in both the format context (with a
 * day) and the standalone context (month alone), for every Arabic locale whose month names
 * differ: the Egyptian/Gulf transliterations (ar, ar-EG, ar-SA, ar-LY), the Syriac names of the
 * Levant and Iraq (ar-SY, ar-LB, ar-IQ, ar-JO), the French-derived Algerian/Tunisian names
 * (ar-DZ, ar-TN), the Moroccan ones (ar-MA) and the Mauritanian ones (ar-MR). Hijri months come
 * from the Umm al-Qura calendar, weekdays from `ar`. A small hand table adds what the press
 * writes and CLDR does not.
 */

export type Calendar = 'gregorian' | 'hijri';

export interface MonthName {
  /** Match keys of the name's words (`كانون الأول` has two). */
  readonly words: readonly string[];
  /** 1..12 in its calendar. */
  readonly month: number;
  readonly calendar: Calendar;
  /**
   * Also a common word or a personal name (`مارس` "he practised", `آب` "father", `صفر` "zero",
   * `رمضان` a surname): a date rule accepts it only beside a day, a year, `شهر` or a relative word.
   */
  readonly ambiguous: boolean;
}

export interface MonthMatch {
  readonly name: MonthName;
  /** How many words the name took. */
  readonly wordCount: number;
}

const GREGORIAN_LOCALES = ['ar', 'ar-EG', 'ar-SA', 'ar-SY', 'ar-LB', 'ar-IQ', 'ar-JO', 'ar-DZ', 'ar-TN', 'ar-MA', 'ar-LY', 'ar-MR'];

/**
 * Spellings the press uses that CLDR lacks (older Egyptian forms, article-less Syriac names).
 * Hamza variants of CLDR names (ابريل/إبريل, اغسطس, ايلول) share its key: they need no entry.
 */
const EXTRA_GREGORIAN: readonly (readonly [month: number, names: readonly string[]])[] = [
  [1, ['كانون ثاني']],
  [6, ['يونيه']],
  [7, ['يوليه']],
  [10, ['تشرين أول']],
  [11, ['تشرين ثاني']],
  [12, ['كانون أول']],
];

/** Hijri spellings beside CLDR's Umm al-Qura names (genitive ذي, the article المحرم, the ordinal variants). */
const EXTRA_HIJRI: readonly (readonly [month: number, names: readonly string[]])[] = [
  [1, ['المحرم']],
  [3, ['ربيع أول']],
  [4, ['ربيع الثاني', 'ربيع ثاني']],
  [5, ['جمادى الأول', 'جمادى أولى']],
  [6, ['جمادى الثانية', 'جمادى الآخر', 'جمادى الثاني']],
  [11, ['ذي القعدة', 'ذا القعدة']],
  [12, ['ذي الحجة', 'ذا الحجة']],
];

/** Keys of month names that are also everyday words or names (see MonthName.ambiguous). */
const AMBIGUOUS = new Set(
  ['مارس', 'ماي', 'آب', 'نيسان', 'جوان', 'محرم', 'المحرم', 'صفر', 'رجب', 'شعبان', 'رمضان', 'شوال'].map(keyOf),
);

/** Weekday spellings beside CLDR's (the older الثلثاء). */
const EXTRA_WEEKDAYS: readonly (readonly [weekday: number, name: string])[] = [[2, 'الثلثاء']];

const SAMPLE_YEAR = 2021;

function gregorianNamesFromIcu(): [number, string][] {
  const names: [number, string][] = [];
  for (const locale of GREGORIAN_LOCALES) {
    const tag = `${locale}-u-ca-gregory-nu-latn`;
    const standalone = new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' });
    const format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(SAMPLE_YEAR, m, 15));
      names.push([m + 1, standalone.format(date)]);
      const part = format.formatToParts(date).find((p) => p.type === 'month');
      if (part) names.push([m + 1, part.value]);
    }
  }
  return names;
}

function hijriNamesFromIcu(): [number, string][] {
  const names: [number, string][] = [];
  const numeric = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { month: 'numeric', timeZone: 'UTC' });
  const standalone = new Intl.DateTimeFormat('ar-u-ca-islamic-umalqura-nu-latn', { month: 'long', timeZone: 'UTC' });
  const format = new Intl.DateTimeFormat('ar-u-ca-islamic-umalqura-nu-latn', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  // One Hijri year is 354/355 days: stepping 10 days over 400 days meets every month.
  for (let d = 0; d < 400; d += 10) {
    const date = new Date(Date.UTC(SAMPLE_YEAR, 0, 1 + d));
    const month = Number(numeric.format(date));
    names.push([month, standalone.format(date)]);
    const part = format.formatToParts(date).find((p) => p.type === 'month');
    if (part) names.push([month, part.value]);
  }
  return names;
}

function buildMonthIndex(icu: IcuNames): Map<string, MonthName[]> {
  const index = new Map<string, MonthName[]>();
  const seen = new Set<string>();
  const add = (calendar: Calendar, month: number, surface: string): void => {
    const key = keyOf(surface);
    const id = `${calendar}:${key}`;
    if (key.length === 0 || seen.has(id)) return;
    seen.add(id);
    const words = key.split(' ');
    const first = words[0] ?? '';
    const entry: MonthName = { words, month, calendar, ambiguous: AMBIGUOUS.has(key) };
    const list = index.get(first) ?? [];
    list.push(entry);
    list.sort((a, b) => b.words.length - a.words.length); // longest name first
    index.set(first, list);
  };
  for (const [month, name] of icu.gregorian) add('gregorian', month, name);
  for (const [month, names] of EXTRA_GREGORIAN) for (const name of names) add('gregorian', month, name);
  for (const [month, name] of icu.hijri) add('hijri', month, name);
  for (const [month, names] of EXTRA_HIJRI) for (const name of names) add('hijri', month, name);
  return index;
}

function weekdayNamesFromIcu(): [number, string][] {
  const names: [number, string][] = [];
  const standalone = new Intl.DateTimeFormat('ar-u-ca-gregory', { weekday: 'long', timeZone: 'UTC' });
  const format = new Intl.DateTimeFormat('ar-u-ca-gregory', { weekday: 'long', day: 'numeric', timeZone: 'UTC' });
  for (let d = 0; d < 7; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)); // 2024-01-01 is a Monday: ISO weekday d + 1
    names.push([d + 1, standalone.format(date)]);
    const part = format.formatToParts(date).find((p) => p.type === 'weekday');
    if (part) names.push([d + 1, part.value]);
  }
  return names;
}

/** What ICU's CLDR data gives: [month or ISO weekday, name] pairs. */
interface IcuNames {
  readonly gregorian: readonly (readonly [number, string])[];
  readonly hijri: readonly (readonly [number, string])[];
  readonly weekdays: readonly (readonly [number, string])[];
}

/** Bump when IcuNames change in a way the code hash would not catch. */
const ICU_NAMES_FORMAT = 1;

const isPairs = (value: unknown): boolean => Array.isArray(value) && value.every((pair) => Array.isArray(pair) && typeof pair[0] === 'number' && typeof pair[1] === 'string');
const isIcuNames = (value: unknown): boolean => {
  const names = value as Partial<Record<keyof IcuNames, unknown>>;
  return typeof value === 'object' && value !== null && isPairs(names.gregorian) && isPairs(names.hijri) && isPairs(names.weekdays);
};

/**
 * The names ICU gives, cached (io/binary-cache.ts) under its ICU and CLDR versions and the
 * package's code: asking ICU loads thirteen locales and the Umm al-Qura calendar, 25–40 ms of
 * every start; the cache file is read in well under one.
 */
function namesFromIcu(): IcuNames {
  const key = cacheKeyOf([`format ${ICU_NAMES_FORMAT} icu ${process.versions.icu ?? '-'} cldr ${process.versions.cldr ?? '-'}`, codeFingerprint()]);
  return cachedValue(DEFAULT_CACHE_DIR, 'icu-names', key, (): IcuNames => ({ gregorian: gregorianNamesFromIcu(), hijri: hijriNamesFromIcu(), weekdays: weekdayNamesFromIcu() }), isIcuNames);
}

function buildWeekdays(icu: IcuNames): Map<string, number> {
  const weekdays = new Map<string, number>();
  for (const [weekday, name] of icu.weekdays) weekdays.set(keyOf(name), weekday);
  for (const [weekday, name] of EXTRA_WEEKDAYS) weekdays.set(keyOf(name), weekday);
  return weekdays;
}

const ICU_NAMES = namesFromIcu();

const MONTH_INDEX = buildMonthIndex(ICU_NAMES);

/** Weekday match keys (with the article, as news writes them: `الخميس`) -> ISO weekday 1..7. */
export const WEEKDAYS: ReadonlyMap<string, number> = buildWeekdays(ICU_NAMES);

/** Keys that can start a month name, for a cheap first check. */
export function startsMonthName(key: string): boolean {
  return MONTH_INDEX.has(key);
}

/**
 * The longest month name starting with the word `first` (a match key), reading the following
 * words' keys through `next(1)`, `next(2)`... (undefined past the phrase). Several calendars may
 * share a spelling; the Gregorian reading is listed first.
 */
export function matchMonthName(first: string, next: (offset: number) => string | undefined): MonthMatch | null {
  const entries = MONTH_INDEX.get(first);
  if (!entries) return null;
  for (const name of entries) {
    let ok = true;
    for (let w = 1; w < name.words.length && ok; w++) ok = next(w) === name.words[w];
    if (ok) return { name, wordCount: name.words.length };
  }
  return null;
}
