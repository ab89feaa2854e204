import { LinearSequenceModel } from '../src/learn/linear-model.js';
import { seededRandom } from '../src/learn/random.js';
import { bioTransitions } from '../src/tagger/tags.js';

/**
 * The model's table, with the filter in front of it: every feature the model holds finds its row
 * (the filter never turns one away), features it does not hold find none, including those whose
 * low bits (the filter's and the table's index) are a held feature's.
 */

const TAGS = ['O', 'B-X', 'I-X'];

function modelOf(features: Uint32Array): LinearSequenceModel {
  const weights = Float32Array.from({ length: features.length * TAGS.length }, (_, i) => i + 0.5);
  const allowed = bioTransitions(TAGS);
  return new LinearSequenceModel(TAGS, features, weights, { tagCount: TAGS.length, weights: new Float32Array(allowed.length), allowed });
}

describe('the linear model table', () => {
  const random = seededRandom(13);
  const held = new Set<number>();
  while (held.size < 20_000) held.add(Math.floor(random.next() * 2 ** 32));
  const features = Uint32Array.from(held);
  const model = modelOf(features);

  it('finds the row of every feature it holds, high bit set or not', () => {
    features.forEach((feature, row) => expect(model.rowOf(feature)).toBe(row));
    expect([...features].some((feature) => feature >= 2 ** 31)).toBe(true);
  });

  it('finds no row for features it does not hold, near or far from held ones', () => {
    const absent: number[] = [];
    for (const feature of features.slice(0, 2000)) {
      // The same low 24 bits as a held feature: past the filter and into the same slot chain.
      const twin = (feature ^ 0x8000_0000) >>> 0;
      if (!held.has(twin)) absent.push(twin);
    }
    while (absent.length < 4000) {
      const feature = Math.floor(random.next() * 2 ** 32);
      if (!held.has(feature)) absent.push(feature);
    }
    for (const feature of absent) expect(model.rowOf(feature)).toBe(-1);
  });

  it('adds a held feature\'s weights, and nothing for an absent one, in the order given', () => {
    const scores = new Float64Array(2 * TAGS.length);
    const absent = (features[0]! ^ 0x4000_0000) >>> 0;
    model.addScores([features[3]!, absent, features[1]!], scores, TAGS.length);
    expect([...scores]).toEqual([0, 0, 0, 9.5 + 3.5, 10.5 + 4.5, 11.5 + 5.5]);
  });
});
