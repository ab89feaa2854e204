import { Lattice, tagPosteriors, viterbi, type Transitions } from '../src/learn/viterbi.js';
import { seededRandom } from '../src/learn/random.js';
import { TAGS, bioTransitions } from '../src/tagger/tags.js';

/**
 * The decoder against a plain transcription of the textbook algorithms (every pair of tags, the
 * mask read in the loop, fresh arrays per call): the same paths and the same posteriors, bit for
 * bit, on random BIO lattices, since span confidences are rounded from them and must not move.
 */

function referenceViterbi(emissions: Float64Array, length: number, { tagCount, weights, allowed }: Transitions): Int32Array {
  const scores = new Float64Array(length * tagCount);
  const back = new Int32Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) scores[tag] = allowed[tag] === 0 ? -Infinity : weights[tag]! + emissions[tag]!;
  for (let i = 1; i < length; i++) {
    for (let tag = 0; tag < tagCount; tag++) {
      let best = -Infinity;
      let bestFrom = 0;
      for (let from = 0; from < tagCount; from++) {
        const index = (from + 1) * tagCount + tag;
        if (allowed[index] === 0) continue;
        const score = scores[(i - 1) * tagCount + from]! + weights[index]!;
        if (score > best) {
          best = score;
          bestFrom = from;
        }
      }
      scores[i * tagCount + tag] = best + emissions[i * tagCount + tag]!;
      back[i * tagCount + tag] = bestFrom;
    }
  }
  const path = new Int32Array(length);
  let bestTag = 0;
  for (let tag = 1; tag < tagCount; tag++) if (scores[(length - 1) * tagCount + tag]! > scores[(length - 1) * tagCount + bestTag]!) bestTag = tag;
  for (let i = length - 1; i >= 0; i--) {
    path[i] = bestTag;
    bestTag = back[i * tagCount + bestTag]!;
  }
  return path;
}

function normalise(values: Float64Array, from: number, count: number): void {
  let sum = 0;
  for (let k = from; k < from + count; k++) sum += values[k]!;
  if (sum === 0) return;
  for (let k = from; k < from + count; k++) values[k] = values[k]! / sum;
}

function referencePosteriors(emissions: Float64Array, length: number, { tagCount, weights, allowed }: Transitions, temperature: number): Float64Array {
  const step = Float64Array.from({ length: (tagCount + 1) * tagCount }, (_, index) => (allowed[index] === 0 ? 0 : Math.exp(weights[index]! / temperature)));
  const potential = new Float64Array(length * tagCount);
  for (let i = 0; i < length; i++) {
    let best = -Infinity;
    for (let tag = 0; tag < tagCount; tag++) best = Math.max(best, emissions[i * tagCount + tag]!);
    for (let tag = 0; tag < tagCount; tag++) potential[i * tagCount + tag] = Math.exp((emissions[i * tagCount + tag]! - best) / temperature);
  }
  const forward = new Float64Array(length * tagCount);
  const backward = new Float64Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) forward[tag] = step[tag]! * potential[tag]!;
  normalise(forward, 0, tagCount);
  for (let i = 1; i < length; i++) {
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      for (let from = 0; from < tagCount; from++) sum += forward[(i - 1) * tagCount + from]! * step[(from + 1) * tagCount + tag]!;
      forward[i * tagCount + tag] = sum * potential[i * tagCount + tag]!;
    }
    normalise(forward, i * tagCount, tagCount);
  }
  for (let tag = 0; tag < tagCount; tag++) backward[(length - 1) * tagCount + tag] = 1;
  for (let i = length - 2; i >= 0; i--) {
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      for (let to = 0; to < tagCount; to++) sum += step[(tag + 1) * tagCount + to]! * (potential[(i + 1) * tagCount + to]! * backward[(i + 1) * tagCount + to]!);
      backward[i * tagCount + tag] = sum;
    }
    normalise(backward, i * tagCount, tagCount);
  }
  const posteriors = new Float64Array(length * tagCount);
  for (let i = 0; i < length; i++) {
    for (let tag = 0; tag < tagCount; tag++) posteriors[i * tagCount + tag] = forward[i * tagCount + tag]! * backward[i * tagCount + tag]!;
    normalise(posteriors, i * tagCount, tagCount);
  }
  return posteriors;
}

/**
 * A random lattice over the tagger's nine BIO tags: scores of a trained perceptron's size, weights
 * in Float32 as a model file holds them; `coarse`, small whole numbers, so that paths tie.
 */
function randomLattice(seed: number, length: number, coarse = false): { emissions: Float64Array; transitions: Transitions } {
  const random = seededRandom(seed);
  const tagCount = TAGS.length;
  const weights = Float32Array.from({ length: (tagCount + 1) * tagCount }, () => (coarse ? random.int(3) - 1 : (random.int(2001) - 1000) / 50));
  const emissions = Float64Array.from({ length: length * tagCount }, () => (coarse ? random.int(4) : (random.int(200001) - 100000) / 1000));
  return { emissions, transitions: { tagCount, weights, allowed: bioTransitions(TAGS) } };
}

describe('Viterbi and forward-backward over BIO lattices', () => {
  it.each([
    [1, false],
    [2, false],
    [3, false],
    [17, false],
    [400, false],
    [60, true],
  ])('gives the reference path and posteriors, bit for bit, on %i positions (ties: %s)', (length, coarse) => {
    for (let seed = 1; seed <= 20; seed++) {
      const { emissions, transitions } = randomLattice(seed * 1000 + length, length, coarse);
      expect([...viterbi(emissions, length, transitions)]).toEqual([...referenceViterbi(emissions, length, transitions)]);
      for (const temperature of [1, 7.5, 20]) {
        expect([...tagPosteriors(emissions, length, transitions, temperature)]).toEqual([...referencePosteriors(emissions, length, transitions, temperature)]);
      }
    }
  });

  it("gives each path tag's full posterior inside the ranges asked, reusing its arrays across lengths and temperatures", () => {
    const { transitions } = randomLattice(0, 1);
    const lattice = new Lattice(transitions);
    const cases = [
      [5, 300, 20, [[40, 41], [100, 100], [180, 250]]],
      [6, 12, 7.5, [[0, 11]]],
      [7, 80, 20, [[79, 79]]],
      [8, 50, 1, [[0, 0], [30, 31], [49, 49]]],
      [9, 50, 20, []],
    ] as const;
    for (const [seed, length, temperature, ranges] of cases) {
      const { emissions } = randomLattice(seed, length);
      const path = lattice.viterbi(emissions, length);
      expect([...path]).toEqual([...referenceViterbi(emissions, length, transitions)]);
      const full = referencePosteriors(emissions, length, transitions, temperature);
      const inRange = (i: number): boolean => ranges.some(([first, last]) => i >= first && i <= last);
      const expected = Array.from(path, (tag, i) => (inRange(i) ? full[i * transitions.tagCount + tag] : 0));
      expect([...lattice.pathPosteriors(emissions, temperature, path, ranges.map(([first, last]) => ({ first, last })))]).toEqual(expected);
    }
  });

  it('never puts I-X after O or at the start', () => {
    const { emissions, transitions } = randomLattice(42, 500);
    const path = viterbi(emissions, 500, transitions);
    path.forEach((tag, i) => {
      const name = TAGS[tag] ?? '';
      if (name.startsWith('I-')) expect(TAGS[path[i - 1] ?? 0]?.slice(2)).toBe(name.slice(2));
    });
  });
});
