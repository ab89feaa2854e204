import type { Token } from '../../types.js';
import { CLAUSE_OPENERS, SINCE, FUTURE_WORDS, NOT_FUTURE_PREFIXES, NOT_IMPERFECT_PREFIXES, SENTENCE_END, TENSELESS_WORDS } from './lexicon.js';

/**
 * The tense of the clause a bare weekday stands in, as HeidelTime resolves weekdays in news:
 * future (`سيعقد`, `سوف`, an imperfect `يلتقي`) puts it after the document date, past (`عقد`,
 * `التقى`, `زارت`) before it. Read from the shapes of the words before the weekday in its
 * clause: no morphology, so when nothing there has a clear shape the tense is unknown and the
 * nearest weekday is taken.
 */

export type Tense = 'past' | 'future';

/** Future markers count this many words before the weekday. */
const FUTURE_WINDOW = 8;
/** The clause is looked at back to its start, or this many words. */
const CLAUSE_WINDOW = 25;
/** How many of the clause's first content words may be its verb. */
const VERB_POSITIONS = 3;
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

/**
 * `تعقد`, `تنطلق` opening a clause: the feminine imperfect. Its verbal nouns are told apart by an
 * alef after the second letter (`تحالف`, `تعاون`) or a ya before the last (`تقرير`, `تصعيد`).
 */
function isImperfectWithTa(key: string): boolean {
  const bare = withoutConjunction(key);
  return bare.length >= 4 && bare.startsWith('ت') && bare[2] !== 'ا' && bare[bare.length - 2] !== 'ي' && !bare.endsWith('ه') && isLetters(bare);
}

/** `سيعقد`, `ستبدأ`, `سوف`: the future. */
function isFuture(key: string): boolean {
  if (FUTURE_WORDS.has(key)) return true;
  const futurePrefix = key.length >= 4 && key.startsWith('س') && 'يتنا'.includes(key[1] ?? '');
  return futurePrefix && !NOT_FUTURE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * A perfect verb by its shape: three letters (`عقد`, `زار`), three and the feminine ت (`عقدت`),
 * the plural وا (`اجتمعوا`), or the derived forms with a leading alef (`اجتمع`, `انعقد`, `أعلن`)
 * but not their verbal nouns, which put an alef before the last letter (`اجتماع`, `اتفاق`).
 */
function isPast(key: string): boolean {
  if (PAST_WITH_ARTICLE_SHAPE.has(key)) return true;
  if (TENSELESS_WORDS.has(key) || key.startsWith(ARTICLE) || !isLetters(key)) return false;
  if (key.length === 3) return true;
  if (key.length === 4 && key.endsWith('ت')) return true;
  if (key.length >= 4 && key.endsWith('وا')) return true;
  const stem = key.length >= 5 && key.endsWith('ت') ? key.slice(0, -1) : key; // انطلقت
  return stem.length >= 4 && stem.length <= 5 && stem.startsWith('ا') && stem[stem.length - 2] !== 'ا';
}

/**
 * The tense of the clause before token `index`: future when a future marker (`سوف`, `سيعقد`)
 * is among the few words before it; else the first verb-shaped word of its clause (after the
 * sentence start or a complementiser such as `أن`, `الذي`) decides: an imperfect (`يلتقي`) is
 * future in news, a perfect (`عقد`, `التقى`) past.
 */
export function tenseBefore(text: string, tokens: readonly Token[], index: number): Tense | undefined {
  // `منذ الخميس`: "since" looks back.
  if (tokens[index - 1]?.key === SINCE) return 'past';
  const clause: string[] = [];
  for (let j = index - 1, words = 0; j >= 0 && words < CLAUSE_WINDOW; j--) {
    const token = tokens[j];
    if (!token || SENTENCE_END.has(token.key) || text.slice(token.end, tokens[j + 1]?.start ?? token.end).includes('\n')) break;
    if (token.kind !== 'arabic') continue;
    words++;
    const key = token.key;
    if (words <= FUTURE_WINDOW && (isFuture(key) || isFuture(withoutConjunction(key)))) return 'future';
    if (CLAUSE_OPENERS.has(key) || CLAUSE_OPENERS.has(withoutConjunction(key))) break;
    clause.push(key);
  }
  // The verb opens its clause (`عقد الاجتماع`) or follows its subject (`الوزير زار`): only the
  // first few words that are neither definite nor function words are looked at.
  const isContentWord = (key: string): boolean => {
    const bare = withoutConjunction(key);
    return (PAST_WITH_ARTICLE_SHAPE.has(bare) || !bare.startsWith(ARTICLE)) && !TENSELESS_WORDS.has(bare);
  };
  const candidates = clause.reverse().filter(isContentWord);
  for (const [position, key] of candidates.slice(0, VERB_POSITIONS).entries()) {
    if (isImperfect(key) || (position === 0 && isImperfectWithTa(key))) return 'future';
    if (isPast(key) || isPast(withoutConjunction(key))) return 'past';
  }
  return undefined;
}
