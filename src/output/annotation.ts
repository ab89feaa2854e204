import type { Annotation, Candidate, CountryCount, DocumentInfo, Entity, TextView } from '../types.js';
import { ANNOTATION_SCHEMA_ID } from '../types.js';
import { codePointSlicer, toRawSpan } from '../text/normalize.js';

/**
 * Candidates in view coordinates -> v1 entities in raw code point offsets. Every entity's `text`
 * is the raw slice, checked here: a mismatch is a bug and throws rather than writing bad data.
 */
export function toEntities(view: TextView, candidates: readonly Candidate[], corefs: ReadonlyMap<Candidate, Candidate> = new Map()): Entity[] {
  const slice = codePointSlicer(view.raw);
  const ids = new Map<Candidate, string>();
  const entities: Entity[] = [];
  for (const candidate of candidates) {
    const [start, end] = toRawSpan(view, candidate.start, candidate.end);
    const id = `e${start}-${end}`;
    ids.set(candidate, id);
    const antecedent = corefs.get(candidate);
    const entity: Mutable<Entity> = {
      id,
      type: candidate.type,
      start,
      end,
      text: slice(start, end),
      normalized: view.text.slice(candidate.start, candidate.end),
      source: candidate.source,
      confidence: Math.round(candidate.confidence * 100) / 100,
    };
    // Optional fields assigned in the contract's key order (the serialiser then copies nothing).
    if (candidate.link) entity.link = candidate.link;
    if (candidate.value !== undefined) entity.value = candidate.value;
    if (candidate.relative) entity.relative = true;
    if (candidate.qualifier) entity.qualifier = candidate.qualifier;
    if (candidate.date) entity.date = candidate.date;
    const antecedentId = antecedent && ids.get(antecedent);
    if (antecedentId !== undefined) entity.coref = antecedentId;
    entities.push(entity);
  }
  return entities;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function buildAnnotation(document: DocumentInfo, entities: readonly Entity[], countries: readonly CountryCount[]): Annotation {
  return { schema: ANNOTATION_SCHEMA_ID, document, entities, countries };
}

const ENTITY_KEY_ORDER = ['id', 'type', 'start', 'end', 'text', 'normalized', 'source', 'confidence', 'link', 'value', 'relative', 'qualifier', 'date', 'coref'];
const LINK_KEY_ORDER = ['gazetteer', 'id', 'name', 'country'];
const DATE_KEY_ORDER = ['calendar', 'hijri', 'anchor', 'unit', 'offset', 'weekday', 'day', 'month', 'year', 'part', 'endDay'];

function ordered(object: object, keys: readonly string[]): Record<string, unknown> {
  const source = object as Record<string, unknown>;
  if (inKeyOrder(source, keys)) return source; // the pipeline builds most objects in order: no copy
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  // Fields added by later versions keep a stable (sorted) position after the known ones.
  for (const key of Object.keys(source).sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out;
}

/** True when every field is defined, known, and in `keys` order (ordered() would copy it unchanged). */
function inKeyOrder(source: Record<string, unknown>, keys: readonly string[]): boolean {
  let next = 0;
  for (const key in source) {
    if (source[key] === undefined) return false;
    const position = keys.indexOf(key, next);
    if (position < 0) return false;
    next = position + 1;
  }
  return true;
}

function orderedEntity(entity: Entity): Record<string, unknown> {
  const out = ordered(entity, ENTITY_KEY_ORDER);
  const link = entity.link && ordered(entity.link, LINK_KEY_ORDER);
  const date = entity.date && ordered(entity.date, DATE_KEY_ORDER);
  if (link === entity.link && date === entity.date) return out;
  const copy: Record<string, unknown> = (out as object) === entity ? { ...out } : out; // assigning an existing key keeps its position
  if (link) copy['link'] = link;
  if (date) copy['date'] = date;
  return copy;
}

/** Serialises with a fixed key order, so the same annotation always gives the same bytes. */
export function serializeAnnotation(annotation: Annotation, pretty = true): string {
  const stable = {
    schema: annotation.schema,
    document: ordered(annotation.document, ['id', 'source', 'sha256', 'length', 'encoding', 'documentDate']),
    entities: annotation.entities.map(orderedEntity),
    countries: annotation.countries.map((country) => ordered(country, ['code', 'name', 'mentions', 'adjectiveMentions'])),
  };
  return pretty ? JSON.stringify(stable, null, 2) + '\n' : JSON.stringify(stable);
}

/** Compact JSON (--compact files, JSON Lines): the annotation on one line, ended by a newline. */
export function serializeCompact(annotation: Annotation): string {
  return serializeAnnotation(annotation, false) + '\n';
}
