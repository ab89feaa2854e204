/** First-order Viterbi over a tag set, with forbidden transitions (an I- tag after O in BIO). */

export interface Transitions {
  readonly tagCount: number;
  /** weights[(from + 1) * tagCount + to]; row 0 holds the start weights. */
  readonly weights: ArrayLike<number>;
  /** 0 where the transition is forbidden, same layout. */
  readonly allowed: Uint8Array;
}

/**
 * The best tag path. `emissions[i * tagCount + tag]` is the score of `tag` at position i.
 * Ties go to the lower tag index, so decoding is deterministic.
 */
export function viterbi(emissions: ArrayLike<number>, length: number, transitions: Transitions): Int32Array {
  const { tagCount, weights, allowed } = transitions;
  const path = new Int32Array(length);
  if (length === 0) return path;
  const scores = new Float64Array(length * tagCount);
  const back = new Int32Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) {
    scores[tag] = allowed[tag] === 0 ? -Infinity : (weights[tag] ?? 0) + (emissions[tag] ?? 0);
  }
  for (let i = 1; i < length; i++) {
    const here = i * tagCount;
    const before = here - tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let best = -Infinity;
      let bestFrom = 0;
      for (let from = 0; from < tagCount; from++) {
        const index = (from + 1) * tagCount + tag;
        if (allowed[index] === 0) continue;
        const score = (scores[before + from] ?? -Infinity) + (weights[index] ?? 0);
        if (score > best) {
          best = score;
          bestFrom = from;
        }
      }
      scores[here + tag] = best + (emissions[here + tag] ?? 0);
      back[here + tag] = bestFrom;
    }
  }
  const last = (length - 1) * tagCount;
  let bestTag = 0;
  for (let tag = 1; tag < tagCount; tag++) if ((scores[last + tag] ?? -Infinity) > (scores[last + bestTag] ?? -Infinity)) bestTag = tag;
  for (let i = length - 1; i >= 0; i--) {
    path[i] = bestTag;
    bestTag = back[i * tagCount + bestTag] ?? 0;
  }
  return path;
}

/**
 * Posterior of each tag at each position, reading scores as log-potentials divided by
 * `temperature` (forward-backward in log space). A perceptron's scores are not probabilities; the
 * temperature is measured on held-out data so that these posteriors are calibrated.
 */
export function tagPosteriors(emissions: ArrayLike<number>, length: number, transitions: Transitions, temperature: number): Float64Array {
  const { tagCount, weights, allowed } = transitions;
  const forward = new Float64Array(length * tagCount).fill(-Infinity);
  const backward = new Float64Array(length * tagCount).fill(-Infinity);
  const emission = (i: number, tag: number): number => (emissions[i * tagCount + tag] ?? 0) / temperature;
  const step = (from: number, to: number): number => {
    const index = (from + 1) * tagCount + to;
    return allowed[index] === 0 ? -Infinity : (weights[index] ?? 0) / temperature;
  };
  for (let tag = 0; tag < tagCount; tag++) forward[tag] = step(-1, tag) + emission(0, tag);
  for (let i = 1; i < length; i++) {
    for (let tag = 0; tag < tagCount; tag++) {
      forward[i * tagCount + tag] = logSum(tagCount, (from) => (forward[(i - 1) * tagCount + from] ?? -Infinity) + step(from, tag)) + emission(i, tag);
    }
  }
  for (let tag = 0; tag < tagCount; tag++) backward[(length - 1) * tagCount + tag] = 0;
  for (let i = length - 2; i >= 0; i--) {
    for (let tag = 0; tag < tagCount; tag++) {
      backward[i * tagCount + tag] = logSum(tagCount, (to) => step(tag, to) + emission(i + 1, to) + (backward[(i + 1) * tagCount + to] ?? -Infinity));
    }
  }
  const posteriors = new Float64Array(length * tagCount);
  for (let i = 0; i < length; i++) {
    const total = logSum(tagCount, (tag) => (forward[i * tagCount + tag] ?? -Infinity) + (backward[i * tagCount + tag] ?? -Infinity));
    for (let tag = 0; tag < tagCount; tag++) {
      posteriors[i * tagCount + tag] = Math.exp((forward[i * tagCount + tag] ?? -Infinity) + (backward[i * tagCount + tag] ?? -Infinity) - total);
    }
  }
  return posteriors;
}

function logSum(count: number, term: (index: number) => number): number {
  let max = -Infinity;
  for (let k = 0; k < count; k++) max = Math.max(max, term(k));
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += Math.exp(term(k) - max);
  return max + Math.log(sum);
}
