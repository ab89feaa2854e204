import type { Token } from '../../types.js';
import { FUTURE_WORDS, NOT_FUTURE_PREFIXES, NOT_IMPERFECT_PREFIXES, SENTENCE_END, TENSELESS_WORDS } from './lexicon.js';

/**
 * The tense of the clause a bare weekday stands in, as HeidelTime resolves weekdays in news:
 * future (`سيعقد`, `سوف`, an imperfect `يلتقي`) puts it after the document date, past (`عقد`,
 * `التقى`, `زارت`) before it. Read from the shapes of the few words before the weekday in its
 * sentence: no morphology, so when nothing there has a clear shape the tense is unknown and the
 * nearest weekday is taken.
 */

export type Tense = 'past' | 'future';

/** How many words before the weekday are looked at. */
const WINDOW = 6;
const ARTICLE = 'ال';
/** Perfect verbs that start like the article (`التقى`): the shapes below would skip them. */
const PAST_WITH_ARTICLE_SHAPE = new Set(['التقى', 'التقي', 'التقت', 'التزم', 'التزمت']);

const withoutConjunction = (key: string): string => (key.length > 3 && (key.startsWith('و') || key.startsWith('ف')) ? key.slice(1) : key);
const isLetters = (key: string): boolean => /^[\u0621-\u064A]+$/.test(key);

/** An imperfect verb by its prefix (`يعقد`, `يعيش`): present, or future in news. */
export function isImperfect(key: string): boolean {
  const bare = withoutConjunction(key);
  return bare.length >= 4 && bare.startsWith('ي') && !bare.startsWith('يا') && !NOT_IMPERFECT_PREFIXES.some((prefix) => bare.startsWith(prefix));
}

function isFuture(key: string): boolean {
  if (FUTURE_WORDS.has(key)) return true;
  const futurePrefix = key.length >= 4 && key.startsWith('س') && 'يتنا'.includes(key[1] ?? '');
  if (futurePrefix) return !NOT_FUTURE_PREFIXES.some((prefix) => key.startsWith(prefix));
  return isImperfect(key);
}

function isPast(key: string): boolean {
  if (PAST_WITH_ARTICLE_SHAPE.has(key)) return true;
  if (TENSELESS_WORDS.has(key) || key.startsWith(ARTICLE) || !isLetters(key)) return false;
  if (key.length === 3) return true; // عقد, زار, قال
  if (key.length === 4 && key.endsWith('ت')) return true; // عقدت, زارت
  if (key.length >= 4 && key.endsWith('وا')) return true; // اجتمعوا
  return key.length >= 4 && key.length <= 6 && key.startsWith('ا'); // اجتمع, انعقد, أعلن, استقبل
}

/** The tense the words before token `index` (same sentence, at most WINDOW words) show; future wins. */
export function tenseBefore(text: string, tokens: readonly Token[], index: number): Tense | undefined {
  let past = false;
  let words = 0;
  for (let j = index - 1; j >= 0 && words < WINDOW; j--) {
    const token = tokens[j];
    if (!token || SENTENCE_END.has(token.key) || text.slice(token.end, tokens[j + 1]?.start ?? token.end).includes('\n')) break;
    if (token.kind !== 'arabic') continue;
    words++;
    const key = token.key;
    const bare = withoutConjunction(key);
    if (isFuture(key) || isFuture(bare)) return 'future';
    if (isPast(key) || isPast(bare)) past = true;
  }
  return past ? 'past' : undefined;
}
