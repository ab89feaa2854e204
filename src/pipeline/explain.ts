import type { Entity, ExtractOptions } from '../types.js';
import { MODEL_SOURCE } from '../recognizers/model.js';
import { TAGS } from '../tagger/tags.js';
import { extract, type Resources } from './extract.js';

/**
 * Why each entity was found: the recogniser and rule, the gazetteer entry it links to, and for
 * the learned tagger the features that weighed most for its first word's tag (a positive weight
 * argued for it, a negative one against it).
 */

export interface FeatureWeight {
  readonly feature: string;
  readonly weight: number;
}

export interface Explanation {
  readonly entity: Entity;
  /** One line: which recogniser made it and how. */
  readonly reason: string;
  /** For model entities, the features of its first word that weighed most for its tag. */
  readonly features?: readonly FeatureWeight[];
}

const RECOGNISERS: Readonly<Record<string, string>> = {
  gazetteer: 'a gazetteer name',
  rule: 'a rule',
  fuzzy: 'a gazetteer name written differently (edit distance)',
  coref: 'the surname of a full name found earlier',
  model: 'the learned tagger',
};

const MODEL_CLASS: Readonly<Record<string, string>> = { PERSON: 'PERS', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

export function explain(raw: string, resources: Resources, options: ExtractOptions = {}): Explanation[] {
  const extraction = extract(raw, resources, options);
  const { view, tokens, earlier } = extraction;
  const tagger = resources.model?.tagger;
  const weighed = tagger?.explainer(tokens, view.text, earlier);
  let viewStart = 0; // entities are sorted by start: the scan for each goes on from the last
  return extraction.entities.map((entity) => {
    const [kind = '', name = ''] = entity.source.split(':');
    const link = entity.link ? `; linked to ${entity.link.gazetteer} ${entity.link.id} (${entity.link.name})` : '';
    const reason = `${RECOGNISERS[kind] ?? kind} (${name}), confidence ${entity.confidence}${link}`;
    if (entity.source !== MODEL_SOURCE || !weighed) return { entity, reason };
    // The entity's first view unit, then the token holding it.
    while (viewStart < view.text.length && (view.rawStart[viewStart] ?? 0) < entity.start) viewStart++;
    const index = tokens.findIndex((token) => token.start <= viewStart && viewStart < token.end);
    const tag = TAGS.indexOf(`B-${MODEL_CLASS[entity.type] ?? ''}`);
    if (index === -1 || tag === -1) return { entity, reason };
    return { entity, reason, features: weighed(index, tag) };
  });
}

/** The explanations as text, an entity a paragraph. */
export function formatExplanations(explanations: readonly Explanation[]): string {
  return explanations
    .map(({ entity, reason, features }) => {
      const head = `${entity.type} «${entity.text}» ${entity.start}-${entity.end}${entity.value !== undefined ? ` = ${entity.value}` : ''}`;
      const weights = (features ?? []).map(({ feature, weight }) => `    ${weight >= 0 ? '+' : '-'}${Math.abs(weight).toFixed(2)}  ${feature}`);
      return [head, `  ${reason}`, ...(weights.length > 0 ? ['  weighed most for its first word:', ...weights] : [])].join('\n');
    })
    .join('\n\n');
}
