/**
 * Letters of match keys as small integers, so character n-grams and trie edges are numbers, not
 * strings: Arabic letters U+0621..U+064A are 1..42, any other character is OTHER, and the word
 * start and end markers are their own symbols. Codes start at 1 so that an n-gram's base-64
 * number also says its length.
 */

export const ALPHABET_BASE = 64;
/** The codes of the letters U+0621..U+064A. */
export const FIRST_LETTER = 1;
export const LAST_LETTER = 42;
export const OTHER = LAST_LETTER + 1;
export const WORD_START = 44;
export const WORD_END = 45;
/** How the markers are written in the model file. */
export const START_MARK = '^';
export const END_MARK = '$';

export function letterCode(charCode: number): number {
  return charCode >= 0x0621 && charCode <= 0x064a ? charCode - 0x0621 + FIRST_LETTER : OTHER;
}

/** The code of one character of the model file (a letter or a marker). */
export function symbolCode(char: string): number {
  if (char === START_MARK) return WORD_START;
  if (char === END_MARK) return WORD_END;
  return letterCode(char.charCodeAt(0));
}

/** Codes of a key's characters. */
export function codesOf(key: string): Uint8Array {
  const codes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) codes[i] = letterCode(key.charCodeAt(i));
  return codes;
}

/** The article, as written and as a match key. */
export const ARTICLE = 'ال';
const ALEF = ARTICLE.charCodeAt(0);
const LAM = ARTICLE.charCodeAt(1);

/** Whether the two letters before `at` (of a key or a display text) are the article's `ال`: a stem starts at `at`. */
export function followsArticle(text: string, at: number): boolean {
  return at >= 2 && text.charCodeAt(at - 2) === ALEF && text.charCodeAt(at - 1) === LAM;
}

/**
 * `ى` and `ة` end a word: written before another letter (`إلىسري`, `المدينةالقديمة`), a space was
 * lost after them. `ىء` is a seat of hamza, not an end (`الطوارىء`, `يفاجىء`).
 */
const WORD_FINAL = /ى(?=[^\sء])|ة(?=\p{L})/u;

/** Whether a display text has a word-final letter inside it, so it cannot be one word as written. */
export function hasInnerWordEnd(display: string | undefined): boolean {
  return display !== undefined && WORD_FINAL.test(display);
}

const ALEF_MAQSURA = 'ى'.charCodeAt(0);
const TA_MARBUTA = 'ة'.charCodeAt(0);

/**
 * hasInnerWordEnd of text[start, end), without cutting the range out of the text: most tokens
 * have no `ى` or `ة` before their last letter, and only those are read by the pattern.
 */
export function hasInnerWordEndIn(text: string, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i++) {
    const code = text.charCodeAt(i);
    if (code === ALEF_MAQSURA || code === TA_MARBUTA) return hasInnerWordEnd(text.slice(start, end));
  }
  return false;
}
