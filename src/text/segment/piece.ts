import type { RestoredCut, TextView, Token } from '../../types.js';

/**
 * The piece [start, end) of a token, in the tokenizer's shape (see tokenize.ts: `cut` is there on
 * every token, undefined on a first piece); its word id in the table of the token it comes from.
 */
export function pieceOf(token: Token, view: TextView, start: number, end: number, cut: RestoredCut | undefined): Token {
  const { types } = token;
  const word = types.internRange(view.key, start, end);
  return { start, end, kind: token.kind, key: types.keyOf(word), word, types, joined: true, cut };
}
