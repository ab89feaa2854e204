import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import { entities } from './pipeline-helpers.js';
import type { Entity, EntityType } from '../src/types.js';

/**
 * Articles written for this project (not the corpus), annotated inline by hand: a check that the
 * extractor generalises. See tests/fixtures/unseen/README.md for the markup.
 */

const DIR = join(ROOT, 'tests', 'fixtures', 'unseen');
const TYPES: Record<string, EntityType> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION', DATE: 'DATE', CC: 'COUNTRY_COUNT' };

interface GoldSpan {
  type: EntityType;
  start: number;
  end: number;
  text: string;
  value?: string | number;
  qualifier?: string;
}

/** Strips `[[TYPE=value|text]]` markup, returning the text and gold spans in code points. */
function parseMarkup(marked: string): { text: string; gold: GoldSpan[] } {
  const gold: GoldSpan[] = [];
  let text = '';
  let last = 0;
  for (const match of marked.matchAll(/\[\[(\w+)(?:=([^|\]]+))?\|([^\]]+)\]\]/g)) {
    text += marked.slice(last, match.index);
    const [, tag = '', rawValue, inner = ''] = match;
    const type = TYPES[tag];
    if (!type) throw new Error(`unknown tag ${tag}`);
    const start = [...text].length;
    text += inner;
    const span: GoldSpan = { type, start, end: start + [...inner].length, text: inner };
    if (rawValue !== undefined && type === 'COUNTRY_COUNT') {
      span.value = Number.parseInt(rawValue, 10);
      span.qualifier = rawValue.endsWith('>') ? 'more_than' : rawValue.endsWith('~') ? 'approx' : rawValue.endsWith('<') ? 'less_than' : 'exact';
    } else if (rawValue !== undefined) span.value = rawValue;
    gold.push(span);
    last = (match.index ?? 0) + match[0].length;
  }
  return { text: text + marked.slice(last), gold };
}

const documents = readdirSync(DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, ...parseMarkup(readFileSync(join(DIR, name), 'utf8')) }));

const key = (e: { type: string; start: number; end: number }): string => `${e.type}:${e.start}-${e.end}`;

function score(type: EntityType): { f1: number; errors: string[] } {
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  const errors: string[] = [];
  for (const doc of documents) {
    const gold = doc.gold.filter((g) => g.type === type);
    const found = entities(doc.text).filter((e) => e.type === type);
    const goldKeys = new Set(gold.map(key));
    const foundKeys = new Set(found.map(key));
    tp += found.filter((e) => goldKeys.has(key(e))).length;
    predicted += found.length;
    expected += gold.length;
    errors.push(...gold.filter((g) => !foundKeys.has(key(g))).map((g) => `${doc.name} MISS ${g.text}`));
    errors.push(...found.filter((e) => !goldKeys.has(key(e))).map((e: Entity) => `${doc.name} EXTRA ${e.text} (${e.source})`));
  }
  const p = predicted ? tp / predicted : 1;
  const r = expected ? tp / expected : 1;
  return { f1: p + r ? (2 * p * r) / (p + r) : 0, errors };
}

describe('unseen news (hand-annotated, not the corpus)', () => {
  it('the markup parses into gold spans that slice the text', () => {
    for (const doc of documents) {
      const points = [...doc.text];
      for (const g of doc.gold) expect(points.slice(g.start, g.end).join('')).toBe(g.text);
    }
    expect(documents.length).toBeGreaterThanOrEqual(3);
  });

  // Thresholds sit below the measured scores (see the README's quality section) so that a real
  // regression fails the suite; errors are printed in the failure message.
  it.each([
    ['PERSON', 0.9],
    ['LOCATION', 0.9],
    ['ORGANIZATION', 0.85],
    ['DATE', 0.85],
    ['COUNTRY_COUNT', 0.85],
  ] as const)('%s F1 >= %s', (type, threshold) => {
    const { f1, errors } = score(type);
    expect({ f1: f1 >= threshold ? 'ok' : f1, errors: f1 >= threshold ? [] : errors }).toEqual({ f1: 'ok', errors: [] });
  });

  it('gives the values written in the text', () => {
    for (const doc of documents) {
      const found = new Map(entities(doc.text).map((e) => [key(e), e]));
      for (const g of doc.gold.filter((x) => x.value !== undefined)) {
        const e = found.get(key(g));
        if (!e) continue; // a miss is counted by the F1 tests
        expect({ text: g.text, value: e.value, qualifier: e.qualifier ?? undefined }).toEqual({ text: g.text, value: g.value, qualifier: g.qualifier });
      }
    }
  });
});
