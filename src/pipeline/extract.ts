import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Annotation, Candidate, DocumentInfo, Entity, ExtractOptions, Recognizer, TextView, Token, CountryCount } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import { loadCompiledGazetteer } from '../gazetteer/cache.js';
import { cachedValue, cacheKeyOf, DEFAULT_CACHE_DIR } from '../io/binary-cache.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { createRunSplitter, type RunSplitter } from '../text/segment/runs.js';
import { segmenterOver } from '../text/segment/segmenter.js';
import { DEFAULT_MODEL_FILE as DEFAULT_SEGMENTER_FILE } from '../text/segment/model-file.js';
import { loadSegmenterTables } from '../text/segment/table-cache.js';
import { WordTypes } from '../text/word-types.js';
import { createGazetteerRecognizer } from '../recognizers/gazetteer.js';
import { createFuzzyPersonRecognizer } from '../recognizers/fuzzy.js';
import { createPersonRecognizer } from '../recognizers/persons.js';
import { dateRecognizer } from '../recognizers/dates/index.js';
import { countryCountRecognizer } from '../recognizers/country-counts.js';
import { loadLexicon, type Lexicon } from '../text/lexicon.js';
import { linkSurnames } from './coref.js';
import { resolveOverlaps } from './resolve.js';
import { countCountries } from './countries.js';
import { buildAnnotation, toEntities } from '../output/annotation.js';
import { NAME_SECOND_WORD, NAME_WORD, PERSON_WORD, PLACE_WORD } from '../gazetteer/token-vocabulary.js';
import { createModelRecognizer, mergeModelCandidates, type ModelRecognizer } from '../recognizers/model.js';
import { DEFAULT_MODEL_DIR, MODEL_FILE, openTagger, PERSON_NAMES_FILE, readTaggerFiles, WORDS_FILE } from '../tagger/tagger.js';

/**
 * The pipeline, data flowing one way: raw text -> normalised view with offset map -> tokens ->
 * candidate spans from each recogniser -> resolution -> annotation.
 */

export interface Resources {
  readonly gazetteer: CompiledGazetteer;
  readonly lexicon: Lexicon;
  /** Splits runs of words written without spaces (the learned segmenter, with the gazetteers' names). */
  readonly runSplitter: RunSplitter;
  readonly recognizers: readonly Recognizer[];
  /** The learned tagger, after the others (it reads their candidates); undefined when disabled. */
  readonly model: ModelRecognizer | undefined;
  /** This annotator's word types: the ids of its tokens' keys and every fact computed per word type. */
  readonly wordTypes: WordTypes;
}

export interface ResourceOptions {
  /** Folder of gazetteer XML files; defaults to the package's `gazetteers/`. */
  readonly gazetteerDir?: string;
  /** Folder of the NER model files; defaults to the package's `models/tagger/`; `false` runs rules and gazetteers only. */
  readonly modelDir?: string | false;
  /** The segmenter's tables; defaults to the package's `models/segmenter/segmenter.tsv`. */
  readonly segmenterModel?: string;
}

export const DEFAULT_GAZETTEER_DIR = fileURLToPath(new URL('../../gazetteers/', import.meta.url));

/** The learned files an annotator with these options reads (what --resume must see change). */
export function modelFilesOf(options: ResourceOptions = {}): string[] {
  const taggerDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  const tagger = taggerDir === false ? [] : [MODEL_FILE, WORDS_FILE, PERSON_NAMES_FILE].map((name) => join(taggerDir, name));
  return [options.segmenterModel ?? DEFAULT_SEGMENTER_FILE, ...tagger];
}

/**
 * The gazetteer loads at once, so its errors are reported at start-up; the word list and the
 * recognisers (the fuzzy person index) on first use. With --jobs > 1 the main thread only checks
 * the gazetteer: the workers annotate, and building the rest there too would be wasted work.
 */
export function loadResources(options: ResourceOptions = {}): Resources {
  const gazetteer = loadCompiledGazetteer(options.gazetteerDir ?? DEFAULT_GAZETTEER_DIR);
  const wordTypes = new WordTypes();
  let lexicon: Lexicon | undefined;
  let recognizers: readonly Recognizer[] | undefined;
  let model: ModelRecognizer | undefined;
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  let runSplitter: RunSplitter | undefined;
  const loadedLexicon = (): Lexicon => {
    lexicon ??= loadLexicon();
    return lexicon;
  };
  return {
    gazetteer,
    wordTypes,
    get lexicon() {
      return loadedLexicon();
    },
    get runSplitter() {
      if (runSplitter === undefined) {
        const known = loadedLexicon();
        const dictionary = { isWord: (key: string, display?: string) => (display === undefined ? known.hasWord(key) : known.hasWrittenForm(display)), factor: DICTIONARY_FACTOR };
        const tables = loadSegmenterTables(options.segmenterModel ?? DEFAULT_SEGMENTER_FILE, splitterNames(gazetteer, known, DEFAULT_CACHE_DIR), { cacheDir: DEFAULT_CACHE_DIR });
        runSplitter = createRunSplitter(segmenterOver(tables, { dictionary }), {
          isNameWord: (key) => gazetteer.words.has(key, NAME_WORD),
          startsName: (words) => gazetteer.names.startsPhrase(words),
          isNameSecondWord: (key) => gazetteer.words.has(key, NAME_SECOND_WORD),
          isWord: (key) => known.hasWord(key),
          isPersonWord: (key) => gazetteer.words.has(key, PERSON_WORD),
          isNationality: (key) => gazetteer.adjectives.has(key),
          isWrittenWord: (display) => known.hasWrittenForm(display),
        });
      }
      return runSplitter;
    },
    get recognizers() {
      if (recognizers === undefined) {
        const known = loadedLexicon();
        const words = { isCommonWord: (key: string) => known.hasWord(key) };
        recognizers = [
          createGazetteerRecognizer(gazetteer),
          createFuzzyPersonRecognizer(gazetteer, words, { cacheDir: DEFAULT_CACHE_DIR }),
          createPersonRecognizer(gazetteer, words),
          dateRecognizer,
          countryCountRecognizer,
        ];
      }
      return recognizers;
    },
    get model() {
      if (modelDir === false) return undefined;
      if (model === undefined) {
        const known = loadedLexicon();
        model = createModelRecognizer(openTagger(readTaggerFiles(modelDir), gazetteer, (key) => known.hasWord(key), modelDir, DEFAULT_CACHE_DIR));
      }
      return model;
    },
  };
}

/** A run that is a form in the word list is this much likelier to be one word (see segmenter.ts). */
const DICTIONARY_FACTOR = 100;

/**
 * Names the run-together splitter may cut out: every word of place and person names, and the
 * words of other names that are not ordinary words (`تحالف`, `مجلس` would pull cuts around).
 */
export function nameWordsToSplit(gazetteer: CompiledGazetteer, lexicon: Lexicon): string[] {
  const { words } = gazetteer;
  return words.keysWith(NAME_WORD).filter((key) => words.has(key, PLACE_WORD | PERSON_WORD) || !lexicon.hasWord(key));
}

/** Bump when nameWordsToSplit changes in a way the code hash would not catch. */
const SPLITTER_NAMES_FORMAT = 1;

/**
 * nameWordsToSplit, cached: looking 6,600 name words up in the word list costs 40–50 ms of every
 * start. A gazetteer loaded through its cache has a key covering its files and the package's
 * code; with the word list's version it names the cache file (io/binary-cache.ts).
 */
export function splitterNames(gazetteer: CompiledGazetteer, lexicon: Lexicon, cacheDir: string): string[] {
  if (gazetteer.cacheKey === undefined) return nameWordsToSplit(gazetteer, lexicon);
  const key = cacheKeyOf([`format ${SPLITTER_NAMES_FORMAT}`, gazetteer.cacheKey, lexicon.version]);
  const isNames = (value: unknown): boolean => Array.isArray(value) && value.every((name) => typeof name === 'string');
  return cachedValue(cacheDir, 'splitter-names', key, () => nameWordsToSplit(gazetteer, lexicon), isNames);
}

export interface Extraction {
  readonly view: TextView;
  readonly tokens: readonly Token[];
  /** What the rule and gazetteer recognisers proposed (the model reads them; `explain` shows them). */
  readonly earlier: readonly Candidate[];
  readonly entities: readonly Entity[];
  readonly countries: readonly CountryCount[];
}

export function extract(raw: string, resources: Resources, options: ExtractOptions = {}): Extraction {
  const view = normalize(raw);
  resources.wordTypes.startDocument();
  const tokens = resources.runSplitter.split(tokenize(view, resources.wordTypes), view);
  const context = { view, tokens, options };
  const earlier: Candidate[] = resources.recognizers.flatMap((recognizer) => recognizer.recognize(context));
  const model = resources.model;
  const candidates = model ? mergeModelCandidates(model.recognize(context, earlier), earlier, model.spanWords(tokens)) : earlier;
  const { candidates: linked, antecedents } = linkSurnames(view, tokens, resolveOverlaps(candidates));
  return {
    view,
    tokens,
    earlier,
    entities: toEntities(view, linked, antecedents),
    countries: countCountries(linked, tokens, view.text, resources.gazetteer),
  };
}

/** Annotation of one document; `document.length` is filled from the text. */
export function annotate(raw: string, document: Omit<DocumentInfo, 'length'>, resources: Resources, options: ExtractOptions = {}): Annotation {
  const { view, entities, countries } = extract(raw, resources, options);
  // The header's fields in the contract's order, so that the object reads as the CLI writes it.
  const { id, source, sha256, encoding } = document;
  return buildAnnotation({ id, source, sha256, length: view.rawLength, encoding, ...(options.documentDate ? { documentDate: options.documentDate } : {}) }, entities, countries);
}
