import { readFileSync } from 'node:fs';
import type { Entity } from '../types.js';

/**
 * The date phrase corpus (`tests/fixtures/dates/phrases.tsv`): each phrase alone and inside a
 * sentence, annotated for a fixed document date; per kind, how often a DATE is found on the
 * phrase, with the exact span, with the expected value, and with a wrong value (worse than none).
 * The tests hold the targets; `npm run bench` prints the table.
 */

export const PHRASE_DOCUMENT_DATE = '2013-02-12';
/** The sentence each phrase is also tried in (the colon keeps the frame's verb out of a weekday's tense). */
export const PHRASE_FRAME = ['وجاء في البيان: ', ' بحسب المصادر.'] as const;

export interface DatePhrase {
  readonly kind: string;
  readonly phrase: string;
  readonly span: string;
  readonly value: string;
}

export interface PhraseResult {
  readonly phrase: DatePhrase;
  readonly inSentence: boolean;
  readonly found: boolean;
  readonly exactSpan: boolean;
  readonly rightValue: boolean;
  /** A DATE on the phrase has a value other than the expected one. */
  readonly wrongValue: boolean;
  /** What was found, for reading failures: `span=value` per DATE on the phrase. */
  readonly got: string;
}

export interface KindScore {
  readonly kind: string;
  readonly trials: number;
  readonly found: number;
  readonly exactSpan: number;
  readonly rightValue: number;
  readonly wrongValue: number;
}

export function loadDatePhrases(path: string): DatePhrase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, index) => {
      const [kind, phrase, span, value] = line.split('\t');
      if (!kind || !phrase || !span || !value || !phrase.includes(span)) throw new Error(`${path}: line ${index + 1} is not kind, phrase, span (in the phrase), value`);
      return { kind, phrase, span, value };
    });
}

/** Code point offset of a UTF-16 index (entities count code points). */
const codePoints = (text: string, index: number): number => [...text.slice(0, index)].length;

/** Scores one phrase in one text with the DATE entities found there. */
export function scorePhrase(phrase: DatePhrase, inSentence: boolean, text: string, entities: readonly Entity[]): PhraseResult {
  const at = text.indexOf(phrase.phrase) + phrase.phrase.indexOf(phrase.span);
  const start = codePoints(text, at);
  const end = start + [...phrase.span].length;
  const dates = entities.filter((entity) => entity.type === 'DATE' && entity.start < end && entity.end > start);
  const exact = dates.find((entity) => entity.start === start && entity.end === end);
  const best = exact ?? [...dates].sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  return {
    phrase,
    inSentence,
    found: dates.length > 0,
    exactSpan: exact !== undefined,
    rightValue: best?.value === phrase.value,
    wrongValue: dates.some((entity) => entity.value !== undefined && entity.value !== phrase.value),
    got: dates.map((entity) => `${entity.text}=${entity.value ?? '∅'}`).join(' | '),
  };
}

/** Each phrase alone and in the frame sentence, through `annotate` (text -> entities). */
export function runDatePhrases(phrases: readonly DatePhrase[], annotate: (text: string) => readonly Entity[]): PhraseResult[] {
  return phrases.flatMap((phrase) => {
    const sentence = `${PHRASE_FRAME[0]}${phrase.phrase}${PHRASE_FRAME[1]}`;
    return [scorePhrase(phrase, false, phrase.phrase, annotate(phrase.phrase)), scorePhrase(phrase, true, sentence, annotate(sentence))];
  });
}

export function scoreByKind(results: readonly PhraseResult[]): KindScore[] {
  const kinds = [...new Set(results.map((result) => result.phrase.kind))];
  const score = (kind: string, of: readonly PhraseResult[]): KindScore => ({
    kind,
    trials: of.length,
    found: of.filter((r) => r.found).length,
    exactSpan: of.filter((r) => r.exactSpan).length,
    rightValue: of.filter((r) => r.rightValue).length,
    wrongValue: of.filter((r) => r.wrongValue).length,
  });
  return [...kinds.map((kind) => score(kind, results.filter((r) => r.phrase.kind === kind))), score('all', results)];
}

export function dateTable(scores: readonly KindScore[]): string[] {
  const share = (n: number, of: number): string => (of === 0 ? '' : (n / of).toFixed(3));
  return [
    '| kind | trials | DATE found | exact span | expected value | wrong value |',
    '|---|---|---|---|---|---|',
    ...scores.map((s) => `| ${s.kind} | ${s.trials} | ${share(s.found, s.trials)} | ${share(s.exactSpan, s.trials)} | ${share(s.rightValue, s.trials)} | ${share(s.wrongValue, s.trials)} |`),
  ];
}
