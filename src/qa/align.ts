import { diffArrays } from 'diff/lib/diff/array.js'; // this module alone, not the package's two dozen

/**
 * Aligning two versions of a source text, so that offsets into the old one can be carried into
 * the new one. The texts are cut into words, runs of white space and single other characters,
 * and the two token lists are compared with jsdiff's Myers diff: a word-level alignment does not
 * match scattered letters of a rewritten sentence the way a character diff does. Every offset
 * here is a Unicode code point offset, as in the v1 output.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One edited stretch: `before` in the old text was replaced by `after` in the new one (either may be empty). */
export interface TextEdit {
  readonly before: Span;
  readonly after: Span;
}

export interface TextAlignment {
  /** The edits in text order, none touching another. */
  readonly edits: readonly TextEdit[];
}

const TOKEN = /[\p{L}\p{M}\p{N}_]+|\s+|[^]/gu;

function codePointLength(token: string): number {
  let n = 0;
  for (const _ of token) n++;
  return n;
}

/** Past this the texts are taken as too different to align (Myers' diff is slow on them). */
const ALIGN_TIMEOUT_MS = 5000;

/** The alignment of two texts, or undefined when they are too different to align in reasonable time. */
export function alignTexts(before: string, after: string): TextAlignment | undefined {
  if (before === after) return { edits: [] };
  const changes = diffArrays(before.match(TOKEN) ?? [], after.match(TOKEN) ?? [], { timeout: ALIGN_TIMEOUT_MS });
  if (!changes) return undefined;
  const edits: TextEdit[] = [];
  let old = 0;
  let current = 0;
  let open: { before: { start: number; end: number }; after: { start: number; end: number } } | undefined;
  for (const change of changes) {
    const length = change.value.reduce((n, token) => n + codePointLength(token), 0);
    if (!change.added && !change.removed) {
      if (open) edits.push(open);
      open = undefined;
      old += length;
      current += length;
      continue;
    }
    open ??= { before: { start: old, end: old }, after: { start: current, end: current } };
    if (change.removed) open.before.end = old += length;
    else open.after.end = current += length;
  }
  if (open) edits.push(open);
  return { edits };
}

/** The last edit whose old stretch starts at or before `position` (binary search), or -1. */
function lastEditFrom(edits: readonly TextEdit[], position: number): number {
  let low = 0;
  let high = edits.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((edits[middle] as TextEdit).before.start <= position) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * Where an old boundary lies in the new text. A start inside (or at the first character of) an
 * edited stretch goes to the start of its replacement, an end inside it to the end; text inserted
 * exactly at a boundary stays outside the span (a start moves past it, an end stays before it).
 */
function carryBoundary(edits: readonly TextEdit[], position: number, role: 'start' | 'end'): number {
  // Edits never touch, so at most one ends at or after `position` among those starting before it.
  const index = lastEditFrom(edits, role === 'start' ? position : position - 1);
  const edit = edits[index];
  if (edit && role === 'start' && position < edit.before.end) return edit.after.start;
  if (edit && role === 'end' && position <= edit.before.end) return edit.after.end;
  const insertion = edits[index + 1];
  if (insertion && insertion.before.start === position && insertion.before.end === position) {
    return role === 'start' ? insertion.after.end : insertion.after.start;
  }
  return edit ? position + edit.after.end - edit.before.end : position;
}

/** An old span carried into the new text (empty when all of its text was deleted). */
export function carrySpan(alignment: TextAlignment, span: Span): Span {
  const start = carryBoundary(alignment.edits, span.start, 'start');
  return { start, end: Math.max(start, carryBoundary(alignment.edits, span.end, 'end')) };
}

/** Whether any edit touches the characters of `span` in the old (`before`) or new (`after`) text. */
export function inEditedText(alignment: TextAlignment, span: Span, side: 'before' | 'after'): boolean {
  return alignment.edits.some(({ [side]: edited }) =>
    edited.start === edited.end ? span.start < edited.start && edited.start < span.end : edited.start < span.end && span.start < edited.end,
  );
}
