import type { Annotation, EntityType } from '../types.js';
import { codePointSlicer, normalize, toRawSpan } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

/**
 * CoNLL export, the way Arabic NER corpora (ANERcorp and its kin) are shared: one token per line,
 * `token<TAB>tag`, BIO tags, a `# doc_id = ...` line before and a blank line after each document.
 *
 * Tokens are the pipeline's (normalised view, then tokenizer), printed as their RAW text.
 * A token that an entity starts or ends inside (an attached proclitic: `وواشنطن`, or a run-together
 * `لندنوواشنطن`) is split at the entity boundary, so the clitic gets O and the name B-LOC:
 * `و O`, `واشنطن B-LOC`. BIO cannot nest: of overlapping entities the earliest (then the longest)
 * is kept.
 */

export const CONLL_TAGS: Readonly<Record<EntityType, string>> = {
  PERSON: 'PER',
  LOCATION: 'LOC',
  ORGANIZATION: 'ORG',
  DATE: 'DATE',
  COUNTRY_COUNT: 'COUNT',
};

interface Span {
  readonly start: number;
  readonly end: number;
}

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

export function toConll(annotation: Pick<Annotation, 'document' | 'entities'>, raw: string): string {
  const entities = flatEntities(annotation.entities);
  const slice = codePointSlicer(raw);
  const lines = [`# doc_id = ${annotation.document.id}`];
  let next = 0;
  let previous: (typeof entities)[number] | undefined;
  for (const piece of pieces(raw, entities)) {
    while (next < entities.length && (entities[next] as Span).end <= piece.start) next++;
    const entity = entities[next];
    const inside = entity !== undefined && entity.start <= piece.start && piece.end <= entity.end;
    const tag = inside ? `${entity === previous ? 'I' : 'B'}-${CONLL_TAGS[entity.type]}` : 'O';
    previous = inside ? entity : undefined;
    lines.push(`${slice(piece.start, piece.end)}\t${tag}`);
  }
  return lines.join('\n') + '\n\n';
}
