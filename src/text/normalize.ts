import type { TextView } from '../types.js';
import { DELETED_RANGES, DIGIT_BLOCKS, DISPLAY_REPLACEMENTS, KEY_FOLDS, isPresentationForm } from './charmap.js';

/**
 * Raw text -> normalised view with an offset map back to raw code points.
 * Every UTF-16 unit of the view remembers the raw code point range it came from, so any span of
 * the view maps to a raw span whose slice is exactly what produced it.
 */

const KEEP = -1;
const DROP = -2;
const SPECIAL = -3; // handled in code: '&' (HTML entity), '\r', presentation forms

/** BMP lookup: KEEP, DROP, SPECIAL, or an index into the replacement strings. */
const { table: DISPLAY_TABLE, strings: REPLACEMENT_STRINGS } = buildDisplayTable();

function buildDisplayTable(): { table: Int32Array; strings: string[] } {
  const table = new Int32Array(0x10000).fill(KEEP);
  const strings: string[] = [];
  const intern = (s: string): number => {
    const found = strings.indexOf(s);
    if (found >= 0) return found;
    strings.push(s);
    return strings.length - 1;
  };
  for (const [from, to] of DELETED_RANGES) table.fill(DROP, from, to + 1);
  for (const [from, to, replacement] of DISPLAY_REPLACEMENTS) table.fill(intern(replacement), from, to + 1);
  for (const block of DIGIT_BLOCKS) {
    for (let d = 0; d < 10; d++) table[block + d] = intern(String(d));
  }
  for (let cp = 0xfb50; cp <= 0xfefc; cp++) if (isPresentationForm(cp)) table[cp] = SPECIAL;
  table[0x26] = SPECIAL; // &
  table[0x0d] = SPECIAL; // \r
  return { table, strings };
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: ' ',
  laquo: '"',
  raquo: '"',
  ldquo: '"',
  rdquo: '"',
  lsquo: "'",
  rsquo: "'",
  ndash: '-',
  mdash: '-',
  hellip: '...',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
  shy: '',
};

const ENTITY_PATTERN = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;

class ViewBuilder {
  private codes: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.codes = new Uint16Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  /** Appends one UTF-16 unit produced by the raw code points [rawStart, rawEnd). */
  pushUnit(code: number, rawStart: number, rawEnd: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = rawStart;
    this.ends[this.length] = rawEnd;
    this.length++;
  }

  /** Appends a string produced by the raw code points [rawStart, rawEnd). */
  push(s: string, rawStart: number, rawEnd: number): void {
    for (let i = 0; i < s.length; i++) this.pushUnit(s.charCodeAt(i), rawStart, rawEnd);
  }

  /** Extends the last unit's raw range over a dropped mark right after it (`غداً`, `هـ`). */
  attachToLast(rawPosition: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.ends[last] === rawPosition) this.ends[last] = rawPosition + 1;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }

  finish(raw: string, rawLength: number): TextView {
    const codes = this.codes.subarray(0, this.length);
    return {
      raw,
      rawLength,
      text: fromCodes(codes),
      key: fromCodes(foldCodes(codes)),
      rawStart: this.starts.slice(0, this.length),
      rawEnd: this.ends.slice(0, this.length),
    };
  }
}

/** UTF-16 units -> string. A lone surrogate becomes U+FFFD in the view (never in raw text). */
const UTF16 = new TextDecoder('utf-16le');

function fromCodes(codes: Uint16Array): string {
  return UTF16.decode(codes);
}

/** Applies the key fold to UTF-16 units. */
function foldCodes(codes: Uint16Array): Uint16Array {
  const out = new Uint16Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = KEY_TABLE[codes[i] ?? 0] ?? 0;
  return out;
}

/** The key fold as a lookup table over UTF-16 units (identity where nothing folds). */
const KEY_TABLE = buildKeyTable();

function buildKeyTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < table.length; code++) table[code] = code;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 32;
  for (const [from, to] of Object.entries(KEY_FOLDS)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
}

/** Display normalisation of one code point that is not SPECIAL (used for NFKC output too). */
function displayOf(cp: number, ch: string): string {
  if (cp > 0xffff) return ch;
  const action = DISPLAY_TABLE[cp] ?? KEEP;
  if (action === KEEP || action === SPECIAL) return ch;
  if (action === DROP) return '';
  return REPLACEMENT_STRINGS[action] ?? ch;
}

function isAttachingMark(unit: number): boolean {
  return (unit >= 0x064b && unit <= 0x065f) || unit === 0x0670 || unit === 0x0640 || (unit >= 0x0610 && unit <= 0x061a) || (unit >= 0x06d6 && unit <= 0x06ed);
}

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()];
  const cp = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  const ch = String.fromCodePoint(cp);
  return cp <= 0xffff && DISPLAY_TABLE[cp] !== SPECIAL ? displayOf(cp, ch) : ch;
}

function presentationFormDisplay(ch: string, cp: number): string {
  let out = '';
  for (const part of ch.normalize('NFKC')) out += displayOf(part.codePointAt(0) ?? 0, part);
  // Isolated harakat forms (U+FE70..FE7F) decompose to a space plus the mark: nothing visible.
  return cp >= 0xfe70 && cp <= 0xfe7f ? out.trim() : out;
}

/** Builds the normalised view of `raw`. */
export function normalize(raw: string): TextView {
  const builder = new ViewBuilder(raw.length + 16);
  let cpIndex = 0;
  let i = 0;
  while (i < raw.length) {
    const unit = raw.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < raw.length) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        builder.push(raw.slice(i, i + 2), cpIndex, cpIndex + 1);
        i += 2;
        cpIndex++;
        continue;
      }
    }
    const action = DISPLAY_TABLE[unit] ?? KEEP;
    if (action === KEEP) {
      builder.pushUnit(unit, cpIndex, cpIndex + 1);
    } else if (action === DROP) {
      // Nothing in the view; a mark or tatweel still belongs to the letter before it, so a span
      // ending on that letter takes it along (zero-width and bidi controls do not).
      if (isAttachingMark(unit)) builder.attachToLast(cpIndex);
    } else if (action !== SPECIAL) {
      builder.push(REPLACEMENT_STRINGS[action] ?? '', cpIndex, cpIndex + 1);
    } else if (unit === 0x0d) {
      const crlf = raw.charCodeAt(i + 1) === 0x0a;
      builder.push('\n', cpIndex, cpIndex + (crlf ? 2 : 1));
      if (crlf) {
        i += 2;
        cpIndex += 2;
        continue;
      }
    } else if (unit === 0x26) {
      ENTITY_PATTERN.lastIndex = i;
      const match = ENTITY_PATTERN.exec(raw);
      const decoded = match ? decodeEntity(match) : undefined;
      if (match && decoded !== undefined) {
        // Entities are ASCII: UTF-16 length equals code point length.
        const length = match[0].length;
        if (decoded.length > 0) builder.push(decoded, cpIndex, cpIndex + length);
        i += length;
        cpIndex += length;
        continue;
      }
      builder.push('&', cpIndex, cpIndex + 1);
    } else {
      builder.push(presentationFormDisplay(raw[i] ?? '', unit), cpIndex, cpIndex + 1);
    }
    i++;
    cpIndex++;
  }
  return builder.finish(raw, cpIndex);
}

/** Match key of display text: a 1:1 fold, so offsets are shared with the display text. */
export function toKey(text: string): string {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return fromCodes(foldCodes(codes));
}

/** Match key of an arbitrary string (gazetteer names, rule words): normalise, then fold. */
export function keyOf(s: string): string {
  return normalize(s).key.replace(/\s+/g, ' ').trim();
}

/** Maps a view span [start, end) to raw code point offsets. Empty spans are not allowed. */
export function toRawSpan(view: TextView, start: number, end: number): [number, number] {
  if (start < 0 || end > view.text.length || start >= end) {
    throw new RangeError(`invalid view span ${start}-${end} (view length ${view.text.length})`);
  }
  return [view.rawStart[start] ?? 0, view.rawEnd[end - 1] ?? 0];
}

/** Code point slice of raw text. */
export function sliceCodePoints(raw: string, start: number, end: number): string {
  return codePointSlicer(raw)(start, end);
}

/**
 * Returns a function slicing `raw` by code point offsets in O(1) after one O(n) pass;
 * ASCII/BMP-only texts skip the index entirely.
 */
export function codePointSlicer(raw: string): (start: number, end: number) => string {
  if (!/[\uD800-\uDBFF]/.test(raw)) return (start, end) => raw.slice(start, end);
  const unitOf: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    unitOf.push(i);
    const c = raw.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length) {
      const n = raw.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) i++;
    }
  }
  unitOf.push(raw.length);
  return (start, end) => raw.slice(unitOf[start] ?? raw.length, unitOf[end] ?? raw.length);
}
