import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate, Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import { decodeModel, type ModelHeader } from '../learn/model-file.js';
import type { LinearSequenceModel } from '../learn/linear-model.js';
import { Lattice } from '../learn/viterbi.js';
import { BIAS, bigramFeature, bigramHashOf, BIGRAM_AFTER, BIGRAM_BEFORE, EDGES, FeatureExtractor, WINDOW, type DocumentFeatures, type WordDocumentFacts } from './features.js';
import { WordFact } from '../text/word-types.js';
import { contextFeatureIds, type ContextIds } from './context.js';
import { openWordStatistics, wordStatisticsData, type TaggerLexicon, type WordStatisticsData } from './lexical.js';
import { StringTable, type StringTableData } from '../text/string-table.js';
import { cachedValue, cacheKeyOf, codeFingerprint } from '../io/binary-cache.js';
import { bioTransitions, classOf, isBegin } from './tags.js';
import { RowBlocks } from './row-blocks.js';

/** The NER model at run time: features, scores, Viterbi, spans with a confidence each. */

export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models/tagger/', import.meta.url));
export const MODEL_FILE = 'ner.model';
export const WORDS_FILE = 'words.tsv';
export const PERSON_NAMES_FILE = 'person-name-words.txt';

/** A span the model proposes, over token indices (inclusive), in the training data's classes. */
export interface TaggedSpan {
  readonly firstToken: number;
  readonly lastToken: number;
  readonly label: string;
  /** In (0, 1): the posterior of the chosen tag at the span's weakest token. */
  readonly confidence: number;
}

export class Tagger {
  /**
   * Per word type, the scores its own features add at each window offset (news repeats its
   * words, so most of a position's score is a sum of five cached rows instead of fifty table
   * lookups), the hash its word bigrams are made of, and what the document passes read of it.
   */
  private readonly words: WordFact<WordRows>;
  /** Viterbi and forward-backward over the model's tags, with their work arrays. */
  private readonly lattice: Lattice;
  /** The emissions of the document being tagged (grown as needed; `tag` is not reentrant). */
  private scores = new Float64Array(0);
  /** Per position of the document being scored: its word's rows and bigram hash (kept from one document to the next). */
  private readonly rows: Float64Array[] = [];
  private bigrams = new Uint32Array(0);
  /** The model's rows of the features every position or the text's edges have (-1: not in the model). */
  private readonly biasRow: number;
  private readonly edgeRows: readonly number[];
  /** By context feature id: its row in the model, and its row as a cue (filled in id order). */
  private readonly contextRows: number[] = [];
  private readonly cueRows: number[] = [];

  constructor(
    readonly model: LinearSequenceModel,
    readonly header: ModelHeader,
    readonly features: FeatureExtractor,
  ) {
    const tagCount = model.tagCount;
    const blocks = new RowBlocks(WINDOW.length * tagCount);
    this.words = new WordFact((key) => {
      const { hashes, facts } = features.wordTypeOfKey(key);
      const scores = blocks.next();
      const { atOffset } = hashes;
      for (let offset = 0; offset < atOffset.length; offset++) model.addScores(atOffset[offset] as Uint32Array, scores, offset * tagCount);
      return { scores, bigram: bigramHashOf(hashes), facts };
    });
    this.lattice = new Lattice(model.transitions);
    this.biasRow = model.rowOf(BIAS);
    this.edgeRows = EDGES.map((edge) => model.rowOf(edge));
  }

  /** A token's document facts, from its word's rows. */
  private readonly factsOf = (token: Token): WordDocumentFacts => this.words.of(token).facts;

  /** Scores of every tag at every token: the same sums as the model over `features.extract`, computed faster. */
  emissions(tokens: readonly Token[], text: string, candidates: readonly Candidate[]): Float64Array {
    const emissions = new Float64Array(tokens.length * this.model.tagCount);
    this.scoreInto(emissions, tokens, text, candidates);
    return emissions;
  }

  /** The document's context features and cues for its tokens (`candidates`: the other recognisers' proposals). */
  private documentFeatures(tokens: readonly Token[], text: string, candidates: readonly Candidate[]): DocumentFeatures {
    return this.features.documentFeatures(tokens, contextFeatureIds(tokens, text, this.features.lexicon.gazetteer, candidates, this.features.contextVocabulary), this.factsOf);
  }

  /** Writes the emissions into `emissions[0, tokens × tags)`, whatever it held before. */
  private scoreInto(emissions: Float64Array, tokens: readonly Token[], text: string, candidates: readonly Candidate[]): void {
    const { context, cues } = this.documentFeatures(tokens, text, candidates);
    const length = tokens.length;
    const { rows } = this;
    if (this.bigrams.length < length) this.bigrams = new Uint32Array(length * 2);
    // The position features read the text's length from this array's.
    const bigrams = this.bigrams.subarray(0, length);
    for (let i = 0; i < length; i++) {
      const word = this.words.of(tokens[i] as Token);
      rows[i] = word.scores;
      bigrams[i] = word.bigram;
    }
    // Each position's sum in a fixed order (it fixes the floating-point result): the window's
    // rows in offset order, then the position's other features in theirs.
    this.sumWindows(emissions, rows, length);
    this.addPositionScores(emissions, bigrams, context, cues);
  }

  /**
   * The rows of `FeatureExtractor.addPositionFeatures` at each position, in its order, added to
   * the window sums: the bias and edge rows found once, a context feature's or cue's row once per
   * id, the word bigrams looked up (they are the position's own).
   */
  private addPositionScores(emissions: Float64Array, bigrams: Uint32Array, context: readonly (ContextIds | undefined)[], cues: readonly (ContextIds | undefined)[]): void {
    const { model, biasRow, edgeRows } = this;
    const tagCount = model.tagCount;
    const length = bigrams.length;
    for (let i = 0; i < length; i++) {
      const offset = i * tagCount;
      model.addRow(biasRow, emissions, offset);
      if (i < 2 || i + 2 >= length) {
        for (let offsetIndex = 0; offsetIndex < WINDOW.length; offsetIndex++) {
          const at = i + (WINDOW[offsetIndex] as number);
          if (at < 0 || at >= length) model.addRow(edgeRows[offsetIndex] as number, emissions, offset);
        }
      }
      const here = bigrams[i] as number;
      if (i > 0) model.addRow(model.rowOf(bigramFeature(bigrams[i - 1] as number, here, BIGRAM_BEFORE)), emissions, offset);
      if (i + 1 < length) model.addRow(model.rowOf(bigramFeature(here, bigrams[i + 1] as number, BIGRAM_AFTER)), emissions, offset);
      const features = context[i];
      if (features !== undefined) for (const id of features) model.addRow(this.contextRows[id] ?? this.rowOfId(this.contextRows, id, this.contextHashOf), emissions, offset);
      const said = cues[i];
      if (said !== undefined) for (const id of said) model.addRow(this.cueRows[id] ?? this.rowOfId(this.cueRows, id, this.cueHashOf), emissions, offset);
    }
  }

  /** The model's row of context feature `id` (as itself or as a cue), kept in `rows` (ids are dense: the array is filled up to it). */
  private rowOfId(rows: number[], id: number, hashOf: (id: number) => number): number {
    while (rows.length <= id) rows.push(this.model.rowOf(hashOf(rows.length)));
    return rows[id] as number;
  }

  private readonly contextHashOf = (id: number): number => this.features.contextHashOf(id);
  private readonly cueHashOf = (id: number): number => this.features.cueHashOf(id);

  /** The five window rows of each position of rows[0, length); inside the text all five at once (WINDOW is -2..2), tag by tag. */
  private sumWindows(emissions: Float64Array, rows: readonly Float64Array[], length: number): void {
    const tagCount = this.model.tagCount;
    // Positions near the text's edges add up what rows they have; the others are written whole.
    emissions.fill(0, 0, Math.min(2, length) * tagCount);
    emissions.fill(0, Math.max(0, length - 2) * tagCount, length * tagCount);
    for (let i = 0; i < length; i++) {
      const offset = i * tagCount;
      if (i >= 2 && i + 2 < length) {
        const before2 = rows[i - 2] as Float64Array;
        const before1 = rows[i - 1] as Float64Array;
        const here = rows[i] as Float64Array;
        const after1 = rows[i + 1] as Float64Array;
        const after2 = rows[i + 2] as Float64Array;
        for (let tag = 0; tag < tagCount; tag++) {
          emissions[offset + tag] =
            0 +
            (before2[tag] as number) +
            (before1[tagCount + tag] as number) +
            (here[2 * tagCount + tag] as number) +
            (after1[3 * tagCount + tag] as number) +
            (after2[4 * tagCount + tag] as number);
        }
      } else {
        for (let window = 0; window < WINDOW.length; window++) {
          const at = i + (WINDOW[window] as number);
          if (at < 0 || at >= length) continue;
          const row = rows[at] as Float64Array;
          const base = window * tagCount;
          for (let tag = 0; tag < tagCount; tag++) emissions[offset + tag] = (emissions[offset + tag] as number) + (row[base + tag] as number);
        }
      }
    }
  }

  /**
   * Spans of the document's tokens; `candidates` are the other recognisers' proposals, read as
   * features. A span's confidence is the posterior of its weakest tag, so forward-backward runs
   * between the first span and the last only (none when Viterbi finds no span), and posteriors are
   * normalised inside spans only.
   */
  tag(tokens: readonly Token[], text: string, candidates: readonly Candidate[] = []): TaggedSpan[] {
    if (tokens.length === 0) return [];
    const size = tokens.length * this.model.tagCount;
    if (this.scores.length < size) this.scores = new Float64Array(size * 2);
    const emissions = this.scores;
    this.scoreInto(emissions, tokens, text, candidates);
    const tags = this.lattice.viterbi(emissions, tokens.length);
    const spans = spansOf(tags, this.model.tags);
    const posteriors = this.lattice.pathPosteriors(emissions, temperatureOf(this.header), tags, spans);
    return spans.map(({ first, last, label }) => {
      let weakest = 1;
      for (let t = first; t <= last; t++) weakest = Math.min(weakest, posteriors[t] ?? 0);
      return { firstToken: first, lastToken: last, label, confidence: Math.round(Math.min(0.99, Math.max(0.01, weakest)) * 100) / 100 };
    });
  }

  /**
   * For `explain`: the features that weighed most for `tag` at token i of one document. The
   * document's context and cues are computed once, whatever number of tokens is asked about.
   */
  explainer(tokens: readonly Token[], text: string, candidates: readonly Candidate[]): (i: number, tag: number, count?: number) => { feature: string; weight: number }[] {
    const { context, cues } = this.documentFeatures(tokens, text, candidates);
    const words = tokens.map((token) => this.features.wordHashesOf(token));
    const bigrams = Uint32Array.from(words, bigramHashOf);
    return (i, tag, count = 6) => {
      const names = this.features.describe(tokens, context, cues, i);
      return [...this.features.positionHashes(words, bigrams, context, cues, i)]
        .map((hash, f) => ({ feature: names[f] ?? `#${hash}`, weight: this.model.weightOf(hash, tag) }))
        .filter((entry) => entry.weight !== 0)
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, count);
    };
  }
}

/** What the tagger keeps per word type. */
interface WordRows {
  /** WINDOW.length rows of tagCount scores: the word's own features at each window offset. */
  readonly scores: Float64Array;
  /** The word's part of the word bigram features (see `bigramHashOf`). */
  readonly bigram: number;
  readonly facts: WordDocumentFacts;
}

/** Spans of a BIO tag path (the path is well formed: Viterbi forbids I-X after anything but X). */
export function spansOf(tags: Int32Array, names: readonly string[]): { first: number; last: number; label: string }[] {
  const spans: { first: number; last: number; label: string }[] = [];
  tags.forEach((tag, i) => {
    const label = classOf(tag, names);
    if (label === undefined) return;
    const open = spans[spans.length - 1];
    if (!isBegin(tag, names) && open && open.last === i - 1 && open.label === label) open.last = i;
    else spans.push({ first: i, last: i, label });
  });
  return spans;
}

/** The temperature measured when the model was trained (header.meta.temperature), 1 when absent. */
function temperatureOf(header: ModelHeader): number {
  const value = header.meta['temperature'];
  return typeof value === 'number' && value > 0 ? value : 1;
}

export interface TaggerFiles {
  readonly model: Buffer;
  readonly words: string;
  readonly personNames: string;
}

export function readTaggerFiles(dir: string = DEFAULT_MODEL_DIR): TaggerFiles {
  return {
    model: readFileSync(join(dir, MODEL_FILE)),
    words: readFileSync(join(dir, WORDS_FILE), 'utf8'),
    personNames: readFileSync(join(dir, PERSON_NAMES_FILE), 'utf8'),
  };
}

/** Bump when WordTables change in a way the code hash would not catch. */
const WORD_TABLES_FORMAT = 1;
const WORD_TABLES_KIND = 'tagger-words';

/** The lookup tables over the word statistics and the person-name words (one per line, as match keys). */
interface WordTables {
  readonly words: WordStatisticsData;
  readonly personNames: StringTableData;
}

/**
 * Built from the files' text in ~45 ms, or read from the cache folder (when given) in about one:
 * the tables are arrays over the text, so the cache file is named by a hash of both files' text
 * and the package's code (io/binary-cache.ts).
 */
function wordTables(files: TaggerFiles, cacheDir: string | undefined): WordTables {
  const build = (): WordTables => ({ words: wordStatisticsData(files.words), personNames: StringTable.ofLines(files.personNames).data });
  if (cacheDir === undefined) return build();
  const key = cacheKeyOf([`format ${WORD_TABLES_FORMAT}`, codeFingerprint(), files.words, files.personNames]);
  return cachedValue(cacheDir, WORD_TABLES_KIND, key, build);
}

/**
 * The tagger over its files; `cacheDir` keeps the word tables between runs (without it they are
 * built each time).
 */
export function openTagger(files: TaggerFiles, gazetteer: CompiledGazetteer, isCommonWord: (key: string) => boolean, path = MODEL_FILE, cacheDir?: string): Tagger {
  const { model, header } = decodeModel(files.model, path, bioTransitions);
  const tables = wordTables(files, cacheDir);
  const lexicon: TaggerLexicon = {
    gazetteer,
    isCommonWord,
    personNameWords: StringTable.fromData(files.personNames, tables.personNames),
    words: openWordStatistics(files.words, tables.words),
  };
  return new Tagger(model, header, new FeatureExtractor(lexicon));
}
