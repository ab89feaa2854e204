import type { TextView, Token } from '../../types.js';
import { toKey } from '../normalize.js';
import { WordFact, WordTypes } from '../word-types.js';
import type { RunSegmentation, Segmenter } from './segmenter.js';

/**
 * Splits Arabic tokens that are several words written without a space (`الولاياتالمتحدة`,
 * `فيغزة`, `لندنوواشنطن`) into the words the segmenter finds, each piece marked `joined` and,
 * after the first, carrying the confidence of the cut before it. Pieces are what would have
 * stood between spaces: proclitics stay on their word (`لندن` + `وواشنطن`), as anywhere else.
 */
export interface RunSplitter {
  split(tokens: readonly Token[], view: TextView): Token[];
}

export function createRunSplitter(segmenter: Segmenter): RunSplitter {
  // One answer per written form (the display text: its ة and أ are evidence the key has folded):
  // news text repeats its words. The table is bounded as the word types are (it starts over
  // between documents once full), so hostile text costs bounded memory.
  const forms = new WordTypes();
  // The key of a written form is its fold (toKey), as the token's key is the fold of its text.
  const segmentations = new WordFact((display: string) => segmenter.segment(toKey(display), display));
  const segmentationOf = (token: Token, view: TextView): RunSegmentation => segmentations.at(forms, forms.internRange(view.text, token.start, token.end));
  return {
    split(tokens, view) {
      forms.startDocument();
      const out: Token[] = [];
      for (const token of tokens) {
        const { cuts, confidences } = token.kind === 'arabic' ? segmentationOf(token, view) : NONE;
        if (cuts.length === 0) {
          out.push(token);
          continue;
        }
        const bounds = [0, ...cuts, token.key.length];
        for (let p = 0; p + 1 < bounds.length; p++) {
          const start = token.start + (bounds[p] ?? 0);
          const end = token.start + (bounds[p + 1] ?? 0);
          const { types } = token; // the pieces' ids in the table of the token they come from
          const word = types.internRange(view.key, start, end);
          // The tokenizer's shape (see tokenize.ts): the first piece's cutConfidence is there, undefined.
          out.push({ start, end, kind: token.kind, key: types.keyOf(word), word, types, joined: true, cutConfidence: p === 0 ? undefined : (confidences[p - 1] ?? 0) });
        }
      }
      return out;
    },
  };
}

const NONE: RunSegmentation = { cuts: [], confidences: [] };
