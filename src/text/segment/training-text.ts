import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConll, spansOf } from '../../learn/conll.js';
import { personNameKeys } from '../name-words.js';
import { attachSplitClitics } from '../split-clitics.js';

/**
 * Running text to learn where spaces go: every space in real text is a labelled example. Two
 * openly licensed sources, read as sentences of words written the usual way:
 * - ANERcorp (training part, CC BY-SA 4.0): one token per line with its tag; punctuation is
 *   split off, clitics are not, so the words are as written.
 * - WikiFANE Gold (CC BY-SA 3.0): one token per line, blank lines between sentences, but the
 *   proclitics و ف ب ل ك and the pronoun suffixes are split off as tokens, and each token starts
 *   with U+200E. They are joined back (`attachSplitClitics`, as the tagger's training data is)
 *   so the text reads as it was written.
 *
 * Each source is cut once: the last HELD_OUT_SHARE of its sentences is never trained on, and
 * the harness measures there. Training and harness both call this module, so the cut is one.
 */

export interface Sentence {
  /** Words as written (display text), in order. */
  readonly words: readonly string[];
  /** Gold entity spans as word index ranges [first, last], when the source has them. */
  readonly entities: readonly WordSpan[];
}

export interface WordSpan {
  readonly first: number;
  readonly last: number;
  readonly tag: string;
}

export interface Source {
  readonly name: string;
  readonly train: readonly Sentence[];
  readonly heldOut: readonly Sentence[];
}

/** The share of each source's sentences, at its end, kept for measuring. */
export const HELD_OUT_SHARE = 0.1;

/** ANERcorp has no sentence breaks: a sentence ends after a full stop (`parseConll`), or every 60 words. */
const MAX_SENTENCE_WORDS = 60;

export function readAnercorp(dataDir: string, heldOutShare = HELD_OUT_SHARE): Source {
  const path = join(dataDir, 'anercorp-train', 'ANERCorp.train.txt');
  const sentences: Sentence[] = [];
  for (const { tokens, tags } of parseConll(readFileSync(path, 'utf8'), path)) {
    for (let from = 0; from < tokens.length; from += MAX_SENTENCE_WORDS) {
      const to = from + MAX_SENTENCE_WORDS;
      const entities = spansOf(tags.slice(from, to)).map(([first, end, tag]) => ({ first, last: end - 1, tag }));
      sentences.push({ words: tokens.slice(from, to), entities });
    }
  }
  return split('anercorp', sentences, heldOutShare);
}

export function readWikifane(dataDir: string, heldOutShare = HELD_OUT_SHARE): Source {
  const path = join(dataDir, 'wikifane-gold', 'WikiFANE_Gold_2014_500K.txt');
  const sentences = parseConll(readFileSync(path, 'utf8'), path).map((sentence) => ({ words: attachSplitClitics(sentence).tokens, entities: [] }));
  return split('wikifane', sentences, heldOutShare);
}

/** `heldOutShare` other than the default: a development model that also never saw the part before the held-out one. */
function split(name: string, sentences: readonly Sentence[], heldOutShare: number): Source {
  const cut = Math.floor(sentences.length * (1 - heldOutShare));
  return { name, train: sentences.slice(0, cut), heldOut: sentences.slice(cut) };
}

/**
 * Person-name words from Wikidata's labels (`wikidata-person-names`, CC0): Arab and foreign names
 * alike (`موغيريني`, `كوسغي`), too noisy to match as names, but a fair sample of how a name is
 * spelt. Their match keys (personNameKeys) made of Arabic letters only.
 */
export function readNameWords(dataDir: string): string[] {
  const path = join(dataDir, 'wikidata-person-names', 'ar_person_name_tokens.tsv');
  return personNameKeys(readFileSync(path, 'utf8')).filter((key) => /^[\u0621-\u064a]+$/.test(key));
}
