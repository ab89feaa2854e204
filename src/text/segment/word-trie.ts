import { ALPHABET_BASE, letterCode } from './alphabet.js';
import { NumberTable, type NumberTableData } from './number-table.js';

/**
 * Word counts in a trie over letter codes, so the segmenter finds every known word starting at a
 * position in one walk, without cutting a string out for each candidate piece. Built with add(),
 * then sealed: its edges move to a typed table, which the segmenter's walks read.
 */
export class WordTrie {
  /** node * ALPHABET_BASE + letter code -> child node, while words are added. */
  private readonly edges = new Map<number, number>();
  private sealed: NumberTable | undefined;
  private readonly counts: number[] = [0];

  static readonly ROOT = 0;
  static readonly NONE = -1;

  /** Adds `count` to a key's count. */
  add(key: string, count: number): void {
    if (this.sealed !== undefined) throw new Error('a sealed word trie takes no more words');
    let node = WordTrie.ROOT;
    for (let i = 0; i < key.length; i++) {
      const edge = node * ALPHABET_BASE + letterCode(key.charCodeAt(i));
      let child = this.edges.get(edge);
      if (child === undefined) {
        child = this.counts.length;
        this.counts.push(0);
        this.edges.set(edge, child);
      }
      node = child;
    }
    this.counts[node] = (this.counts[node] ?? 0) + count;
  }

  /** Moves the edges to a typed table: no more words after this. */
  seal(): void {
    this.sealed = new NumberTable(this.edges);
    this.edges.clear();
  }

  /** A sealed trie's tables (see table-cache.ts). */
  get data(): WordTrieData {
    if (this.sealed === undefined) throw new Error('only a sealed word trie has its tables');
    return { edges: this.sealed.data, counts: Float64Array.from(this.counts) };
  }

  /** A sealed trie from the tables of one (see `data`). */
  static fromData(data: WordTrieData): WordTrie {
    const trie = new WordTrie();
    trie.sealed = new NumberTable(data.edges);
    trie.counts.length = 0;
    for (const count of data.counts) trie.counts.push(count);
    return trie;
  }

  /** The child of `node` by a letter code, or NONE. */
  child(node: number, code: number): number {
    const key = node * ALPHABET_BASE + code;
    if (this.sealed === undefined) return this.edges.get(key) ?? WordTrie.NONE;
    const child = this.sealed.get(key);
    return Number.isNaN(child) ? WordTrie.NONE : child;
  }

  /** The count of the word ending at `node` (0 when it is only a prefix). */
  countAt(node: number): number {
    return this.counts[node] ?? 0;
  }

  /** The count of a key. */
  count(key: string): number {
    let node = WordTrie.ROOT;
    for (let i = 0; i < key.length && node !== WordTrie.NONE; i++) node = this.child(node, letterCode(key.charCodeAt(i)));
    return node === WordTrie.NONE ? 0 : this.countAt(node);
  }
}

export interface WordTrieData {
  readonly edges: NumberTableData;
  /** Count of the word ending at each node. */
  readonly counts: Float64Array;
}
