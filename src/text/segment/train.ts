import { normalize } from '../normalize.js';
import { tokenize } from '../tokenize.js';
import { END_MARK, START_MARK } from './alphabet.js';
import type { ModelParameters } from './model-file.js';
import { serializeModel } from './model-file.js';
import type { Sentence, Source } from './training-text.js';

/**
 * Learns the segmenter's tables from running text: word counts over the match keys of Arabic
 * tokens, a character n-gram model over word types, and Good-Turing estimates of the mass of
 * unseen words (hapaxes / tokens), split between "a proclitic on a known word" and "a word spelt
 * by the character model". Deterministic: no randomness, sorted output. Shipped, never loaded by
 * annotation.
 */

export const CHAR_ORDER = 5;

/** Proclitics and their combinations (as in clitics.ts), longest first for the hapax split. */
const PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'];

/** Pronoun and inflection suffixes (match keys), longest first for the hapax split. */
const SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ان', 'ين', 'ون', 'ات', 'ه', 'ي', 'ك'];

/** Match keys of the Arabic tokens of a sentence, as the pipeline tokenises it. */
export function sentenceKeys(sentence: Sentence): string[] {
  const view = normalize(sentence.words.join(' '));
  return tokenize(view)
    .filter((token) => token.kind === 'arabic')
    .map((token) => token.key);
}

export function trainModel(sources: readonly Source[]): string {
  const words = new Map<string, number>();
  let tokens = 0;
  for (const source of sources) {
    for (const sentence of source.train) {
      for (const key of sentenceKeys(sentence)) {
        words.set(key, (words.get(key) ?? 0) + 1);
        tokens++;
      }
    }
  }

  const procliticMass: Record<string, number> = {};
  const suffixMass: Record<string, number> = {};
  let unknownMass = 0;
  for (const [word, count] of words) {
    if (count !== 1) continue;
    const prefix = PROCLITICS.find((p) => word.startsWith(p) && word.length - p.length >= 2 && isKnownStem(words, p, word.slice(p.length)));
    const suffix = SUFFIXES.find((s) => word.endsWith(s) && word.length - s.length >= 2 && (words.get(word.slice(0, -s.length)) ?? 0) > 1);
    if (prefix !== undefined) procliticMass[prefix] = (procliticMass[prefix] ?? 0) + 1;
    else if (suffix !== undefined) suffixMass[suffix] = (suffixMass[suffix] ?? 0) + 1;
    else unknownMass++;
  }

  const charGrams = new Map<string, number>();
  for (const word of words.keys()) {
    const padded = START_MARK + word + END_MARK;
    for (let end = 2; end <= padded.length; end++) {
      for (let n = 1; n <= CHAR_ORDER && end - n >= 0; n++) {
        const gram = padded.slice(end - n, end);
        charGrams.set(gram, (charGrams.get(gram) ?? 0) + 1);
      }
    }
  }

  const parameters: ModelParameters = {
    tokens,
    order: CHAR_ORDER,
    unknownMass: round(unknownMass / tokens),
    procliticMass: massTable(procliticMass, tokens),
    suffixMass: massTable(suffixMass, tokens),
    trainedOn: sources.map((source) => `${source.name}: ${source.train.length} sentences (held out: the last ${source.heldOut.length})`),
  };
  return serializeModel(parameters, words, charGrams);
}

function isKnownStem(words: ReadonlyMap<string, number>, prefix: string, stem: string): boolean {
  if ((words.get(stem) ?? 0) > 1) return true;
  return prefix.endsWith('ل') && stem.startsWith('ل') && (words.get('ا' + stem) ?? 0) > 1;
}

function massTable(hapaxes: Readonly<Record<string, number>>, tokens: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(hapaxes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([affix, count]) => [affix, round(count / tokens)]),
  );
}

/** Fixed precision, so the file's bytes do not depend on float printing. */
function round(x: number): number {
  return Number(x.toPrecision(6));
}
