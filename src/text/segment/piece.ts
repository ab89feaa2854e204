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

/**
 * The tokens with each one that `cutAt` gives a raw offset for cut in two there: the first piece
 * keeps the token's own cut, the second carries `cut`. The array itself when nothing is cut.
 */
export function withTokensCut(tokens: Token[], view: TextView, cutAt: (token: Token, index: number) => number | undefined, cut: RestoredCut): Token[] {
  let out: Token[] | undefined;
  let copied = 0;
  tokens.forEach((token, i) => {
    const at = cutAt(token, i);
    if (at === undefined) return;
    out ??= [];
    while (copied < i) out.push(tokens[copied++] as Token);
    copied = i + 1;
    out.push(pieceOf(token, view, token.start, at, token.cut), pieceOf(token, view, at, token.end, cut));
  });
  if (out === undefined) return tokens;
  while (copied < tokens.length) out.push(tokens[copied++] as Token);
  return out;
}
