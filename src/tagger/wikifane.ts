import type { LabelledSentence } from '../learn/conll.js';
import { attachSplitClitics } from '../text/split-clitics.js';

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

function coarseTag(tag: string): string {
  if (tag === 'O') return 'O';
  const prefix = tag.slice(0, 2);
  return `${prefix}${COARSE[tag.slice(2)] ?? 'MISC'}`;
}

/** A WikiFANE sentence with coarse tags and clitics attached as in running text. */
export function adaptWikifane(sentence: LabelledSentence): LabelledSentence {
  return attachSplitClitics({ tokens: sentence.tokens, tags: sentence.tags.map(coarseTag) });
}
