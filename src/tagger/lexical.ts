import type { CompiledGazetteer } from '../gazetteer/compile.js';

/**
 * What the tagger knows of words besides its weights: the gazetteers, the general word list,
 * person-name words (Wikidata labels), and statistics from unlabelled running text (how often a
 * word occurs). All lookups are by match key.
 */
export interface TaggerLexicon {
  readonly gazetteer: CompiledGazetteer;
  /** The general word list (ordinary words, not names). */
  isCommonWord(key: string): boolean;
  /** Single words of people's names (Wikidata labels): a soft signal, many are also words. */
  readonly personNameWords: ReadonlySet<string>;
  readonly words: WordStatistics;
}

/** What running text says of words: how often they occur, and the class labelled text gives them. */
export interface WordStatistics {
  count(key: string): number;
  /** The entity class the word mostly has in labelled encyclopedic text (WikiFANE), if any. */
  entityClass(key: string): string | undefined;
}

/** One line of the statistics file. */
interface WordStatisticsEntry {
  readonly key: string;
  readonly count: number;
  readonly entityClass?: string;
}

/** Parses `key TAB count TAB class` lines (the class may be empty). */
export function parseWordStatistics(text: string): WordStatistics {
  const counts = new Map<string, number>();
  const classes = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [key = '', count = '0', entityClass = ''] = line.split('\t');
    counts.set(key, Number(count));
    if (entityClass !== '') classes.set(key, entityClass);
  }
  return { count: (key) => counts.get(key) ?? 0, entityClass: (key) => classes.get(key) };
}

export function formatWordStatistics(entries: Iterable<WordStatisticsEntry>): string {
  let text = '';
  for (const { key, count, entityClass } of entries) text += `${key}\t${count}\t${entityClass ?? ''}\n`;
  return text;
}
