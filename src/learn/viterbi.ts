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
export function viterbi(emissions: Float64Array, length: number, transitions: Transitions): Int32Array {
  return new Lattice(transitions).viterbi(emissions, length);
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
  const { forward, backward } = new Lattice(transitions).forwardBackward(emissions, length, temperature, 0, length - 1);
  for (let i = 0; i < length; i++) {
    const here = i * tagCount;
    for (let tag = 0; tag < tagCount; tag++) posteriors[here + tag] = (forward[here + tag] as number) * (backward[here + tag] as number);
    normalise(posteriors, here, tagCount);
  }
  return posteriors;
}

/**
 * Decoding over one tag set, for many sequences: the allowed transitions as lists (BIO forbids
 * most ways into an I- tag, so the inner loops visit 53 of the 81 pairs of nine tags and read no
 * mask), and the work arrays, kept from one sequence to the next (a batch would otherwise
 * allocate and collect half a megabyte per document). Not reentrant: one caller at a time.
 */
export class Lattice {
  private readonly tagCount: number;
  private readonly weights: Float64Array;
  private readonly allowed: Uint8Array;
  /** Into tag `to`: entries [arrivalStart[to], arrivalStart[to + 1]) of arrivalFrom, arrivalIndex, arrivalWeight. */
  private readonly arrivalStart: Int32Array;
  private readonly arrivalFrom: Int32Array;
  /** (from + 1) * tagCount + to, the pair's place in the transition layout. */
  private readonly arrivalIndex: Int32Array;
  /** The pair's transition weight, read in the loop without going through arrivalIndex. */
  private readonly arrivalWeight: Float64Array;
  /** Out of tag `from` (the start row aside): entries [departureStart[from], departureStart[from + 1]). */
  private readonly departureStart: Int32Array;
  private readonly departureTo: Int32Array;
  private readonly departureIndex: Int32Array;
  /** exp(transition / T) for the last temperature asked (0 where forbidden; row 0 is the start). */
  private step = new Float64Array(0);
  /** The same per arrival and per departure entry (the lists' order). */
  private arrivalStep = new Float64Array(0);
  private departureStep = new Float64Array(0);
  private stepTemperature = NaN;
  private scores = new Float64Array(0);
  private back = new Int32Array(0);
  private potential = new Float64Array(0);
  private forward = new Float64Array(0);
  private backward = new Float64Array(0);
  /** The backward pass's potential × backward of the position after the one it computes. */
  private readonly ahead: Float64Array;

  constructor({ tagCount, weights, allowed }: Transitions) {
    this.tagCount = tagCount;
    this.ahead = new Float64Array(tagCount);
    this.weights = Float64Array.from(weights);
    this.allowed = allowed;
    const arrivals = pairsOf(tagCount, allowed, (to, from) => (from + 1) * tagCount + to);
    this.arrivalStart = arrivals.start;
    this.arrivalFrom = arrivals.other;
    this.arrivalIndex = arrivals.index;
    this.arrivalWeight = Float64Array.from(arrivals.index, (at) => this.weights[at] as number);
    const departures = pairsOf(tagCount, allowed, (from, to) => (from + 1) * tagCount + to);
    this.departureStart = departures.start;
    this.departureTo = departures.other;
    this.departureIndex = departures.index;
  }

  /** As `viterbi`. */
  viterbi(emissions: Float64Array, length: number): Int32Array {
    const path = new Int32Array(length);
    if (length === 0) return path;
    if (this.scores.length < length * this.tagCount) {
      this.scores = new Float64Array(length * this.tagCount * 2);
      this.back = new Int32Array(length * this.tagCount * 2);
    }
    this.bestScores(emissions, length);
    this.backtrack(length, path);
    return path;
  }

  // Each pass is a method of one loop: the JIT optimises a loop that has run, and a pass it has
  // not reached yet does not throw the optimised code of the others away when it first runs.

  /** The best score of a path ending in each tag at each position, and the tag before it on that path. */
  private bestScores(emissions: Float64Array, length: number): void {
    const { tagCount, weights, allowed, arrivalStart, arrivalFrom, arrivalWeight, scores, back } = this;
    for (let tag = 0; tag < tagCount; tag++) {
      scores[tag] = allowed[tag] === 0 ? -Infinity : (weights[tag] as number) + (emissions[tag] as number);
    }
    for (let i = 1; i < length; i++) {
      const here = i * tagCount;
      const before = here - tagCount;
      for (let tag = 0; tag < tagCount; tag++) {
        let best = -Infinity;
        let bestFrom = 0;
        const end = arrivalStart[tag + 1] as number;
        for (let k = arrivalStart[tag] as number; k < end; k++) {
          const source = arrivalFrom[k] as number;
          const score = (scores[before + source] as number) + (arrivalWeight[k] as number);
          if (score > best) {
            best = score;
            bestFrom = source;
          }
        }
        scores[here + tag] = best + (emissions[here + tag] as number);
        back[here + tag] = bestFrom;
      }
    }
  }

  /** The best final tag (the lowest of equals), then the tags before it. */
  private backtrack(length: number, path: Int32Array): void {
    const { tagCount, scores, back } = this;
    const last = (length - 1) * tagCount;
    let bestTag = 0;
    for (let tag = 1; tag < tagCount; tag++) if ((scores[last + tag] as number) > (scores[last + bestTag] as number)) bestTag = tag;
    for (let i = length - 1; i >= 0; i--) {
      path[i] = bestTag;
      bestTag = back[i * tagCount + bestTag] as number;
    }
  }

  /**
   * The posterior of `path[i]` at each position i of `ranges` (0 elsewhere): the same numbers as
   * `tagPosteriors` gives there, with the forward pass stopped at the last range's end and the
   * backward pass at the first one's start, and no other tag's posterior normalised. `ranges` are
   * inclusive, in order, and do not overlap.
   */
  pathPosteriors(emissions: Float64Array, temperature: number, path: Int32Array, ranges: readonly PositionRange[]): Float64Array {
    const { tagCount } = this;
    const posteriors = new Float64Array(path.length);
    const first = ranges[0]?.first ?? 0;
    const last = ranges[ranges.length - 1]?.last ?? -1;
    if (first > last) return posteriors;
    const { forward, backward } = this.forwardBackward(emissions, path.length, temperature, first, last);
    for (const range of ranges) {
      for (let i = range.first; i <= range.last; i++) {
        const here = i * tagCount;
        let sum = 0;
        for (let tag = 0; tag < tagCount; tag++) sum += (forward[here + tag] as number) * (backward[here + tag] as number);
        const tag = path[i] as number;
        const product = (forward[here + tag] as number) * (backward[here + tag] as number);
        posteriors[i] = sum === 0 ? product : product / sum;
      }
    }
    return posteriors;
  }

  /**
   * Scaled forward values at positions 0..last and backward values at first..length-1 (each
   * position's values scaled to sum to 1; the scales cancel in a posterior), in the lattice's
   * work arrays (valid until its next call). Products with a forbidden transition are 0 and are
   * skipped: adding 0 leaves a sum as it was.
   */
  forwardBackward(emissions: Float64Array, length: number, temperature: number, first: number, last: number): { forward: Float64Array; backward: Float64Array } {
    const step = this.stepAt(temperature);
    if (this.potential.length < length * this.tagCount) {
      this.potential = new Float64Array(length * this.tagCount * 2);
      this.forward = new Float64Array(length * this.tagCount * 2);
      this.backward = new Float64Array(length * this.tagCount * 2);
    }
    this.potentials(emissions, length, temperature);
    this.forwardPass(step, last);
    this.backwardPass(length, first);
    return { forward: this.forward, backward: this.backward };
  }

  /** exp((emission - the position's best) / T): the shift cancels in the normalisation. */
  private potentials(emissions: Float64Array, length: number, temperature: number): void {
    const { tagCount, potential } = this;
    for (let i = 0; i < length; i++) {
      const here = i * tagCount;
      let best = -Infinity;
      for (let tag = 0; tag < tagCount; tag++) best = Math.max(best, emissions[here + tag] as number);
      for (let tag = 0; tag < tagCount; tag++) potential[here + tag] = Math.exp(((emissions[here + tag] as number) - best) / temperature);
    }
  }

  private forwardPass(step: Float64Array, last: number): void {
    const { tagCount, arrivalStart, arrivalFrom, arrivalStep, potential, forward } = this;
    for (let tag = 0; tag < tagCount; tag++) forward[tag] = (step[tag] as number) * (potential[tag] as number);
    normalise(forward, 0, tagCount);
    for (let i = 1; i <= last; i++) {
      const here = i * tagCount;
      const before = here - tagCount;
      for (let tag = 0; tag < tagCount; tag++) {
        let sum = 0;
        const end = arrivalStart[tag + 1] as number;
        for (let k = arrivalStart[tag] as number; k < end; k++) sum += (forward[before + (arrivalFrom[k] as number)] as number) * (arrivalStep[k] as number);
        forward[here + tag] = sum * (potential[here + tag] as number);
      }
      normalise(forward, here, tagCount);
    }
  }

  /** Each position's backward values from the next one's: a departure's step times the next tag's potential × backward (one product per tag, not per pair). */
  private backwardPass(length: number, first: number): void {
    const { tagCount, departureStart, departureTo, departureStep, potential, backward, ahead } = this;
    for (let tag = 0; tag < tagCount; tag++) backward[(length - 1) * tagCount + tag] = 1;
    for (let i = length - 2; i >= first; i--) {
      const here = i * tagCount;
      const next = here + tagCount;
      for (let to = 0; to < tagCount; to++) ahead[to] = (potential[next + to] as number) * (backward[next + to] as number);
      for (let tag = 0; tag < tagCount; tag++) {
        let sum = 0;
        const end = departureStart[tag + 1] as number;
        for (let k = departureStart[tag] as number; k < end; k++) sum += (departureStep[k] as number) * (ahead[departureTo[k] as number] as number);
        backward[here + tag] = sum;
      }
      normalise(backward, here, tagCount);
    }
  }

  private stepAt(temperature: number): Float64Array {
    if (temperature !== this.stepTemperature) {
      const { weights, allowed } = this;
      this.step = new Float64Array(weights.length);
      for (let at = 0; at < weights.length; at++) this.step[at] = allowed[at] === 0 ? 0 : Math.exp((weights[at] as number) / temperature);
      const step = this.step;
      this.arrivalStep = Float64Array.from(this.arrivalIndex, (at) => step[at] as number);
      this.departureStep = Float64Array.from(this.departureIndex, (at) => step[at] as number);
      this.stepTemperature = temperature;
    }
    return this.step;
  }
}

/** Positions first..last, both included. */
export interface PositionRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The allowed (row, other) tag pairs grouped by row, `other` ascending: with `place(row, other)`
 * the pair's index in the transition layout (row is the tag arrived at or departed from).
 */
function pairsOf(tagCount: number, allowed: Uint8Array, place: (row: number, other: number) => number): { start: Int32Array; other: Int32Array; index: Int32Array } {
  const start = new Int32Array(tagCount + 1);
  const other: number[] = [];
  const index: number[] = [];
  for (let row = 0; row < tagCount; row++) {
    start[row] = other.length;
    for (let tag = 0; tag < tagCount; tag++) {
      const at = place(row, tag);
      if (allowed[at] === 0) continue;
      other.push(tag);
      index.push(at);
    }
  }
  start[tagCount] = other.length;
  return { start, other: Int32Array.from(other), index: Int32Array.from(index) };
}

/** Scales values[from, from + count) to sum to 1 (left as they are when all are 0). */
function normalise(values: Float64Array, from: number, count: number): void {
  let sum = 0;
  for (let k = from; k < from + count; k++) sum += values[k] as number;
  if (sum === 0) return;
  for (let k = from; k < from + count; k++) values[k] = (values[k] as number) / sum;
}
