import { ALPHABET_BASE, letterCode } from './alphabet.js';

/**
 * Word counts in a trie over letter codes, so the segmenter finds every known word starting at a
 * position in one walk, without cutting a string out for each candidate piece. Built with add(),
 * then sealed: its nodes are renumbered breadth first, so the children of a node are consecutive
 * nodes, and a node is its letter, its first child and its count side by side in one small array
 * (1.1 MB for 138,000 words). A step of a walk reads the children's entries, one cache line or
 * two, and the child found there has its count and its own children's place on the same line:
 * on text of new runs, where nearly every step lands on a cold line, a hash table of megabytes
 * was most of the segmenter's word lookups, and a node's letter apart from its count one cold
 * line more a step.
 */
export class WordTrie {
  /** node * ALPHABET_BASE + letter code -> child node, while words are added. */
  private readonly edges = new Map<number, number>();
  private readonly building: number[] = [0];
  private sealed: WordTrieData | undefined;
  /**
   * A sealed trie's first TABLED_LEVELS levels as tables: the child by letter code (NONE: none)
   * of node k at [k * ALPHABET_BASE + code] (breadth first, these nodes come first). Every
   * position of a run starts a walk at the root, and these nodes have the most children (the
   * root 30, a node of the second level 21 and of the third 11 on average, the article `ال` 28),
   * where a scan is some ten to twenty steps; a node of the fourth level has three or four.
   */
  private firstLevels: Int32Array = new Int32Array(0);
  /** Nodes 0 to this are in firstLevels. */
  private lastTabled = 0;

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
    if (size > MAX_NODES) throw new RangeError(`word trie: ${size} nodes, more than ${MAX_NODES}`);
    const nodes = new Int32Array(2 * (size + 1));
    // order[i]: the building node numbered i; children get the next numbers, in letter order.
    const order = [WordTrie.ROOT];
    const labels = [0];
    for (let i = 0; i < order.length; i++) {
      const old = order[i] ?? WordTrie.ROOT;
      nodes[2 * i] = order.length * ALPHABET_BASE + (labels[i] ?? 0);
      nodes[2 * i + 1] = this.building[old] ?? 0;
      for (const [code, child] of (children[old] ?? []).sort((a, b) => a[0] - b[0])) {
        labels.push(code);
        order.push(child);
      }
    }
    nodes[2 * size] = size * ALPHABET_BASE;
    this.sealed = { nodes };
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
    if (node <= this.lastTabled) return this.firstLevels[node * ALPHABET_BASE + code] ?? WordTrie.NONE;
    return scanChildren(sealed, node, code);
  }

  /** Fills firstLevels from the sealed tables. */
  private tabulateFirstLevels(): void {
    const sealed = this.sealed;
    if (sealed === undefined) return;
    // The last node of each level: the last child of the nodes up to the level before's last.
    const size = sealed.nodes.length / 2 - 1;
    let last = WordTrie.ROOT;
    for (let level = 1; level < TABLED_LEVELS; level++) last = Math.max(last, firstChildOf(sealed, Math.min(last + 1, size)) - 1);
    const table = new Int32Array((last + 1) * ALPHABET_BASE);
    for (let node = 0; node <= last; node++) {
      for (let code = 0; code < ALPHABET_BASE; code++) table[node * ALPHABET_BASE + code] = scanChildren(sealed, node, code);
    }
    this.firstLevels = table;
    this.lastTabled = last;
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
function scanChildren(sealed: WordTrieData, node: number, code: number): number {
  const { nodes } = sealed;
  const end = firstChildOf(sealed, node + 1);
  for (let child = firstChildOf(sealed, node); child < end; child++) {
    const label = (nodes[2 * child] ?? 0) & LETTER_MASK;
    if (label === code) return child;
    if (label > code) break;
  }
  return WordTrie.NONE;
}

/** The first child of a sealed trie's node (its children are the nodes from there to the next node's first child). */
function firstChildOf({ nodes }: WordTrieData, node: number): number {
  return (nodes[2 * node] ?? 0) >> LETTER_BITS;
}

/** Levels of a sealed trie kept as tables (the root's is the first; see firstLevels): 659 nodes, 169 KB. */
const TABLED_LEVELS = 3;

/** Counts are kept in 32-bit integers. */
const MAX_COUNT = 0x7fffffff;
/** A node's first child times ALPHABET_BASE, plus its letter, is a 32-bit integer. */
const MAX_NODES = Math.floor(0x7fffffff / ALPHABET_BASE) - 1;
/** A node's letter code is the low bits of its first entry (ALPHABET_BASE is a power of two). */
const LETTER_BITS = Math.log2(ALPHABET_BASE);
const LETTER_MASK = ALPHABET_BASE - 1;

export interface WordTrieData {
  /**
   * Per node numbered breadth first: [2n] its first child times ALPHABET_BASE plus the letter
   * code on the edge into it (the root's is 0; its children are the nodes from its first child
   * to the next node's first child), [2n + 1] the count of the word ending there; one entry more
   * closes the last node's children.
   */
  readonly nodes: Int32Array;
}
