import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import type { RunSplitter } from '../text/segment/runs.js';
import type { Sentence } from '../text/segment/training-text.js';
import type { Random } from '../learn/random.js';

/**
 * Held-out text with spaces deleted on purpose, the deletions remembered: the harness of issue
 * 20. A sentence becomes its display text; a deletable space is one between two Arabic letters.
 * Variants delete a share of them at random (all of them, or only those after a letter that does
 * not join to the left, where the loss is invisible on screen), or the spaces around and inside
 * gold entities. Entity spans are carried as character offsets and moved with the deletions.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface VariantText {
  readonly text: string;
  /** Offsets in `text` where a deleted space was (a new word starts there). */
  readonly deleted: readonly number[];
  /** Gold entity spans, in `text` offsets. */
  readonly entities: readonly Span[];
  /** Words in the original (for rates per 10,000 words). */
  readonly words: number;
  /** Offsets in `text` where each document starts (the first is 0): see makeVariant's `articleSentences`. */
  readonly documents: readonly number[];
}

/** Which spaces a variant deletes. */
export type DeletionRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'random'; readonly share: number; readonly afterNonJoining: boolean }
  | { readonly kind: 'around-entities'; readonly afterNonJoining: boolean }
  | { readonly kind: 'inside-entities' };

/** Letters that do not join the next one: a space after them is invisible when lost. */
const NON_JOINING = new Set([...'اأإآٱدذرزوؤةءى']);

interface Gap {
  /** Offset of the space in the sentence text. */
  readonly at: number;
  readonly afterNonJoining: boolean;
  /** Word index before the space. */
  readonly wordBefore: number;
}

/**
 * `articleSentences`: the text is cut into documents of that many sentences (about a news
 * article: the sources have no document breaks), which the pipeline annotates one by one, as it
 * would articles; 0 makes it one document. The deletions do not depend on it.
 */
export function makeVariant(sentences: readonly Sentence[], rule: DeletionRule, random: Random, articleSentences = 0): VariantText {
  let text = '';
  const deleted: number[] = [];
  const entities: Span[] = [];
  const documents: number[] = [];
  let words = 0;
  for (const [index, sentence] of sentences.entries()) {
    if (index === 0 || (articleSentences > 0 && index % articleSentences === 0)) documents.push(text.length);
    // The display text, so that view offsets are text offsets (harakat and tatweel are gone).
    const parts = sentence.words.map((word) => normalize(word).text || '_');
    words += parts.length;
    // Word offsets in the sentence written with single spaces.
    const starts: number[] = [];
    let line = '';
    parts.forEach((word, i) => {
      if (i > 0) line += ' ';
      starts.push(line.length);
      line += word;
    });
    const gaps: Gap[] = [];
    for (let i = 0; i + 1 < parts.length; i++) {
      const before = parts[i] ?? '';
      const after = parts[i + 1] ?? '';
      if (isArabicLetter(before.charCodeAt(before.length - 1)) && isArabicLetter(after.charCodeAt(0))) {
        gaps.push({ at: (starts[i] ?? 0) + before.length, afterNonJoining: NON_JOINING.has(before[before.length - 1] ?? ''), wordBefore: i });
      }
    }
    const chosen = new Set(gaps.filter((gap) => chooses(rule, gap, sentence, random)).map((gap) => gap.at));
    // Write the sentence without the chosen spaces; map old offsets to new ones.
    const shift = new Int32Array(line.length + 1);
    let out = '';
    for (let i = 0; i <= line.length; i++) {
      shift[i] = out.length;
      if (i === line.length) break;
      if (chosen.has(i)) {
        deleted.push(text.length + out.length);
        continue;
      }
      out += line[i];
    }
    for (const entity of sentence.entities) {
      const start = starts[entity.first] ?? 0;
      const end = (starts[entity.last] ?? 0) + (parts[entity.last]?.length ?? 0);
      entities.push({ start: text.length + (shift[start] ?? 0), end: text.length + (shift[end] ?? 0), type: entity.tag });
    }
    text += out + '\n';
  }
  return { text, deleted, entities, words, documents };
}

/** The documents of a variant: their text and where each starts in the variant's text. */
export function documentsOf(variant: VariantText): { readonly start: number; readonly text: string }[] {
  return variant.documents.map((start, i) => ({ start, text: variant.text.slice(start, variant.documents[i + 1] ?? variant.text.length) }));
}

function chooses(rule: DeletionRule, gap: Gap, sentence: Sentence, random: Random): boolean {
  switch (rule.kind) {
    case 'none':
      return false;
    case 'random':
      return (!rule.afterNonJoining || gap.afterNonJoining) && random.chance(rule.share);
    case 'around-entities':
      return (
        (!rule.afterNonJoining || gap.afterNonJoining) &&
        sentence.entities.some((e) => gap.wordBefore === e.first - 1 || gap.wordBefore === e.last)
      );
    case 'inside-entities':
      return sentence.entities.some((e) => gap.wordBefore >= e.first && gap.wordBefore < e.last);
  }
}

function isArabicLetter(code: number): boolean {
  return code >= 0x0621 && code <= 0x064a;
}

export interface RestoredSpaces {
  readonly precision: number;
  readonly recall: number;
  readonly cuts: number;
  readonly deleted: number;
  /** Wrong cuts per 10,000 words of the original text. */
  readonly wrongPer10k: number;
  /** The wrong cuts, as `left|right` around the cut, for reading by hand. */
  readonly wrong: readonly string[];
}

/** Scores cut offsets (into the variant's text) against the deleted spaces. */
export function scoreCuts(variant: VariantText, cutOffsets: readonly number[]): RestoredSpaces {
  const gold = new Set(variant.deleted);
  let right = 0;
  const wrong: string[] = [];
  for (const at of cutOffsets) {
    if (gold.has(at)) right++;
    else wrong.push(`${wordAround(variant.text, at, -1)}|${wordAround(variant.text, at, 1)}`);
  }
  return {
    precision: cutOffsets.length === 0 ? 1 : right / cutOffsets.length,
    recall: gold.size === 0 ? 1 : right / gold.size,
    cuts: cutOffsets.length,
    deleted: gold.size,
    wrongPer10k: (wrong.length / variant.words) * 10_000,
    wrong,
  };
}

function wordAround(text: string, at: number, direction: -1 | 1): string {
  let i = at;
  if (direction < 0) {
    while (i > 0 && !/\s/.test(text[i - 1] ?? ' ')) i--;
    return text.slice(i, at);
  }
  while (i < text.length && !/\s/.test(text[i] ?? ' ')) i++;
  return text.slice(at, i);
}

/** Offsets where the splitter starts a new word inside a token, each document split on its own (its text must be in normal form). */
export function cutsOfText(variant: VariantText, splitter: RunSplitter): number[] {
  return documentsOf(variant).flatMap(({ start, text }) => {
    const view = normalize(text);
    if (view.text.length !== text.length) throw new Error('the harness text must be in normal form (the view changed its length)');
    return splitter
      .split(tokenize(view), view)
      .filter((token) => token.cut !== undefined)
      .map((token) => start + token.start);
  });
}
