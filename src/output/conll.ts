import type { Annotation, EntityType } from '../types.js';
import { exportTokens, flatEntities, type Span } from './tokens.js';

/**
 * CoNLL export, the way NER corpora (CoNLL-2003, ANERcorp and its kin) are shared and conlleval
 * reads them: `-DOCSTART-<TAB>O` and a blank line open each document, then one token per line,
 * `token<TAB>tag`, a blank line after each sentence. Tokens and sentences are those of tokens.ts,
 * printed as their RAW text. Tags are IOB2 (default) or BILOU over the labels of CONLL_LABELS.
 * Neither can nest: of overlapping entities the earliest (then the longest) is kept. The document's
 * id is its file name (the per-document files concatenate into one corpus), not a line: conlleval
 * and most readers take every non-blank line for a token.
 */

export const CONLL_LABELS: Readonly<Record<EntityType, string>> = {
  PERSON: 'PER',
  LOCATION: 'LOC',
  ORGANIZATION: 'ORG',
  DATE: 'DATE',
  COUNTRY_COUNT: 'CNT',
};

export const TAG_SCHEMES = ['iob2', 'bilou'] as const;
export type TagScheme = (typeof TAG_SCHEMES)[number];

export const DOCSTART = '-DOCSTART-';

export { flatEntities };

/** The tag of a token at `index` (0-based) of `length` tokens of one entity. */
function tagOf(scheme: TagScheme, label: string, index: number, length: number): string {
  if (scheme === 'iob2') return `${index === 0 ? 'B' : 'I'}-${label}`;
  if (length === 1) return `U-${label}`;
  return `${index === 0 ? 'B' : index === length - 1 ? 'L' : 'I'}-${label}`;
}

export function toConll(annotation: Pick<Annotation, 'entities'>, raw: string, scheme: TagScheme = 'iob2'): string {
  const entities = flatEntities(annotation.entities);
  const tokens = exportTokens(raw, entities);
  const inside = (entity: Span, token: Span): boolean => entity.start <= token.start && token.end <= entity.end;
  const lines = [`${DOCSTART}\tO`];
  let next = 0;
  tokens.forEach((token, i) => {
    while (next < entities.length && (entities[next] as Span).end <= token.start) next++;
    const entity = entities[next];
    if (token.sentenceStart) lines.push('');
    if (!entity || !inside(entity, token)) {
      lines.push(`${token.text}\tO`);
      return;
    }
    // The entity's tokens, counted once at its first one.
    let first = i;
    while (first > 0 && inside(entity, tokens[first - 1] as Span)) first--;
    let last = i;
    while (last + 1 < tokens.length && inside(entity, tokens[last + 1] as Span)) last++;
    lines.push(`${token.text}\t${tagOf(scheme, CONLL_LABELS[entity.type], i - first, last - first + 1)}`);
  });
  return lines.join('\n') + '\n\n';
}
