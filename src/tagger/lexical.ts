import type { CompiledGazetteer } from '../gazetteer/compile.js';
import { fieldEnd, lineEnd, StringTable, type StringTableData } from '../text/string-table.js';

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
  readonly personNameWords: WordSet;
  readonly words: WordStatistics;
}

/** A set of words (a Set, or a StringTable read from a file). */
export interface WordSet {
  has(key: string): boolean;
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

const TAB = 9;

/** The statistics as arrays (what the cache keeps): the keys' table over the file's text, each key's count and class. */
export interface WordStatisticsData {
  readonly keys: StringTableData;
  readonly counts: Float64Array;
  /** Per key, 1 + its class's index in classNames; 0 when it has none. */
  readonly classIds: Uint8Array;
  readonly classNames: readonly string[];
}

/**
 * Parses `key TAB count TAB class` lines (the class may be empty; a key given twice counts as its
 * last line says). The keys stay in the text, looked up through a StringTable.
 */
export function parseWordStatistics(text: string): WordStatistics {
  return openWordStatistics(text, wordStatisticsData(text));
}

export function wordStatisticsData(text: string): WordStatisticsData {
  const starts: number[] = [];
  const ends: number[] = [];
  const counts: number[] = [];
  const classIds: number[] = [];
  const classNames: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    if (end > start) {
      const keyEnd = fieldEnd(text, TAB, start, end);
      const countEnd = fieldEnd(text, TAB, keyEnd + 1, end);
      starts.push(start);
      ends.push(keyEnd);
      counts.push(keyEnd < end ? Number(text.slice(keyEnd + 1, countEnd)) : 0);
      const entityClass = countEnd < end ? text.slice(countEnd + 1, fieldEnd(text, TAB, countEnd + 1, end)) : '';
      if (entityClass !== '' && !classNames.includes(entityClass)) classNames.push(entityClass);
      classIds.push(entityClass === '' ? 0 : classNames.indexOf(entityClass) + 1);
    }
    start = end + 1;
  }
  const keys = StringTable.build(text, Uint32Array.from(starts), Uint32Array.from(ends));
  return { keys: keys.data, counts: Float64Array.from(counts), classIds: Uint8Array.from(classIds), classNames };
}

/** The statistics `data` describes over `text` (what wordStatisticsData gave for the same text). */
export function openWordStatistics(text: string, data: WordStatisticsData): WordStatistics {
  const keys = StringTable.fromData(text, data.keys);
  return {
    count: (key) => data.counts[keys.numberOf(key)] ?? 0,
    entityClass: (key) => data.classNames[(data.classIds[keys.numberOf(key)] ?? 0) - 1],
  };
}

export function formatWordStatistics(entries: Iterable<WordStatisticsEntry>): string {
  let text = '';
  for (const { key, count, entityClass } of entries) text += `${key}\t${count}\t${entityClass ?? ''}\n`;
  return text;
}
