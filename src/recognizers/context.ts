import type { Token } from '../types.js';
import { procliticReadings } from '../text/clitics.js';

/** Small helpers for looking at the words around a span. */

/** Index of the nearest word token before `index`, skipping quotes and brackets. */
export function previousWordIndex(tokens: readonly Token[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i];
    if (!token) break;
    if (token.kind === 'arabic' || token.kind === 'latin' || token.kind === 'number') return i;
    if (!/^["'(\[]$/.test(token.key)) return -1;
  }
  return -1;
}

/** True when the token, or one of its proclitic readings, is one of `words` (match keys). */
export function tokenIsOneOf(token: Token | undefined, words: ReadonlySet<string>): boolean {
  if (!token) return false;
  return procliticReadings(token.key).some((reading) => words.has(reading.stem));
}
