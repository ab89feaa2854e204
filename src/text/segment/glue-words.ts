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

/** A test with its answers kept by display and side (create one per document: the answers are few and the table stays small). */
export function glueWordTest(segmenter: Segmenter, isWord: (key: string) => boolean): GlueWordTest {
  const answers = new Map<string, boolean>();
  return (key, display, side) => {
    const id = side === 'before' ? `<${display}` : `>${display}`;
    let answer = answers.get(id);
    if (answer === undefined) {
      answer =
        (side === 'before' ? WORDS_BEFORE_NAMES : WORDS_AFTER_NAMES).has(display) ||
        (display.length > MIN_FUNCTION_WORD && key.replace(PROCLITICS_AND_ARTICLE, '').length >= MIN_FUNCTION_WORD && segmenter.takenAsWritten(key, display) && isWord(key));
      answers.set(id, answer);
    }
    return answer;
  };
}

/** The shortest glue word (a function word); a frequent word keeps this many letters without its proclitics and article. */
export const MIN_FUNCTION_WORD = 2;

/**
 * Function words that stand beside a name glued to it, spelt with their hamza and alef maqsura:
 * prepositions, particles, pronouns (and `ان`, `أن` written without its hamza, common in news
 * text); before a name not the particles of verbs (`لم`, `لن`, `قد`, `لا`: `لموناليزا` is `ل` +
 * `الموناليزا`).
 */
const WORDS_BEFORE_NAMES: ReadonlySet<string> = new Set(['في', 'من', 'عن', 'مع', 'أن', 'إن', 'ان', 'ما', 'هو', 'هي', 'أو', 'ثم', 'إلى', 'الى', 'على']);
const WORDS_AFTER_NAMES: ReadonlySet<string> = new Set([...WORDS_BEFORE_NAMES, 'قد', 'لم', 'لن', 'لا']);
/** Proclitics and the article. */
const PROCLITICS_AND_ARTICLE = /^[وف]?[بلك]?(ال)?/;
