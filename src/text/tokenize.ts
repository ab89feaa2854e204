import type { TextView, Token, TokenKind } from '../types.js';
import { WordTypes } from './word-types.js';

/**
 * Tokens over the normalised view: runs of Arabic letters, Latin letters or digits; every other
 * visible character is a token of its own; whitespace separates. Offsets are view offsets.
 */

/** Arabic letters (not punctuation, digits or marks, which normalisation already removed). */
export function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0621 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x066f) ||
    (code >= 0x0671 && code <= 0x06d3) ||
    code === 0x06d5 ||
    (code >= 0x06ee && code <= 0x06ff && code !== 0x06f0) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08ff)
  );
}

function isLatinLetter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x300 && code <= 0x36f) // combining marks stay inside Latin words
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function classOf(code: number): TokenKind | 'space' {
  if (isArabicLetter(code)) return 'arabic';
  if (isDigit(code)) return 'number';
  if (isLatinLetter(code)) return 'latin';
  if (isSpace(code)) return 'space';
  if (code >= 0xd800 && code <= 0xdfff) return 'symbol';
  return /\p{P}/u.test(String.fromCharCode(code)) ? 'punct' : 'symbol';
}

/**
 * Tokenises the view. Numbers keep inner separators between digits (`1,000`, `3.5`). Keys get
 * their ids in `types`: the annotator's table, or a new one for text read on its own.
 */
export function tokenize(view: TextView, types: WordTypes = new WordTypes()): Token[] {
  const { text, key } = view;
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const kind = classOf(text.charCodeAt(i));
    if (kind === 'space') {
      i++;
      continue;
    }
    let end = i + 1;
    if (kind === 'arabic' || kind === 'latin') {
      while (end < text.length && classOf(text.charCodeAt(end)) === kind) end++;
    } else if (kind === 'number') {
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (isDigit(code)) end++;
        else if ((code === 0x2c || code === 0x2e) && isDigit(text.charCodeAt(end + 1))) end += 2;
        else break;
      }
    } else if (kind === 'symbol' && end < text.length) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) end++; // keep a surrogate pair together
    }
    const word = types.internRange(key, i, end);
    // Every field of a Token, cut too, in the order the run splitter's pieces have them
    // (segment/runs.ts): one object shape, so the code that reads tokens stays monomorphic on text
    // of many pieces (on a megabyte of run-together text, a fifth of the time after the split).
    tokens.push({ start: i, end, kind, key: types.keyOf(word), word, types, joined: false, cut: undefined });
    i = end;
  }
  return tokens;
}

/** True when text[from, to) holds only spaces (a single line). */
export function onlySpacesBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}
