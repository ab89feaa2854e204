import type { LabelledSentence } from '../learn/conll.js';

/**
 * Tokens of a corpus that splits off clitics (WikiFANE: the proclitics و ف ب ل ك and the pronoun
 * suffixes), brought back to the form running text has: the proclitics on their word, with ل +
 * the article written لل (ل + الدولة -> للدولة), and the suffixes on the word before, a ta
 * marbuta before them written ta (عاصمة + ها -> عاصمتها). A proclitic before a token that is not
 * Arabic stays a word of its own. Both the tagger's training data and the segmenter's training
 * text read WikiFANE through this one function.
 */

const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);
const PRONOUN_SUFFIXES = new Set(['ه', 'ها', 'هم', 'هما', 'هن', 'ي', 'نا', 'ك', 'كم', 'كما']);
const STARTS_ARABIC = /^[\u0621-\u064a]/;
const ENDS_ARABIC = /[\u0621-\u064a]$/;

/**
 * The sentence with its split clitics attached. Tags (IOB2) follow the words: a proclitic inside
 * a name (an I- tag) keeps the name's tag, and before a name the name's tag covers it (ANERcorp's
 * spans include clitics); a suffix takes its word's tag.
 */
export function attachSplitClitics(sentence: LabelledSentence): LabelledSentence {
  const tokens: string[] = [];
  const tags: string[] = [];
  let pending = ''; // proclitics waiting for their word
  let pendingTag = '';
  sentence.tokens.forEach((token, i) => {
    const tag = sentence.tags[i] ?? 'O';
    if (PROCLITICS.has(token) && i + 1 < sentence.tokens.length && STARTS_ARABIC.test(sentence.tokens[i + 1] ?? '')) {
      if (pending === '') pendingTag = tag;
      pending += token;
      return;
    }
    const previous = tokens.length - 1;
    if (pending === '' && PRONOUN_SUFFIXES.has(token) && previous >= 0 && ENDS_ARABIC.test(tokens[previous] ?? '')) {
      tokens[previous] = (tokens[previous] ?? '').replace(/ة$/, 'ت') + token;
      return;
    }
    if (pending !== '') {
      const word = pending.endsWith('ل') && token.startsWith('ال') ? pending + token.slice(1) : pending + token;
      tokens.push(word);
      tags.push(pendingTag.startsWith('I-') ? pendingTag : tag);
      pending = '';
      return;
    }
    tokens.push(token);
    tags.push(tag);
  });
  return { tokens, tags };
}
