/**
 * Calendar arithmetic for the date recogniser: days as UTC day numbers, ISO strings and weeks,
 * and Umm al-Qura Hijri <-> Gregorian through ICU (Intl formats a Gregorian day in the Hijri
 * calendar; the other direction is a binary search over day numbers).
 */

export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC). */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(days: number): YearMonthDay {
  const date = new Date(days * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** ISO weekday 1 (Monday) .. 7 (Sunday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoYearMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${isoYearMonth(year, month)}-${pad(day)}`;
}

export function isoDay(days: number): string {
  const { year, month, day } = fromDayNumber(days);
  return isoDate(year, month, day);
}

/** ISO 8601 week (`2015-W05`) of a day. */
export function isoWeek(days: number): string {
  const thursday = days - isoWeekday(days) + 4; // the week belongs to the year of its Thursday
  const { year } = fromDayNumber(thursday);
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Parses `YYYY-MM-DD` into a day number, or null. */
export function parseIsoDay(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDate(year, month, day) ? dayNumber(year, month, day) : null;
}

let hijriFormat: Intl.DateTimeFormat | undefined;

/**
 * Made on first use: creating it loads ICU's Umm al-Qura calendar, 15–20 ms of a start, and most
 * runs meet no Hijri date (a memo of a fixed value, the same whenever it is made).
 */
function hijriFormatter(): Intl.DateTimeFormat {
  hijriFormat ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  return hijriFormat;
}

/** The Umm al-Qura Hijri date of a day. */
export function toHijri(days: number): YearMonthDay {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of hijriFormatter().formatToParts(new Date(days * MS_PER_DAY))) {
    if (part.type === 'year') year = Number.parseInt(part.value, 10);
    else if (part.type === 'month') month = Number.parseInt(part.value, 10);
    else if (part.type === 'day') day = Number.parseInt(part.value, 10);
  }
  return { year, month, day };
}

const compareYmd = (a: YearMonthDay, b: YearMonthDay): number => a.year - b.year || a.month - b.month || a.day - b.day;

/** Hijri year 1 began in July 622; a Hijri year is about 354.37 days. */
const HIJRI_EPOCH = dayNumber(622, 7, 16);
const HIJRI_YEAR_DAYS = 354.367;

/** Day number of a Hijri date (Umm al-Qura), or null when that day does not exist (30 in a 29-day month). */
export function hijriToDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 30 || year < 1) return null;
  const target = { year, month, day };
  const estimate = Math.round(HIJRI_EPOCH + (year - 1 + (month - 1) / 12) * HIJRI_YEAR_DAYS + day);
  let low = estimate - 60;
  let high = estimate + 60;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (compareYmd(toHijri(mid), target) < 0) low = mid + 1;
    else high = mid;
  }
  return compareYmd(toHijri(low), target) === 0 ? low : null;
}

/** Day numbers of the first and last day of a Hijri month. */
export function hijriMonthDays(year: number, month: number): [number, number] | null {
  const first = hijriToDay(year, month, 1);
  const next = month === 12 ? hijriToDay(year + 1, 1, 1) : hijriToDay(year, month + 1, 1);
  return first === null || next === null ? null : [first, next - 1];
}
