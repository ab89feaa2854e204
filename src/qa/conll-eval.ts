import type { Entity, EntityType } from '../types.js';
import { parseConll, scoreSpans, type LabelledSentence, type TypeScore } from '../learn/conll.js';
import { toDocuments } from '../tagger/documents.js';

/**
 * Scores the pipeline on CoNLL-style gold (`TOKEN TAG`, IOB2; ANERcorp's classes PERS, LOC, ORG),
 * the way conlleval does: the gold tokens are joined by spaces into documents, annotated, and
 * every token an entity touches gets its class (an entity inside `وسوريا` tags the whole token,
 * as ANERcorp's spans include clitics); then exact spans over tokens.
 */

const CLASS_OF: Readonly<Partial<Record<EntityType, string>>> = { PERSON: 'PERS', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

export const CONLL_CLASSES = ['PERS', 'LOC', 'ORG'] as const;

export interface ConllEvaluation {
  readonly sentences: number;
  readonly tokens: number;
  readonly scores: Readonly<Record<string, TypeScore>>;
}

/** `annotate` returns the entities of one document's raw text (code point offsets). */
export function evaluateConll(
  goldText: string,
  path: string,
  annotate: (text: string) => readonly Entity[],
  sentencesPerDocument: number,
): ConllEvaluation {
  const sentences = parseConll(goldText, path).map(mapClasses);
  const documents = toDocuments(sentences, sentencesPerDocument);
  const pairs = documents.map((document, index) => {
    const group = sentences.slice(index * sentencesPerDocument, (index + 1) * sentencesPerDocument);
    const gold = group.flatMap((sentence) => sentence.tags);
    return { gold, predicted: tokenTags(document.spans, annotate(document.text)) };
  });
  return { sentences: sentences.length, tokens: sentences.reduce((n, s) => n + s.tokens.length, 0), scores: scoreSpans(pairs, CONLL_CLASSES) };
}

/** Gold classes under other names (PER, PERSON, LOCATION...) read as ANERcorp's. */
function mapClasses(sentence: LabelledSentence): LabelledSentence {
  const rename: Readonly<Record<string, string>> = { PER: 'PERS', PERSON: 'PERS', LOCATION: 'LOC', GPE: 'LOC', ORGANIZATION: 'ORG' };
  return { tokens: sentence.tokens, tags: sentence.tags.map((tag) => (tag === 'O' ? tag : `${tag.slice(0, 2)}${rename[tag.slice(2)] ?? tag.slice(2)}`)) };
}

/** IOB2 tags of corpus tokens from entities: a token touched by an entity takes its class. */
export function tokenTags(spans: readonly { start: number; end: number }[], entities: readonly Entity[]): string[] {
  const tags = spans.map(() => 'O');
  for (const entity of entities) {
    const label = CLASS_OF[entity.type];
    if (label === undefined) continue;
    let first = true;
    spans.forEach((span, i) => {
      if (span.start >= entity.end || entity.start >= span.end || tags[i] !== 'O') return;
      tags[i] = `${first ? 'B' : 'I'}-${label}`;
      first = false;
    });
  }
  return tags;
}
