import type { Token } from '../types.js';
import type { LabelledSentence } from '../learn/conll.js';

/**
 * Labelled sentences as the pipeline sees text: the tokens joined by spaces into a document (a
 * sentence a line), read by the pipeline's own normaliser and tokeniser (and run-together
 * splitter), with each pipeline token labelled by the corpus token it lies in. A corpus token cut
 * into several pipeline tokens gives its tag to the first and continues it (I-X) in the others.
 */

export interface LabelledDocument {
  readonly text: string;
  /** Code point offsets [start, end) of each corpus token in `text`, and its IOB2 tag. */
  readonly spans: readonly { readonly start: number; readonly end: number; readonly tag: string }[];
}

/** Sentences grouped into documents of `size` sentences. */
export function toDocuments(sentences: readonly LabelledSentence[], size: number): LabelledDocument[] {
  const documents: LabelledDocument[] = [];
  for (let first = 0; first < sentences.length; first += size) {
    let text = '';
    let length = 0;
    const spans: { start: number; end: number; tag: string }[] = [];
    for (const sentence of sentences.slice(first, first + size)) {
      sentence.tokens.forEach((token, t) => {
        if (t > 0) {
          text += ' ';
          length++;
        }
        const tokenLength = [...token].length;
        spans.push({ start: length, end: length + tokenLength, tag: sentence.tags[t] ?? 'O' });
        text += token;
        length += tokenLength;
      });
      text += '\n';
      length++;
    }
    documents.push({ text, spans });
  }
  return documents;
}

/**
 * IOB2 tags of pipeline tokens. `rawStartOf` maps a token to its raw code point start. Tokens
 * outside every corpus token (there are none when the tokeniser keeps to spaces) are O.
 */
export function labelTokens(document: LabelledDocument, tokens: readonly Token[], rawStartOf: (token: Token) => number): string[] {
  const labels: string[] = [];
  let span = 0;
  let previousSpan = -1;
  for (const token of tokens) {
    const start = rawStartOf(token);
    while (span < document.spans.length && (document.spans[span]?.end ?? 0) <= start) span++;
    const corpus = document.spans[span];
    if (!corpus || corpus.start > start) {
      labels.push('O');
      continue;
    }
    const continuing = span === previousSpan;
    labels.push(continuing && corpus.tag !== 'O' ? `I-${corpus.tag.slice(2)}` : corpus.tag);
    previousSpan = span;
  }
  return labels;
}

