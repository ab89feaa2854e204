import { isDeepStrictEqual } from 'node:util';
import { alignTexts, carrySpan, inEditedText, type Span, type TextAlignment, type TextEdit } from './align.js';
import type { LooseAnnotation, LooseCountry, LooseEntity, RunFile, TextPair } from './load-run.js';

/**
 * What changed between two runs. When a document's source text is the same in both, entities are
 * matched by span. When it was edited, the two texts are aligned (align.ts) and each old span is
 * carried into the new text first, so an entity whose text did not change meets its counterpart
 * however far it moved. Matched entities that differ are changes, labelled by kind (type, span
 * grown or shrunk, value, link, source, confidence); overlapping unmatched ones pair as span
 * changes; the rest are added or removed. Every entity touching edited text says so.
 */

/** What differs between two matched entities. */
export type ChangeKind =
  | 'type'
  | 'span grown'
  | 'span shrunk'
  | 'span moved'
  /** Same span, but the text inside it was edited. */
  | 'text'
  | 'value'
  | 'link'
  | 'source'
  | 'confidence'
  /** Any other field (a field added to v1 since, `normalized` on the same text). */
  | 'other';

export const CHANGE_KINDS: readonly ChangeKind[] = ['type', 'span grown', 'span shrunk', 'span moved', 'text', 'value', 'link', 'source', 'confidence', 'other'];

export interface EntityChange {
  /** As in the run before: its offsets are into the old text. */
  readonly before: LooseEntity;
  readonly after: LooseEntity;
  /** The old span carried into the new text (the old span itself when the text did not change). */
  readonly carried: Span;
  /** What differs, in CHANGE_KINDS order. */
  readonly kinds: readonly ChangeKind[];
  /** Fields whose values differ (offsets and text aside), sorted. */
  readonly fields: readonly string[];
  /** Either entity touches text edited between the runs. */
  readonly inEditedText: boolean;
}

/** An entity found in one run only. */
export interface LoneEntity {
  readonly entity: LooseEntity;
  /** Where it lies in the new text: an added entity's own span, a removed one's old span carried across (empty when its text was deleted). */
  readonly at: Span;
  readonly inEditedText: boolean;
}

export interface CountryChange {
  readonly code: string;
  readonly before?: LooseCountry;
  readonly after?: LooseCountry;
}

/** How the two source texts of a document relate. */
export type TextComparison =
  | { readonly status: 'same' }
  /** Edited, and aligned: `edits` are code point ranges of the old and the new text. */
  | { readonly status: 'aligned'; readonly edits: readonly TextEdit[] }
  /** Edited, but the texts could not be had or aligned: entities are matched by span, as if unedited. */
  | { readonly status: 'unaligned'; readonly problem: string };

export interface DocumentDiff {
  readonly document: string;
  readonly added: readonly LoneEntity[];
  readonly removed: readonly LoneEntity[];
  readonly changed: readonly EntityChange[];
  readonly countries: readonly CountryChange[];
  /** The two runs annotated different texts (SHA-256 differs). */
  readonly textChanged: boolean;
  readonly text: TextComparison;
}

/** Counts by kind: added, removed, each ChangeKind, and entities in edited text (any of those). */
export type ChangeCounts = Readonly<Record<'added' | 'removed' | ChangeKind | 'in edited text', number>>;

export interface RunDiff {
  /** Documents present in both runs that differ. */
  readonly documents: readonly DocumentDiff[];
  readonly addedDocuments: readonly string[];
  readonly removedDocuments: readonly string[];
  readonly totals: { added: number; removed: number; changed: number; documentsChanged: number; documentsAdded: number; documentsRemoved: number };
  /** Over every document: by kind, and by entity type (the type after, or before for a removed entity). */
  readonly summary: { readonly byKind: ChangeCounts; readonly byType: Readonly<Record<string, ChangeCounts>> };
  readonly same: boolean;
}

/** Fields not compared as fields: the span and its text are compared through the alignment. */
const SPAN_FIELDS = new Set(['id', 'start', 'end', 'text']);

const KIND_OF_FIELD: Readonly<Record<string, ChangeKind>> = {
  type: 'type',
  value: 'value',
  date: 'value',
  relative: 'value',
  qualifier: 'value',
  link: 'link',
  coref: 'link',
  source: 'source',
  confidence: 'confidence',
};

/** Fields whose values name another entity by its id (`e<start>-<end>`), which moves with the text. */
const ID_FIELDS = new Set(['coref']);
const ENTITY_ID = /^e(\d+)-(\d+)$/;

/** An entity id of the old text as it reads in the new one. */
function carryId(id: unknown, carry: (span: Span) => Span): unknown {
  const match = typeof id === 'string' ? ENTITY_ID.exec(id) : null;
  if (!match) return id;
  const span = carry({ start: Number(match[1]), end: Number(match[2]) });
  return `e${span.start}-${span.end}`;
}

function differentFields(a: LooseEntity, b: LooseEntity, carry: (span: Span) => Span): string[] {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !SPAN_FIELDS.has(f));
  return fields.filter((f) => !isDeepStrictEqual(ID_FIELDS.has(f) ? carryId(a[f], carry) : a[f], b[f])).sort();
}

const byPosition = (a: Span, b: Span): number => a.start - b.start || a.end - b.end;
const spanKey = (s: Span): string => `${s.start}-${s.end}`;

/**
 * Matches entities of the old text with those of the new one through `alignment` (undefined: the
 * texts are equal). `comparable` false (a changed text that could not be aligned) matches exact
 * spans only: overlaps between offsets into different texts mean nothing.
 */
export function diffEntities(
  before: readonly LooseEntity[],
  after: readonly LooseEntity[],
  alignment?: TextAlignment,
  comparable = true,
): Pick<DocumentDiff, 'added' | 'removed' | 'changed'> {
  const carry = (e: Span): Span => (alignment ? carrySpan(alignment, e) : { start: e.start, end: e.end });
  const editedBefore = (e: LooseEntity): boolean => (alignment ? inEditedText(alignment, e, 'before') : false);
  const editedAfter = (e: LooseEntity): boolean => (alignment ? inEditedText(alignment, e, 'after') : false);
  const pair = (b: LooseEntity, a: LooseEntity, carried: Span): EntityChange => ({
    before: b,
    after: a,
    carried,
    ...describeChange(b, a, carried, carry),
    inEditedText: editedBefore(b) || editedAfter(a),
  });

  // Same span (after carrying): identical entities pair first, the rest in order.
  const old = before.map((entity) => ({ entity, carried: carry(entity) }));
  const waiting = new Map<string, { entity: LooseEntity; carried: Span }[]>();
  for (const o of old) waiting.set(spanKey(o.carried), [...(waiting.get(spanKey(o.carried)) ?? []), o]);
  const changed: EntityChange[] = [];
  const unmatched: LooseEntity[] = [];
  const sameSpan = new Map<string, LooseEntity[]>();
  for (const e of after) sameSpan.set(spanKey(e), [...(sameSpan.get(spanKey(e)) ?? []), e]);
  for (const [key, current] of sameSpan) {
    const previous = waiting.get(key) ?? [];
    const rest = current.filter((e) => {
      const same = previous.findIndex((p) => p.entity.text === e.text && differentFields(p.entity, e, carry).length === 0);
      if (same >= 0) previous.splice(same, 1);
      return same < 0;
    });
    for (const e of rest) {
      const p = previous.shift();
      if (p) changed.push(pair(p.entity, e, p.carried));
      else unmatched.push(e);
    }
  }
  const leftOver = [...waiting.values()].flat();

  // Overlapping spans pair as span changes, the largest overlap first (same type breaks ties).
  const overlap = (x: Span, y: Span): number => Math.min(x.end, y.end) - Math.max(x.start, y.start);
  const candidates = (comparable ? leftOver : [])
    .flatMap((o) => unmatched.filter((e) => overlap(o.carried, e) > 0).map((e) => ({ o, e, size: overlap(o.carried, e), sameType: o.entity.type === e.type })))
    .sort((x, y) => y.size - x.size || Number(y.sameType) - Number(x.sameType) || byPosition(x.e, y.e));
  const pairedOld = new Set<object>();
  const pairedNew = new Set<object>();
  for (const { o, e } of candidates) {
    if (pairedOld.has(o) || pairedNew.has(e)) continue;
    pairedOld.add(o);
    pairedNew.add(e);
    changed.push(pair(o.entity, e, o.carried));
  }
  const added = unmatched.filter((e) => !pairedNew.has(e)).map((e) => ({ entity: e, at: { start: e.start, end: e.end }, inEditedText: editedAfter(e) }));
  const removed = leftOver.filter((o) => !pairedOld.has(o)).map((o) => ({ entity: o.entity, at: o.carried, inEditedText: editedBefore(o.entity) }));
  return {
    added: added.sort((x, y) => byPosition(x.at, y.at)),
    removed: removed.sort((x, y) => byPosition(x.at, y.at)),
    changed: changed.sort((x, y) => byPosition(x.after, y.after)),
  };
}

function describeChange(before: LooseEntity, after: LooseEntity, carried: Span, carry: (span: Span) => Span): { kinds: ChangeKind[]; fields: string[] } {
  const fields = differentFields(before, after, carry);
  const kinds = new Set<ChangeKind>();
  const sameSpan = carried.start === after.start && carried.end === after.end;
  if (!sameSpan) {
    if (after.start <= carried.start && carried.end <= after.end) kinds.add('span grown');
    else if (carried.start <= after.start && after.end <= carried.end) kinds.add('span shrunk');
    else kinds.add('span moved');
  } else if (before.text !== after.text) kinds.add('text');
  for (const field of fields) {
    // `normalized` follows the text: it is a change of its own only on the same text.
    if (field === 'normalized' && before.text !== after.text) continue;
    kinds.add(KIND_OF_FIELD[field] ?? 'other');
  }
  return { kinds: CHANGE_KINDS.filter((k) => kinds.has(k)), fields };
}

function diffCountries(before: readonly LooseCountry[], after: readonly LooseCountry[]): CountryChange[] {
  const old = new Map(before.map((c) => [c.code, c]));
  const current = new Map(after.map((c) => [c.code, c]));
  const codes = [...new Set([...old.keys(), ...current.keys()])].sort();
  return codes
    .filter((code) => !isDeepStrictEqual(old.get(code), current.get(code)))
    .map((code) => ({ code, ...(old.has(code) ? { before: old.get(code) } : {}), ...(current.has(code) ? { after: current.get(code) } : {}) }));
}

/** Whether the two annotations were made from different texts (both record a SHA-256 and they differ). */
export function textDiffers(before: LooseAnnotation, after: LooseAnnotation): boolean {
  return before.document?.sha256 !== after.document?.sha256;
}

/**
 * One document's diff. `texts` are its two source texts, needed only when the text changed: without
 * them (or when they cannot be aligned) entities are matched by span and the reason is recorded.
 */
export function diffDocument(document: string, before: LooseAnnotation, after: LooseAnnotation, texts?: TextPair): DocumentDiff {
  const textChanged = textDiffers(before, after);
  let text: TextComparison = { status: 'same' };
  let alignment: TextAlignment | undefined;
  if (textChanged) {
    if (!texts) text = { status: 'unaligned', problem: 'the source texts were not given' };
    else if ('problem' in texts) text = { status: 'unaligned', problem: texts.problem };
    else {
      alignment = alignTexts(texts.before, texts.after);
      text = alignment ? { status: 'aligned', edits: alignment.edits } : { status: 'unaligned', problem: 'the texts are too different to align' };
    }
  }
  const comparable = !textChanged || alignment !== undefined;
  return { document, ...diffEntities(before.entities, after.entities, alignment, comparable), countries: diffCountries(before.countries, after.countries), textChanged, text };
}

function isEmpty(d: DocumentDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.countries.length === 0 && !d.textChanged;
}

function emptyCounts(): Record<keyof ChangeCounts, number> {
  return Object.fromEntries(['added', 'removed', ...CHANGE_KINDS, 'in edited text'].map((k) => [k, 0])) as Record<keyof ChangeCounts, number>;
}

function summarise(documents: readonly DocumentDiff[]): RunDiff['summary'] {
  const byKind = emptyCounts();
  const byType: Record<string, Record<keyof ChangeCounts, number>> = {};
  const count = (type: string, kinds: readonly (keyof ChangeCounts)[], edited: boolean): void => {
    const row = (byType[type] ??= emptyCounts());
    for (const kind of edited ? [...kinds, 'in edited text' as const] : kinds) {
      byKind[kind]++;
      row[kind]++;
    }
  };
  for (const d of documents) {
    for (const a of d.added) count(a.entity.type, ['added'], a.inEditedText);
    for (const r of d.removed) count(r.entity.type, ['removed'], r.inEditedText);
    for (const c of d.changed) count(c.after.type, c.kinds, c.inEditedText);
  }
  const sortedTypes = Object.keys(byType).sort();
  return { byKind, byType: Object.fromEntries(sortedTypes.map((t) => [t, byType[t] as ChangeCounts])) };
}

/**
 * Compares run `a` (before) with run `b` (after); documents are matched by their path in the run.
 * `texts(key)` gives a document's two source texts when they are needed (its text changed).
 */
export function diffRuns(a: readonly RunFile[], b: readonly RunFile[], texts: (key: string) => TextPair | undefined = () => undefined): RunDiff {
  const before = new Map(a.map((f) => [f.key, f.annotation]));
  const after = new Map(b.map((f) => [f.key, f.annotation]));
  const documents: DocumentDiff[] = [];
  for (const [key, annotation] of after) {
    const old = before.get(key);
    if (old) documents.push(diffDocument(key, old, annotation, textDiffers(old, annotation) ? texts(key) : undefined));
  }
  const changedDocuments = documents.filter((d) => !isEmpty(d));
  const addedDocuments = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removedDocuments = [...before.keys()].filter((k) => !after.has(k)).sort();
  const count = (pick: (d: DocumentDiff) => number): number => changedDocuments.reduce((n, d) => n + pick(d), 0);
  const totals = {
    added: count((d) => d.added.length),
    removed: count((d) => d.removed.length),
    changed: count((d) => d.changed.length),
    documentsChanged: changedDocuments.length,
    documentsAdded: addedDocuments.length,
    documentsRemoved: removedDocuments.length,
  };
  const same = changedDocuments.length === 0 && addedDocuments.length === 0 && removedDocuments.length === 0;
  const sorted = changedDocuments.sort((x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : 0));
  return { documents: sorted, addedDocuments, removedDocuments, totals, summary: summarise(sorted), same };
}
