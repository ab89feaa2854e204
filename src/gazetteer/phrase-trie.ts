import type { Token, WordTable } from '../types.js';
import { WordFact } from '../text/word-types.js';
import { EdgeTable, NO_NODE, type EdgeTableData } from './edge-table.js';
import { UNKNOWN_TOKEN, type TokenVocabulary } from './token-vocabulary.js';
import { onlySpacesBetween } from '../text/tokenize.js';

/**
 * A trie over token keys: one engine for every multi-word lookup (entity names, nationality
 * adjectives, titles). Greedy longest match, as in wink-nlp's automaton, plus proclitic readings
 * of the first token so `وواشنطن`, `بلندن` and `للدولة الإسلامية` match without listing them.
 *
 * The trie is plain typed arrays over interned token ids (see EdgeTable), and its values are ids
 * too: the owner turns an id into a value (a gazetteer entry, a trigger) only when a match needs it.
 */

export interface PhraseMatch<T> {
  /** View offset of the match start (after any proclitic). */
  readonly start: number;
  readonly end: number;
  /** Index of the first and last token of the match. */
  readonly firstToken: number;
  readonly lastToken: number;
  readonly prefixLength: number;
  readonly values: readonly T[];
}

/** The trie's data: what the compiled-gazetteer cache stores, as a few large buffers. */
export interface PhraseTrieData {
  readonly phraseCount: number;
  readonly edges: EdgeTableData;
  /** Value ids of node n: valueIds[valueStart[n] .. valueStart[n + 1]). */
  readonly valueStart: Int32Array;
  readonly valueIds: Int32Array;
}

const ROOT = 0;

interface FirstStep {
  readonly prefixLength: number;
  readonly node: number;
}
const NO_VALUES: readonly never[] = Object.freeze([]);
const NO_STEPS: readonly FirstStep[] = Object.freeze([]);

/** Builds a trie's data from phrases (compilation only). */
export class PhraseTrieBuilder {
  private nodeCount = 1;
  private readonly edges = new EdgeTable();
  /** (node, value id) pairs in insertion order. */
  private readonly valueNodes: number[] = [];
  private readonly valueIds: number[] = [];

  constructor(private readonly vocabulary: TokenVocabulary) {}

  /** Adds a phrase given as its token keys. */
  add(tokenKeys: readonly string[], valueId: number): void {
    if (tokenKeys.length === 0) return;
    let node = ROOT;
    for (const key of tokenKeys) {
      const token = this.vocabulary.intern(key);
      const child = this.edges.child(node, token);
      if (child !== NO_NODE) node = child;
      else {
        this.edges.add(node, token, this.nodeCount);
        node = this.nodeCount++;
      }
    }
    this.valueNodes.push(node);
    this.valueIds.push(valueId);
  }

  build(): PhraseTrieData {
    // Counting sort of the values by node, stable, so each node keeps its insertion order.
    const valueStart = new Int32Array(this.nodeCount + 1);
    for (const node of this.valueNodes) valueStart[node + 1] = (valueStart[node + 1] ?? 0) + 1;
    let phraseCount = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      if ((valueStart[node + 1] ?? 0) > 0) phraseCount++;
      valueStart[node + 1] = (valueStart[node + 1] ?? 0) + (valueStart[node] ?? 0);
    }
    const next = valueStart.slice(0, this.nodeCount);
    const valueIds = new Int32Array(this.valueIds.length);
    this.valueNodes.forEach((node, i) => {
      const slot = next[node] ?? 0;
      valueIds[slot] = this.valueIds[i] ?? 0;
      next[node] = slot + 1;
    });
    return { phraseCount, edges: this.edges.toData(), valueStart, valueIds };
  }
}

export class PhraseTrie<T> {
  private readonly edges: EdgeTable;
  /** Values of the nodes matched so far, turned into objects once. */
  private readonly valuesByNode = new Map<number, readonly T[]>();
  /** longestAt answers per document: several recognisers ask about the same tokens. */
  private readonly matches = new WeakMap<readonly Token[], (PhraseMatch<T> | null | undefined)[]>();

  constructor(
    private readonly data: PhraseTrieData,
    private readonly vocabulary: TokenVocabulary,
    private readonly valueAt: (id: number) => T,
  ) {
    this.edges = new EdgeTable(data.edges);
  }

  get size(): number {
    return this.data.phraseCount;
  }

  /** Values of an exact phrase. */
  get(tokenKeys: readonly string[]): readonly T[] {
    let node = ROOT;
    for (const key of tokenKeys) {
      node = this.edges.child(node, this.vocabulary.idOf(key));
      if (node === NO_NODE) return NO_VALUES;
    }
    return this.valuesOf(node);
  }

  /** True when the first two or more of `words` (match keys) are a whole phrase of the trie. */
  startsPhrase(words: readonly string[]): boolean {
    let node = ROOT;
    for (let i = 0; i < words.length; i++) {
      node = this.edges.child(node, this.vocabulary.idOf(words[i] ?? ''));
      if (node === NO_NODE) return false;
      if (i >= 1 && this.hasValues(node)) return true;
    }
    return false;
  }

  /** True when the one-word phrase `key` is in the trie. */
  has(key: string): boolean {
    const node = this.edges.child(ROOT, this.vocabulary.idOf(key));
    return node !== NO_NODE && this.hasValues(node);
  }

  /**
   * Longest phrase starting at token `index`; the first token may carry proclitics, and the
   * bare reading wins ties. Phrase tokens must follow each other with nothing but spaces between
   * (no punctuation, no line break). `text` is the view text the tokens come from.
   */
  longestAt(tokens: readonly Token[], index: number, text: string): PhraseMatch<T> | undefined {
    const first = tokens[index];
    if (!first || this.firstSteps.of(first).length === 0) return undefined; // most words start no phrase
    let answers = this.matches.get(tokens);
    if (answers === undefined) {
      answers = new Array<PhraseMatch<T> | null | undefined>(tokens.length);
      this.matches.set(tokens, answers);
    }
    let answer = answers[index];
    if (answer === undefined) {
      answer = this.findLongestAt(tokens, index, text) ?? null;
      answers[index] = answer;
    }
    return answer ?? undefined;
  }

  private findLongestAt(tokens: readonly Token[], index: number, text: string): PhraseMatch<T> | undefined {
    const first = tokens[index];
    if (!first) return undefined;
    let best: PhraseMatch<T> | undefined;
    for (const { prefixLength, node: firstNode } of this.firstSteps.of(first)) {
      let node = firstNode;
      let last = index;
      let found = this.hasValues(node) ? node : NO_NODE;
      let foundLast = index;
      while (node !== NO_NODE) {
        const nextToken = tokens[last + 1];
        const current = tokens[last];
        if (!nextToken || !current) break;
        const next = this.vocabulary.idOfToken(nextToken);
        if (next === UNKNOWN_TOKEN || !onlySpacesBetween(text, current.end, nextToken.start)) break;
        node = this.edges.child(node, next);
        last++;
        if (node !== NO_NODE && this.hasValues(node)) {
          found = node;
          foundLast = last;
        }
      }
      if (found === NO_NODE) continue;
      if (!best || foundLast > best.lastToken) {
        best = {
          start: first.start + prefixLength,
          end: tokens[foundLast]?.end ?? first.end,
          firstToken: index,
          lastToken: foundLast,
          prefixLength,
          values: this.valuesOf(found),
        };
      }
    }
    return best;
  }

  /** Trie nodes a word's readings reach from the root, bare reading first (per word type). */
  private readonly firstSteps = new WordFact((_key: string, types: WordTable, word: number): readonly FirstStep[] => {
    const steps: FirstStep[] = [];
    for (const { prefixLength, id } of this.vocabulary.readingIdsAt(types, word)) {
      const node = this.edges.child(ROOT, id);
      if (node !== NO_NODE) steps.push({ prefixLength, node });
    }
    // Most words start no phrase: they share one empty list rather than each keeping its own.
    return steps.length === 0 ? NO_STEPS : steps;
  });

  private hasValues(node: number): boolean {
    return (this.data.valueStart[node + 1] ?? 0) > (this.data.valueStart[node] ?? 0);
  }

  private valuesOf(node: number): readonly T[] {
    let values = this.valuesByNode.get(node);
    if (values === undefined) {
      const from = this.data.valueStart[node] ?? 0;
      const to = this.data.valueStart[node + 1] ?? 0;
      values = Array.from(this.data.valueIds.subarray(from, to), (id) => this.valueAt(id));
      this.valuesByNode.set(node, values);
    }
    return values;
  }
}
