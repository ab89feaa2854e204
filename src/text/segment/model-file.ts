import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALPHABET_BASE, symbolCode } from './alphabet.js';

/**
 * The segmenter's learned tables, one text file (`models/segmenter/segmenter.tsv`):
 *
 *   #arabic-ner-segmenter <version> <parameters as JSON>
 *   w <TAB> word key <TAB> count         one line per word type of the training text
 *   c <TAB> n-gram <TAB> count           character n-grams of the word types (^ start, $ end)
 *   n <TAB> n-gram <TAB> count           character n-grams of name words (the name model)
 *
 * Lines are sorted, so the same training text gives the same bytes.
 */

export const MODEL_FORMAT = 'arabic-ner-segmenter';
export const MODEL_VERSION = 2;

export interface ModelParameters {
  /** Word tokens the counts come from. */
  readonly tokens: number;
  /** Order of the character model. */
  readonly order: number;
  /** Probability mass of words never seen, spelt by the character model (Good-Turing: hapaxes / tokens). */
  readonly unknownMass: number;
  /** Per proclitic: mass of unseen forms proclitic + known word (their hapaxes / tokens). */
  readonly procliticMass: Readonly<Record<string, number>>;
  /** Per suffix: mass of unseen forms known word + suffix. */
  readonly suffixMass: Readonly<Record<string, number>>;
  /**
   * Per display letter that the match key folds (أ إ آ ٱ ا, ى ئ ي, ة ه, ؤ و): how much likelier it
   * is as a word's last letter than inside a word, and as its first letter than inside, each
   * against the other letters folded to the same key letter (see train.ts). Absent in files
   * written before it was learned: then the display letters are not read.
   */
  readonly displayLetters?: Readonly<Record<string, readonly [number, number]>>;
  /**
   * The share of words never seen that are names (once-seen words inside gold entities): the
   * weight of the name character model in the probability of a word never seen (a piece of a run, or the whole run).
   */
  readonly nameShare: number;
  /** Pieces of a run longer than this are not spelt by the name model (99% of the name words are no longer). */
  readonly nameLength: number;
  /** What the tables were learned from (names, licences, held-out share). */
  readonly trainedOn: readonly string[];
}

export interface SegmenterModel {
  readonly parameters: ModelParameters;
  readonly words: ReadonlyMap<string, number>;
  /** Character n-gram number (see alphabet.ts) -> count. */
  readonly charCounts: ReadonlyMap<number, number>;
  /** The same over name words. */
  readonly nameCharCounts: ReadonlyMap<number, number>;
}

export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../../models/segmenter/segmenter.tsv', import.meta.url));

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ModelFileError';
  }
}

export function readModel(file: string = DEFAULT_MODEL_FILE): SegmenterModel {
  return parseModel(readFileSync(file, 'utf8'), file);
}

export function parseModel(text: string, file: string): SegmenterModel {
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  const match = /^#(\S+) (\d+) (\{.*\})$/.exec(header);
  if (!match || match[1] !== MODEL_FORMAT) throw new ModelFileError(file, 1, 'not a segmenter model');
  if (Number(match[2]) !== MODEL_VERSION) throw new ModelFileError(file, 1, `model version ${match[2]}, this code reads ${MODEL_VERSION}`);
  const parameters = JSON.parse(match[3] ?? '{}') as ModelParameters;
  const words = new Map<string, number>();
  const charCounts = new Map<number, number>();
  const nameCharCounts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const [kind, item = '', countText = ''] = line.split('\t');
    const count = Number(countText);
    if (!Number.isInteger(count) || count <= 0 || item === '') throw new ModelFileError(file, i + 1, `bad line ${JSON.stringify(line)}`);
    if (kind === 'w') words.set(item, count);
    else if (kind === 'c') charCounts.set(gramNumber(item), count);
    else if (kind === 'n') nameCharCounts.set(gramNumber(item), count);
    else throw new ModelFileError(file, i + 1, `unknown line kind ${JSON.stringify(kind)}`);
  }
  return { parameters, words, charCounts, nameCharCounts };
}

/** The model file's text: header, then words, then n-grams of words, then n-grams of names, each sorted. */
export function serializeModel(
  parameters: ModelParameters,
  words: ReadonlyMap<string, number>,
  charGrams: ReadonlyMap<string, number>,
  nameGrams: ReadonlyMap<string, number>,
): string {
  const byKey = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const lines = [`#${MODEL_FORMAT} ${MODEL_VERSION} ${JSON.stringify(parameters)}`];
  for (const [word, count] of [...words].sort(byKey)) lines.push(`w\t${word}\t${count}`);
  for (const [gram, count] of [...charGrams].sort(byKey)) lines.push(`c\t${gram}\t${count}`);
  for (const [gram, count] of [...nameGrams].sort(byKey)) lines.push(`n\t${gram}\t${count}`);
  return lines.join('\n') + '\n';
}

/** An n-gram as written in the file to its number. */
export function gramNumber(gram: string): number {
  let n = 0;
  for (const char of gram) n = n * ALPHABET_BASE + symbolCode(char);
  return n;
}
