import { KEY_FOLDS } from '../charmap.js';
import { normalize } from '../normalize.js';
import { tokenize } from '../tokenize.js';
import { END_MARK, followsArticle, START_MARK } from './alphabet.js';
import type { ModelParameters } from './model-file.js';
import { serializeModel } from './model-file.js';
import type { Sentence, Source } from './training-text.js';

/**
 * Learns the segmenter's tables from running text: word counts over the match keys of Arabic
 * tokens, a character n-gram model over word types, and Good-Turing estimates of the mass of
 * unseen words (hapaxes / tokens), split between "a proclitic on a known word" and "a word spelt
 * by the character model", and what the display letters the key folds say about word edges;
 * and a second character model over name words, with the share of unseen words that are names.
 * Deterministic: no randomness, sorted output. Shipped, never loaded by
 * annotation.
 */

export const CHAR_ORDER = 5;

/** Proclitics and their combinations (as in clitics.ts), longest first for the hapax split. */
const PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'];

/** Pronoun and inflection suffixes (match keys), longest first for the hapax split. */
const SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ان', 'ين', 'ون', 'ات', 'ه', 'ي', 'ك'];

/** The Arabic tokens of a sentence as the pipeline tokenises it: match key and display text (the same length, letter for letter). */
function sentenceTokens(sentence: Sentence): { key: string; display: string }[] {
  const view = normalize(sentence.words.join(' '));
  return tokenize(view)
    .filter((token) => token.kind === 'arabic')
    .map((token) => ({ key: token.key, display: view.text.slice(token.start, token.end) }));
}

/** The key letters that folding makes of several display letters (charmap.ts's KEY_FOLDS). */
const FOLDED_KEYS: ReadonlySet<string> = new Set(Object.values(KEY_FOLDS));

/**
 * For each display letter folded to one of FOLDED_KEYS: P(letter | its key letter, last in a word)
 * / P(letter | key letter, inside a word), and the same for the first letter. A lost space inside
 * a run makes one letter last and the next first, so the product of the two is the likelihood
 * ratio the display letters add to the word model, which only sees keys (ة never ends a piece
 * of a word, أ seldom stands inside one). For the first-letter ratio, "inside" counts only the
 * letters a cut could fall before: the third letter on, and not one after the article `ال`,
 * where a stem starts (the segmenter asks no start ratio there).
 * Counted over tokens, smoothed by half a count.
 */
function displayLetterRatios(tokens: readonly { key: string; display: string }[]): Record<string, [number, number]> {
  const last = new Map<string, number>();
  const notLast = new Map<string, number>();
  const first = new Map<string, number>();
  const notFirst = new Map<string, number>();
  const bump = (counts: Map<string, number>, letter: string): void => void counts.set(letter, (counts.get(letter) ?? 0) + 1);
  for (const { key, display } of tokens) {
    if (key.length < 2) continue;
    for (let i = 0; i < key.length; i++) {
      if (!FOLDED_KEYS.has(key[i] ?? '')) continue;
      const letter = display[i] ?? '';
      bump(i === key.length - 1 ? last : notLast, letter);
      // "Inside" for a first letter is where a cut could fall (no piece is shorter than two letters),
      // and not after the article, where a stem starts (`الإسلامي`; the segmenter asks no start ratio there).
      if (i === 0) bump(first, letter);
      else if (i >= 2 && !followsArticle(key, i)) bump(notFirst, letter);
    }
  }
  const letters = [...new Set([...notLast.keys(), ...notFirst.keys()])].sort();
  const keyOfLetter = (letter: string): string => normalize(letter).key;
  /** P(letter | its key letter, at the edge) / P(letter | key letter, inside), half a count added to each letter. */
  const ratio = (edge: Map<string, number>, inside: Map<string, number>, letter: string): number => {
    const sameKey = letters.filter((other) => keyOfLetter(other) === keyOfLetter(letter));
    const share = (counts: Map<string, number>): number =>
      ((counts.get(letter) ?? 0) + 0.5) / sameKey.reduce((sum, other) => sum + (counts.get(other) ?? 0) + 0.5, 0);
    return round(share(edge) / share(inside));
  };
  return Object.fromEntries(letters.map((letter) => [letter, [ratio(last, notLast, letter), ratio(first, notFirst, letter)]]));
}

/** Character n-grams (orders 1..CHAR_ORDER, with the start and end marks) over word types. */
function charGramsOf(types: Iterable<string>): Map<string, number> {
  const grams = new Map<string, number>();
  for (const word of types) {
    const padded = START_MARK + word + END_MARK;
    for (let end = 2; end <= padded.length; end++) {
      for (let n = 1; n <= CHAR_ORDER && end - n >= 0; n++) {
        const gram = padded.slice(end - n, end);
        grams.set(gram, (grams.get(gram) ?? 0) + 1);
      }
    }
  }
  return grams;
}

/**
 * The share of a source's once-seen words (tokens of a type seen once) that stand inside a gold
 * entity: how often a word the word model has never seen is a name. Over the sources whose
 * sentences carry entities (ANERcorp; WikiFANE's are not read).
 */
function unseenNameShare(sources: readonly Source[], counts: ReadonlyMap<string, number>): number {
  let once = 0;
  let inNames = 0;
  for (const source of sources) {
    if (!source.train.some((sentence) => sentence.entities.length > 0)) continue;
    for (const sentence of source.train) {
      const inside = new Set<number>();
      for (const { first, last } of sentence.entities) for (let i = first; i <= last; i++) inside.add(i);
      sentence.words.forEach((word, i) => {
        const tokens = sentenceTokens({ words: [word], entities: [] });
        if (tokens.length !== 1 || counts.get(tokens[0]?.key ?? '') !== 1) return;
        once++;
        if (inside.has(i)) inNames++;
      });
    }
  }
  return once === 0 ? 0 : inNames / once;
}

/** The share of name words no longer than nameLength: longer pieces of a run are not spelt as names. */
const NAME_LENGTH_SHARE = 0.99;

/** The shortest length that NAME_LENGTH_SHARE of the words are no longer than. */
function lengthCovering(words: ReadonlySet<string>, share: number): number {
  const lengths = [...words].map((word) => word.length).sort((a, b) => a - b);
  return lengths[Math.max(0, Math.ceil(lengths.length * share) - 1)] ?? 0;
}

/** `nameWords`: match keys of name words (see readNameWords), for the name character model. */
export function trainModel(sources: readonly Source[], nameWords: readonly string[]): string {
  const words = new Map<string, number>();
  const running = sources.flatMap((source) => source.train.flatMap(sentenceTokens));
  for (const { key } of running) words.set(key, (words.get(key) ?? 0) + 1);
  const tokens = running.length;

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

  const charGrams = charGramsOf(words.keys());
  const names = new Set(nameWords);
  const nameGrams = charGramsOf(names);

  const parameters: ModelParameters = {
    tokens,
    order: CHAR_ORDER,
    unknownMass: round(unknownMass / tokens),
    procliticMass: massTable(procliticMass, tokens),
    suffixMass: massTable(suffixMass, tokens),
    displayLetters: displayLetterRatios(running),
    nameShare: round(unseenNameShare(sources, words)),
    nameLength: lengthCovering(names, NAME_LENGTH_SHARE),
    trainedOn: [
      ...sources.map((source) => `${source.name}: ${source.train.length} sentences (held out: the last ${source.heldOut.length})`),
      `name words: ${names.size}`,
    ],
  };
  return serializeModel(parameters, words, charGrams, nameGrams);
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
