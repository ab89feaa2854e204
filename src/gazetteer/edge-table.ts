/**
 * The trie's edges: an open-addressing hash table keyed by (node, token id), in three typed
 * arrays. A million names make a few million edges; as JS Maps or objects they would cost
 * seconds to deserialise and a gigabyte of heap, as typed arrays they load as bytes.
 */

export const NO_NODE = -1;

export interface EdgeTableData {
  readonly count: number;
  /** Parent node per slot, NO_NODE for an empty slot. */
  readonly parents: Int32Array;
  readonly tokens: Int32Array;
  readonly children: Int32Array;
}

const INITIAL_CAPACITY = 1024;
/** Load factor before the table doubles (linear probing stays short below it). */
const MAX_LOAD = 0.7;

function slotOf(node: number, token: number, mask: number): number {
  let hash = Math.imul(node, 0x9e3779b1) ^ Math.imul(token + 1, 0x85ebca77);
  hash ^= hash >>> 15;
  return hash & mask;
}

function emptyArrays(capacity: number): Omit<EdgeTableData, 'count'> {
  return { parents: new Int32Array(capacity).fill(NO_NODE), tokens: new Int32Array(capacity), children: new Int32Array(capacity) };
}

export class EdgeTable {
  private count: number;
  private parents: Int32Array;
  private tokens: Int32Array;
  private children: Int32Array;

  constructor(data?: EdgeTableData) {
    const { count, parents, tokens, children } = data ?? { count: 0, ...emptyArrays(INITIAL_CAPACITY) };
    this.count = count;
    this.parents = parents;
    this.tokens = tokens;
    this.children = children;
  }

  toData(): EdgeTableData {
    return { count: this.count, parents: this.parents, tokens: this.tokens, children: this.children };
  }

  child(node: number, token: number): number {
    const parents = this.parents;
    const mask = parents.length - 1;
    for (let slot = slotOf(node, token, mask); ; slot = (slot + 1) & mask) {
      const parent = parents[slot];
      if (parent === NO_NODE || parent === undefined) return NO_NODE;
      if (parent === node && this.tokens[slot] === token) return this.children[slot] ?? NO_NODE;
    }
  }

  /** Adds an edge that is not in the table yet. */
  add(node: number, token: number, child: number): void {
    if (this.count + 1 > this.parents.length * MAX_LOAD) this.grow();
    const mask = this.parents.length - 1;
    let slot = slotOf(node, token, mask);
    while (this.parents[slot] !== NO_NODE) slot = (slot + 1) & mask;
    this.parents[slot] = node;
    this.tokens[slot] = token;
    this.children[slot] = child;
    this.count++;
  }

  private grow(): void {
    const old = this.toData();
    const bigger = emptyArrays(old.parents.length * 2);
    this.count = 0;
    this.parents = bigger.parents;
    this.tokens = bigger.tokens;
    this.children = bigger.children;
    for (let slot = 0; slot < old.parents.length; slot++) {
      const parent = old.parents[slot] ?? NO_NODE;
      if (parent !== NO_NODE) this.add(parent, old.tokens[slot] ?? 0, old.children[slot] ?? 0);
    }
  }
}
