import { countryCountRecognizer } from '../src/recognizers/country-counts.js';
import { readNumber } from '../src/recognizers/numbers.js';
import { keyOf, normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';

/**
 * Every number from 1 to 250 written out in words, in each gender and case and with its و
 * attached (`أربعة وعشرون`), spaced (`أربعة و عشرون`) or glued to the word before (`أربعةو
 * عشرون`): the number reader and the country counter give its value or nothing, never another
 * number. The spellings are built here from the grammar of Arabic numerals, independently of the
 * reader's own tables.
 */

const UNITS: Readonly<Record<number, readonly string[]>> = {
  1: ['واحد', 'واحدة'],
  2: ['اثنان', 'اثنين', 'اثنتان', 'اثنتين'],
  3: ['ثلاثة', 'ثلاث'],
  4: ['أربعة', 'أربع'],
  5: ['خمسة', 'خمس'],
  6: ['ستة', 'ست'],
  7: ['سبعة', 'سبع'],
  8: ['ثمانية', 'ثماني', 'ثمان'],
  9: ['تسعة', 'تسع'],
  10: ['عشرة', 'عشر'],
};
/** The unit before a ten: `إحدى وعشرون` beside `واحد وعشرون`. */
const UNITS_BEFORE_TEN: Readonly<Record<number, readonly string[]>> = { ...UNITS, 1: ['واحد', 'واحدة', 'إحدى'] };
const TEN_STEMS: Readonly<Record<number, string>> = { 20: 'عشر', 30: 'ثلاث', 40: 'أربع', 50: 'خمس', 60: 'ست', 70: 'سبع', 80: 'ثمان', 90: 'تسع' };
const HUNDREDS: Readonly<Record<number, readonly string[]>> = {
  100: ['مائة', 'مئة'],
  200: ['مائتان', 'مائتين', 'مئتان', 'مئتين'],
};
/** How the و between two parts is written: attached to the next word, a word of its own, glued to the word before. */
const JOINTS = { attached: ' و', spaced: ' و ', glued: 'و ' } as const;
type Joint = keyof typeof JOINTS;

function teens(n: number): string[] {
  if (n === 11) return ['أحد عشر', 'إحدى عشرة'];
  if (n === 12) return ['اثنا عشر', 'اثني عشر', 'اثنتا عشرة', 'اثنتي عشرة'];
  const [masculine, feminine] = UNITS[n - 10] ?? [];
  return [`${masculine} عشر`, `${feminine} عشرة`];
}

const tens = (n: number): string[] => ['ون', 'ين'].map((ending) => `${TEN_STEMS[n]}${ending}`);

/** Every spelling of n (1..250) with the given joint between its parts. */
function spellings(n: number, joint: Joint): string[] {
  const and = JOINTS[joint];
  if (n <= 10) return [...(UNITS[n] ?? [])];
  if (n < 20) return teens(n);
  if (n < 100) {
    const ten = Math.floor(n / 10) * 10;
    const unit = n % 10;
    if (unit === 0) return tens(ten);
    return (UNITS_BEFORE_TEN[unit] ?? []).flatMap((u) => tens(ten).map((t) => `${u}${and}${t}`));
  }
  const hundred = Math.floor(n / 100) * 100;
  const rest = n % 100;
  const heads = HUNDREDS[hundred] ?? [];
  if (rest === 0) return [...heads];
  return heads.flatMap((h) => spellings(rest, joint).map((tail) => `${h}${and}${tail}`));
}

const ALL: { n: number; joint: Joint; text: string }[] = [];
for (let n = 1; n <= 250; n++) {
  for (const joint of Object.keys(JOINTS) as Joint[]) {
    for (const text of new Set(spellings(n, joint))) ALL.push({ n, joint, text });
  }
}

function countValues(sentence: string): (string | number | undefined)[] {
  const view = normalize(sentence);
  return countryCountRecognizer.recognize({ view, tokens: tokenize(view), options: {} }).map((candidate) => candidate.value);
}

describe('number words 1..250, however the و is written', () => {
  it('builds a sweep of every compound', () => {
    expect(new Set(ALL.map((entry) => entry.n)).size).toBe(250);
    expect(ALL.length).toBeGreaterThan(3000);
  });

  it('the reader gives the value or nothing, never another number', () => {
    const wrong = ALL.filter(({ n, text }) => {
      const reading = readNumber(keyOf(text), 0);
      return reading !== null && reading.value !== n;
    });
    expect(wrong.map(({ n, text }) => `${text} -> not ${n}`)).toEqual([]);
  });

  it('the reader gives the value whenever و is attached or a word of its own', () => {
    const missed = ALL.filter(({ n, joint, text }) => joint !== 'glued' && readNumber(keyOf(text), 0)?.value !== n);
    expect(missed.map(({ text }) => text)).toEqual([]);
  });

  it('a count of countries is the value or nothing', () => {
    const wrong = ALL.filter(({ n, text }) => countValues(`شاركت ${text} دولة في القمة`).some((value) => value !== n));
    expect(wrong.map(({ n, text }) => `${text} دولة -> not ${n}`)).toEqual([]);
  });

  it('a count of countries is found whenever و is attached or a word of its own', () => {
    const missed = ALL.filter(({ n, joint, text }) => joint !== 'glued' && !countValues(`شاركت ${text} دولة في القمة`).includes(n));
    expect(missed.map(({ text }) => text)).toEqual([]);
  });

  it.each([
    ['شارك أربعة و عشرون دولة', 24],
    ['شاركت واحدة و عشرون دولة', 21],
    ['شاركت ثلاث و ثلاثون دولة', 33],
    ['شاركت مائتان و خمسون دولة', 250],
  ])('%s', (sentence, value) => {
    expect(countValues(sentence)).toEqual([value]);
  });

  it.each([
    ['شاركت ثلاثمائة وخمسين دولة'], // 350 is no count of countries, and its tail is not 50
    ['شاركت عشرون وأربع دول'], // tens before units: not read, rather than 20 or 4
    ['شاركت خمسون و ثلاث دول'],
  ])('%s: nothing', (sentence) => {
    expect(countValues(sentence)).toEqual([]);
  });
});
