import type { RestoredCut, TextView, Token } from '../../types.js';
import type { TokenTest } from './document-words.js';
import { withTokensCut } from './piece.js';

/**
 * A particle spelt with its hamza (`أن`, `إن`, `إلى`) glued to the end of the word before it
 * (`للشهرستانيأن`, `الدوليإن`, `أحرنوتأن`): the match key folds the hamza, so the run reads as a
 * word with the dual ending (`الدوليان`) and the word model, which has no count for an unknown
 * name before it, is not sure enough to cut. Written with its hamza the particle ends no word but
 * those the word list has as written (`الشأن`, `وبشأن`, `اطمأن`, `يقرأن`), so in a document that
 * lost spaces a run that ends with one, three letters or more before it, is cut before it unless
 * the word list has the run as written or the segmenter takes it as written.
 */
export const HAMZA_PARTICLES: readonly string[] = ['أن', 'إن', 'إلى'];
/** What stands before the particle: a proclitic and a short word (`ولأن`, `وكأن`, `فإن`) are no glue. */
const MIN_BEFORE_PARTICLE = 3;
/** 17 of this rule's 18 cuts on the development part's variants restored a deleted space: below certainty. */
const HAMZA_PARTICLE_CUT: RestoredCut = { confidence: 0.9, by: 'hamza-particle' };

/** `takenAsWritten`: whether the segmenter takes a token as written (see runs.ts). */
export function withHamzaParticleCuts(tokens: Token[], view: TextView, takenAsWritten: TokenTest, isWrittenWord: (display: string) => boolean): Token[] {
  return withTokensCut(tokens, view, (token) => (token.kind === 'arabic' ? particleStart(token, view, takenAsWritten, isWrittenWord) : undefined), HAMZA_PARTICLE_CUT);
}

function particleStart(token: Token, view: TextView, takenAsWritten: TokenTest, isWrittenWord: (display: string) => boolean): number | undefined {
  // The hamza is the particle's first letter: a cheap test on the view before any slice.
  const particle = HAMZA_PARTICLES.find((p) => token.end - token.start - p.length >= MIN_BEFORE_PARTICLE && view.text.startsWith(p, token.end - p.length));
  if (particle === undefined) return undefined;
  if (takenAsWritten(token) || isWrittenWord(view.text.slice(token.start, token.end))) return undefined;
  return token.end - particle.length;
}
