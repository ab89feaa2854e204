/**
 * Feature hashing: a feature is a 32-bit number, so a model stores numbers, not strings, and a
 * feature built at run time from cached parts costs integer arithmetic only.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
  return continueHash(FNV_OFFSET, text);
}

/**
 * The FNV-1a state after `first` and `separator`: with `hashAfter`, hashString(first + separator +
 * second) without building that string, the prefix hashed once for the many values sharing it.
 */
export function hashPrefix(first: string, separator: string): number {
  return continueHash(continueHash(FNV_OFFSET, first), separator);
}

/** hashString of a prefix's text and then `second`, from the prefix's state (`hashPrefix`). */
export function hashAfter(prefix: number, second: string): number {
  return continueHash(prefix, second);
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a's state after `hash` (the state after some text) and then `text`. */
function continueHash(hash: number, text: string): number {
  let state = hash;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 0x01000193);
  return state >>> 0;
}

/** Combines a value's hash with a small slot (a window offset, a template): murmur3's finaliser over the pair. */
export function combine(hash: number, slot: number): number {
  let h = (hash ^ Math.imul(slot + 1, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
