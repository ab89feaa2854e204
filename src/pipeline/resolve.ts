import type { Candidate } from '../types.js';

/**
 * Overlap resolution between recognisers, one small pure function (after spaCy's filter_spans):
 * longer spans first, then higher confidence, then earlier start; a candidate overlapping one
 * already kept is dropped. Result sorted by start, then end.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start || compareTypes(a.type, b.type),
  );
  const kept: Candidate[] = [];
  // Kept spans never overlap, so marking the units they cover answers "overlaps a kept one?" in
  // time linear in the span, not in the number kept (which made large texts quadratic).
  const taken = new Uint8Array(candidates.reduce((max, candidate) => Math.max(max, candidate.end), 0));
  for (const candidate of ordered) {
    if (overlapsTaken(taken, candidate.start, candidate.end)) continue;
    taken.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort(byPosition);
}

/** Entity type names are ASCII capitals: code unit order, without a locale collator per comparison. */
function compareTypes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function overlapsTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return true;
  return false;
}

export function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}
