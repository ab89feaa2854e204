import { codePointSlicer, normalize, toRawSpan } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

/**
 * The tokens and sentences the token-based exports (CoNLL, spaCy JSON) share. Tokens are the
 * pipeline's (normalised view, then tokenizer) as raw code point spans, cut at every entity
 * boundary that falls inside one, so an attached proclitic (`و` of `وواشنطن`) is a token of its own
 * outside the name. Sentences end after a run of `.`, `!`, `?`, `؟`, `۔` or `…` (and the closing
 * quotes or brackets after it) and at every line break, never inside an entity.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ExportToken extends Span {
  /** The raw text of the token. */
  readonly text: string;
  /** The token begins a sentence (the first token always does). */
  readonly sentenceStart: boolean;
}

const SENTENCE_END = /^[.!?؟۔…]+$/u;
const CLOSER = /^[»”’"')\]]+$/u;

/** Entities sorted by start, none overlapping an earlier (or, at the same start, a longer) one. */
export function flatEntities<T extends Span>(entities: readonly T[]): T[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const e of sorted) if (kept.length === 0 || (kept.at(-1) as T).end <= e.start) kept.push(e);
  return kept;
}

/** The raw code point span of every token, cut at entity boundaries that fall inside it. */
function pieces(raw: string, entities: readonly Span[]): Span[] {
  const view = normalize(raw);
  const cuts = [...new Set(entities.flatMap((e) => [e.start, e.end]))].sort((a, b) => a - b);
  const out: Span[] = [];
  for (const token of tokenize(view)) {
    const [start, end] = toRawSpan(view, token.start, token.end);
    let from = start;
    for (const cut of cuts) {
      if (cut <= from || cut >= end) continue;
      out.push({ start: from, end: cut });
      from = cut;
    }
    out.push({ start: from, end });
  }
  return out;
}

/** Tokens of `raw` with sentence starts; `entities` are the flat entities the export will tag. */
export function exportTokens(raw: string, entities: readonly Span[]): ExportToken[] {
  const slice = codePointSlicer(raw);
  const spans = pieces(raw, entities);
  const tokens: ExportToken[] = [];
  let entity = 0;
  let endsSentence = false;
  spans.forEach((span, i) => {
    const text = slice(span.start, span.end);
    const previous = spans[i - 1];
    while (entity < entities.length && (entities[entity] as Span).end <= span.start) entity++;
    const current = entities[entity];
    const insideEntity = previous !== undefined && current !== undefined && current.start <= previous.start && span.end <= current.end;
    const lineBreak = previous !== undefined && slice(previous.end, span.start).includes('\n');
    const closesSentence = endsSentence && CLOSER.test(text);
    tokens.push({ ...span, text, sentenceStart: previous === undefined || (!insideEntity && !closesSentence && (endsSentence || lineBreak)) });
    endsSentence = SENTENCE_END.test(text) || closesSentence;
  });
  return tokens;
}
