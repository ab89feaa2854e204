import type { TextView, Token } from '../types.js';
import { procliticReadings } from './clitics.js';
import { keyOf } from './normalize.js';
import type { Lexicon } from './lexicon.js';
import { WORD_TYPES, WordFact } from './word-types.js';

/**
 * Splits Arabic tokens that are several words written without a space (`الولاياتالمتحدة`,
 * `جنوبفرنسا`, `لندنوواشنطن`), a common artefact of text scraped from news pages.
 *
 * Pieces are what would have stood between spaces: proclitics stay on their word, so
 * `لندنوواشنطن` becomes `لندن` + `وواشنطن`, and recognisers strip the `و` as they do anywhere else.
 *
 * The word list is fully inflected and dense: most short letter strings, and two thirds of the
 * 6-letter substrings of real words, are words. A segmentation into words is therefore weak
 * evidence by itself; a split must earn its score from long pieces, names and the article that
 * starts a new word, and must beat reading the token as one unknown word (a foreign name, a typo).
 */

/** Tokens shorter than this are never runs worth splitting (two 3-letter words). */
const MIN_RUN_LENGTH = 6;
/** Longer tokens are not searched (cost grows with the square of the length). */
const MAX_RUN_LENGTH = 40;
const MIN_PIECE_LENGTH = 2;

/**
 * Evidence of a piece by the length of its word after proclitics. It grows slowly: in a dense
 * inflected list long strings are words too, and a steep curve would pull letters across the
 * boundary (`لندنو|واشنطن` over `لندن|وواشنطن`); yet `التحالف` must outweigh `التحال`.
 */
const EVIDENCE_BY_LENGTH = [-9, -9, -6, -1, 1, 1.5, 2, 2.5, 3]; // index: letters (stems have >= 2)
/** A name (added by the pipeline from the gazetteers) is specific, unlike a random inflected form. */
const NAME_BONUS = 2;
/** A later piece starting with the article (after any proclitic): `ال` begins words. */
const ARTICLE_CUE = 3;
/** A later piece that reads as proclitic + word (`وواشنطن`): clitics sit at word starts. */
const PROCLITIC_CUE = 1;
/**
 * A preposition as a piece of its own (`لندنإلى`, `بغدادفي`, `فيبغداد`): short, so its length says
 * little, but these are the words most often run into a name. Enough for a name or word of four
 * letters or more beside it, not for a shorter one. After a piece, `من` is left out: foreign
 * surnames end in it (`فريدمن`, `ليبرمن`).
 */
const PREPOSITION_PIECE = 2.5;
const LEADING_PREPOSITIONS: ReadonlySet<string> = new Set(['في', 'من', 'إلى', 'على', 'عن', 'مع'].map(keyOf));
const LATER_PREPOSITIONS: ReadonlySet<string> = new Set([...LEADING_PREPOSITIONS].filter((key) => key !== keyOf('من')));
/** Each piece is one more boundary to explain: prefer fewer pieces. */
const PIECE_COST = 2;
/** What the whole token as one unknown word is worth; a split must score above it. */
const UNKNOWN_WORD_SCORE = 0;

/** A run's cut points (offsets inside the token), or none. */
type Cuts = readonly number[];

/** One splitter per lexicon revision: its answers hold until names are added to the lexicon. */
const splitters = new WeakMap<Lexicon, { readonly revision: number; readonly splitter: Splitter }>();

function splitterFor(lexicon: Lexicon): Splitter {
  let current = splitters.get(lexicon);
  if (current === undefined || current.revision !== lexicon.revision) {
    current = { revision: lexicon.revision, splitter: createSplitter(lexicon) };
    splitters.set(lexicon, current);
  }
  return current.splitter;
}

/** Splits every Arabic token that reads best as several known words; other tokens pass through. */
export function splitRuns(tokens: readonly Token[], view: TextView, lexicon: Lexicon): Token[] {
  const splitter = splitterFor(lexicon);
  const out: Token[] = [];
  for (const token of tokens) {
    const cuts = token.kind === 'arabic' ? splitter.cutsOf(token) : NO_CUTS;
    if (cuts.length === 0) {
      out.push(token);
      continue;
    }
    const bounds = [0, ...cuts, token.key.length];
    for (let p = 0; p + 1 < bounds.length; p++) {
      const start = token.start + (bounds[p] ?? 0);
      const end = token.start + (bounds[p + 1] ?? 0);
      const word = WORD_TYPES.internRange(view.key, start, end);
      out.push({ start, end, kind: token.kind, key: WORD_TYPES.keyOf(word), word, joined: true });
    }
  }
  return out;
}

const NO_CUTS: Cuts = [];

interface Splitter {
  /** Offsets inside the token's key where a new word starts; empty when the key stays whole. */
  cutsOf(token: Token): Cuts;
}

function createSplitter(lexicon: Lexicon): Splitter {
  const isKnown = (key: string): boolean =>
    procliticReadings(key).some(({ stem }) => lexicon.hasName(stem) || lexicon.hasWord(stem));

  /** Evidence that the piece is a word of its own: best over its readings; undefined if none is known. */
  const pieceScore = (piece: string, isFirst: boolean): number | undefined => {
    if ((isFirst ? LEADING_PREPOSITIONS : LATER_PREPOSITIONS).has(piece)) return PREPOSITION_PIECE;
    let best: number | undefined;
    for (const { stem, prefixLength, restoredArticle } of procliticReadings(piece)) {
      const isName = lexicon.hasName(stem);
      if (!isName && !lexicon.hasWord(stem)) continue;
      let score = EVIDENCE_BY_LENGTH[Math.min(stem.length, EVIDENCE_BY_LENGTH.length - 1)] ?? 0;
      if (isName) score += NAME_BONUS;
      if (!isFirst) {
        if (restoredArticle || (stem.startsWith('ال') && stem.length > 4)) score += ARTICLE_CUE;
        else if (prefixLength > 0) score += PROCLITIC_CUE;
      }
      if (best === undefined || score > best) best = score;
    }
    return best;
  };

  /** Dynamic programming over cut points: best[i] is the best segmentation of key[0, i). */
  const bestCuts = (key: string): Cuts => {
    const n = key.length;
    const best: (number | undefined)[] = new Array<number | undefined>(n + 1).fill(undefined);
    const previous = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    for (let end = MIN_PIECE_LENGTH; end <= n; end++) {
      for (let start = 0; start <= end - MIN_PIECE_LENGTH; start++) {
        const before = best[start];
        if (before === undefined || (start === 0 && end === n)) continue;
        const piece = pieceScore(key.slice(start, end), start === 0);
        if (piece === undefined) continue;
        const score = before + piece - PIECE_COST;
        const current = best[end];
        if (current === undefined || score > current) {
          best[end] = score;
          previous[end] = start;
        }
      }
    }
    const total = best[n];
    if (total === undefined || total <= UNKNOWN_WORD_SCORE) return NO_CUTS;
    const cuts: number[] = [];
    for (let at = previous[n] ?? 0; at > 0; at = previous[at] ?? 0) cuts.unshift(at);
    return cuts;
  };

  const cuts = new WordFact((key: string): Cuts => (key.length < MIN_RUN_LENGTH || key.length > MAX_RUN_LENGTH || isKnown(key) ? NO_CUTS : bestCuts(key)));
  return { cutsOf: (token) => cuts.of(token) };
}
