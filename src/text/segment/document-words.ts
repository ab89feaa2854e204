import type { RestoredCut, TextView, Token } from '../../types.js';
import { toKey } from '../normalize.js';
import { WordFact, WordTypes } from '../word-types.js';
import { ARTICLE } from './alphabet.js';
import { glueWordTest, MIN_FUNCTION_WORD, type GlueSide, type GlueWordTest } from './glue-words.js';
import { pieceOf } from './piece.js';
import type { Segmenter } from './segmenter.js';

/**
 * A name the word model does not know, glued to the words around it (`الرياضيةألونسويعبر`,
 * `فياوبكان`, `اعتبرألونسوأن`): the segmenter has no count for the name, so a cut beside it is
 * never sure enough. But a name comes back in its article, and a space lost beside it is a slip
 * that falls each time next to another word. The document is the evidence: a token or a
 * segmenter's piece that no word list knows is cut into [x] name [y], x and y glue words (see
 * glue-words.ts; one may be absent), when the name is a word of this document the word model does
 * not take as written: it stands alone as a token or piece here (`ألونسو` written apart once), or
 * it is read before two or more different glue words in the document (`ألونسو|يعبر`,
 * `ألونسو|أن`, `ألونسو|فشل`). Only the words after it count: runs that end alike after different
 * words are more often forms of one word (`دونغيين`, `جونغيين`; `المعلوميات`, `معلوميات`).
 * `lostSpaces`: the document lost spaces (runs.ts: it is not clean), so the glue words are more
 * (see glueWordTest).
 */
export interface DocumentWordReader {
  /** The tokens with the document words cut out of their runs; `lostSpaces`: the document lost spaces (see glueWordTest). */
  cut(tokens: Token[], view: TextView, takenAsWritten: TokenTest, lostSpaces: boolean): Token[];
}

/**
 * A reader whose readings of a written form are kept across documents (news text repeats its
 * rare words too), in a table of written forms bounded as the word types are (text/word-types.ts),
 * so hostile text costs bounded memory. What the document says about each reading is asked anew
 * for each document.
 */
export function createDocumentWordReader(segmenter: Segmenter, isWord: (key: string) => boolean): DocumentWordReader {
  const displays = new WordTypes();
  // Every reading [x] middle [y] of a written form, x and y glue words, one of them at least; none
  // for a run of the word list, read as written (`والكتاب`, `المديونية`, `فيروس`; asked last, the dearest question).
  const readingsWith = (lostSpaces: boolean): WordFact<readonly Reading[]> =>
    new WordFact((display: string) => {
      const key = toKey(display);
      const found = readingsOf(key, display, glueWordTest(segmenter, isWord, lostSpaces));
      return found.length > 0 && isWord(key) ? NO_READINGS : found;
    });
  const readingsInClean = readingsWith(false);
  const readingsWithLostSpaces = readingsWith(true);
  return {
    cut(tokens, view, takenAsWritten, lostSpaces) {
      displays.startDocument();
      const readings = lostSpaces ? readingsWithLostSpaces : readingsInClean;
      return withDocumentWordCuts(tokens, view, segmenter, takenAsWritten, isWord, lostSpaces, (token) => readings.at(displays, displays.internRange(view.text, token.start, token.end)));
    },
  };
}

function withDocumentWordCuts(
  tokens: Token[],
  view: TextView,
  segmenter: Segmenter,
  takenAsWritten: TokenTest,
  isWord: (key: string) => boolean,
  lostSpaces: boolean,
  readingsOfForm: (token: Token) => readonly Reading[],
): Token[] {
  const displayOf = (token: Token): string => view.text.slice(token.start, token.end);
  const isGlueWord = glueWordTest(segmenter, isWord, lostSpaces);
  // A run of a length to hold a name and a word that the segmenter does not take as written.
  const isCandidate = (token: Token): boolean => token.kind === 'arabic' && token.key.length >= MIN_CANDIDATE && token.key.length <= MAX_CANDIDATE && !takenAsWritten(token);
  // The middle is a word the word model does not know well (`نصر|الله`, `ما|يكون` are no evidence: the segmenter has weighed them).
  const isNewWord = (middle: string): boolean => !segmenter.takenAsWritten(middle);

  // The readings of each candidate (the tokens as the segmenter left them), by index; the glue words read after each middle.
  const candidates: { readonly at: number; readonly found: readonly Reading[] }[] = [];
  const wordsAfter = new Map<string, Set<string>>();
  tokens.forEach((token, at) => {
    // Most tokens are short or frequent words: no slice of the text, no table.
    if (!isCandidate(token)) return;
    const found = readingsOfForm(token);
    if (found.length === 0) return;
    candidates.push({ at, found });
    for (const reading of found) {
      const middle = token.key.slice(reading.before, token.key.length - reading.after);
      let after = wordsAfter.get(middle);
      if (after === undefined) wordsAfter.set(middle, (after = new Set()));
      if (reading.after > 0) after.add(token.key.slice(token.key.length - reading.after));
    }
  });
  // The words of the document written alone (as tokens or pieces), asked only when some run has a reading.
  let standalone: Set<string> | undefined;
  const standsAlone = (): ReadonlySet<string> => (standalone ??= new Set(tokens.filter((t) => t.kind === 'arabic' && t.key.length >= MIN_DOCUMENT_WORD).map((t) => t.key)));

  // Each candidate's best reading; none for a run that is itself the middle of another run's
  // reading, a word of the document (`غوارديولا` beside `غوارديولاما` is not `غوار|ديولا`). The
  // tokens are copied only when one is cut: most documents have no cut here.
  let out: Token[] | undefined;
  let copied = 0;
  for (const { at, found } of candidates) {
    const token = tokens[at] as Token;
    const reading = wordsAfter.has(token.key) ? undefined : bestReading(token.key, found, standsAlone(), wordsAfter, isNewWord, displayOf(token), isGlueWord);
    if (reading === undefined) continue;
    out ??= [];
    while (copied < at) out.push(tokens[copied++] as Token);
    copied = at + 1;
    const from = token.start + reading.before;
    const to = token.end - reading.after;
    if (reading.before > 0) out.push(pieceOf(token, view, token.start, from, token.cut));
    out.push(pieceOf(token, view, from, to, reading.before > 0 ? DOCUMENT_WORD_CUT : token.cut));
    if (reading.after > 0) out.push(pieceOf(token, view, to, token.end, DOCUMENT_WORD_CUT));
  }
  if (out === undefined) return tokens;
  while (copied < tokens.length) out.push(tokens[copied++] as Token);
  return out;
}

const NO_READINGS: readonly Reading[] = [];

/** A question about a token of the document being split (`takenAsWritten`: Segmenter.takenAsWritten of its key and display). */
export type TokenTest = (token: Token) => boolean;

/** A reading of a run as [x] middle [y]: the lengths of x and y (0: absent). */
interface Reading {
  readonly before: number;
  readonly after: number;
}

function readingsOf(key: string, display: string, isGlueWord: GlueWordTest): Reading[] {
  const n = key.length;
  const sides = (side: GlueSide, at: (length: number) => [number, number]): number[] => {
    const lengths = [0];
    for (let length = MIN_FUNCTION_WORD; length <= MAX_SIDE && n - length >= MIN_DOCUMENT_WORD; length++) {
      const [start, end] = at(length);
      if (isGlueWord(key.slice(start, end), display.slice(start, end), side)) lengths.push(length);
    }
    return lengths;
  };
  const befores = sides('before', (length) => [0, length]);
  const afters = sides('after', (length) => [n - length, n]);
  const found: Reading[] = [];
  for (const before of befores) {
    for (const after of afters) {
      if (before + after > 0 && n - before - after >= MIN_DOCUMENT_WORD) found.push({ before, after });
    }
  }
  return found;
}

/**
 * The reading whose middle is best attested in the document: written alone first, then read
 * before the most different words (two at least), then the longest middle.
 */
function bestReading(
  key: string,
  found: readonly Reading[],
  standalone: ReadonlySet<string>,
  wordsAfter: ReadonlyMap<string, ReadonlySet<string>>,
  isNewWord: (middle: string) => boolean,
  display: string,
  isGlueWord: GlueWordTest,
): Reading | undefined {
  const valid: { readonly reading: Reading; readonly rank: number }[] = [];
  for (const reading of found) {
    const middle = key.slice(reading.before, key.length - reading.after);
    if (!isNewWord(middle)) continue;
    const seen = wordsAfter.get(middle)?.size ?? 0;
    const alone = standalone.has(middle);
    // After a word, a middle starts with no `و`: `وها`, `ونها` after verbs (`باعوها`, `يمتلكونها`)
    // are endings every verb shares. Known by the words after it only, a middle is four letters or more.
    // Without a conjunction and the article it keeps three letters (CONJUNCTION_AND_ARTICLE). No
    // word ends with the article: `عبدال|غني` is `عبد|الغني`, not a name `عبدال`.
    if ((reading.before > 0 && middle.startsWith('و')) || middle.endsWith(ARTICLE) || middle.replace(CONJUNCTION_AND_ARTICLE, '').length < MIN_DOCUMENT_WORD || (!alone && (seen < MIN_WORDS_AFTER || middle.length < MIN_CONTEXT_WORD))) continue;
    // Written alone outranks any count of words after it.
    valid.push({ reading, rank: (alone ? ALONE_RANK : 0) + seen });
  }
  // At the same rank, a middle that is another attested middle and a glue word is likelier glued
  // (`انتوخيل` is `ان` + `توخيل`; `توخيل` is not `توخي` + `ل`); then the longer middle wins.
  const holdsAnother = (outer: Reading): boolean =>
    valid.some(({ reading: inner }) => {
      const { before, after } = outer;
      if (inner.after === after && inner.before > before) return isGlueWord(key.slice(before, inner.before), display.slice(before, inner.before), 'before');
      const end = key.length - after;
      const innerEnd = key.length - inner.after;
      return inner.before === before && inner.after > after && isGlueWord(key.slice(innerEnd, end), display.slice(innerEnd, end), 'after');
    });
  let best: Reading | undefined;
  let bestScore = -1;
  for (const { reading, rank } of valid) {
    const score = rank * RANK_WEIGHT + (holdsAnother(reading) ? 0 : WHOLE_MIDDLE_WEIGHT) + (key.length - reading.before - reading.after);
    if (score > bestScore) {
      best = reading;
      bestScore = score;
    }
  }
  return best;
}

/** Scores of a reading: rank (alone, then words after it) before a middle holding no other, before length. */
const ALONE_RANK = 1000;
const RANK_WEIGHT = 1000;
const WHOLE_MIDDLE_WEIGHT = 100;

/** Runs this long or longer may hold a name and a word beside it (`كورتحديثه`, `اوبكان`). */
const MIN_CANDIDATE = 5;
/** Longer runs are not read here (a name and a word on each side; bounds the work on hostile text). */
const MAX_CANDIDATE = 30;
/** A document word has three letters or more (`لوب`, `اوبك`). */
const MIN_DOCUMENT_WORD = 3;
/** The words glued on either side have ten letters or fewer. */
const MAX_SIDE = 10;
/** A middle known only by the words after it is this long or longer (`اوبك`, `كورت`). */
const MIN_CONTEXT_WORD = 4;
/** Different words after it a middle needs when it is never written alone. */
const MIN_WORDS_AFTER = 2;
/**
 * A conjunction and the article before a name: what is left is the name, three letters or more
 * (`والع|راشية`, `الدي|المة`: the article and a letter or two are no name).
 */
const CONJUNCTION_AND_ARTICLE = /^[وف]?(ال)?/;
/**
 * The share of this rule's cuts that restore a deleted space on the development part's variants
 * (ANERcorp's and WikiFANE's, as written, 5% and 20% deleted, around entities: 73 of 84).
 */
const DOCUMENT_WORD_CUT: RestoredCut = { confidence: 0.85, by: 'document-word' };
