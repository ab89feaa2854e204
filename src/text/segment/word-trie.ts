import { ALPHABET_BASE, letterCode } from './alphabet.js';

/**
 * Word counts in a trie over letter codes, so the segmenter finds every known word starting at a
 * position in one walk, without cutting a string out for each candidate piece. Built with add(),
 * then sealed: its nodes are renumbered breadth first, so the children of a node are consecutive
 * nodes, and a node is its first child and its count side by side in one small array (1.2 MB for
 * 138,000 words). A step of a walk reads two cache lines (the node, its children's letters)
 * instead of probing a hash table of megabytes: on text of new runs, where nearly every step
 * lands on a cold line, that was most of the segmenter's word lookups.
 */
export class WordTrie {
  /** node * ALPHABET_BASE + letter code -> child node, while words are added. */
  private readonly edges = new Map<number, number>();
  private readonly building: number[] = [0];
  private sealed: WordTrieData | undefined;
  /**
   * A sealed trie's first two levels as tables: the child by letter code (NONE: none) of the root
   * at [code] and of the root's child numbered k (1, 2, ...: breadth first, they come first) at
   * [k * ALPHABET_BASE + code]. Every position of a run starts a walk at the root, and these
   * nodes have the most children (the root one per letter), where a scan is some twenty steps.
   */
  private firstLevels: Int32Array = new Int32Array(0);
  /** The root's children are nodes 1 to this. */
  private rootChildCount = 0;

  static readonly ROOT = 0;
  static readonly NONE = -1;

  /** Adds `count` (a whole number) to a key's count. */
  add(key: string, count: number): void {
    if (this.sealed !== undefined) throw new Error('a sealed word trie takes no more words');
    let node = WordTrie.ROOT;
    for (let i = 0; i < key.length; i++) {
      const edge = node * ALPHABET_BASE + letterCode(key.charCodeAt(i));
      let child = this.edges.get(edge);
      if (child === undefined) {
        child = this.building.length;
        this.building.push(0);
        this.edges.set(edge, child);
      }
      node = child;
    }
    const total = (this.building[node] ?? 0) + count;
    if (!Number.isInteger(total) || total < 0 || total > MAX_COUNT) throw new RangeError(`word trie: count ${total} of ${JSON.stringify(key)} is not a whole number up to ${MAX_COUNT}`);
    this.building[node] = total;
  }

  /** Lays the nodes out breadth first (see the class comment): no more words after this. */
  seal(): void {
    const children: [number, number][][] = this.building.map(() => []);
    for (const [edge, child] of this.edges) children[Math.floor(edge / ALPHABET_BASE)]?.push([edge % ALPHABET_BASE, child]);
    const size = this.building.length;
    const nodes = new Int32Array(2 * (size + 1));
    const labels = new Uint8Array(size);
    // order[i]: the building node numbered i; children get the next numbers, in letter order.
    const order = [WordTrie.ROOT];
    for (let i = 0; i < order.length; i++) {
      const old = order[i] ?? WordTrie.ROOT;
      nodes[2 * i] = order.length;
      nodes[2 * i + 1] = this.building[old] ?? 0;
      for (const [code, child] of (children[old] ?? []).sort((a, b) => a[0] - b[0])) {
        labels[order.length] = code;
        order.push(child);
      }
    }
    nodes[2 * size] = size;
    this.sealed = { nodes, labels };
    this.tabulateFirstLevels();
    this.edges.clear();
    this.building.length = 0;
  }

  /** A sealed trie's tables (see table-cache.ts). */
  get data(): WordTrieData {
    if (this.sealed === undefined) throw new Error('only a sealed word trie has its tables');
    return this.sealed;
  }

  /** A sealed trie from the tables of one (see `data`). */
  static fromData(data: WordTrieData): WordTrie {
    const trie = new WordTrie();
    trie.building.length = 0;
    trie.sealed = data;
    trie.tabulateFirstLevels();
    return trie;
  }

  /** The child of `node` by a letter code, or NONE. */
  child(node: number, code: number): number {
    const sealed = this.sealed;
    if (sealed === undefined) return this.edges.get(node * ALPHABET_BASE + code) ?? WordTrie.NONE;
    if (node <= this.rootChildCount) return this.firstLevels[node * ALPHABET_BASE + code] ?? WordTrie.NONE;
    return scanChildren(sealed, node, code);
  }

  /** Fills firstLevels from the sealed tables. */
  private tabulateFirstLevels(): void {
    const sealed = this.sealed;
    if (sealed === undefined) return;
    const count = (sealed.nodes[2] ?? 0) - (sealed.nodes[0] ?? 0);
    const table = new Int32Array((count + 1) * ALPHABET_BASE);
    for (let node = 0; node <= count; node++) {
      for (let code = 0; code < ALPHABET_BASE; code++) table[node * ALPHABET_BASE + code] = scanChildren(sealed, node, code);
    }
    this.firstLevels = table;
    this.rootChildCount = count;
  }

  /** The count of the word ending at `node` (0 when it is only a prefix). */
  countAt(node: number): number {
    return this.sealed === undefined ? (this.building[node] ?? 0) : (this.sealed.nodes[2 * node + 1] ?? 0);
  }

  /** The count of a key. */
  count(key: string): number {
    let node = WordTrie.ROOT;
    for (let i = 0; i < key.length && node !== WordTrie.NONE; i++) node = this.child(node, letterCode(key.charCodeAt(i)));
    return node === WordTrie.NONE ? 0 : this.countAt(node);
  }
}

/** The child of a sealed trie's node by a letter code, or NONE: a scan of its children's letters (in letter order). */
function scanChildren({ nodes, labels }: WordTrieData, node: number, code: number): number {
  const end = nodes[2 * node + 2] ?? 0;
  for (let child = nodes[2 * node] ?? 0; child < end; child++) {
    const label = labels[child] ?? 0;
    if (label === code) return child;
    if (label > code) break;
  }
  return WordTrie.NONE;
}

/** Counts are kept in 32-bit integers. */
const MAX_COUNT = 0x7fffffff;

export interface WordTrieData {
  /**
   * Per node numbered breadth first: [2n] its first child (its children are the nodes from there
   * to the next node's first child), [2n + 1] the count of the word ending there; one entry more
   * closes the last node's children.
   */
  readonly nodes: Int32Array;
  /** The letter code on the edge into each node (the root's is 0). */
  readonly labels: Uint8Array;
}
