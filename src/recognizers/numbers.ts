import { keyOf } from '../text/normalize.js';
import { isArabicLetter } from '../text/tokenize.js';

/**
 * The shared number reader. Works on a match key (view.key, or keyOf of any string) at a view
 * offset, so the offsets it returns are view offsets: digits (the view already has ASCII digits)
 * with thousands separators, decimals and a scale word (`5 ملايين`); cardinal number words in
 * every case and gender (`ثلاث`/`ثلاثة`, `عشرون`/`عشرين`, `أحد عشر`, `خمسة وعشرون`,
 * `ثلاثمائة`, `مائتي مليون`), with or without the article (`الستين`); the article joined to
 * digits (`ال21`, `ال 23`, from `الـ21`/`الـ 23` once tatweel is gone); ordinals (`الثالث`,
 * `الحادي عشر`, `الحادي والعشرين`); duals (`دولتين` -> singular `دوله`).
 */

export type NumberKind = 'digits' | 'words' | 'attached' | 'ordinal';

export interface NumberReading {
  readonly value: number;
  /** View offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly kind: NumberKind;
  /** Written with the article: `الستين`, `ال21`, `الثالث`. */
  readonly definite: boolean;
}

type AtomKind =
  | 'unit' // 1..10
  | 'teenUnit' // أحد/إحدى/اثنا/اثني: only before عشر/عشرة
  | 'ten' // 20..90
  | 'hundred' // 100..900
  | 'scale' // ألف, مليون, مليار: multiplies what precedes (or 1)
  | 'pluralScale' // آلاف, ملايين: after 3..10
  | 'dualScale'; // ألفين, مليونين: the whole 2 x scale

interface Atom {
  readonly kind: AtomKind;
  readonly value: number;
}

const UNITS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['واحد', 'واحدة', 'واحدا']],
  [2, ['اثنان', 'اثنين', 'اثنتان', 'اثنتين']],
  [3, ['ثلاث', 'ثلاثة']],
  [4, ['أربع', 'أربعة']],
  [5, ['خمس', 'خمسة']],
  [6, ['ست', 'ستة']],
  [7, ['سبع', 'سبعة']],
  [8, ['ثمان', 'ثماني', 'ثمانية']],
  [9, ['تسع', 'تسعة']],
  [10, ['عشر', 'عشرة']],
];
const TEEN_UNITS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['أحد', 'إحدى']],
  [2, ['اثنا', 'اثني', 'اثنتا', 'اثنتي']],
];
const TENS: readonly (readonly [number, string])[] = [
  [20, 'عشر'],
  [30, 'ثلاث'],
  [40, 'أربع'],
  [50, 'خمس'],
  [60, 'ست'],
  [70, 'سبع'],
  [80, 'ثمان'],
  [90, 'تسع'],
];
const HUNDRED_STEMS: readonly (readonly [number, readonly string[]])[] = [
  [3, ['ثلاث']],
  [4, ['أربع']],
  [5, ['خمس']],
  [6, ['ست']],
  [7, ['سبع']],
  [8, ['ثمان', 'ثماني']],
  [9, ['تسع']],
];
const HUNDRED_WORDS = ['مائة', 'مئة'];
const TWO_HUNDRED_WORDS = ['مائتان', 'مائتين', 'مائتا', 'مائتي', 'مئتان', 'مئتين', 'مئتا', 'مئتي'];
const SCALES: readonly (readonly [number, readonly string[], readonly string[], readonly string[]])[] = [
  // value, singular, plural, dual
  [1e3, ['ألف', 'ألفا'], ['آلاف', 'ألوف'], ['ألفان', 'ألفين']],
  [1e6, ['مليون', 'مليونا'], ['ملايين'], ['مليونان', 'مليونين']],
  [1e9, ['مليار', 'مليارا', 'بليون'], ['مليارات', 'بلايين'], ['ملياران', 'مليارين']],
];

function buildCardinalLexicon(): Map<string, Atom> {
  const lexicon = new Map<string, Atom>();
  const put = (surface: string, atom: Atom): void => void lexicon.set(keyOf(surface), atom);
  for (const [value, words] of UNITS) for (const w of words) put(w, { kind: 'unit', value });
  for (const [value, words] of TEEN_UNITS) for (const w of words) put(w, { kind: 'teenUnit', value });
  for (const [value, stem] of TENS) for (const ending of ['ون', 'ين']) put(stem + ending, { kind: 'ten', value });
  for (const w of HUNDRED_WORDS) put(w, { kind: 'hundred', value: 100 });
  for (const w of TWO_HUNDRED_WORDS) put(w, { kind: 'hundred', value: 200 });
  for (const [unit, stems] of HUNDRED_STEMS) {
    for (const stem of stems) for (const w of HUNDRED_WORDS) put(stem + w, { kind: 'hundred', value: unit * 100 });
  }
  for (const [value, singular, plural, dual] of SCALES) {
    for (const w of singular) put(w, { kind: 'scale', value });
    for (const w of plural) put(w, { kind: 'pluralScale', value });
    for (const w of dual) put(w, { kind: 'dualScale', value: 2 * value });
  }
  return lexicon;
}

const CARDINALS = buildCardinalLexicon();

/** Masculine and feminine ordinals with the article; `الحادي`/`الواحد` only in 11, 21, 31... */
const ORDINAL_SURFACES: readonly (readonly [number, readonly string[]])[] = [
  [1, ['الأول', 'الأولى', 'الحادي', 'الحادية', 'الواحد']],
  [2, ['الثاني', 'الثانية']],
  [3, ['الثالث', 'الثالثة']],
  [4, ['الرابع', 'الرابعة']],
  [5, ['الخامس', 'الخامسة']],
  [6, ['السادس', 'السادسة']],
  [7, ['السابع', 'السابعة']],
  [8, ['الثامن', 'الثامنة']],
  [9, ['التاسع', 'التاسعة']],
  [10, ['العاشر', 'العاشرة']],
];
const ORDINALS = new Map<string, number>();
for (const [value, words] of ORDINAL_SURFACES) for (const w of words) ORDINALS.set(keyOf(w), value);
/** Ordinal units that cannot stand alone (`الحادي` is only ever 11th, 21st...). */
const COMPOUND_ONLY_ORDINALS = new Set(['الحادي', 'الحادية', 'الواحد'].map(keyOf));

const TEEN_MARKERS = new Set(['عشر', 'عشرة'].map(keyOf));
const ARTICLE = 'ال';
const CONJUNCTION = 'و';

const DIGITS = /\d+(?:[.,]\d+)*/y;
const GROUPED_THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;
const DOTTED_THOUSANDS = /^\d{1,3}(?:\.\d{3}){2,}$/;

/** End of the Arabic letter run starting at `pos`. */
function wordEnd(key: string, pos: number): number {
  let end = pos;
  while (end < key.length && isArabicLetter(key.charCodeAt(end))) end++;
  return end;
}

/** Start of the next word after `pos` when only spaces come between, else -1. */
function nextWordStart(key: string, pos: number): number {
  let i = pos;
  while (key.charCodeAt(i) === 0x20) i++;
  return i > pos && i < key.length ? i : -1;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function digitsValue(digits: string): number {
  if (GROUPED_THOUSANDS.test(digits)) return Number(digits.replaceAll(',', ''));
  if (DOTTED_THOUSANDS.test(digits)) return Number(digits.replaceAll('.', ''));
  return Number(digits.replace(',', '.'));
}

/** A scale word (`ألف`, `ملايين`, `مليار`) right after `pos`, for `5 ملايين`. */
function scaleAfter(key: string, pos: number): { value: number; end: number } | null {
  const start = nextWordStart(key, pos);
  if (start < 0) return null;
  const end = wordEnd(key, start);
  const atom = CARDINALS.get(key.slice(start, end));
  if (!atom || (atom.kind !== 'scale' && atom.kind !== 'pluralScale')) return null;
  return { value: atom.value, end };
}

function readDigits(key: string, position: number): NumberReading | null {
  DIGITS.lastIndex = position;
  const match = DIGITS.exec(key);
  if (!match) return null;
  let value = digitsValue(match[0]);
  let end = position + match[0].length;
  if (!Number.isFinite(value)) return null;
  const scale = scaleAfter(key, end);
  if (scale) {
    value = Math.round(value * scale.value);
    end = scale.end;
  }
  return { value, start: position, end, kind: 'digits', definite: false };
}

/** `ال21` or `ال 21` (the view of `الـ21`/`الـ 21`). */
function readAttached(key: string, position: number): NumberReading | null {
  if (!key.startsWith(ARTICLE, position)) return null;
  let digitStart = position + ARTICLE.length;
  if (key.charCodeAt(digitStart) === 0x20) digitStart++;
  if (!isDigit(key.charCodeAt(digitStart))) return null;
  DIGITS.lastIndex = digitStart;
  const match = DIGITS.exec(key);
  if (!match) return null;
  const value = digitsValue(match[0]);
  if (!Number.isInteger(value)) return null;
  return { value, start: position, end: digitStart + match[0].length, kind: 'attached', definite: true };
}

/** Strips the article when what follows is a number word: `الستين` -> `ستين`. */
function withoutArticle(word: string): string | null {
  return word.startsWith(ARTICLE) && CARDINALS.has(word.slice(ARTICLE.length)) ? word.slice(ARTICLE.length) : null;
}

/**
 * Cardinal number words from `position`: a sum of hundreds, tens and units joined by و, units
 * before tens (`خمسة وعشرون`), each group optionally multiplied by a scale word. The و may be
 * attached (`وعشرون`), a word of its own (`و عشرون`) or glued to the word before (`أربعةو عشرون`).
 * A number that goes on with و and a number word it cannot take (`عشرون وأربعة`) is not read at
 * all: a partial reading would be another number.
 */
function readWords(key: string, position: number): NumberReading | null {
  let total = 0;
  let group = 0;
  let hasHundred = false;
  let hasTen = false;
  let hasUnit = false;
  let lastKind: AtomKind | null = null;
  let lastScale = Infinity;
  let pendingTeen = false;
  let definite = false;
  let best: NumberReading | null = null;
  let pos = position;
  let first = true;
  let joinNext = false;
  let danglingGlue = false;

  while (pos >= 0 && pos < key.length) {
    const end = wordEnd(key, pos);
    if (end === pos) break;
    let word = key.slice(pos, end);
    let joined = joinNext;
    joinNext = false;
    if (!first && !joined && word === CONJUNCTION) {
      // `أربعة و عشرون`: the conjunction stands alone; the next word is joined.
      joinNext = true;
      pos = nextWordStart(key, end);
      continue;
    }
    // After a number, `واحد`/`وواحد` is و + واحد: the joined reading wins over the bare word.
    const afterConjunction = word.slice(CONJUNCTION.length);
    if (!first && !joined && word.startsWith(CONJUNCTION) && (!CARDINALS.has(word) || CARDINALS.has(afterConjunction))) {
      word = word.slice(CONJUNCTION.length);
      joined = true;
    }
    let gluedConjunction = false;
    if (!CARDINALS.has(word) && withoutArticle(word) === null && word.endsWith(CONJUNCTION) && CARDINALS.has(word.slice(0, -CONJUNCTION.length))) {
      word = word.slice(0, -CONJUNCTION.length); // `أربعةو عشرون`
      gluedConjunction = true;
    }
    if (!CARDINALS.has(word)) {
      const bare = withoutArticle(word);
      if (bare === null) break;
      if (first) definite = true;
      word = bare;
    }
    const atom = CARDINALS.get(word);
    if (!atom) break;

    let accepted = true;
    if (pendingTeen && joined && atom.kind === 'ten') {
      // إحدى وعشرون: the teen form of one (or two) before a ten.
      accepted = !hasTen;
      group += atom.value;
      hasTen = true;
      pendingTeen = false;
    } else if (pendingTeen || (!joined && lastKind === 'unit' && TEEN_MARKERS.has(word) && group % 10 !== 0)) {
      // أحد عشر, ثلاثة عشر: the unit already counted, عشر adds ten.
      accepted = !joined && TEEN_MARKERS.has(word) && !hasTen;
      if (accepted) {
        group += 10;
        hasTen = true;
        pendingTeen = false;
      }
    } else if (!first && !joined) {
      if (atom.kind === 'hundred' && atom.value === 100 && lastKind === 'unit' && group >= 3 && group <= 9 && !hasHundred) {
        group *= 100; // ثلاث مئة
        hasHundred = true;
        hasUnit = false;
      } else if (atom.kind === 'scale' || atom.kind === 'pluralScale') {
        accepted = atom.value < lastScale && (atom.kind === 'scale' || (group >= 3 && group <= 10));
        if (accepted) {
          total += (group || 1) * atom.value;
          lastScale = atom.value;
          group = 0;
          hasHundred = hasTen = hasUnit = false;
        }
      } else {
        accepted = false;
      }
    } else {
      switch (atom.kind) {
        case 'unit':
        case 'teenUnit':
          accepted = !hasUnit && !hasTen;
          group += atom.value;
          hasUnit = true;
          pendingTeen = atom.kind === 'teenUnit';
          break;
        case 'ten':
          accepted = !hasTen && group % 100 < 10;
          group += atom.value;
          hasTen = true;
          break;
        case 'hundred':
          accepted = group === 0;
          group += atom.value;
          hasHundred = true;
          break;
        case 'scale':
        case 'dualScale': {
          // ألف, ألفين standing first (or after و): the scale itself is the number.
          const scale = atom.kind === 'dualScale' ? atom.value / 2 : atom.value;
          accepted = group === 0 && scale < lastScale;
          total += atom.value;
          lastScale = scale;
          break;
        }
        case 'pluralScale':
          accepted = false; // آلاف alone is "thousands", not a number
          break;
      }
    }
    if (!accepted) return joined ? null : best;
    lastKind = atom.kind;
    first = false;
    if (!pendingTeen && !gluedConjunction) best = { value: total + group, start: position, end, kind: 'words', definite };
    danglingGlue = gluedConjunction;
    if (gluedConjunction) {
      if (pendingTeen) return null;
      joinNext = true;
    }
    pos = nextWordStart(key, end);
  }
  // A conjunction glued to the last word read, with no number after it: nothing is read.
  return danglingGlue ? null : best;
}

/**
 * True when a number at `position` would be the tail of a longer one: a number word stands right
 * before it, alone (`ثلاثة عشر` read from `عشر`) or with و (`أربعة و عشرون`, `أربعة وعشرون`,
 * `أربعةو عشرون`). A reader that skipped the head would give another number (20 for 24, 10 for
 * 13), so such a tail is not read on its own.
 */
export function continuesNumber(key: string, position: number): boolean {
  let end = position;
  while (end > 0 && key.charCodeAt(end - 1) === 0x20) end--;
  if (key[end - 1] === CONJUNCTION && (end === position || !isArabicLetter(key.charCodeAt(end - 2)))) {
    // A و of its own or attached to the number: the word before it decides.
    end--;
    while (end > 0 && key.charCodeAt(end - 1) === 0x20) end--;
  }
  let start = end;
  while (start > 0 && isArabicLetter(key.charCodeAt(start - 1))) start--;
  const word = key.slice(start, end);
  if (word.length === 0) return false;
  const glued = word.endsWith(CONJUNCTION) ? word.slice(0, -CONJUNCTION.length) : word;
  return [word, glued].some((w) => CARDINALS.has(w) || withoutArticle(w) !== null);
}

/**
 * Reads the number that starts exactly at `position` of `key` (a view key or any keyOf string):
 * digits (with a following scale word), `ال`+digits, or cardinal number words. Null when no
 * number starts there. Ordinals are read by readOrdinal.
 */
export function readNumber(key: string, position: number): NumberReading | null {
  if (isDigit(key.charCodeAt(position))) return readDigits(key, position);
  return readAttached(key, position) ?? readWords(key, position);
}

/**
 * Reads an ordinal with the article at `position`: `الثالث`, `الأولى`, `الحادي عشر`,
 * `الثالث والعشرين`, and the bare tens `العشرين`, `الثلاثين` (20th, 30th).
 */
export function readOrdinal(key: string, position: number): NumberReading | null {
  const end = wordEnd(key, position);
  const word = key.slice(position, end);
  const unit = ORDINALS.get(word);
  if (unit === undefined) {
    const bare = withoutArticle(word);
    const atom = bare === null ? undefined : CARDINALS.get(bare);
    return atom?.kind === 'ten' ? { value: atom.value, start: position, end, kind: 'ordinal', definite: true } : null;
  }
  const nextStart = nextWordStart(key, end);
  if (nextStart >= 0 && unit < 10) {
    const nextEnd = wordEnd(key, nextStart);
    const nextWord = key.slice(nextStart, nextEnd);
    if (TEEN_MARKERS.has(nextWord)) {
      return { value: unit + 10, start: position, end: nextEnd, kind: 'ordinal', definite: true };
    }
    const ten = nextWord.startsWith(CONJUNCTION) ? withoutArticle(nextWord.slice(CONJUNCTION.length)) : null;
    const atom = ten === null ? undefined : CARDINALS.get(ten);
    if (atom?.kind === 'ten') return { value: unit + atom.value, start: position, end: nextEnd, kind: 'ordinal', definite: true };
  }
  if (COMPOUND_ONLY_ORDINALS.has(word)) return null;
  return { value: unit, start: position, end, kind: 'ordinal', definite: true };
}

/** True when the word key can open a readNumber reading: a cardinal word, or `ال` before digits. */
export function startsCardinal(wordKey: string): boolean {
  return wordKey === ARTICLE || CARDINALS.has(wordKey) || withoutArticle(wordKey) !== null;
}

/** True when the word key can open an ordinal (`الثالث`, `الحادي`, `العشرين`). */
export function startsOrdinal(wordKey: string): boolean {
  if (ORDINALS.has(wordKey)) return true;
  const bare = withoutArticle(wordKey);
  return bare !== null && CARDINALS.get(bare)?.kind === 'ten';
}

/** Whole-string reading of number words (`خمسة وعشرون` -> 25), or null if anything is left over. */
export function parseNumberWords(words: string): number | null {
  const key = keyOf(words);
  const reading = readWords(key, 0);
  return reading && reading.end === key.length ? reading.value : null;
}

export interface DualReading {
  /** Match key of the singular (`دولتين` -> `دوله`, `البلدين` -> `بلد`). */
  readonly singular: string;
  /** The dual ending taken off (`تين`, `تان`, `تا`, `ين`, `ان`). */
  readonly ending: string;
  readonly definite: boolean;
}

const DUAL_ENDINGS = ['تين', 'تان', 'تا', 'ين', 'ان'];

/**
 * Readings of a word key as a dual noun: the singular each ending would leave, ta marbuta
 * restored (`دولتين` -> `دوله`). The caller checks the singular against its nouns; plain
 * plurals in ان/ين (`بلدان`) look like duals, so it also decides which endings to trust.
 */
export function dualReadings(wordKey: string): DualReading[] {
  const definite = wordKey.startsWith(ARTICLE);
  const stem = definite ? wordKey.slice(ARTICLE.length) : wordKey;
  const readings: DualReading[] = [];
  for (const ending of DUAL_ENDINGS) {
    if (!stem.endsWith(ending) || stem.length <= ending.length + 1) continue;
    const base = stem.slice(0, stem.length - ending.length);
    readings.push({ singular: ending.startsWith('ت') ? base + 'ه' : base, definite, ending });
  }
  return readings;
}
