import { fileURLToPath } from 'node:url';
import { extract, loadResources } from '../src/pipeline/extract.js';
import { loadDatePhrases, PHRASE_DOCUMENT_DATE, runDatePhrases, scoreByKind, type PhraseResult } from '../src/bench/date-phrases.js';

/**
 * The date phrase corpus through the whole pipeline, each phrase alone and inside a sentence,
 * document date Tuesday 2013-02-12: a DATE on at least 97% of the trials, the expected value on
 * at least 95%, and never a wrong value.
 */

const PHRASES = loadDatePhrases(fileURLToPath(new URL('./fixtures/dates/phrases.tsv', import.meta.url)));
const resources = loadResources();
const results: PhraseResult[] = runDatePhrases(PHRASES, (text) => extract(text, resources, { documentDate: PHRASE_DOCUMENT_DATE }).entities);
const scores = scoreByKind(results);
const [all] = scores.slice(-1);
const describeFailures = (failed: readonly PhraseResult[]): string[] =>
  failed.map((r) => `${r.phrase.kind}${r.inSentence ? ' (sentence)' : ''}: ${r.phrase.phrase} -> ${r.got || 'nothing'} (want ${r.phrase.span}=${r.phrase.value})`);

describe('date phrase corpus', () => {
  it('has at least 300 phrases of every kind the issue names', () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(PHRASES.map((p) => p.kind))).toEqual(
      new Set(['relative-unit', 'offset', 'relative-day', 'relative-weekday', 'weekday-tense', 'weekday-day', 'range', 'ordinal-day', 'month-number', 'holiday', 'absolute', 'relative-month']),
    );
  });

  it('never gives a wrong value', () => {
    expect(describeFailures(results.filter((r) => r.wrongValue))).toEqual([]);
  });

  it('finds a DATE on at least 97% of the trials and the expected value on at least 95%', () => {
    if (!all) throw new Error('no score');
    const shares = { found: all.found / all.trials, value: all.rightValue / all.trials };
    const missed = describeFailures(results.filter((r) => !r.rightValue));
    expect({ found: shares.found >= 0.97, value: shares.value >= 0.95, missed: shares.value >= 0.95 ? [] : missed }).toEqual({ found: true, value: true, missed: [] });
  });

  it('holds the value target in every kind, so a regression in one kind shows', () => {
    const weak = scores.filter((kind) => kind.rightValue / kind.trials < 0.95).map((kind) => `${kind.kind}: ${kind.rightValue}/${kind.trials}`);
    expect(weak).toEqual([]);
  });
});
