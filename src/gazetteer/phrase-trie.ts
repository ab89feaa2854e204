import type { Token } from '../types.js';
import { procliticReadings } from '../text/clitics.js';

/**
 * A trie over token keys: one engine for every multi-word lookup (entity names, nationality
 * adjectives, titles). Greedy longest match, as in wink-nlp's automaton, plus proclitic readings
 * of the first token so `وواشنطن`, `بلندن` and `للدولة الإسلامية` match without listing them.
 */

interface TrieNode<T> {
  readonly next: Map<string, TrieNode<T>>;
  readonly values: T[];
}

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

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };
  private phraseCount = 0;

  get size(): number {
    return this.phraseCount;
  }

  /** Adds a phrase given as its token keys. */
  add(tokenKeys: readonly string[], value: T): void {
    if (tokenKeys.length === 0) return;
    let node = this.root;
    for (const key of tokenKeys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.values.length === 0) this.phraseCount++;
    node.values.push(value);
  }

  /** Values of an exact phrase. */
  get(tokenKeys: readonly string[]): readonly T[] {
    let node: TrieNode<T> | undefined = this.root;
    for (const key of tokenKeys) {
      node = node.next.get(key);
      if (!node) return [];
    }
    return node.values;
  }

  /**
   * Longest phrase starting at token `index`. With `clitics`, the first token may carry
   * proclitics; the bare reading wins ties. Phrase tokens must follow each other with
   * nothing but spaces between (no punctuation, no line break).
   */
  longestAt(tokens: readonly Token[], index: number, text: string, clitics: boolean): PhraseMatch<T> | undefined {
    const first = tokens[index];
    if (!first) return undefined;
    const readings = clitics ? procliticReadings(first.key) : [{ prefixLength: 0, stem: first.key, restoredArticle: false }];
    let best: PhraseMatch<T> | undefined;
    for (const reading of readings) {
      let node = this.root.next.get(reading.stem);
      let last = index;
      let found: TrieNode<T> | undefined = node && node.values.length > 0 ? node : undefined;
      let foundLast = index;
      while (node) {
        const nextToken = tokens[last + 1];
        const current = tokens[last];
        if (!nextToken || !current || !onlySpacesBetween(text, current.end, nextToken.start)) break;
        node = node.next.get(nextToken.key);
        last++;
        if (node && node.values.length > 0) {
          found = node;
          foundLast = last;
        }
      }
      if (!found) continue;
      const end = tokens[foundLast]?.end ?? first.end;
      if (!best || foundLast > best.lastToken) {
        best = {
          start: first.start + reading.prefixLength,
          end,
          firstToken: index,
          lastToken: foundLast,
          prefixLength: reading.prefixLength,
          values: found.values,
        };
      }
    }
    return best;
  }
}

/** True when text[from, to) holds only spaces (a single line). */
export function onlySpacesBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}
