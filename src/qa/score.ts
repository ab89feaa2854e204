import { ENTITY_TYPES } from '../types.js';
import type { LooseEntity } from './load-run.js';

/**
 * Scoring against gold, with exactly the semantics of the reference scorer
 * (../shared/tools/score): numbers must agree to the last digit, so this mirrors its Python
 * step by step (duplicate handling, rounding, value comparison) rather than re-deriving it.
 */

export interface ScoreDocument {
  readonly name: string;
  readonly entities: readonly LooseEntity[];
}

/** One row per type; field names are the reference scorer's JSON names. */
export interface TypeScore {
  gold: number;
  pred: number;
  tp: number;
  p: number;
  r: number;
  f1: number;
  partial_p: number;
  partial_r: number;
  partial_f1: number;
  value_acc?: number;
  /** Exactly matched gold entities with a value, and how many of them got it right. */
  value_total?: number;
  value_correct?: number;
}

/** Micro-averaged over all types: the sums of the per-type counts, then the same rates. */
export type MicroScore = Omit<TypeScore, 'value_acc' | 'value_total' | 'value_correct'>;

export interface ScoreError {
  readonly doc: string;
  readonly kind: 'MISS' | 'EXTRA' | 'VALUE';
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** VALUE: the two values; MISS/EXTRA: same-type entities of the other side overlapping this one. */
  readonly gold?: unknown;
  readonly predicted?: unknown;
  readonly overlapping?: readonly { start: number; end: number; text: string }[];
}

export interface ScoreResult {
  types: Record<string, TypeScore>;
  missing_docs: string[];
  micro: MicroScore;
  errors: ScoreError[];
}

interface Counts {
  tp: number;
  gold_found: number;
  pred_right: number;
  pred: number;
  gold: number;
}

type SpanKey = string;
const spanKey = (e: LooseEntity): SpanKey => `${e.type}\u0000${e.start}\u0000${e.end}`;
const overlaps = (a: LooseEntity, b: LooseEntity): boolean => a.start < b.end && b.start < a.end;

/**
 * Scores predictions (by document name) against gold documents. A gold document without a
 * prediction counts as predicting nothing and is listed in `missing_docs`.
 */
export function score(gold: readonly ScoreDocument[], predictions: ReadonlyMap<string, readonly LooseEntity[]>, types: readonly string[] = ENTITY_TYPES): ScoreResult {
  const counts = new Map(types.map((t): [string, Counts] => [t, { tp: 0, gold_found: 0, pred_right: 0, pred: 0, gold: 0 }]));
  const values = new Map(types.map((t): [string, { correct: number; total: number }] => [t, { correct: 0, total: 0 }]));
  const missing: string[] = [];
  const errors: ScoreError[] = [];
  const wanted = new Set(types);

  for (const document of gold) {
    // Python: a dict comprehension for gold (the last duplicate wins, at the first one's place),
    // setdefault for predictions (the first duplicate wins). A JS Map behaves the same way.
    const goldBySpan = new Map<SpanKey, LooseEntity>();
    for (const e of document.entities) if (wanted.has(e.type)) goldBySpan.set(spanKey(e), e);
    const predBySpan = new Map<SpanKey, LooseEntity>();
    const predicted = predictions.get(document.name);
    if (predicted === undefined) missing.push(document.name);
    for (const e of predicted ?? []) if (wanted.has(e.type) && !predBySpan.has(spanKey(e))) predBySpan.set(spanKey(e), e);

    for (const type of types) {
      const g = [...goldBySpan.values()].filter((e) => e.type === type);
      const p = [...predBySpan.values()].filter((e) => e.type === type);
      const c = counts.get(type) as Counts;
      c.tp += g.filter((e) => predBySpan.has(spanKey(e))).length;
      c.gold_found += g.filter((k) => p.some((q) => overlaps(k, q))).length;
      c.pred_right += p.filter((q) => g.some((k) => overlaps(q, k))).length;
      c.pred += p.length;
      c.gold += g.length;
    }
    for (const [key, goldEntity] of goldBySpan) {
      const match = predBySpan.get(key);
      if (!Object.hasOwn(goldEntity, 'value') || !match) continue;
      const tally = values.get(goldEntity.type) as { correct: number; total: number };
      tally.total++;
      if (pythonStr(match.value) === pythonStr(goldEntity.value)) tally.correct++;
      else errors.push({ ...located(document.name, 'VALUE', goldEntity), gold: goldEntity.value, predicted: match.value });
    }
    errors.push(...unmatched(document.name, 'MISS', goldBySpan, predBySpan), ...unmatched(document.name, 'EXTRA', predBySpan, goldBySpan));
  }

  const result: ScoreResult = { types: {}, missing_docs: missing, micro: rates(sum([...counts.values()])), errors };
  for (const type of types) {
    const row: TypeScore = rates(counts.get(type) as Counts);
    const tally = values.get(type) as { correct: number; total: number };
    if (tally.total > 0) Object.assign(row, { value_acc: round4(tally.correct / tally.total), value_total: tally.total, value_correct: tally.correct });
    result.types[type] = row;
  }
  return result;
}

function located(doc: string, kind: ScoreError['kind'], e: LooseEntity): ScoreError {
  return { doc, kind, type: e.type, start: e.start, end: e.end, text: typeof e.text === 'string' ? e.text : '' };
}

/** Entities of `side` with no exact counterpart in `other`, by position, with same-type overlaps. */
function unmatched(doc: string, kind: 'MISS' | 'EXTRA', side: ReadonlyMap<SpanKey, LooseEntity>, other: ReadonlyMap<SpanKey, LooseEntity>): ScoreError[] {
  return [...side]
    .filter(([key]) => !other.has(key))
    .map(([, e]) => e)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => {
      const near = [...other.values()].filter((o) => o.type === e.type && overlaps(e, o));
      return { ...located(doc, kind, e), ...(near.length ? { overlapping: near.map((o) => ({ start: o.start, end: o.end, text: o.text ?? '' })) } : {}) };
    });
}

function sum(all: readonly Counts[]): Counts {
  const total: Counts = { tp: 0, gold_found: 0, pred_right: 0, pred: 0, gold: 0 };
  for (const c of all) for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += c[key];
  return total;
}

function prf(tpPred: number, nPred: number, tpGold: number, nGold: number): [number, number, number] {
  const p = nPred ? tpPred / nPred : 0;
  const r = nGold ? tpGold / nGold : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
}

function rates(c: Counts): MicroScore {
  const [p, r, f1] = prf(c.tp, c.pred, c.tp, c.gold);
  const [pp, pr, pf] = prf(c.pred_right, c.pred, c.gold_found, c.gold);
  return { gold: c.gold, pred: c.pred, tp: c.tp, p: round4(p), r: round4(r), f1: round4(f1), partial_p: round4(pp), partial_r: round4(pr), partial_f1: round4(pf) };
}

/**
 * Python's round(x, 4): correctly rounded from the exact binary value, ties to even.
 * toFixed also works from the exact value but sends ties up; an exact tie at the fifth decimal
 * is only possible for odd multiples of 1/32 (e.g. 3/32 = 0.09375), handled apart.
 */
export function round4(x: number): number {
  const isTie = Number.isInteger(x * 32) && !Number.isInteger(x * 16);
  if (!isTie) return Number(x.toFixed(4));
  const below = Math.floor(x * 10000); // exact: x * 10000 is a multiple of 0.5 here
  return (below % 2 === 0 ? below : below + 1) / 10000;
}

/**
 * Python's str() of a JSON value, for the reference scorer's `str(pred) == str(gold)`:
 * 20 and "20" compare equal, a missing value reads "None". Values are strings or integers in
 * the contract; a float written as 20.0 reads "20.0" in Python but cannot be told from 20 here.
 */
export function pythonStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
