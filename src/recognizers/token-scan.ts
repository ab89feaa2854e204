import type { Token } from '../types.js';
import { onlySpacesBetween } from '../text/tokenize.js';

/** Small token helpers shared by the rule recognisers (dates, country counts). */

/** Token j continues a phrase: it exists and only spaces (no newline, no punctuation) separate it from token j - 1. */
export function continuesPhrase(text: string, tokens: readonly Token[], j: number): boolean {
  const token = tokens[j];
  const previous = tokens[j - 1];
  if (!token || !previous) return false;
  return onlySpacesBetween(text, previous.end, token.start);
}

/** Index of the first token starting at or after view offset `offset`, scanning forward from j. */
export function tokenIndexAt(tokens: readonly Token[], j: number, offset: number): number {
  let k = j;
  while (k < tokens.length && (tokens[k]?.start ?? Infinity) < offset) k++;
  return k;
}

const CLITIC_LETTERS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);
/** The alef that لل drops from the article (`للعام` = ل + العام). */
const ARTICLE_ALEF = 'ا';

/**
 * A loose filter before reading a word's proclitics one by one: can a stem left by one or two
 * proclitic letters, with or without the restored article alef, pass `test`? The date and count
 * recognisers keep its answer per word type (WordFact).
 */
export function cliticStemMay(key: string, test: (stem: string) => boolean): boolean {
  if (!CLITIC_LETTERS.has(key[0] ?? '')) return false;
  const one = key.slice(1);
  const two = key.slice(2);
  return test(one) || test(two) || test(ARTICLE_ALEF + one) || test(ARTICLE_ALEF + two);
}

/** Whether a phrase may open at a word itself, and after one of its proclitics (`cliticStemMay`). */
export interface WordOpens {
  readonly bare: boolean;
  readonly afterClitic: boolean;
}

/** The four answers, shared: a per-type fact over tens of thousands of new words then keeps no object of its own per word. */
const OPENS: readonly WordOpens[] = [false, true].flatMap((bare) => [false, true].map((afterClitic) => Object.freeze({ bare, afterClitic })));

/** `test` of the word and of the stems its proclitics may leave, as one of the shared answers. */
export function wordOpens(key: string, test: (stem: string) => boolean): WordOpens {
  return OPENS[(test(key) ? 2 : 0) + (cliticStemMay(key, test) ? 1 : 0)] as WordOpens;
}
