import type { Annotation } from '../types.js';
import { exportTokens, flatEntities } from './tokens.js';

/**
 * spaCy's JSON, the shape of `Doc.to_json()`, so a Python pipeline loads a run with
 * `Doc(nlp.vocab).from_json(data)` or reads `text` and `ents` directly: `start`/`end` are character
 * offsets into `text`, which in a Python `str` are code points, the v1 offsets unchanged. `ents`
 * cannot overlap in spaCy: the earliest (then longest) of overlapping entities is kept there, and
 * every entity is in the span group `spans["arabic-ner"]`, with its link's id as `kb_id`. Tokens follow spaCy's rule: each is
 * followed by nothing or by one space, and any other run of white space (a line break, a second
 * space) or character the tokenizer skips is a token of its own, so the words and spaces give the
 * text back exactly.
 */

export interface SpacyEntity {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** A span of a span group, as Doc.to_json writes it (`kb_id` empty when there is no link). */
export interface SpacySpan extends SpacyEntity {
  readonly kb_id: string;
}

export interface SpacyDocJson {
  readonly text: string;
  readonly ents: readonly SpacyEntity[];
  readonly sents: readonly { readonly start: number; readonly end: number }[];
  readonly tokens: readonly { readonly id: number; readonly start: number; readonly end: number }[];
  readonly spans: Readonly<Record<string, readonly SpacySpan[]>>;
}

export const SPACY_SPAN_GROUP = 'arabic-ner';

/** Token spans covering every character that is not a single space after a token. */
function spacyTokens(raw: string, words: readonly { start: number; end: number }[], length: number): { start: number; end: number }[] {
  const codePoints = Array.from(raw);
  const tokens: { start: number; end: number }[] = [];
  // Text between two tokens (or at either end): one space after a token is its trailing space.
  const gap = (from: number, to: number, afterToken: boolean): void => {
    const start = afterToken && codePoints[from] === ' ' ? from + 1 : from;
    if (start < to) tokens.push({ start, end: to });
  };
  let at = 0;
  for (const word of words) {
    gap(at, word.start, tokens.length > 0);
    tokens.push({ start: word.start, end: word.end });
    at = word.end;
  }
  gap(at, length, tokens.length > 0);
  return tokens;
}

export function toSpacyJson(annotation: Pick<Annotation, 'entities'>, raw: string): SpacyDocJson {
  const length = Array.from(raw).length;
  const flat = flatEntities(annotation.entities);
  const words = exportTokens(raw, flat);
  const sents: { start: number; end: number }[] = [];
  for (const word of words) {
    if (word.sentenceStart) sents.push({ start: word.start, end: word.end });
    else (sents.at(-1) as { end: number }).end = word.end;
  }
  const label = (e: { start: number; end: number; type: string }): SpacyEntity => ({ start: e.start, end: e.end, label: e.type });
  return {
    text: raw,
    ents: flat.map(label),
    sents,
    tokens: spacyTokens(raw, words, length).map((t, id) => ({ id, ...t })),
    spans: { [SPACY_SPAN_GROUP]: annotation.entities.map((e) => ({ ...label(e), kb_id: e.link?.id ?? '' })) },
  };
}
