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
 * `temperature`: forward-backward with a scale per position (Rabiner), in plain arithmetic over
 * typed arrays. A perceptron's scores are not probabilities; the temperature is measured on
 * held-out data so that these posteriors are calibrated.
 */
export function tagPosteriors(emissions: ArrayLike<number>, length: number, transitions: Transitions, temperature: number): Float64Array {
  const { tagCount, weights, allowed } = transitions;
  const posteriors = new Float64Array(length * tagCount);
  if (length === 0) return posteriors;
  // exp(transition / T), 0 where forbidden; row 0 is the start.
  const step = new Float64Array((tagCount + 1) * tagCount);
  for (let index = 0; index < step.length; index++) step[index] = allowed[index] === 0 ? 0 : Math.exp((weights[index] ?? 0) / temperature);
  // exp((emission - the position's best) / T): the shift cancels in the normalisation.
  const potential = new Float64Array(length * tagCount);
  for (let i = 0; i < length; i++) {
    let best = -Infinity;
    for (let tag = 0; tag < tagCount; tag++) best = Math.max(best, emissions[i * tagCount + tag] ?? 0);
    for (let tag = 0; tag < tagCount; tag++) potential[i * tagCount + tag] = Math.exp(((emissions[i * tagCount + tag] ?? 0) - best) / temperature);
  }
  const forward = new Float64Array(length * tagCount);
  const backward = new Float64Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) forward[tag] = (step[tag] ?? 0) * (potential[tag] ?? 0);
  normalise(forward, 0, tagCount);
  for (let i = 1; i < length; i++) {
    const here = i * tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      for (let from = 0; from < tagCount; from++) sum += (forward[here - tagCount + from] ?? 0) * (step[(from + 1) * tagCount + tag] ?? 0);
      forward[here + tag] = sum * (potential[here + tag] ?? 0);
    }
    normalise(forward, here, tagCount);
  }
  for (let tag = 0; tag < tagCount; tag++) backward[(length - 1) * tagCount + tag] = 1;
  for (let i = length - 2; i >= 0; i--) {
    const here = i * tagCount;
    const next = here + tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      for (let to = 0; to < tagCount; to++) sum += (step[(tag + 1) * tagCount + to] ?? 0) * (potential[next + to] ?? 0) * (backward[next + to] ?? 0);
      backward[here + tag] = sum;
    }
    normalise(backward, here, tagCount);
  }
  for (let i = 0; i < length; i++) {
    const here = i * tagCount;
    for (let tag = 0; tag < tagCount; tag++) posteriors[here + tag] = (forward[here + tag] ?? 0) * (backward[here + tag] ?? 0);
    normalise(posteriors, here, tagCount);
  }
  return posteriors;
}

/** Scales values[from, from + count) to sum to 1 (left as they are when all are 0). */
function normalise(values: Float64Array, from: number, count: number): void {
  let sum = 0;
  for (let k = from; k < from + count; k++) sum += values[k] ?? 0;
  if (sum === 0) return;
  for (let k = from; k < from + count; k++) values[k] = (values[k] ?? 0) / sum;
}
