import { keyOf } from './normalize.js';

/**
 * Person-name words of the Wikidata list (`word TAB english TAB count`, `wikidata-person-names`,
 * CC0) as match keys: distinct, sorted, of two letters or more; initials (`أ.`) and labels of
 * several words left out. The tagger reads them as a feature, the segmenter learns from them how
 * a name is spelt.
 */
export function personNameKeys(tsv: string): string[] {
  const keys = new Set<string>();
  for (const line of tsv.split('\n')) {
    const word = line.split('\t')[0] ?? '';
    if (word === '' || /[.\s]/.test(word.trim())) continue;
    const key = keyOf(word.replace(/\u200e/g, ''));
    if (key.length >= 2 && !key.includes(' ')) keys.add(key);
  }
  return [...keys].sort();
}
