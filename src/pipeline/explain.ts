import type { CutRule, Entity, ExtractOptions, TextView, Token } from '../types.js';
import { MODEL_SOURCE } from '../recognizers/model.js';
import { codePointSlicer } from '../text/normalize.js';
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
  /** Spaces the run splitter restored at the entity's edges or inside it (the text had none there). */
  readonly restoredSpaces?: readonly RestoredSpace[];
}

/** A space restored in a run written without one: where (a raw code point offset), in which run, how sure. */
export interface RestoredSpace {
  readonly at: number;
  /** The run as the text wrote it (`فيغزة`). */
  readonly written: string;
  /** The run splitter's confidence that a space was lost there (0..1). */
  readonly confidence: number;
  /** What restored it: the segmenter's word model or one of the run splitter's rules. */
  readonly by: CutRule;
}

const CUT_RULES: Readonly<Record<CutRule, string>> = {
  'word-model': 'the word model',
  'family-name': '`آل` written onto a listed name',
  'name-start': "a listed name's first word glued to the word before it",
  'document-word': 'a name the document writes elsewhere, glued to the words around it',
  'name-end': "a name's end, after a word of a person's name, glued to a frequent word",
  nationality: 'a nationality adjective glued to the name after it',
  'function-word-end': 'a function word glued to the end of a word the word model does not know well',
  'hamza-particle': 'a particle spelt with its hamza (أن, إن, إلى), which ends no word, glued to the end of the word before it',
};

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
  const spaces = restoredSpaces(tokens, view);
  let viewStart = 0; // entities are sorted by start: the scan for each goes on from the last
  return extraction.entities.map((entity) => {
    const [kind = '', name = ''] = entity.source.split(':');
    const link = entity.link ? `; linked to ${entity.link.gazetteer} ${entity.link.id} (${entity.link.name})` : '';
    const reason = `${RECOGNISERS[kind] ?? kind} (${name}), confidence ${entity.confidence}${link}`;
    // A space restored at either edge split the entity from its neighbour; one inside joined its words.
    const touching = spaces.filter((space) => space.at >= entity.start && space.at <= entity.end);
    const withSpaces = touching.length > 0 ? { restoredSpaces: touching } : {};
    if (entity.source !== MODEL_SOURCE || !weighed) return { entity, reason, ...withSpaces };
    // The entity's first view unit, then the token holding it.
    while (viewStart < view.text.length && (view.rawStart[viewStart] ?? 0) < entity.start) viewStart++;
    const index = tokens.findIndex((token) => token.start <= viewStart && viewStart < token.end);
    const tag = TAGS.indexOf(`B-${MODEL_CLASS[entity.type] ?? ''}`);
    if (index === -1 || tag === -1) return { entity, reason, ...withSpaces };
    return { entity, reason, features: weighed(index, tag), ...withSpaces };
  });
}

/** Every space the run splitter restored: before each piece of a run that carries a cut confidence. */
function restoredSpaces(tokens: readonly Token[], view: TextView): RestoredSpace[] {
  const slice = codePointSlicer(view.raw);
  const spaces: RestoredSpace[] = [];
  tokens.forEach((token, i) => {
    const { cut } = token;
    if (cut === undefined) return;
    // The run: back to its first piece (no cut before it), on to its last.
    let first = i - 1;
    while (first > 0 && tokens[first]?.cut !== undefined) first--;
    let last = i;
    while (tokens[last + 1]?.cut !== undefined) last++;
    const start = view.rawStart[tokens[first]?.start ?? token.start] ?? 0;
    const end = view.rawEnd[(tokens[last]?.end ?? token.end) - 1] ?? 0;
    spaces.push({ at: view.rawStart[token.start] ?? 0, written: slice(start, end), confidence: cut.confidence, by: cut.by });
  });
  return spaces;
}

/** The explanations as text, an entity a paragraph. */
export function formatExplanations(explanations: readonly Explanation[]): string {
  return explanations
    .map(({ entity, reason, features, restoredSpaces }) => {
      const head = `${entity.type} «${entity.text}» ${entity.start}-${entity.end}${entity.value !== undefined ? ` = ${entity.value}` : ''}`;
      const spaces = (restoredSpaces ?? []).map(({ at, written, confidence, by }) => `  written together in «${written}»: a lost space restored at ${at} by ${CUT_RULES[by]}, confidence ${confidence.toFixed(2)}`);
      const weights = (features ?? []).map(({ feature, weight }) => `    ${weight >= 0 ? '+' : '-'}${Math.abs(weight).toFixed(2)}  ${feature}`);
      return [head, `  ${reason}`, ...spaces, ...(weights.length > 0 ? ['  weighed most for its first word:', ...weights] : [])].join('\n');
    })
    .join('\n\n');
}
