import type { Token } from '../types.js';
import { hashAfter, hashPrefix, hashString, combine } from '../learn/hash.js';
import { WordFact } from '../text/word-types.js';
import { NAME_WORD, PERSON_WORD, PLACE_WORD } from '../gazetteer/token-vocabulary.js';
import { FUNCTION_WORDS } from '../recognizers/function-words.js';
import type { TaggerLexicon } from './lexical.js';
import { ContextVocabulary, type ContextFeatures, type ContextIds } from './context.js';
import { isSportsText } from '../recognizers/sports.js';

/**
 * The tagger's features, in one place (as in a small perceptron tagger). A word's own features
 * depend on its match key only, so they are computed once per word type and kept as hashes; a
 * position's features are those of the words in a window of ±2, each combined with its offset,
 * plus what the document says around it (a gazetteer name covering the word, a title before it).
 * Every feature also has a readable name, for `explain`.
 */

/** A word feature: template and value, e.g. `['s', 'سوريا']`. */
export type WordFeature = readonly [template: string, value: string];

/** Which word templates are read at each window offset (the word itself reads all). */
const AT_NEIGHBOUR = new Set(['w', 's', 'wf', 'shape', 'gw', 'gn', 'wd', 'lx', 'fw', 'x2', 'al']);
const AT_DISTANCE_TWO = new Set(['w', 's', 'wf', 'gw', 'wd', 'fw']);
const OFFSETS = [-2, -1, 0, 1, 2] as const;

const CONJUNCTIONS = ['و', 'ف'];
const PREPOSITIONS = ['ب', 'ل', 'ك'];

/**
 * The word without a leading conjunction and a preposition before the article (`وبالعاصمة` ->
 * `العاصمة`), each removed only where running text says the rest is the more common word (so
 * `وزير` and `فرنسا` keep their first letter) or the rest is a listed name.
 */
export function stemOf(key: string, lexicon: TaggerLexicon): string {
  const prefix = procliticLength(key, lexicon);
  const rest = key.slice(prefix);
  // After ل the article lost its alef (`للدولة` = ل + الدولة): the stem gets it back.
  return prefix > 0 && key[prefix - 1] === 'ل' && rest.startsWith('ل') && !rest.startsWith('ال') ? 'ا' + rest : rest;
}

/**
 * How many leading letters of the word are proclitics (0, 1 or 2), by the rules of `stemOf`.
 * `standsAlone` may add what a document says: the rest written there as a word of its own
 * (`بيلسا` elsewhere makes `وبيلسا` و + بيلسا).
 */
export function procliticLength(key: string, lexicon: TaggerLexicon, standsAlone: (rest: string) => boolean = () => false): number {
  let prefix = 0;
  const prefer = (word: string, rest: string): boolean => preferRest(word, rest, lexicon) || (!lexicon.gazetteer.words.has(word, NAME_WORD) && standsAlone(rest));
  if (key.length > 3 && CONJUNCTIONS.includes(key[0] ?? '') && prefer(key, key.slice(1))) prefix = 1;
  const rest = key.slice(prefix);
  if (rest.length > 4 && PREPOSITIONS.includes(rest[0] ?? '')) {
    if (rest.startsWith('لل') || rest.startsWith('ال', 1) || prefer(rest, rest.slice(1))) prefix++;
  }
  return prefix;
}

function preferRest(word: string, rest: string, lexicon: TaggerLexicon): boolean {
  if (lexicon.gazetteer.words.has(word, NAME_WORD)) return false;
  if (lexicon.gazetteer.words.has(rest, NAME_WORD)) return true;
  if (lexicon.personNameWords.has(rest) && !lexicon.personNameWords.has(word) && !lexicon.isCommonWord(word)) return true;
  return lexicon.words.count(rest) > 2 * lexicon.words.count(word) + 1;
}

/** The word's own features (readable form): a function of its match key alone, so they are kept per word type. */
export function wordFeatures(key: string, lexicon: TaggerLexicon): WordFeature[] {
  return kindOfKey(key) === 'arabic' ? arabicWordFeatures(key, stemOf(key, lexicon), lexicon) : otherWordFeatures(key);
}

/** The features of a number, a Latin word or punctuation: its shape and itself. */
function otherWordFeatures(key: string): WordFeature[] {
  const kind = kindOfKey(key);
  const shape = kind === 'number' ? `N${Math.min(key.length, 5)}` : kind === 'latin' ? 'L' : key;
  return [['shape', shape], ['w', kind === 'number' ? shape : key]];
}

/** The features of an Arabic word, given its stem (`stemOf`). */
function arabicWordFeatures(key: string, stem: string, lexicon: TaggerLexicon): WordFeature[] {
  const core = stem.startsWith('ال') && stem.length > 3 ? stem.slice(2) : stem;
  const { gazetteer } = lexicon;
  const features: WordFeature[] = [
    ['w', key],
    ['s', stem],
    ['c', core],
    ['shape', `A${Math.min(core.length, 9)}`],
    ['p1', key.slice(0, 1)],
    ['p2', key.slice(0, 2)],
    ['x1', core.slice(-1)],
    ['x2', core.slice(-2)],
    ['x3', core.slice(-3)],
  ];
  if (stem !== key) features.push(['clitic', key.slice(0, key.length - stem.length)]);
  if (stem.startsWith('ال')) features.push(['al', '1']);
  // Whether the stem or its core is a word of a person's, a place's, any name (one lookup each).
  const listed = gazetteer.words.flagsOf(stem) | (core === stem ? 0 : gazetteer.words.flagsOf(core));
  const flags = `${listed & PERSON_WORD ? '1' : '0'}${listed & PLACE_WORD ? '1' : '0'}${listed & NAME_WORD ? '1' : '0'}`;
  if (flags !== '000') features.push(['gw', flags]);
  const given = gazetteer.givenNames.get(stem) ?? gazetteer.givenNames.get(core);
  if (given) features.push(['gn', given.ambiguous ? 'ambiguous' : given.gender]);
  if (lexicon.personNameWords.has(stem) || lexicon.personNameWords.has(core)) features.push(['wd', '1']);
  features.push(['lx', lexicon.isCommonWord(stem) ? '1' : '0']);
  if (FUNCTION_WORDS.has(key)) features.push(['fw', key]);
  const count = lexicon.words.count(stem);
  features.push(['freq', count === 0 ? '0' : String(Math.min(Math.floor(Math.log2(count)), 12))]);
  const entityClass = lexicon.words.entityClass(key) ?? lexicon.words.entityClass(stem);
  if (entityClass !== undefined) features.push(['wf', entityClass]);
  return features;
}

/** Hashes of a word's features at each window offset: [offset index][feature]. */
export interface WordFeatureHashes {
  readonly atOffset: readonly Uint32Array[];
}

/**
 * What the document passes read of a word type (`documentCues`, `withTopic`), found with its
 * features from the one stem (a new word type's stem, word list and gazetteer lookups are most of
 * what it costs, and hostile or unseen text brings tens of thousands of types).
 */
export interface WordDocumentFacts {
  /** The stem without its article (`before=` it is the cue the word gives the word after it). */
  readonly bareStem: string;
  /** Whether the word may be a name (not a function word, nor an ordinary word of the word list that no name list holds). */
  readonly nameLike: boolean;
  /** The id of its topic feature in a match report (`sports&f=..&gw=..&lx=..&al=..`). */
  readonly topic: number;
}

/** A word type's feature hashes and document facts (what the tagger keeps per type). */
export interface WordType {
  readonly hashes: WordFeatureHashes;
  readonly facts: WordDocumentFacts;
}

/** Per position, what its document says (see `FeatureExtractor.documentFeatures`). */
export interface DocumentFeatures {
  readonly context: readonly (ContextIds | undefined)[];
  readonly cues: readonly (ContextIds | undefined)[];
}

/** Window offsets of the word features, in the order of `WordFeatureHashes.atOffset`. */
export const WINDOW = OFFSETS;

export class FeatureExtractor {
  /** Per word type, its feature hashes and document facts, for callers that keep no `WordType` of their own (training, tests). */
  private readonly wordTypes: WordFact<WordType>;
  /** The names of the context features and of the cues the documents give (see `contextFeatureIds`). */
  readonly contextVocabulary = new ContextVocabulary();
  /** By context feature id: its hash, and its hash as a cue of another occurrence (filled in id order). */
  private readonly contextHashes: number[] = [];
  private readonly cueHashes: number[] = [];
  /** By context feature id: whether it is a cue of the word's other occurrences (see `isCue`). */
  private readonly cueFlags: boolean[] = [];
  /** The id of each context feature in a match report (`sports&` and its name), by its id. */
  private readonly sportsContext: number[] = [];
  /** By topic feature id: the list of that id alone (a word of a match report without context features; read only). */
  private readonly topicOnly: number[][] = [];

  constructor(readonly lexicon: TaggerLexicon) {
    this.wordTypes = new WordFact((key) => this.wordTypeOfKey(key));
  }

  /** The hashes of a token's own features at each window offset (computed once per word type). */
  wordHashesOf(token: Token): WordFeatureHashes {
    return this.wordTypes.of(token).hashes;
  }

  /** A match key's feature hashes and document facts, computed anew (the tagger keeps its scores and these per word type). */
  wordTypeOfKey(key: string): WordType {
    const { features, facts } = this.analyse(key);
    return { hashes: hashWordFeatures(features), facts };
  }

  /** A word's features and document facts from one stem. */
  private analyse(key: string): { features: WordFeature[]; facts: WordDocumentFacts } {
    const { lexicon } = this;
    const stem = stemOf(key, lexicon);
    const bareStem = stem.startsWith('ال') && stem.length > 4 ? stem.slice(2) : stem;
    if (kindOfKey(key) !== 'arabic') return { features: otherWordFeatures(key), facts: { bareStem, nameLike: false, topic: this.topicOf('-', '-', '-', '-') } };
    const features = arabicWordFeatures(key, stem, lexicon);
    const value = (template: string): string => features.find(([t]) => t === template)?.[1] ?? '-';
    const nameLike = key.length >= 3 && !FUNCTION_WORDS.has(key) && !(lexicon.isCommonWord(stem) && !lexicon.gazetteer.words.has(stem, NAME_WORD) && !lexicon.personNameWords.has(stem));
    return { features, facts: { bareStem, nameLike, topic: this.topicOf(value('freq'), value('gw'), value('lx'), value('al')) } };
  }

  /** The id of the topic feature of a word with these feature values (a few hundred at most). */
  private topicOf(freq: string, listFlags: string, inWordList: string, article: string): number {
    return this.contextVocabulary.idOf(`sports&f=${freq}&gw=${listFlags}&lx=${inWordList}&al=${article}`);
  }

  /** Feature hashes of every position of a token sequence (see `positionHashes`); `contextNames` as `contextFeatures` gives them. */
  extract(tokens: readonly Token[], contextNames: readonly (ContextFeatures | undefined)[]): Uint32Array[] {
    const { context, cues } = this.documentFeatures(tokens, contextNames.map((names) => names?.map((name) => this.contextVocabulary.idOf(name))));
    const words = tokens.map((token) => this.wordTypes.of(token).hashes);
    const bigrams = Uint32Array.from(words, bigramHashOf);
    return tokens.map((_, i) => this.positionHashes(words, bigrams, context, cues, i));
  }

  /**
   * Feature hashes of position i: the window words' own, then `addPositionFeatures`; `describe`
   * names them in this order. `bigrams` holds `bigramHashOf` of each word.
   */
  positionHashes(words: readonly WordFeatureHashes[], bigrams: Uint32Array, context: readonly (ContextIds | undefined)[], cues: readonly (ContextIds | undefined)[], i: number): Uint32Array {
    const parts: number[] = [];
    OFFSETS.forEach((offset, offsetIndex) => {
      for (const hash of words[i + offset]?.atOffset[offsetIndex] ?? []) parts.push(hash);
    });
    this.addPositionFeatures(bigrams, context, cues, i, parts);
    return Uint32Array.from(parts);
  }

  /**
   * Appends the features of a position that are not a window word's own: bias, the text's edges,
   * word bigrams, the context there and the document's cues for the word (see `documentCues`).
   * `bigrams` holds `bigramHashOf` of each word of the text (so its length is the text's).
   */
  addPositionFeatures(bigrams: Uint32Array, context: readonly (ContextIds | undefined)[], cues: readonly (ContextIds | undefined)[], i: number, out: number[]): void {
    out.push(BIAS);
    const length = bigrams.length;
    for (let offsetIndex = 0; offsetIndex < OFFSETS.length; offsetIndex++) {
      const at = i + (OFFSETS[offsetIndex] as number);
      if (at < 0 || at >= length) out.push(EDGES[offsetIndex] as number);
    }
    const here = bigrams[i] as number;
    if (i > 0) out.push(bigramFeature(bigrams[i - 1] as number, here, BIGRAM_BEFORE));
    if (i + 1 < length) out.push(bigramFeature(here, bigrams[i + 1] as number, BIGRAM_AFTER));
    for (const feature of context[i] ?? NO_IDS) out.push(this.contextHashOf(feature));
    for (const cue of cues[i] ?? NO_IDS) out.push(this.cueHashOf(cue));
  }

  /** The hash of context feature `id` (as `addPositionFeatures` gives it). */
  contextHashOf(id: number): number {
    return this.contextHashes[id] ?? this.hashOf(id, false);
  }

  /** The hash of context feature `id` as a cue of the word's other occurrences. */
  cueHashOf(id: number): number {
    return this.cueHashes[id] ?? this.hashOf(id, true);
  }

  /**
   * A name is often introduced once with its cues (`شركة نيسان`, `الحارس ايكر كاسياس`) and then
   * repeated bare. Each occurrence of a word gets the cues the document gives its other
   * occurrences: the context features there, and the word before. Only words that may be names
   * take part (not function words, nor ordinary words of the word list that no name list holds):
   * `الحكومة` repeated says nothing, and the cost stays with the few words that may be names.
   * The cues of each position, sorted, or undefined when there are none.
   */
  documentCues(tokens: readonly Token[], context: readonly (ContextIds | undefined)[], factsOf: (token: Token) => WordDocumentFacts = this.factsOf): (ContextIds | undefined)[] {
    const length = tokens.length;
    // Each name-like word of the document gets a small number (its first occurrence's order) and
    // a count of its occurrences; positions of other words keep -1.
    const wordAt = new Int32Array(length).fill(-1);
    const numbers = new Map<string, number>();
    const occurrences: number[] = [];
    // By word type id, its number (-1: not a name-like word), so a type's later occurrences skip
    // its facts and the stem's lookup; NOT_SEEN before its first.
    const numberOfType = new Int32Array(maxWordId(tokens) + 1).fill(NOT_SEEN);
    for (let i = 0; i < length; i++) {
      const token = tokens[i] as Token;
      let word = numberOfType[token.word] as number;
      if (word === NOT_SEEN) {
        const facts = factsOf(token);
        word = facts.nameLike ? (numbers.get(facts.bareStem) ?? -1) : -1;
        if (facts.nameLike && word === -1) {
          word = occurrences.length;
          numbers.set(facts.bareStem, word);
          occurrences.push(0);
        }
        numberOfType[token.word] = word;
      }
      if (word === -1) continue;
      occurrences[word] = (occurrences[word] as number) + 1;
      wordAt[i] = word;
    }
    // By word type id, the id of the cue `before=` it gives the word after it (NOT_SEEN until asked).
    const cueAfterType = new Int32Array(numberOfType.length).fill(NOT_SEEN);
    // Per word, how many of its occurrences carry each cue: an occurrence shares a cue when another one has it.
    const cuesOf = new Array<number[] | undefined>(length);
    const cueCounts = new Array<Map<number, number> | undefined>(occurrences.length);
    for (let i = 0; i < length; i++) {
      const word = wordAt[i] as number;
      if (word === -1 || (occurrences[word] as number) < 2) continue;
      const previous = i > 0 ? tokens[i - 1] : undefined;
      // In first-seen order, each once (the cues are few: a list beats a set).
      const cues: number[] = [];
      for (const feature of context[i] ?? NO_IDS) if (this.isCue(feature) && !cues.includes(feature)) cues.push(feature);
      if (previous && previous.kind === 'arabic') {
        let before = cueAfterType[previous.word] as number;
        if (before === NOT_SEEN) {
          before = this.contextVocabulary.idOf(`before=${factsOf(previous).bareStem}`);
          cueAfterType[previous.word] = before;
        }
        if (!cues.includes(before)) cues.push(before);
      }
      cuesOf[i] = cues;
      const counts = (cueCounts[word] ??= new Map());
      for (const cue of cues) counts.set(cue, (counts.get(cue) ?? 0) + 1);
    }
    // Per word, its most frequent cues (a bound: a word repeated thousands of times after as many
    // different words would otherwise give every occurrence every other one's cue), sorted by name.
    const { contextVocabulary } = this;
    const byName = (a: number, b: number): number => {
      const nameA = contextVocabulary.nameOf(a);
      const nameB = contextVocabulary.nameOf(b);
      return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
    };
    // `once` is only asked whether it holds a cue: its order does not matter.
    const kept = cueCounts.map((counts) => {
      if (counts === undefined) return undefined;
      // Nearly always every cue is kept: no ranking then.
      const ranked = counts.size <= MAX_CUES_PER_WORD ? [...counts] : [...counts].sort((a, b) => b[1] - a[1] || byName(a[0], b[0])).slice(0, MAX_CUES_PER_WORD);
      const cues = ranked.map(([cue]) => cue);
      if (cues.length > 1) cues.sort(byName);
      return { cues, once: ranked.filter(([, count]) => count === 1).map(([cue]) => cue) };
    });
    const shared = new Array<ContextIds | undefined>(length);
    for (let i = 0; i < length; i++) {
      const number = wordAt[i] as number;
      const word = number === -1 ? undefined : kept[number];
      if (word === undefined) continue;
      // An occurrence shares every kept cue but those only it carries.
      const mine = word.once.length === 0 ? NO_IDS : (cuesOf[i] ?? NO_IDS).filter((cue) => word.once.includes(cue));
      const cues = mine.length === 0 ? word.cues : word.cues.filter((cue) => !mine.includes(cue));
      if (cues.length > 0) shared[i] = cues;
    }
    return shared;
  }

  /** Whether a context feature is said of a word's other occurrences (all but the rules' neighbour marks, `rule[+1]=`). */
  private isCue(feature: number): boolean {
    while (this.cueFlags.length <= feature) this.cueFlags.push(!this.contextVocabulary.nameOf(this.cueFlags.length).startsWith('rule['));
    return this.cueFlags[feature] as boolean;
  }

  /**
   * What the document gives each position beside its words: the context features with the
   * topic's (`withTopic`), and the cues of the word's other occurrences, taken from the plain
   * context features (the topic's say nothing another occurrence does not).
   */
  documentFeatures(tokens: readonly Token[], plain: readonly (ContextIds | undefined)[], factsOf: (token: Token) => WordDocumentFacts = this.factsOf): DocumentFeatures {
    return { cues: this.documentCues(tokens, plain, factsOf), context: this.withTopic(tokens, plain, factsOf) };
  }

  /** The document facts of a token's word, kept per word type here (the tagger passes its own). */
  private readonly factsOf = (token: Token): WordDocumentFacts => this.wordTypes.of(token).facts;

  /**
   * In a match report, each position also gets its word's frequency band and list flags, and each
   * of its context features, conjoined with the topic: a rare word in sports news is a club or a
   * player far more often than in other news, and a city there is often its club.
   */
  withTopic(tokens: readonly Token[], context: readonly (ContextIds | undefined)[], factsOf: (token: Token) => WordDocumentFacts = this.factsOf): readonly (ContextIds | undefined)[] {
    if (!isSportsText(tokens)) return context;
    const inSports = (id: number): number => (this.sportsContext[id] ??= this.contextVocabulary.idOf(`sports&${this.contextVocabulary.nameOf(id)}`));
    return tokens.map((token, i) => {
      const topic = factsOf(token).topic;
      const here = context[i];
      // Most words have no context feature: their list is the topic's alone, one per topic.
      if (here === undefined) return (this.topicOnly[topic] ??= [topic]);
      return [...here, topic, ...here.map(inSports)];
    });
  }

  /** Readable names of the features at position i, in the order `positionHashes` gives their hashes. */
  describe(tokens: readonly Token[], context: readonly (ContextIds | undefined)[], cues: readonly (ContextIds | undefined)[], i: number): string[] {
    const names: string[] = [];
    OFFSETS.forEach((offset) => {
      const token = tokens[i + offset];
      if (token === undefined) return;
      for (const [template, value] of wordFeatures(token.key, this.lexicon)) {
        if (templateAt(template, offset)) names.push(`${template}[${offset}]=${value}`);
      }
    });
    names.push('bias');
    for (const offset of OFFSETS) if (tokens[i + offset] === undefined) names.push(`edge[${offset}]`);
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const first = (token: Token | undefined): string => (token ? (wordFeatures(token.key, this.lexicon)[0]?.[1] ?? '') : '');
    if (before && tokens[i]) names.push(`w[-1]w[0]=${first(before)} ${first(tokens[i])}`);
    if (after && tokens[i]) names.push(`w[0]w[1]=${first(tokens[i])} ${first(after)}`);
    for (const feature of context[i] ?? NO_IDS) names.push(this.contextVocabulary.nameOf(feature));
    for (const cue of cues[i] ?? NO_IDS) names.push(`doc:${this.contextVocabulary.nameOf(cue)}`);
    return names;
  }

  /**
   * The hash of context feature `id`, or of it as a cue of another occurrence, computed with those
   * of every id before it: the tables stay dense arrays, read by id.
   */
  private hashOf(id: number, asCue: boolean): number {
    while (this.contextHashes.length <= id) {
      const hash = combine(hashString(this.contextVocabulary.nameOf(this.contextHashes.length)), 99);
      this.contextHashes.push(hash);
      this.cueHashes.push(combine(hash, DOCUMENT_SLOT));
    }
    return (asCue ? this.cueHashes[id] : this.contextHashes[id]) as number;
  }
}

/** The feature every position has. */
export const BIAS = hashString('bias');
/** The slots of the word bigram before a position (w[-1]w[0]) and after it (w[0]w[1]). */
export const BIGRAM_BEFORE = 90;
export const BIGRAM_AFTER = 91;

/** The feature of two neighbouring words (their `bigramHashOf`), in `slot`. */
export function bigramFeature(first: number, second: number, slot: number): number {
  return combine(first ^ Math.imul(second, 31), slot);
}
/** A word type a document pass has not met yet (see `documentCues`). */
const NOT_SEEN = -2;

/** The largest word type id among the tokens (ids are valid within one document). */
function maxWordId(tokens: readonly Token[]): number {
  let most = -1;
  for (const token of tokens) if (token.word > most) most = token.word;
  return most;
}

/** Cues kept per word of a document (its most frequent): news names take far fewer. */
const MAX_CUES_PER_WORD = 32;
const NO_IDS: ContextIds = [];
/** Combined with a cue's hash, marks it as said of another occurrence (`doc:` in readable names). */
const DOCUMENT_SLOT = 98;
const EDGE = hashString('edge');
/** The edge feature of each window offset (a window word beyond the text's start or end). */
export const EDGES: readonly number[] = OFFSETS.map((_, offsetIndex) => combine(EDGE, offsetIndex));

function templateAt(template: string, offset: number): boolean {
  return (offsetsOfTemplate(template) & (1 << OFFSETS.indexOf(offset as (typeof OFFSETS)[number]))) !== 0;
}

/** The window offsets a template is read at, as bits by offset index (bit i: OFFSETS[i]). */
function offsetsOfTemplate(template: string): number {
  return (TEMPLATE_HASHING.get(template) ?? templateHashing(template)).offsets;
}

function templateOffsets(template: string): number {
  const neighbour = AT_NEIGHBOUR.has(template);
  const distanceTwo = AT_DISTANCE_TWO.has(template);
  let offsets = 0;
  OFFSETS.forEach((offset, offsetIndex) => {
    if (offset === 0 || (Math.abs(offset) === 1 ? neighbour : distanceTwo)) offsets |= 1 << offsetIndex;
  });
  return offsets;
}

/** What a word's feature hashes take from its template: its window offsets, and the hash state after `template=`. */
interface TemplateHashing {
  readonly offsets: number;
  readonly prefix: number;
}

function templateHashing(template: string): TemplateHashing {
  return { offsets: templateOffsets(template), prefix: hashPrefix(template, '=') };
}

/**
 * The hashing of every template a word's features use, found once: a new word type asks it for
 * each of its features (hostile or unseen text brings tens of thousands of types).
 */
const TEMPLATE_HASHING: ReadonlyMap<string, TemplateHashing> = new Map(['w', 's', 'c', 'shape', 'p1', 'p2', 'x1', 'x2', 'x3', 'clitic', 'al', 'gw', 'gn', 'wd', 'lx', 'fw', 'freq', 'wf'].map((template) => [template, templateHashing(template)]));

function hashWordFeatures(features: readonly WordFeature[]): WordFeatureHashes {
  // Done for every new word type of a text (real text brings thousands): typed arrays filled in
  // place, the `template=value` hashes without building the strings.
  const count = features.length;
  const valueHashes = new Uint32Array(count);
  const offsetsOf = new Uint8Array(count);
  for (let f = 0; f < count; f++) {
    const [template, value] = features[f] as WordFeature;
    // The hash of `template=value`, from the template's state.
    const hashing = TEMPLATE_HASHING.get(template) ?? templateHashing(template);
    valueHashes[f] = hashAfter(hashing.prefix, value);
    offsetsOf[f] = hashing.offsets;
  }
  const atOffset: Uint32Array[] = [];
  for (let offsetIndex = 0; offsetIndex < OFFSETS.length; offsetIndex++) {
    const bit = 1 << offsetIndex;
    let size = 0;
    for (let f = 0; f < count; f++) if (((offsetsOf[f] as number) & bit) !== 0) size++;
    const hashes = new Uint32Array(size);
    let filled = 0;
    for (let f = 0; f < count; f++) if (((offsetsOf[f] as number) & bit) !== 0) hashes[filled++] = combine(valueHashes[f] as number, offsetIndex);
    atOffset.push(hashes);
  }
  return { atOffset };
}

/**
 * A word's part of the word bigram features: the hash of its first feature at offset 0 (every
 * word has features there: `w` or `shape` comes first).
 */
export function bigramHashOf(hashes: WordFeatureHashes): number {
  return hashes.atOffset[OFFSETS.indexOf(0)]?.[0] ?? 0;
}

/** The kind of word a key is, from its first character (what the features of a word type can know). */
function kindOfKey(key: string): Token['kind'] {
  const code = key.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return 'number';
  if (code >= 0x0600 && code <= 0x08ff) return 'arabic';
  if (/^\p{L}/u.test(key)) return 'latin';
  return 'punct';
}
