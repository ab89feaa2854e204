import type { CutRule, RestoredCut, TextView, Token } from '../../types.js';
import { toKey } from '../normalize.js';
import { onlySpacesBetween } from '../tokenize.js';
import { WordFact, WordTypes } from '../word-types.js';
import { ARTICLE, hasInnerWordEndIn } from './alphabet.js';
import { createDocumentWordReader, type TokenTest } from './document-words.js';
import { endsWithFunctionWord, isFunctionWordBeside } from './glue-words.js';
import { withHamzaParticleCuts } from './hamza-particles.js';
import { pieceOf, withTokensCut } from './piece.js';
import { MIN_RUN, type RunSegmentation, type Segmenter } from './segmenter.js';

/**
 * Splits Arabic tokens that are several words written without a space (`الولاياتالمتحدة`,
 * `فيغزة`, `لندنوواشنطن`) into the words the segmenter finds, each piece marked `joined` and,
 * after the first, carrying the confidence of the cut before it. Pieces are what would have
 * stood between spaces: proclitics stay on their word (`لندن` + `وواشنطن`), as anywhere else.
 *
 * A form written the same way again in the same document is likelier one word: a lost space is
 * a slip, seldom repeated, while a name the word model has never seen (`ميغاترون`, `الديالمة`)
 * is written whole each time it comes back. Such a form is segmented again with its probability
 * as one word multiplied by `repeatedFormFactor`, which keeps the cuts that are near certain
 * (`لايستطيع`) and drops the doubtful ones. A document that lost almost no spaces (its first
 * reading cuts fewer than one word in a hundred) is read again with a lower prior of a lost space
 * (CLEAN_DOCUMENT_RATE): a doubtful cut in correctly written text is more often a word written
 * whole than a slip. The document is evidence the other way too: a name the word model does not
 * know, glued to the words around it, is cut out of them where the document writes it alone or
 * beside other words (document-words.ts).
 */
export interface RunSplitter {
  /** `tokens`: those of one document (the document is the scope of the repeated forms). */
  split(tokens: readonly Token[], view: TextView): Token[];
}

export interface RunSplitterOptions {
  /** Factor on a run's probability as one word when its form stands at least twice in the document (1: no effect). */
  readonly repeatedFormFactor?: number;
  /** Whether a match key is a listed name word (`مكتوم`, `ثاني`): what may follow `آل`, "the family of". */
  readonly isNameWord?: (key: string) => boolean;
  /** Whether the first two or more of these words (match keys) are a whole listed name (`كوت ديفوار`, `تل أبيب`). */
  readonly startsName?: (words: readonly string[]) => boolean;
  /** Whether a match key is the second word of a listed name of two words or more (`ديفوار`, `أبيب`): where startsName may be true. */
  readonly isNameSecondWord?: (key: string) => boolean;
  /** Whether a match key is a word of the general word list (what may stand before a name's first word). */
  readonly isWord?: (key: string) => boolean;
  /** Whether a match key is a listed nationality adjective (`التركي`, `الإسباني`): a name often follows it. */
  readonly isNationality?: (key: string) => boolean;
  /** Whether a match key is a word of a listed person's name or a given name (`نانسي`, `بطرس`): a name may go on after it. */
  readonly isPersonWord?: (key: string) => boolean;
  /** Whether a display form, hamza and all, is a word of the general word list as written (`الشأن`; `الدوليإن` is not, though its key `الدوليان` is). */
  readonly isWrittenWord?: (display: string) => boolean;
}

/** Chosen on the development part (see models/segmenter/README.md), not on the held-out one. */
export const REPEATED_FORM_FACTOR = 100;

/**
 * A document whose first reading makes fewer than this many cuts per Arabic word is taken to
 * have lost few spaces, if any (on the development part, every 20-sentence article as written is
 * under 0.008, every one with 5% or more of its spaces deleted at random over 0.018), and its cut
 * forms are segmented again with the prior of a lost space multiplied by CLEAN_DOCUMENT_FACTOR.
 * The segmenter's prior (0.04 a position) is the rate of text that lost a fifth of its spaces;
 * correctly written text loses a few in ten thousand words, so a cut there needs more evidence:
 * the pieces of a name or rare word the word model half knows (`الجو|كندا`, `وكل|ارنس`) are
 * left whole, while the near-certain cuts stay (`ما|فيها`, `شباط|فبراير`).
 */
export const CLEAN_DOCUMENT_RATE = 0.01;
/** Chosen on the development part (0.05, 0.1, 0.2, 0.35 tried), not on the held-out one. */
export const CLEAN_DOCUMENT_FACTOR = 0.1;

/**
 * A token right after a word of a person's name (`بطرس غاليوزير`), in a document that is not
 * clean, is read again with the prior of a lost space multiplied by this, for the name's end (see
 * nameEnd). Chosen on the development part (3, 10, 30, 100 tried), not on the held-out one.
 */
export const AFTER_NAME_FACTOR = 10;
/** The shortest adjective read, its article included, and the shortest name after it. */
const MIN_NATIONALITY = 4;
const MIN_NAME_AFTER_NATIONALITY = 3;
/** Proclitics before an adjective with its article (`للبرازيلي`, `والبرتغالي`: ل eats the article's alef). */
const PROCLITICS_BEFORE_ARTICLE = /^(?:[وف]?[بك](?=ال)|[وف]?ل(?=ل)|[وف](?=ال))/;
/** What may follow an adjective in `ي` in one word: its plurals and duals, with a pronoun too (`التركيين`, `العراقيتينهما`). */
const ADJECTIVE_ENDINGS: readonly string[] = ['ين', 'ون', 'تين', 'تان', 'يين', 'يون', 'ات', 'ه'];
/** All of this rule's cuts on the development part's variants restored a deleted space, but they were 4: below certainty. */
const NATIONALITY_CUT: RestoredCut = { confidence: 0.9, by: 'nationality' };
/** A name's last word has three letters or more. */
const MIN_NAME_END = 3;
/**
 * Before a function word glued to the end of a token that follows no name word, four letters or
 * more: shorter pieces are function words or stems as often (`تحت|في` for `تحتفي`, `بضع|في`,
 * `جير|من`). Chosen on the development part (3, 4, 5 tried).
 */
const MIN_BEFORE_FUNCTION_WORD = 4;
/**
 * A frequent word after a name keeps three letters without its conjunction: shorter frequent
 * keys are endings as often (`يساعد|وهم`, `دكا|لة`, `البن|وان`); function words are a closed set.
 */
const MIN_WORD_AFTER_NAME = 3;
const CONJUNCTION = /^[وف]/;

export function createRunSplitter(segmenter: Segmenter, options: RunSplitterOptions = {}): RunSplitter {
  const repeatedFormFactor = options.repeatedFormFactor ?? REPEATED_FORM_FACTOR;
  // One answer per written form (the display text: its ة and أ are evidence the key has folded):
  // news text repeats its words. The table is bounded as the word types are (it starts over
  // between documents once full), so hostile text costs bounded memory.
  const forms = new WordTypes();
  // The key of a written form is its fold (toKey), as the token's key is the fold of its text.
  const { isNameWord } = options;
  const segmentationsWith = (wholeFactor: number, lostSpaceFactor: number) =>
    new WordFact((display: string) => {
      const key = toKey(display);
      return withFamilyCuts(key, display, segmenter.segment(key, display, wholeFactor, lostSpaceFactor), isNameWord);
    });
  const segmentations = segmentationsWith(1, 1);
  const repeatedSegmentations = segmentationsWith(repeatedFormFactor, 1);
  const cleanSegmentations = segmentationsWith(1, CLEAN_DOCUMENT_FACTOR);
  const cleanRepeatedSegmentations = segmentationsWith(repeatedFormFactor, CLEAN_DOCUMENT_FACTOR);
  const afterNameSegmentations = segmentationsWith(1, AFTER_NAME_FACTOR);
  const { isPersonWord } = options;
  // The segmenter's count of a word, asked once per word type (the rules ask it of most tokens of every document).
  const frequentWord = new WordFact((key: string) => segmenter.takenAsWritten(key));
  // Whether a word type is a listed name's second word, asked once per type (of the word after most tokens).
  const { isNameSecondWord } = options;
  const nameSecondWord = isNameSecondWord === undefined ? undefined : new WordFact(isNameSecondWord);
  const goesOnWithName: TokenTest = (token) => nameSecondWord === undefined || nameSecondWord.of(token);
  const documentWords = options.isWord === undefined ? undefined : createDocumentWordReader(segmenter, options.isWord);
  return {
    split(tokens, view) {
      forms.startDocument();
      const takenNow: TokenTest = (token) => frequentWord.of(token) && !hasInnerWordEndIn(view.text, token.start, token.end);
      // Pass 1 asks it of every Arabic token of the text of MIN_RUN letters or more and keeps the
      // few it does not take; the rules after it ask again of the same tokens, and of new pieces.
      const notTaken = new Set<Token>();
      const askedInPassOne = (token: Token): boolean => !token.joined && token.kind === 'arabic' && token.key.length >= MIN_RUN;
      const takenAsWritten: TokenTest = (token) => (askedInPassOne(token) ? !notTaken.has(token) : takenNow(token));
      // Most tokens: too short to hold two words, or a frequent word with no `آل` to cut off (withFamilyCuts). No form to look up.
      const hasNoCut: TokenTest = (token) => {
        if (token.key.length < MIN_RUN) return true;
        if (takenNow(token)) return !hasCodeIn(view.text, token.start, token.end, FAMILY_FIRST);
        notTaken.add(token);
        return false;
      };
      // Pass 1: each Arabic token's written form; how often each form that has cuts stands in the document.
      const formIds = new Int32Array(tokens.length).fill(-1);
      const cutForms = new Map<number, number>();
      let arabic = 0;
      let cutCount = 0;
      tokens.forEach((token, i) => {
        if (token.kind !== 'arabic') return;
        arabic++;
        if (hasNoCut(token)) return;
        const id = forms.internRange(view.text, token.start, token.end);
        formIds[i] = id;
        const found = segmentations.at(forms, id).cuts.length;
        // A form's cuts count once: a word written whole again and again is no sign of lost spaces.
        if (!cutForms.has(id)) cutCount += found;
        if (found > 0) cutForms.set(id, (cutForms.get(id) ?? 0) + 1);
      });
      // A document whose first reading cuts fewer than one word in a hundred (each form counted once) lost few spaces, if any.
      const clean = cutCount < CLEAN_DOCUMENT_RATE * arabic;
      // The document's words (by id in the tokens' table), asked only when a form with cuts repeats.
      let words: Set<number> | undefined;
      const standsAlone = (token: Token, segmentation: RunSegmentation): boolean => {
        words ??= new Set(tokens.map((t) => t.word));
        const bounds = [0, ...segmentation.cuts, token.key.length];
        for (let p = 0; p + 1 < bounds.length; p++) {
          const start = bounds[p] ?? 0;
          const end = bounds[p + 1] ?? 0;
          if (end - start >= STANDALONE_PIECE && words.has(token.types.internRange(token.key, start, end))) return true;
        }
        return false;
      };
      // The segmenter's pieces of each token (the token itself when it has no cut), in order: a
      // token right after a word of a person's name (the last piece of the token before it), in a
      // document that lost spaces, may hold the name's end glued to the next word (`بطرس غاليوزير`).
      const split: Token[] = [];
      // A token the word model leaves whole, in a document that lost spaces: after a word of a
      // person's name, a name's end glued to a word; elsewhere, a word glued to a function word.
      const lostSpaceAtEnd = (i: number, id: number): RunSegmentation | undefined => {
        const token = tokens[i] as Token;
        if (isPersonWord !== undefined && followsPersonWord(tokens[i - 1], split[split.length - 1], token, view, isPersonWord)) return nameEnd(token, afterNameSegmentations.at(forms, id), view, segmenter);
        // A cheap test on the view first: most tokens end with no function word.
        if (!endsWithFunctionWord(view.text, token.start + MIN_BEFORE_FUNCTION_WORD, token.end)) return undefined;
        return functionWordEnd(token, afterNameSegmentations.at(forms, id), view);
      };
      tokens.forEach((token, i) => {
        const id = formIds[i] ?? -1;
        const first = id === -1 ? NONE : segmentations.at(forms, id);
        // In a document that lost almost no spaces, a repeated form is a word even when a piece of it stands alone.
        const repeated = repeatedFormFactor !== 1 && (cutForms.get(id) ?? 0) >= 2 && (clean || !standsAlone(token, first));
        const again = clean ? (repeated ? cleanRepeatedSegmentations : cleanSegmentations) : repeated ? repeatedSegmentations : undefined;
        const named = !clean && !repeated && first.cuts.length === 0 && id !== -1 ? lostSpaceAtEnd(i, id) : undefined;
        const { cuts, confidences, rules } = named ?? (again === undefined || first.cuts.length === 0 ? first : again.at(forms, id));
        if (cuts.length === 0) {
          split.push(token);
          return;
        }
        const bounds = [0, ...cuts, token.key.length];
        bounds.slice(1).forEach((end, p) =>
          split.push(p === 0 ? pieceOf(token, view, token.start, token.start + end, undefined) : pieceOf(token, view, token.start + (bounds[p] ?? 0), token.start + end, { confidence: confidences[p - 1] ?? 0, by: rules?.[p - 1] ?? 'word-model' })),
        );
      });
      const read = documentWords === undefined ? split : documentWords.cut(split, view, takenAsWritten, !clean);
      return withNameStartsCut(clean ? read : withLostSpaceCuts(read, view, takenAsWritten, options), view, takenAsWritten, goesOnWithName, options);
    },
  };
}

/** The rules read only in a document that lost spaces: a nationality adjective before a name, a particle spelt with its hamza after a word. */
function withLostSpaceCuts(tokens: Token[], view: TextView, takenAsWritten: TokenTest, options: RunSplitterOptions): Token[] {
  const { isWrittenWord } = options;
  const read = withNationalityCuts(tokens, view, takenAsWritten, options);
  return isWrittenWord === undefined ? read : withHamzaParticleCuts(read, view, takenAsWritten, isWrittenWord);
}

/**
 * A nationality adjective glued to the name after it (`التركينظمي`, `الإسبانيدانيال`), in a
 * document that lost spaces: sports and foreign news put a player's or a leader's nationality
 * before the name. A piece the segmenter does not take as written and no word of the word list,
 * made of proclitics, a listed adjective with its article ending in `ي` and three letters or more
 * that start with no ending of it (`التركيين`, `العراقيتين`), is cut after the adjective.
 */
function withNationalityCuts(tokens: Token[], view: TextView, takenAsWritten: TokenTest, options: RunSplitterOptions): Token[] {
  const { isNationality, isWord } = options;
  if (isNationality === undefined || isWord === undefined) return tokens;
  const cutAt = (token: Token): number | undefined => {
    if (token.kind !== 'arabic' || token.key.length < MIN_NATIONALITY + MIN_NAME_AFTER_NATIONALITY) return undefined;
    const end = nationalityEnd(token, takenAsWritten, isNationality, isWord);
    return end === undefined ? undefined : token.start + end;
  };
  return withTokensCut(tokens, view, cutAt, NATIONALITY_CUT);
}

function nationalityEnd(token: Token, takenAsWritten: TokenTest, isNationality: (key: string) => boolean, isWord: (key: string) => boolean): number | undefined {
  const { key } = token;
  const proclitics = PROCLITICS_BEFORE_ARTICLE.exec(key)?.[0].length ?? 0;
  for (let end = key.indexOf('ي', proclitics + MIN_NATIONALITY - 1); end !== -1 && key.length - end - 1 >= MIN_NAME_AFTER_NATIONALITY; end = key.indexOf('ي', end + 1)) {
    const cut = end + 1;
    // After ل the article has lost its alef (`للبرازيلي` is ل + البرازيلي).
    const adjective = key.startsWith('لل', proclitics - 1) && proclitics > 0 ? `ا${key.slice(proclitics, cut)}` : key.slice(proclitics, cut);
    const rest = key.slice(cut);
    // The adjective is read with its article (`التركي`): without it, `فرنسيا` (accusative) runs on into the next word.
    if (!adjective.startsWith(ARTICLE) || !isNationality(adjective) || ADJECTIVE_ENDINGS.some((ending) => rest.startsWith(ending))) continue;
    if (takenAsWritten(token) || isWord(key)) return undefined;
    return cut;
  }
  return undefined;
}

/**
 * The end of a name glued to the word after it (`بطرس غاليوزير`, `حسين الشهرستانيأكد`), read with
 * a higher prior of a lost space: only the last cut is kept, where what follows is a frequent word
 * (the segmenter takes it as written) and what precedes it is a name's last word. A higher prior
 * alone would cut the unknown name too (`الشهر|ستاني`).
 */
function nameEnd(token: Token, boosted: RunSegmentation, view: TextView, segmenter: Segmenter): RunSegmentation | undefined {
  const cut = boosted.cuts[boosted.cuts.length - 1];
  if (cut === undefined || cut < MIN_NAME_END) return undefined;
  const key = token.key.slice(cut);
  const display = view.text.slice(token.start + cut, token.end);
  const word = isFunctionWordBeside(display, 'after') || (key.replace(CONJUNCTION, '').length >= MIN_WORD_AFTER_NAME && segmenter.takenAsWritten(key, display));
  return word ? lastCutOnly(boosted, 'name-end') : undefined;
}

/**
 * A function word glued to the end of a word the word model does not know well (`أوبكفي`,
 * `دافنشيهي`), in a token that follows no name word: read with the same
 * higher prior as a name's end, only the last cut is kept, where a function word follows and
 * four letters or more precede it (`MIN_BEFORE_FUNCTION_WORD`). A frequent word after the cut, as
 * after a name, cut too many rare words and names in two (`لموت|سارت`, `بنوكي|المجلة`): the
 * closed set of function words is what a lost space leaves at a word's end.
 */
function functionWordEnd(token: Token, boosted: RunSegmentation, view: TextView): RunSegmentation | undefined {
  const cut = boosted.cuts[boosted.cuts.length - 1];
  if (cut === undefined || cut < MIN_BEFORE_FUNCTION_WORD || !isFunctionWordBeside(view.text.slice(token.start + cut, token.end), 'after')) return undefined;
  return lastCutOnly(boosted, 'function-word-end');
}

/** The last cut of a segmentation alone, with its confidence, made by `rule`. */
function lastCutOnly(segmentation: RunSegmentation, rule: CutRule): RunSegmentation {
  const last = segmentation.cuts.length - 1;
  return { cuts: [segmentation.cuts[last] ?? 0], confidences: [segmentation.confidences[last] ?? 0], rules: [rule] };
}

/** Whether `token` comes right after a word of a person's name: the last piece of the token before it (`lastPiece`), only spaces between. */
function followsPersonWord(before: Token | undefined, lastPiece: Token | undefined, token: Token, view: TextView, isPersonWord: (key: string) => boolean): boolean {
  return (
    before !== undefined &&
    lastPiece !== undefined &&
    before.kind === 'arabic' &&
    token.start > before.end &&
    onlySpacesBetween(view.text, before.end, token.start) &&
    isPersonWord(lastPiece.key) &&
    // `على` folds to the key of `علي` (Ali): a function word is no name.
    !isFunctionWordBeside(view.text.slice(lastPiece.start, lastPiece.end), 'before')
  );
}

/**
 * `آل` ("the family of") written together with the name after it (`آلمكتوم`, `راشدآلمكتوم`,
 * `آلثاني`): the article is never spelt with `آ`, but the match key folds it, so the key reads
 * as the article and a word (`الثاني`, "the second", too frequent a word for the segmenter to cut
 * at all). A piece that starts with `آل` and goes on with a listed name word is cut after `آل`.
 * Words that start with `آل` (`آلة`, `آلاف`, `آلامهم`) leave no listed name after it.
 */
function withFamilyCuts(key: string, display: string, segmentation: RunSegmentation, isNameWord: ((key: string) => boolean) | undefined): RunSegmentation {
  if (isNameWord === undefined || !display.includes(FAMILY)) return segmentation;
  const bounds = [0, ...segmentation.cuts, key.length];
  const cuts: number[] = [];
  const confidences: number[] = [];
  const rules: CutRule[] = [];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const start = bounds[p] ?? 0;
    const end = bounds[p + 1] ?? 0;
    if (p > 0) {
      cuts.push(start);
      confidences.push(segmentation.confidences[p - 1] ?? 0);
      rules.push('word-model');
    }
    if (display.startsWith(FAMILY, start) && end - start - FAMILY.length >= MIN_FAMILY_NAME && isNameWord(key.slice(start + FAMILY.length, end))) {
      cuts.push(start + FAMILY.length);
      confidences.push(FAMILY_CUT_CONFIDENCE);
      rules.push('family-name');
    }
  }
  return cuts.length === segmentation.cuts.length ? segmentation : { cuts, confidences, rules };
}

/**
 * A listed name of several words whose first word is glued to the word before it (`بطلكوت
 * ديفوار`, `فيتل أبيب`, `إلىسري لانكا`): its first word is short or foreign, so the segmenter
 * has no reason to cut it off, but the words after it say which name it starts. The token is cut
 * before the name's first word when that word and the tokens after it are a whole listed name
 * (`كايسي إن` is no `سي إن إن`), the segmenter would not take the token as written (`وابن علي`
 * stays: running text has `وابن` often) and what is
 * left before the name's first word is a word of the word list (two letters or more: a proclitic
 * alone is read by the gazetteer already).
 */
/** `goesOnWithName`: whether a token may be a listed name's second word. */
function withNameStartsCut(tokens: Token[], view: TextView, takenAsWritten: TokenTest, goesOnWithName: TokenTest, options: RunSplitterOptions): Token[] {
  const { startsName, isWord } = options;
  if (startsName === undefined || isWord === undefined) return tokens;
  // Two tokens a space or more apart, and nothing else (pieces of one run touch).
  const spaced = (a: Token, b: Token): boolean => b.start > a.end && onlySpacesBetween(view.text, a.end, b.start);
  // Cheapest tests first: most tokens are words running text has often.
  const cutAt = (token: Token, i: number): number | undefined => {
    const next = tokens[i + 1];
    if (token.kind !== 'arabic' || token.key.length < 2 * MIN_GLUED_PART || next === undefined || next.kind !== 'arabic' || takenAsWritten(token) || !goesOnWithName(next) || !spaced(token, next)) return undefined;
    return nameStartIn(token, i, tokens, spaced, startsName, isWord);
  };
  return withTokensCut(tokens, view, cutAt, NAME_START_CUT);
}

/** Where the listed name that the token's end starts begins (a raw offset), if the token is cut before it. */
function nameStartIn(
  token: Token,
  i: number,
  tokens: readonly Token[],
  spaced: (a: Token, b: Token) => boolean,
  startsName: (words: readonly string[]) => boolean,
  isWord: (key: string) => boolean,
): number | undefined {
  const length = token.key.length;
  // A name's first word at the token's end (words[0], each length in turn), then the words after
  // the token as far as only spaces part them: the rest of a name it may start.
  const words = [''];
  for (let j = i + 1; j < tokens.length && words.length <= MAX_NAME_WORDS; j++) {
    const word = tokens[j] as Token;
    if (word.kind !== 'arabic' || !spaced(tokens[j - 1] as Token, word)) break;
    words.push(word.key);
  }
  for (let first = Math.min(MAX_NAME_START, length - MIN_GLUED_PART); first >= MIN_GLUED_PART; first--) {
    words[0] = token.key.slice(length - first);
    if (!startsName(words)) continue;
    const before = token.key.slice(0, length - first);
    if (PROCLITICS_ONLY.test(before) || !isWord(before)) continue;
    return token.end - first;
  }
  return undefined;
}

/** A glued name's first word and the word before it have two letters or more each. */
const MIN_GLUED_PART = 2;
/** Words of a listed name read after the token. */
const MAX_NAME_WORDS = 5;
/** Longest first word of a listed name looked for at a token's end. */
const MAX_NAME_START = 8;
/** Proclitics alone (`ول`, `وب`): the gazetteer reads a name behind them already, and they are no word to cut off. */
const PROCLITICS_ONLY = /^[وف]?[بلك]?$/;
/** The cut is as sure as the name the next word completes. */
const NAME_START_CUT: RestoredCut = { confidence: 0.9, by: 'name-start' };

const FAMILY = 'آل';
const FAMILY_FIRST = FAMILY.charCodeAt(0);

/** Whether text[start, end) holds the code unit `code`. */
function hasCodeIn(text: string, start: number, end: number, code: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}
/** Names after `آل` have three letters or more (`ثاني`, `سعود`). */
const MIN_FAMILY_NAME = 3;
/** The spelling rules out the article and the name is listed: the cut is as sure as the list. */
const FAMILY_CUT_CONFIDENCE = 0.99;

/** A piece this long written alone elsewhere in the document says the run's pieces are words there. */
const STANDALONE_PIECE = 3;

const NONE: RunSegmentation = { cuts: [], confidences: [] };
