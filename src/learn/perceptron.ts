/**
 * An averaged structured perceptron for sequence labelling (Collins 2002), the model of
 * Honnibal's small taggers: a weight row per feature (one weight per tag), a transition weight
 * per tag pair, Viterbi decoding, and averaging by timestamps instead of copying the table at
 * every step. It knows nothing of words: examples are lists of feature hashes per position.
 */

import { viterbi, type Transitions } from './viterbi.js';

export interface SequenceExample {
  /** Feature hashes of each position. */
  readonly features: readonly Uint32Array[];
  /** Gold tag index of each position. */
  readonly tags: Int32Array;
}

/** Averaged weights: feature hash -> one weight per tag, and the transition matrix. */
export interface TrainedWeights {
  readonly tagCount: number;
  readonly rows: ReadonlyMap<number, Float64Array>;
  readonly transitions: Transitions;
}

export class PerceptronTrainer {
  private readonly weights = new Map<number, Float64Array>();
  /** Sum of (step × update) per weight: the average is weights − sums / step. */
  private readonly sums = new Map<number, Float64Array>();
  private readonly transitions: Float64Array;
  private readonly transitionSums: Float64Array;
  private step = 1;

  /**
   * @param tagCount number of tags
   * @param allowed allowed[(from + 1) * tagCount + to] is 0 for a forbidden transition; row 0 is the start
   */
  constructor(
    readonly tagCount: number,
    private readonly allowed: Uint8Array,
  ) {
    this.transitions = new Float64Array((tagCount + 1) * tagCount);
    this.transitionSums = new Float64Array((tagCount + 1) * tagCount);
  }

  /** Decodes with the current weights. */
  predict(features: readonly Uint32Array[]): Int32Array {
    return viterbi(this.emissions(features), features.length, { tagCount: this.tagCount, weights: this.transitions, allowed: this.allowed });
  }

  /** One example: decode, and where the path is wrong, move weights toward the gold path. Returns the number of wrong tags. */
  learn(example: SequenceExample): number {
    const guess = this.predict(example.features);
    let wrong = 0;
    for (let i = 0; i < guess.length; i++) {
      const gold = example.tags[i] ?? 0;
      const guessed = guess[i] ?? 0;
      const goldPrevious = i === 0 ? -1 : (example.tags[i - 1] ?? 0);
      const guessedPrevious = i === 0 ? -1 : (guess[i - 1] ?? 0);
      if (gold !== guessed) {
        wrong++;
        for (const feature of example.features[i] ?? []) {
          this.update(feature, gold, 1);
          this.update(feature, guessed, -1);
        }
      }
      if (gold !== guessed || goldPrevious !== guessedPrevious) {
        this.updateTransition(goldPrevious, gold, 1);
        this.updateTransition(guessedPrevious, guessed, -1);
      }
    }
    this.step++;
    return wrong;
  }

  /** The averaged weights (the trainer can go on learning afterwards). */
  averaged(): TrainedWeights {
    const rows = new Map<number, Float64Array>();
    for (const [feature, row] of this.weights) {
      const sums = this.sums.get(feature) as Float64Array;
      rows.set(
        feature,
        row.map((weight, tag) => weight - (sums[tag] ?? 0) / this.step),
      );
    }
    const transitions = this.transitions.map((weight, index) => weight - (this.transitionSums[index] ?? 0) / this.step);
    return { tagCount: this.tagCount, rows, transitions: { tagCount: this.tagCount, weights: transitions, allowed: this.allowed } };
  }

  private emissions(features: readonly Uint32Array[]): Float64Array {
    const scores = new Float64Array(features.length * this.tagCount);
    features.forEach((position, i) => {
      const offset = i * this.tagCount;
      for (const feature of position) {
        const row = this.weights.get(feature);
        if (row === undefined) continue;
        for (let tag = 0; tag < this.tagCount; tag++) scores[offset + tag] = (scores[offset + tag] ?? 0) + (row[tag] ?? 0);
      }
    });
    return scores;
  }

  private update(feature: number, tag: number, delta: number): void {
    let row = this.weights.get(feature);
    let sums = this.sums.get(feature);
    if (row === undefined || sums === undefined) {
      row = new Float64Array(this.tagCount);
      sums = new Float64Array(this.tagCount);
      this.weights.set(feature, row);
      this.sums.set(feature, sums);
    }
    row[tag] = (row[tag] ?? 0) + delta;
    sums[tag] = (sums[tag] ?? 0) + this.step * delta;
  }

  private updateTransition(from: number, to: number, delta: number): void {
    const index = (from + 1) * this.tagCount + to;
    this.transitions[index] = (this.transitions[index] ?? 0) + delta;
    this.transitionSums[index] = (this.transitionSums[index] ?? 0) + this.step * delta;
  }
}

/** Decodes with fixed (e.g. averaged) weights. */
export function predictWith(weights: TrainedWeights, features: readonly Uint32Array[]): Int32Array {
  return viterbi(scoresWith(weights, features), features.length, weights.transitions);
}

/** Scores of every tag at every position under fixed weights. */
export function scoresWith(weights: TrainedWeights, features: readonly Uint32Array[]): Float64Array {
  const { tagCount, rows } = weights;
  const scores = new Float64Array(features.length * tagCount);
  features.forEach((position, i) => {
    const offset = i * tagCount;
    for (const feature of position) {
      const row = rows.get(feature);
      if (row === undefined) continue;
      for (let tag = 0; tag < tagCount; tag++) scores[offset + tag] = (scores[offset + tag] ?? 0) + (row[tag] ?? 0);
    }
  });
  return scores;
}
