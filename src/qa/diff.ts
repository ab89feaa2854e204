import { isDeepStrictEqual } from 'node:util';
import type { LooseAnnotation, LooseCountry, LooseEntity, RunFile } from './load-run.js';

/**
 * What changed between two runs. Entities are matched by span (start, end): the same span with
 * any other field different is "changed" (type, value, link, qualifier, but also source or
 * confidence, so that every byte that changes in output/ shows up here); spans found in one run
 * only are added or removed. The country table of each document is compared by code.
 */

export interface EntityChange {
  readonly before: LooseEntity;
  readonly after: LooseEntity;
  /** Fields whose values differ, in a stable order. */
  readonly fields: readonly string[];
}

export interface CountryChange {
  readonly code: string;
  readonly before?: LooseCountry;
  readonly after?: LooseCountry;
}

export interface DocumentDiff {
  readonly document: string;
  readonly added: readonly LooseEntity[];
  readonly removed: readonly LooseEntity[];
  readonly changed: readonly EntityChange[];
  readonly countries: readonly CountryChange[];
  /** The two runs annotated different texts (SHA-256 differs): offsets are not comparable. */
  readonly textChanged: boolean;
}

export interface RunDiff {
  /** Documents present in both runs that differ. */
  readonly documents: readonly DocumentDiff[];
  readonly addedDocuments: readonly string[];
  readonly removedDocuments: readonly string[];
  readonly totals: { added: number; removed: number; changed: number; documentsChanged: number; documentsAdded: number; documentsRemoved: number };
  readonly same: boolean;
}

/** Fields compared for "changed"; `id` and `text` follow from the span. */
const IGNORED_FIELDS = new Set(['id', 'start', 'end', 'text']);

export function diffEntities(before: readonly LooseEntity[], after: readonly LooseEntity[]): Pick<DocumentDiff, 'added' | 'removed' | 'changed'> {
  const bySpan = (entities: readonly LooseEntity[]): Map<string, LooseEntity[]> => {
    const map = new Map<string, LooseEntity[]>();
    for (const e of entities) map.set(`${e.start}-${e.end}`, [...(map.get(`${e.start}-${e.end}`) ?? []), e]);
    return map;
  };
  const old = bySpan(before);
  const added: LooseEntity[] = [];
  const changed: EntityChange[] = [];
  for (const [span, current] of bySpan(after)) {
    // Two entities on one span are unusual; identical ones pair first, the rest pair in order.
    const previous = [...(old.get(span) ?? [])];
    const unpaired = current.filter((e) => {
      const same = previous.findIndex((p) => differentFields(p, e).length === 0);
      if (same >= 0) previous.splice(same, 1);
      return same < 0;
    });
    for (const e of unpaired) {
      const p = previous.shift();
      if (p) changed.push({ before: p, after: e, fields: differentFields(p, e) });
      else added.push(e);
    }
    old.set(span, previous);
  }
  const removed = [...old.values()].flat();
  const byPosition = (a: LooseEntity, b: LooseEntity): number => a.start - b.start || a.end - b.end;
  return { added: added.sort(byPosition), removed: removed.sort(byPosition), changed: changed.sort((a, b) => byPosition(a.after, b.after)) };
}

function differentFields(a: LooseEntity, b: LooseEntity): string[] {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !IGNORED_FIELDS.has(f));
  return fields.filter((f) => !isDeepStrictEqual(a[f], b[f])).sort();
}

function diffCountries(before: readonly LooseCountry[], after: readonly LooseCountry[]): CountryChange[] {
  const old = new Map(before.map((c) => [c.code, c]));
  const current = new Map(after.map((c) => [c.code, c]));
  const codes = [...new Set([...old.keys(), ...current.keys()])].sort();
  return codes
    .filter((code) => !isDeepStrictEqual(old.get(code), current.get(code)))
    .map((code) => ({ code, ...(old.has(code) ? { before: old.get(code) } : {}), ...(current.has(code) ? { after: current.get(code) } : {}) }));
}

export function diffDocument(document: string, before: LooseAnnotation, after: LooseAnnotation): DocumentDiff {
  const textChanged = before.document?.sha256 !== after.document?.sha256;
  return { document, ...diffEntities(before.entities, after.entities), countries: diffCountries(before.countries, after.countries), textChanged };
}

function isEmpty(d: DocumentDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.countries.length === 0 && !d.textChanged;
}

/** Compares run `a` (before) with run `b` (after); documents are matched by their path in the run. */
export function diffRuns(a: readonly RunFile[], b: readonly RunFile[]): RunDiff {
  const before = new Map(a.map((f) => [f.key, f.annotation]));
  const after = new Map(b.map((f) => [f.key, f.annotation]));
  const documents: DocumentDiff[] = [];
  for (const [key, annotation] of after) {
    const old = before.get(key);
    if (old) documents.push(diffDocument(key, old, annotation));
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
  return { documents: changedDocuments.sort((x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : 0)), addedDocuments, removedDocuments, totals, same };
}
