/** First-order Viterbi over a tag set, with forbidden transitions (an I- tag after O in BIO). */

export interface Transitions {
  readonly tagCount: number;
  /** weights[(from + 1) * tagCount + to]; row 0 holds the start weights. */
  readonly weights: ArrayLike<number>;
  /** 0 where the transition is forbidden, same layout. */
  readonly allowed: Uint8Array;
}

/**
 * The allowed transitions into each tag, as lists: BIO forbids most of the ways into an I- tag,
 * so the inner loops visit 53 of the 81 pairs of nine tags, and read no mask.
 */
interface Arrivals {
  /** Into tag `to`: entries [start[to], start[to + 1]) of `from` and `index`, `from` ascending. */
  readonly start: Int32Array;
  readonly from: Int32Array;
  /** (from + 1) * tagCount + to, the pair's place in the transition layout. */
  readonly index: Int32Array;
}

function arrivalsOf({ tagCount, allowed }: Transitions): Arrivals {
  const start = new Int32Array(tagCount + 1);
  const from: number[] = [];
  const index: number[] = [];
  for (let to = 0; to < tagCount; to++) {
    start[to] = from.length;
    for (let source = 0; source < tagCount; source++) {
      const at = (source + 1) * tagCount + to;
      if (allowed[at] === 0) continue;
      from.push(source);
      index.push(at);
    }
  }
  start[tagCount] = from.length;
  return { start, from: Int32Array.from(from), index: Int32Array.from(index) };
}

/**
 * The best tag path. `emissions[i * tagCount + tag]` is the score of `tag` at position i.
 * Ties go to the lower tag index, so decoding is deterministic.
 */
export function viterbi(emissions: Float64Array, length: number, transitions: Transitions): Int32Array {
  const { tagCount, allowed } = transitions;
  const weights = Float64Array.from(transitions.weights);
  const { start, from, index } = arrivalsOf(transitions);
  const path = new Int32Array(length);
  if (length === 0) return path;
  const scores = new Float64Array(length * tagCount);
  const back = new Int32Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) {
    scores[tag] = allowed[tag] === 0 ? -Infinity : (weights[tag] as number) + (emissions[tag] as number);
  }
  for (let i = 1; i < length; i++) {
    const here = i * tagCount;
    const before = here - tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let best = -Infinity;
      let bestFrom = 0;
      const end = start[tag + 1] as number;
      for (let k = start[tag] as number; k < end; k++) {
        const source = from[k] as number;
        const score = (scores[before + source] as number) + (weights[index[k] as number] as number);
        if (score > best) {
          best = score;
          bestFrom = source;
        }
      }
      scores[here + tag] = best + (emissions[here + tag] as number);
      back[here + tag] = bestFrom;
    }
  }
  const last = (length - 1) * tagCount;
  let bestTag = 0;
  for (let tag = 1; tag < tagCount; tag++) if ((scores[last + tag] as number) > (scores[last + bestTag] as number)) bestTag = tag;
  for (let i = length - 1; i >= 0; i--) {
    path[i] = bestTag;
    bestTag = back[i * tagCount + bestTag] as number;
  }
  return path;
}

/**
 * Posterior of each tag at each position, reading scores as log-potentials divided by
 * `temperature`: forward-backward with a scale per position (Rabiner), in plain arithmetic over
 * typed arrays. A perceptron's scores are not probabilities; the temperature is measured on
 * held-out data so that these posteriors are calibrated.
 */
export function tagPosteriors(emissions: Float64Array, length: number, transitions: Transitions, temperature: number): Float64Array {
  const { tagCount } = transitions;
  const posteriors = new Float64Array(length * tagCount);
  if (length === 0) return posteriors;
  const { forward, backward } = forwardBackward(emissions, length, transitions, temperature, 0, length - 1);
  for (let i = 0; i < length; i++) {
    const here = i * tagCount;
    for (let tag = 0; tag < tagCount; tag++) posteriors[here + tag] = (forward[here + tag] as number) * (backward[here + tag] as number);
    normalise(posteriors, here, tagCount);
  }
  return posteriors;
}

/**
 * The posterior of `path[i]` at each position i from `first` to `last` (0 elsewhere): the same
 * numbers as `tagPosteriors` gives there, with the forward pass stopped at `last` and the
 * backward pass at `first`, and no other tag's posterior normalised.
 */
export function pathPosteriors(emissions: Float64Array, transitions: Transitions, temperature: number, path: Int32Array, first: number, last: number): Float64Array {
  const { tagCount } = transitions;
  const posteriors = new Float64Array(path.length);
  if (first > last) return posteriors;
  const { forward, backward } = forwardBackward(emissions, path.length, transitions, temperature, first, last);
  for (let i = first; i <= last; i++) {
    const here = i * tagCount;
    let sum = 0;
    for (let tag = 0; tag < tagCount; tag++) sum += (forward[here + tag] as number) * (backward[here + tag] as number);
    const tag = path[i] as number;
    const product = (forward[here + tag] as number) * (backward[here + tag] as number);
    posteriors[i] = sum === 0 ? product : product / sum;
  }
  return posteriors;
}

/**
 * Scaled forward values at positions 0..last and backward values at first..length-1 (each
 * position's values scaled to sum to 1; the scales cancel in a posterior). Products with a
 * forbidden transition are 0 and are skipped: adding 0 leaves a sum as it was.
 */
function forwardBackward(emissions: Float64Array, length: number, transitions: Transitions, temperature: number, first: number, last: number): { forward: Float64Array; backward: Float64Array } {
  const { tagCount, weights, allowed } = transitions;
  const { start, from, index } = arrivalsOf(transitions);
  // exp(transition / T), 0 where forbidden; row 0 is the start.
  const step = new Float64Array((tagCount + 1) * tagCount);
  for (let at = 0; at < step.length; at++) step[at] = allowed[at] === 0 ? 0 : Math.exp((weights[at] as number) / temperature);
  // exp((emission - the position's best) / T): the shift cancels in the normalisation.
  const potential = new Float64Array(length * tagCount);
  for (let i = 0; i < length; i++) {
    const here = i * tagCount;
    let best = -Infinity;
    for (let tag = 0; tag < tagCount; tag++) best = Math.max(best, emissions[here + tag] as number);
    for (let tag = 0; tag < tagCount; tag++) potential[here + tag] = Math.exp(((emissions[here + tag] as number) - best) / temperature);
  }
  const forward = new Float64Array(length * tagCount);
  const backward = new Float64Array(length * tagCount);
  for (let tag = 0; tag < tagCount; tag++) forward[tag] = (step[tag] as number) * (potential[tag] as number);
  normalise(forward, 0, tagCount);
  for (let i = 1; i <= last; i++) {
    const here = i * tagCount;
    const before = here - tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      const end = start[tag + 1] as number;
      for (let k = start[tag] as number; k < end; k++) sum += (forward[before + (from[k] as number)] as number) * (step[index[k] as number] as number);
      forward[here + tag] = sum * (potential[here + tag] as number);
    }
    normalise(forward, here, tagCount);
  }
  // Out of each tag: the transitions it may take (the arrivals read the other way).
  const departures = departuresOf(transitions);
  for (let tag = 0; tag < tagCount; tag++) backward[(length - 1) * tagCount + tag] = 1;
  for (let i = length - 2; i >= first; i--) {
    const here = i * tagCount;
    const next = here + tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let sum = 0;
      const end = departures.start[tag + 1] as number;
      for (let k = departures.start[tag] as number; k < end; k++) {
        const to = departures.to[k] as number;
        sum += (step[departures.index[k] as number] as number) * (potential[next + to] as number) * (backward[next + to] as number);
      }
      backward[here + tag] = sum;
    }
    normalise(backward, here, tagCount);
  }
  return { forward, backward };
}

/** The allowed transitions out of each tag (not the start row), `to` ascending. */
function departuresOf({ tagCount, allowed }: Transitions): { start: Int32Array; to: Int32Array; index: Int32Array } {
  const start = new Int32Array(tagCount + 1);
  const to: number[] = [];
  const index: number[] = [];
  for (let source = 0; source < tagCount; source++) {
    start[source] = to.length;
    for (let target = 0; target < tagCount; target++) {
      const at = (source + 1) * tagCount + target;
      if (allowed[at] === 0) continue;
      to.push(target);
      index.push(at);
    }
  }
  start[tagCount] = to.length;
  return { start, to: Int32Array.from(to), index: Int32Array.from(index) };
}

/** Scales values[from, from + count) to sum to 1 (left as they are when all are 0). */
function normalise(values: Float64Array, from: number, count: number): void {
  let sum = 0;
  for (let k = from; k < from + count; k++) sum += values[k] as number;
  if (sum === 0) return;
  for (let k = from; k < from + count; k++) values[k] = (values[k] as number) / sum;
}
