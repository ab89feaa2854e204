import type { Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import type { Trigger } from '../gazetteer/load.js';
import type { PhraseMatch } from '../gazetteer/phrase-trie.js';
import { procliticReadingsOf } from '../text/clitics.js';
import { normalize } from '../text/normalize.js';

/** Small helpers for looking at the words around a span. */

/** Index of the nearest word token before `index`, skipping quotes, brackets, colons and dashes (`المصدر: الحياة`). */
export function previousWordIndex(tokens: readonly Token[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i];
    if (!token) break;
    if (token.kind === 'arabic' || token.kind === 'latin' || token.kind === 'number') return i;
    if (!/^["'(\[:\-]$/.test(token.key)) return -1;
  }
  return -1;
}

/** The title or role (`الرئيس`, `وزير الخارجية`) starting at token `index`, if one does: what may stand before a person's name. */
export function titleAt(gazetteer: CompiledGazetteer, tokens: readonly Token[], index: number, text: string): PhraseMatch<Trigger> | undefined {
  const trigger = gazetteer.triggers.longestAt(tokens, index, text);
  return trigger?.values.some((t) => t.kind === 'title' || t.kind === 'role') ? trigger : undefined;
}

/** True when the token, or one of its proclitic readings, is one of `words` (match keys). */
export function tokenIsOneOf(token: Token | undefined, words: ReadonlySet<string>): boolean {
  if (!token) return false;
  return procliticReadingsOf(token).some((reading) => words.has(reading.stem));
}

/**
 * Nouns for things named after people: ships, airports, streets, universities, prizes, and
 * places (`حاملة الطائرات "شارل ديغول"`, `مطار رفيق الحريري`, `بلدة البغدادي`, `مدينة الصدر`).
 * A person's name after them names the thing. (`ولاية` is left out: it is also a term of office.)
 */
const NAMED_AFTER_HEADS: ReadonlySet<string> = new Set(
  `حاملة الطائرات السفينة سفينة المدمرة مدمرة الغواصة غواصة الفرقاطة فرقاطة البارجة بارجة
   مطار شارع جادة ساحة ميدان جامعة مستشفى مسجد جامع جسر ميناء مدرسة جائزة قاعة ملعب استاد سد
   مؤسسة مركز معهد متحف مكتبة حي مدينة بلدة قرية بلدية مخيم ناحية محافظة منطقة`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => normalize(word).key),
);

/** True when the words before `index` (quotes and adjectives skipped) name a thing called after a person. */
export function followsNamedAfterHead(tokens: readonly Token[], index: number, isAdjective: (key: string) => boolean): boolean {
  for (let i = previousWordIndex(tokens, index), steps = 0; i >= 0 && steps < 3; i = previousWordIndex(tokens, i), steps++) {
    const token = tokens[i];
    if (!token) return false;
    if (tokenIsOneOf(token, NAMED_AFTER_HEADS)) return true;
    if (!isAdjective(token.key)) return false;
  }
  return false;
}

/**
 * Prayer names that are also place names: `المغرب` is the sunset prayer and Morocco. Source:
 * the five daily prayers (الفجر الظهر العصر المغرب العشاء); only this one is also a place.
 */
const PRAYER_NAMES_OF_PLACES: ReadonlySet<string> = new Set([normalize('المغرب').key]);
/**
 * Words before a prayer's name that make it the prayer or its time: `صلاة المغرب`, `أذان
 * المغرب`, `بعد المغرب`, `قبيل المغرب`, `موعد المغرب` (the time prepositions come first in the
 * sentences that mean the prayer; `بعد المغرب وتونس`, a coordination, stays a place).
 */
const PRAYER_CUES: ReadonlySet<string> = new Set(
  'صلاة صلاه أذان آذان اذان بعد قبل عقب قبيل بعيد وقت موعد حتى إقامة'.split(' ').map((word) => normalize(word).key),
);

/**
 * True when the place name spanning tokens first..last is a prayer here (`صلاة المغرب`, `بعد
 * المغرب`): a prayer cue right before it, and no `و` + another name after it.
 */
export function isPrayerTime(tokens: readonly Token[], first: number, last: number, text: string): boolean {
  const name = tokens[first];
  if (first !== last || !name || !procliticReadingsOf(name).some((reading) => PRAYER_NAMES_OF_PLACES.has(reading.stem))) return false;
  const previous = tokens[first - 1];
  if (!previous || text.slice(previous.end, name.start).trim() !== '' || !tokenIsOneOf(previous, PRAYER_CUES)) return false;
  const next = tokens[last + 1];
  const coordinated = next !== undefined && text.slice(name.end, next.start).trim() === '' && (next.key === 'و' || (next.key.startsWith('و') && next.key.length > 3));
  return !coordinated;
}
