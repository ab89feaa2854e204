import distance from 'natural/lib/natural/distance/levenshtein_distance.js';
import type { Candidate, Recognizer, RecognizerContext, Token, WordTable } from '../types.js';
import type { GazetteerEntry } from '../gazetteer/load.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import { linkOf, phraseKeys } from '../gazetteer/compile.js';
import { onlySpacesBetween } from '../text/tokenize.js';
import { FUNCTION_WORDS } from './function-words.js';
import { procliticReadingsAt, procliticReadingsOf } from '../text/clitics.js';
import { NAME_WORD } from '../gazetteer/token-vocabulary.js';
import { WordFact, WordTypes } from '../text/word-types.js';
import { cachedValue, cacheKeyOf } from '../io/binary-cache.js';
import { StringTable, type StringTableData } from '../text/string-table.js';

/**
 * Near misses of multi-word people's names (`شنيزو أبي` for `شينزو آبي`): one edit (insert,
 * delete, substitute, or swap two neighbours, natural's Damerau-Levenshtein) over the whole name.
 * Candidates come from a symmetric-deletion index, so a lookup costs a few map probes.
 * Guards against hits on ordinary words: names of at least MIN_LENGTH letters, two or three
 * words, no function words, and at least one word of the window unknown to the word list
 * (a misspelt name is not a run of real words).
 */

const MIN_LENGTH = 8;
const WINDOW_SIZES = [2, 3];

export interface FuzzyLexicon {
  isCommonWord(key: string): boolean;
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] !== ' ') out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Bit of word position `position` in names of `size` words (sizes 2 and 3: five bits). */
export function positionBit(size: number, position: number): number {
  return 1 << (size === 2 ? position : 2 + position);
}

/**
 * Which word positions of indexed names a word may stand at: the bits of every name word that
 * shares a one-deletion variant with it. Deletions never remove a space, so a window within one
 * edit of a name (what the index finds) has every word within one deletion of the name's word at
 * the same position; a window with a word at no such position cannot hit, and is not looked up.
 */
export interface PositionIndex {
  /** The bits of `word` itself (0 when it is no name word or deletion of one). */
  bitsOf(word: string): number;
}

function buildPositionIndex(names: readonly (readonly string[])[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (const words of names) {
    words.forEach((word, position) => {
      for (const probe of [word, ...deletions(word)]) positions.set(probe, (positions.get(probe) ?? 0) | positionBit(words.length, position));
    });
  }
  return positions;
}

/** The name positions a word may stand at (bits of positionBit). */
export function wordPositions(index: PositionIndex, word: string): number {
  let bits = index.bitsOf(word);
  for (const probe of deletions(word)) bits |= index.bitsOf(probe);
  return bits;
}

/**
 * The index as arrays, what the cache stores: the indexed names (each with its entry's index in
 * the gazetteer's entry table), every name and its one-deletion variants (the probes, a
 * StringTable over their concatenation) with the names each leads to, and the position bits of
 * every name word and its deletions (a table too). Opening it builds no Map: the tables are read
 * as they were stored.
 */
export interface FuzzyIndexData {
  readonly names: readonly string[];
  readonly entryIndexes: Uint32Array;
  readonly probeText: string;
  readonly probes: StringTableData;
  /** The names of probe i are probeNames[probeStarts[i]] up to probeNames[probeStarts[i + 1]]. */
  readonly probeStarts: Uint32Array;
  readonly probeNames: Uint32Array;
  readonly positionText: string;
  readonly positionWords: StringTableData;
  readonly positionBits: Uint8Array;
}

export interface FuzzyIndex {
  readonly data: FuzzyIndexData;
  /** Probe -> its number (-1 when it leads to no name). */
  readonly probes: StringTable;
  readonly positions: PositionIndex;
}

/** Bump when FuzzyIndexData changes in a way the code hash would not catch. */
const CACHE_FORMAT = 2;
const CACHE_KIND = 'fuzzy-persons';

/**
 * The index over the gazetteer's people. Building it (every name's keys, about 26,000 probes)
 * costs 0.1–0.2 s in every process, most of what an analyst waits for one short article: a
 * gazetteer loaded through its cache (which names it by a hash of its files and the package's
 * code) has its index cached beside it, under a key made from that name.
 */
export function loadFuzzyIndex(gazetteer: CompiledGazetteer, cacheDir: string | undefined): FuzzyIndex {
  if (cacheDir === undefined || gazetteer.cacheKey === undefined) return openFuzzyIndex(buildFuzzyIndexData(gazetteer));
  const key = cacheKeyOf([`format ${CACHE_FORMAT}`, gazetteer.cacheKey]);
  return openFuzzyIndex(cachedValue(cacheDir, CACHE_KIND, key, () => buildFuzzyIndexData(gazetteer)));
}

function buildFuzzyIndexData(gazetteer: CompiledGazetteer): FuzzyIndexData {
  const names: string[] = [];
  const entryIndexes: number[] = [];
  const nameKeys: string[][] = [];
  const indexed = new Set<string>();
  const buckets = new Map<string, number[]>();
  const types = new WordTypes(); // one table for every name's keys (their ids are not kept)
  const table = gazetteer.entriesById;
  for (let entryIndex = 0; entryIndex < table.size; entryIndex++) {
    if (table.typeAt(entryIndex) !== 'PERSON') continue;
    const entry = table.at(entryIndex);
    for (const variant of [entry.ar, ...entry.variants]) {
      const keys = phraseKeys(variant, types);
      const name = keys.join(' ');
      if (!WINDOW_SIZES.includes(keys.length) || name.replace(/ /g, '').length < MIN_LENGTH) continue;
      nameKeys.push(keys);
      if (indexed.has(`${entryIndex} ${name}`)) continue; // the same name twice in one entry
      indexed.add(`${entryIndex} ${name}`);
      const number = names.push(name) - 1;
      entryIndexes.push(entryIndex);
      for (const probe of new Set([name, ...deletions(name)])) {
        const bucket = buckets.get(probe);
        if (bucket) bucket.push(number);
        else buckets.set(probe, [number]);
      }
    }
  }
  const probeStarts = new Uint32Array(buckets.size + 1);
  const probeNames: number[] = [];
  let probe = 0;
  for (const bucket of buckets.values()) {
    probeNames.push(...bucket);
    probeStarts[++probe] = probeNames.length;
  }
  const positions = buildPositionIndex(nameKeys);
  const probes = StringTable.of([...buckets.keys()]);
  const positionWords = StringTable.of([...positions.keys()]);
  return {
    names,
    entryIndexes: Uint32Array.from(entryIndexes),
    probeText: probes.text,
    probes: probes.data,
    probeStarts,
    probeNames: Uint32Array.from(probeNames),
    positionText: positionWords.text,
    positionWords: positionWords.data,
    positionBits: Uint8Array.from(positions.values()),
  };
}

function openFuzzyIndex(data: FuzzyIndexData): FuzzyIndex {
  const positionWords = StringTable.fromData(data.positionText, data.positionWords);
  return {
    data,
    probes: StringTable.fromData(data.probeText, data.probes),
    positions: { bitsOf: (word) => data.positionBits[positionWords.numberOf(word)] ?? 0 },
  };
}

export interface FuzzyRecognizerOptions {
  /** Where the index is cached (see loadFuzzyIndex); without it the index is built every time. */
  readonly cacheDir?: string;
}

export function createFuzzyPersonRecognizer(gazetteer: CompiledGazetteer, lexicon: FuzzyLexicon, options: FuzzyRecognizerOptions = {}): Recognizer {
  const { data, probes, positions } = loadFuzzyIndex(gazetteer, options.cacheDir);
  /** Per word type: may it be part of a name window (an Arabic word, not a function word)? */
  const usableWord = new WordFact((key: string) => !FUNCTION_WORDS.has(key));
  /** Per word type: unknown to the word list and to the gazetteers' names (a misspelt name?). */
  const unknownWord = new WordFact((key: string) => !lexicon.isCommonWord(key) && !gazetteer.words.has(key, NAME_WORD));
  /** Per word type: the name positions it may stand at, bare (low bits) and as a first word after a proclitic. */
  const positionsOfWord = new WordFact((key: string) => wordPositions(positions, key));
  const firstWordPositions = new WordFact((_key: string, types: WordTable, word: number) => {
    let bits = 0;
    for (const reading of procliticReadingsAt(types, word)) if (!reading.restoredArticle) bits |= wordPositions(positions, reading.stem);
    return bits;
  });
  const mayHit = (tokens: readonly Token[], i: number, size: number): boolean => {
    const first = tokens[i];
    if (!first || (firstWordPositions.of(first) & positionBit(size, 0)) === 0) return false;
    for (let k = 1; k < size; k++) {
      const token = tokens[i + k];
      if (!token || (positionsOfWord.of(token) & positionBit(size, k)) === 0) return false;
    }
    return true;
  };

  const lookup = (window: string): { name: string; entry: GazetteerEntry } | undefined => {
    const seen = new Set<string>();
    for (const probe of [window, ...deletions(window)]) {
      const number = probes.numberOf(probe);
      if (number < 0) continue;
      for (let k = data.probeStarts[number] ?? 0; k < (data.probeStarts[number + 1] ?? 0); k++) {
        const hit = data.probeNames[k] ?? 0;
        const name = data.names[hit] ?? '';
        if (seen.has(name)) continue;
        seen.add(name);
        if (name !== window && distance.DamerauLevenshteinDistance(name, window, { restricted: true }) === 1) return { name, entry: gazetteer.entriesById.at(data.entryIndexes[hit] ?? 0) };
      }
    }
    return undefined;
  };

  return {
    name: 'fuzzy-persons',
    recognize({ view, tokens }: RecognizerContext): Candidate[] {
      const candidates: Candidate[] = [];
      // Per token, once: may it be part of a name window, and is it unknown to the word list?
      const usable = tokens.map((t) => t.kind === 'arabic' && usableWord.of(t));
      const unknownAt = tokens.map((t, k) => usable[k] === true && unknownWord.of(t));
      for (let i = 0; i < tokens.length; i++) {
        if (!usable[i]) continue;
        for (const size of WINDOW_SIZES) {
          let fits = i + size <= tokens.length;
          let anyUnknown = false;
          for (let k = i; fits && k < i + size; k++) {
            fits = usable[k] === true && (k === i || onlySpacesBetween(view.text, tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0));
            anyUnknown ||= unknownAt[k] === true;
          }
          if (!fits || !anyUnknown || !mayHit(tokens, i, size)) continue;
          const window = tokens.slice(i, i + size);
          const first = window[0];
          const last = window[window.length - 1];
          if (!first || !last) continue;
          // The first word may carry a proclitic (`وبوريس جونسن`): try its readings, bare first.
          const rest = window.slice(1).map((t) => t.key).join(' ');
          let hit: { name: string; entry: GazetteerEntry } | undefined;
          let prefixLength = 0;
          for (const reading of procliticReadingsOf(first)) {
            const text = `${reading.stem} ${rest}`;
            if (reading.restoredArticle || text.replace(/ /g, '').length < MIN_LENGTH) continue;
            hit = lookup(text);
            prefixLength = reading.prefixLength;
            if (hit) break;
          }
          if (!hit) continue;
          candidates.push({
            type: 'PERSON',
            start: first.start + prefixLength,
            end: last.end,
            source: 'fuzzy:people',
            confidence: 0.7,
            link: linkOf(hit.entry),
          });
          i += size - 1;
          break;
        }
      }
      return candidates;
    },
  };
}
