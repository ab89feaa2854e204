import type { DateDetail } from '../../types.js';
import { dayNumber, daysInMonth, fromDayNumber, hijriMonthDays, hijriToDay, isoDate, isoDay, isoWeek, isoWeekday, isoYearMonth, parseIsoDay, toHijri } from './calendar.js';
import type { Anchor } from './lexicon.js';
import type { Reading } from './reading.js';

/**
 * From a reading to its ISO 8601 value, and the consistency check every value passes before it
 * is written: the days it names exist, a range does not end before it starts, a weekday the text
 * names is the date's weekday. On a contradiction the value is withheld and the reason kept.
 */

export type Withheld = NonNullable<DateDetail['valueWithheld']>;

export interface Resolution {
  readonly value?: string;
  readonly withheld?: Withheld;
  /** The reading as resolved (`nth` is dropped when the day itself has the weekday). */
  readonly reading: Reading;
}

/** A value, none (`undefined`: nothing fixes it), or `null`: the text names a day that does not exist. */
type Value = string | undefined | null;

export function resolveDate(reading: Reading, documentDay: number | null): Resolution {
  const chosen = withNthWeekday(reading, documentDay);
  const value = valueOf(chosen, documentDay);
  if (value === null) return { withheld: 'no-such-day', reading: chosen };
  if (value === undefined) return { reading: chosen };
  const withheld = contradiction(value, chosen);
  return withheld === undefined ? { value, reading: chosen } : { withheld, reading: chosen };
}

/** Why a value contradicts the text, or undefined when it does not. */
export function contradiction(value: string, reading: Reading): Withheld | undefined {
  const ends = value.split('/');
  for (const end of ends) if (/^\d{4}-\d{2}-\d{2}$/.test(end) && parseIsoDay(end) === null) return 'no-such-day';
  const [start, last] = ends;
  if (start !== undefined && last !== undefined && start > last) return 'range-order';
  if (reading.weekday !== undefined && ends.length === 1) {
    const day = parseIsoDay(value);
    if (day !== null && isoWeekday(day) !== reading.weekday) return 'weekday-mismatch';
  }
  return undefined;
}

/**
 * `الثلاثاء الثالث من شهر أيلول`: when the third is not a Tuesday, the third Tuesday is meant.
 * The reading keeps `nth` only in that case.
 */
function withNthWeekday(reading: Reading, documentDay: number | null): Reading {
  if (reading.nth === undefined) return reading;
  const { nth, ...plain } = reading;
  const value = valueOf(plain, documentDay);
  const day = typeof value === 'string' ? parseIsoDay(value) : null;
  if (day === null || plain.weekday === undefined || isoWeekday(day) === plain.weekday) return plain;
  const { year, month } = fromDayNumber(day);
  const first = dayNumber(year, month, 1);
  const nthDay = first + ((plain.weekday - isoWeekday(first) + 7) % 7) + 7 * (nth - 1);
  if (fromDayNumber(nthDay).month !== month) return plain;
  return { ...plain, nth, day: fromDayNumber(nthDay).day };
}

function valueOf(reading: Reading, documentDay: number | null): Value {
  if (reading.endDay !== undefined) return rangeValue(reading, documentDay);
  if (reading.holiday !== undefined || reading.gregorianYear !== undefined) return occurrenceValue(reading, documentDay);
  if (reading.anchor === undefined) return reading.calendar === 'hijri' ? hijriValue(reading) : gregorianValue(reading);
  if (documentDay === null) return undefined;
  const offset = reading.offset ?? 0;
  if (reading.unit === 'day') return isoDay(documentDay + offset);
  if (reading.unit === 'week') return isoWeek(documentDay + 7 * offset);
  if (reading.weekday !== undefined && reading.month === undefined && reading.unit === undefined) {
    if (reading.day !== undefined) return weekdayWithDay(reading.weekday, reading.day, documentDay);
    // `أعلن ... الأربعاء` in a Wednesday's report: wire copy names today's day, so a past event on the document's weekday is today's.
    if (reading.tense === 'past' && isoWeekday(documentDay) === reading.weekday) return isoDay(documentDay);
    // `الأحد قبل الماضي`: a week further for each step past the first.
    const further = 7 * Math.sign(offset) * Math.max(0, Math.abs(offset) - 1);
    return isoDay(weekdayDay(reading.weekday, weekdayAnchor(reading), documentDay) + further);
  }
  if (reading.calendar === 'hijri') return resolveHijri(reading, documentDay);
  const doc = fromDayNumber(documentDay);
  if (reading.unit === 'month') {
    const index = doc.year * 12 + doc.month - 1 + offset;
    return gregorianValue({ ...reading, year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  if (reading.unit === 'year') return gregorianValue({ ...reading, year: doc.year + offset });
  if (reading.month === undefined) return undefined;
  return gregorianValue({ ...reading, year: yearOfMonth(reading, doc.year, doc.month, doc.day) });
}

/** Each end resolved on its own (`من 28 ديسمبر 2013 الى 3 يناير 2014`), joined by `/`. */
function rangeValue(reading: Reading, documentDay: number | null): Value {
  const { endDay, endMonth, endYear, ...start } = reading;
  const end: Reading = { ...start, day: endDay, month: endMonth ?? start.month, year: endYear ?? start.year };
  const first = valueOf(start, documentDay);
  const last = valueOf(end, documentDay);
  if (first === null || last === null) return null;
  return first === undefined || last === undefined ? undefined : `${first}/${last}`;
}

/**
 * A bare weekday: the tense of its clause decides (past: the last one, or today's when the
 * document is dated that weekday; future: the next one after the document date), else the nearest.
 */
function weekdayAnchor(reading: Reading): Anchor {
  if (reading.anchor !== 'document' || reading.tense === undefined) return reading.anchor ?? 'document';
  return reading.tense === 'past' ? 'previous' : 'next';
}

/** `السبت السادس عشر`: the 16th nearest the document date (this month, the last or the next) that is a Saturday. */
function weekdayWithDay(weekday: number, day: number, documentDay: number): string | undefined {
  const doc = fromDayNumber(documentDay);
  let best: number | undefined;
  for (const step of [-1, 0, 1]) {
    const index = doc.year * 12 + doc.month - 1 + step;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    if (day > daysInMonth(year, month)) continue;
    const candidate = dayNumber(year, month, day);
    if (isoWeekday(candidate) !== weekday) continue;
    if (best === undefined || Math.abs(candidate - documentDay) < Math.abs(best - documentDay)) best = candidate;
  }
  return best === undefined ? undefined : isoDay(best);
}

/** The year that puts (month, day) last before, next after, or in the document's year. */
function yearOfMonth(reading: Reading, year: number, month: number, day: number): number {
  const target = (reading.month ?? 0) * 100 + (reading.day ?? 0);
  const documentPosition = month * 100 + (reading.day === undefined ? 0 : day);
  // `ديسمبر قبل الماضي`: a year further for each step past the first.
  const further = Math.max(0, Math.abs(reading.offset ?? 0) - 1);
  if (reading.anchor === 'previous') return (target < documentPosition ? year : year - 1) - further;
  if (reading.anchor === 'next') return (target > documentPosition ? year : year + 1) + further;
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

/** The ISO form, unchecked: a day that does not exist (`30 فبراير`) is left for the check to find. */
function gregorianValue(reading: Reading): Value {
  const { year, month, day } = reading;
  if (year === undefined) return undefined;
  if (month === undefined) return String(year).padStart(4, '0');
  if (day === undefined) return isoYearMonth(year, month);
  return isoDate(year, month, day);
}

/** Gregorian value of a Hijri reading: a day, or the interval a Hijri month or year covers. */
function hijriValue(reading: Reading): Value {
  const { year, month, day } = reading;
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
  return start === null ? null : isoDay(start);
}

function resolveHijri(reading: Reading, documentDay: number): Value {
  const doc = toHijri(documentDay);
  let year: number;
  if (reading.unit === 'year') year = doc.year + (reading.offset ?? 0);
  else if (reading.month !== undefined) year = yearOfMonth(reading, doc.year, doc.month, doc.day);
  else return undefined;
  return hijriValue({ ...reading, year });
}

// ---- holidays, and Hijri months placed by a Gregorian year ----

interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/**
 * `عيد الفطر 2019`, `رمضان 2019`, `عيد الأضحى الماضي`, `رأس السنة`: the occurrence in the year
 * the text names, the last before or next after the document date, or in the document's year.
 */
function occurrenceValue(reading: Reading, documentDay: number | null): Value {
  if (reading.anchor === undefined && reading.gregorianYear === undefined) {
    return reading.calendar === 'hijri' ? hijriValue(reading) : gregorianValue(reading);
  }
  let chosen: Occurrence | undefined;
  if (reading.gregorianYear !== undefined) {
    chosen = occurrencesIn(reading, reading.gregorianYear)[0];
  } else {
    if (documentDay === null) return undefined;
    const year = fromDayNumber(documentDay).year;
    if (reading.unit === 'year') chosen = occurrencesIn(reading, year + (reading.offset ?? 0))[0];
    else if (reading.anchor === 'previous') chosen = [year - 1, year].flatMap((y) => occurrencesIn(reading, y)).filter((o) => o.start < documentDay).pop();
    else if (reading.anchor === 'next') chosen = [year, year + 1].flatMap((y) => occurrencesIn(reading, y)).find((o) => o.start > documentDay);
    else chosen = occurrencesIn(reading, year)[0];
  }
  if (chosen === undefined) return undefined;
  return chosen.start === chosen.end ? isoDay(chosen.start) : `${isoDay(chosen.start)}/${isoDay(chosen.end)}`;
}

/** The days (or Hijri months) of the reading that start in a Gregorian year, in order. */
function occurrencesIn(reading: Reading, year: number): Occurrence[] {
  const { month, day } = reading;
  if (month === undefined) return [];
  if (reading.calendar === 'gregorian') {
    if (day === undefined || day > daysInMonth(year, month)) return [];
    const start = dayNumber(year, month, day);
    return [{ start, end: start }];
  }
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const hijriYear = toHijri(first).year;
  const found: Occurrence[] = [];
  for (const h of [hijriYear, hijriYear + 1]) {
    const days: [number, number] | null = day === undefined ? hijriMonthDays(h, month) : ((d) => (d === null ? null : [d, d] as [number, number]))(hijriToDay(h, month, day));
    if (days && days[0] >= first && days[0] <= last) found.push({ start: days[0], end: days[1] });
  }
  return found;
}
