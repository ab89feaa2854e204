import type { Token } from '../types.js';
import { procliticReadings } from '../text/clitics.js';

/**
 * A trie over token keys: one engine for every multi-word lookup (entity names, nationality
 * adjectives, titles). Greedy longest match, as in wink-nlp's automaton, plus proclitic readings
 * of the first token so `وواشنطن`, `بلندن` and `للدولة الإسلامية` match without listing them.
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

/** The trie's plain data: what the compiled-gazetteer cache stores (v8-serialisable). */
export interface PhraseTrieData<T> {
  readonly edges: (string | Map<string, number> | undefined)[];
  readonly onlyChild: number[];
  readonly values: (T[] | undefined)[];
  readonly phraseCount: number;
}

const NONE = -1;
const ROOT = 0;

export class PhraseTrie<T> {
  /**
   * Nodes are indices into parallel arrays. Most nodes of a name trie have no child or one, so a
   * node's edges are stored as the only child's key (child index in `onlyChild`) and only become
   * a Map when a second child appears: a Map per node would dominate memory at a million names.
   */
  private readonly edges: (string | Map<string, number> | undefined)[];
  private readonly onlyChild: number[];
  private readonly nodeValues: (T[] | undefined)[];
  private phraseCount: number;

  constructor(data?: PhraseTrieData<T>) {
    this.edges = data?.edges ?? [undefined];
    this.onlyChild = data?.onlyChild ?? [NONE];
    this.nodeValues = data?.values ?? [undefined];
    this.phraseCount = data?.phraseCount ?? 0;
  }

  get size(): number {
    return this.phraseCount;
  }

  toData(): PhraseTrieData<T> {
    return { edges: this.edges, onlyChild: this.onlyChild, values: this.nodeValues, phraseCount: this.phraseCount };
  }

  /** Adds a phrase given as its token keys. */
  add(tokenKeys: readonly string[], value: T): void {
    if (tokenKeys.length === 0) return;
    let node = ROOT;
    for (const key of tokenKeys) {
      const child = this.child(node, key);
      node = child === NONE ? this.addChild(node, key) : child;
    }
    const values = this.nodeValues[node];
    if (values) values.push(value);
    else {
      this.nodeValues[node] = [value];
      this.phraseCount++;
    }
  }

  /** Values of an exact phrase. */
  get(tokenKeys: readonly string[]): readonly T[] {
    let node = ROOT;
    for (const key of tokenKeys) {
      node = this.child(node, key);
      if (node === NONE) return [];
    }
    return this.nodeValues[node] ?? [];
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
      let node = this.child(ROOT, reading.stem);
      let last = index;
      let found = node === NONE ? undefined : this.nodeValues[node];
      let foundLast = index;
      while (node !== NONE) {
        const nextToken = tokens[last + 1];
        const current = tokens[last];
        if (!nextToken || !current || !onlySpacesBetween(text, current.end, nextToken.start)) break;
        node = this.child(node, nextToken.key);
        last++;
        const values = node === NONE ? undefined : this.nodeValues[node];
        if (values) {
          found = values;
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
          values: found,
        };
      }
    }
    return best;
  }

  private child(node: number, key: string): number {
    const edge = this.edges[node];
    if (edge === undefined) return NONE;
    if (typeof edge === 'string') return edge === key ? (this.onlyChild[node] ?? NONE) : NONE;
    return edge.get(key) ?? NONE;
  }

  private addChild(node: number, key: string): number {
    const child = this.edges.length;
    this.edges.push(undefined);
    this.onlyChild.push(NONE);
    this.nodeValues.push(undefined);
    const edge = this.edges[node];
    if (edge === undefined) {
      this.edges[node] = key;
      this.onlyChild[node] = child;
    } else if (typeof edge === 'string') {
      this.edges[node] = new Map([
        [edge, this.onlyChild[node] ?? NONE],
        [key, child],
      ]);
      this.onlyChild[node] = NONE;
    } else {
      edge.set(key, child);
    }
    return child;
  }
}

/** True when text[from, to) holds only spaces (a single line). */
export function onlySpacesBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}
