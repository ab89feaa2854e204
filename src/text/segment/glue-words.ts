import type { Segmenter } from './segmenter.js';

/**
 * The words a name is glued to when spaces are lost around it (`في|اوبك`, `ألونسو|يعبر`,
 * `مانديل|المدير`): a function word of a closed set, or a frequent word of the word list. What is
 * left of a frequent word once its proclitics and article are off has two letters or more:
 * `وال`, `الم` and `ونها` are frequent keys of the training text, but no word to glue a name to.
 * Function words are read by their display (`أن`, `إن`, `على`), where a key would fold them into
 * endings (`ان` is also the dual).
 */
export type GlueWordTest = (key: string, display: string, side: GlueSide) => boolean;

/** Whether the word stands before the name or after it. */
export type GlueSide = 'before' | 'after';

/**
 * A test with its answers kept by display and side (create one per document: the answers are few
 * and the table stays small). `lostSpaces`: the document lost spaces (it is not clean, see runs.ts),
 * so a long word of the word list is a glue word too, without the word model's count
 * (`ألونسو|انتقاده`): in correctly written text that cut foreign names and rare words
 * (`اللعا|زريات`, `وعبدا|لرحمن`).
 */
export function glueWordTest(segmenter: Segmenter, isWord: (key: string) => boolean, lostSpaces = false): GlueWordTest {
  const answers = { before: new Map<string, boolean>(), after: new Map<string, boolean>() };
  return (key, display, side) => {
    const known = answers[side];
    let answer = known.get(display);
    if (answer === undefined) {
      // Cheapest tests first: the closed set, then the word model's count; the word list last.
      answer =
        isFunctionWordBeside(display, side) ||
        (display.length > MIN_FUNCTION_WORD && segmenter.takenAsWritten(key, display) && key.replace(PROCLITICS_AND_ARTICLE, '').length >= MIN_FUNCTION_WORD && isWord(key)) ||
        (lostSpaces && key.length >= LONG_GLUE_WORD && isWord(key));
      known.set(display, answer);
    }
    return answer;
  };
}

/** Whether a word is one of the closed set of function words glued to a name on that side (by its display: `أن`, `إن`, `على`). */
export function isFunctionWordBeside(display: string, side: GlueSide): boolean {
  return (side === 'before' ? WORDS_BEFORE_NAMES : WORDS_AFTER_NAMES).has(display);
}

/** Whether text[from, end) ends with a function word that stands after a name, from `from` on (the letters before it are the word it is glued to). */
export function endsWithFunctionWord(text: string, from: number, end: number): boolean {
  for (const word of WORDS_AFTER_NAMES) if (end - word.length >= from && text.startsWith(word, end - word.length)) return true;
  return false;
}

/**
 * In a document that lost spaces, a word of the word list this long is a glue word without the
 * word model's count. Chosen on the development part: 5 letters found 2 more names than 6 and
 * made some 20 more wrong cuts in its variants (`اللعا|زريين`, `وعبدا|لله`); 4 more still.
 */
const LONG_GLUE_WORD = 6;

/** The shortest glue word (a function word); a frequent word keeps this many letters without its proclitics and article. */
export const MIN_FUNCTION_WORD = 2;

/**
 * Function words that stand beside a name glued to it, spelt with their hamza and alef maqsura:
 * prepositions, particles, pronouns. Before a name also `ان` (`أن` written without its hamza, common
 * in news text), which after a word is the dual ending (`الصالونان`), and not the particles of
 * verbs (`لم`, `لن`, `قد`, `لا`: `لموناليزا` is `ل` + `الموناليزا`).
 */
const GLUE_FUNCTION_WORDS = ['في', 'من', 'عن', 'مع', 'أن', 'إن', 'ما', 'هو', 'هي', 'أو', 'ثم', 'إلى', 'الى', 'على'];
const WORDS_BEFORE_NAMES: ReadonlySet<string> = new Set([...GLUE_FUNCTION_WORDS, 'ان']);
const WORDS_AFTER_NAMES: ReadonlySet<string> = new Set([...GLUE_FUNCTION_WORDS, 'قد', 'لم', 'لن', 'لا']);
/** Proclitics and the article. */
const PROCLITICS_AND_ARTICLE = /^[وف]?[بلك]?(ال)?/;
