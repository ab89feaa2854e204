import type { LabelledSentence } from '../learn/conll.js';

/**
 * WikiFANE Gold as extra training data: its 50 fine classes mapped to ANERcorp's four, and its
 * tokens brought to the form real text has (WikiFANE splits off the conjunctions, some
 * prepositions and the pronoun suffixes; news writes them attached, as ANERcorp does).
 */

const COARSE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['Politician', 'Athlete', 'Artist', 'Other_PER', 'Religious_PER', 'Scientist', 'Businessperson', 'Lawyer', 'Engineer', 'Police'].map((c) => [c, 'PERS']),
  ),
  ...Object.fromEntries(
    ['Non-Governmental', 'Sports', 'Government', 'Media', 'Commercial', 'Educational', 'Religious_ORG', 'Medical-Science', 'Entertainment'].map((c) => [c, 'ORG']),
  ),
  ...Object.fromEntries(
    ['Nation', 'Population-Center', 'State-or-Province', 'GPE-Cluster', 'Continent', 'County-or-District', 'Water-Body', 'Land-Region-Natural', 'Celestial'].map((c) => [c, 'LOC']),
  ),
  // Nationalities and religious groups are MISC in ANERcorp; facilities, vehicles, weapons and works are MISC too.
};

const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);
const PRONOUN_SUFFIXES = new Set(['ه', 'ها', 'هم', 'هما', 'هن', 'ي', 'نا', 'ك', 'كم', 'كما']);

function coarseTag(tag: string): string {
  if (tag === 'O') return 'O';
  const prefix = tag.slice(0, 2);
  return `${prefix}${COARSE[tag.slice(2)] ?? 'MISC'}`;
}

/** A WikiFANE sentence with coarse tags and clitics attached as in running text. */
export function adaptWikifane(sentence: LabelledSentence): LabelledSentence {
  const tokens: string[] = [];
  const tags: string[] = [];
  let pending = ''; // proclitics waiting for their word
  let pendingTag = '';
  sentence.tokens.forEach((token, i) => {
    const tag = coarseTag(sentence.tags[i] ?? 'O');
    if (PROCLITICS.has(token) && i + 1 < sentence.tokens.length && /^[\u0621-\u064a]/.test(sentence.tokens[i + 1] ?? '')) {
      if (pending === '') pendingTag = tag;
      pending += token;
      return;
    }
    const previous = tokens.length - 1;
    if (pending === '' && PRONOUN_SUFFIXES.has(token) && previous >= 0 && /[\u0621-\u064a]$/.test(tokens[previous] ?? '')) {
      tokens[previous] = (tokens[previous] ?? '').replace(/ة$/, 'ت') + token;
      return;
    }
    if (pending !== '') {
      // The conjunction inside a name keeps the name's tag; before a name the name's tag covers it (ANERcorp's spans include clitics).
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
