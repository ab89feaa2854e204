import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

describe('arabic-ner explain', () => {
  it('says which recogniser found each entity, with the model features that weighed most', () => {
    const result = runCli(['explain', '-'], 'وصرح مارسيلو بيلسا للصحفيين في القاهرة.');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('PERSON «مارسيلو بيلسا»');
    expect(result.stdout).toMatch(/the learned tagger \(ner\), confidence 0\.\d+\n {2}weighed most for its first word:\n {4}[+-]\d+\.\d\d {2}\S+/);
    expect(result.stdout).toContain('LOCATION «القاهرة» 31-38\n  a gazetteer name (cities), confidence 0.93; linked to cities Q85 (Cairo)');
  });

  it('shows the spaces restored at an entity and inside it, with the run as written and the confidence', () => {
    const result = runCli(['explain', '-'], 'زار الرئيس فيغزة المدرسة وقال إن الولاياتالمتحدة تدعم.');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/LOCATION «غزة» 13-16\n.*\n {2}written together in «فيغزة»: a lost space restored at 13 by the word model, confidence (0\.[6-9]\d|1\.00)/);
    expect(result.stdout).toMatch(/LOCATION «الولاياتالمتحدة» 33-48\n.*\n {2}written together in «الولاياتالمتحدة»: a lost space restored at 41 by the word model, confidence/);
    const [gaza] = JSON.parse(runCli(['explain', '--json', '-'], 'زار الرئيس فيغزة المدرسة.').stdout) as { restoredSpaces?: { at: number; written: string; confidence: number }[] }[];
    expect(gaza?.restoredSpaces).toEqual([{ at: 13, written: 'فيغزة', confidence: expect.any(Number), by: 'word-model' }]);
    // The run splitter's rules name themselves, with their own confidences.
    const rules = runCli(['explain', '-'], 'وحضر الشيخ حمد بن خليفة آلثاني وقال بطلكوت ديفوار إن الفريق جاهز.').stdout;
    expect(rules).toContain('written together in «آلثاني»: a lost space restored at 26 by `آل` written onto a listed name, confidence 0.99');
    expect(rules).toContain("written together in «بطلكوت»: a lost space restored at 39 by a listed name's first word glued to the word before it, confidence 0.90");
    // Written with its spaces, nothing was restored.
    const [spaced] = JSON.parse(runCli(['explain', '--json', '-'], 'زار الرئيس في غزة المدرسة.').stdout) as { restoredSpaces?: unknown }[];
    expect(spaced).not.toHaveProperty('restoredSpaces');
  });

  it('gives JSON with --json, and one plain line for a missing file', () => {
    const json = runCli(['explain', '--json', '-'], 'وصرح مارسيلو بيلسا للصحفيين.');
    const [first] = JSON.parse(json.stdout) as { entity: { source: string }; features: { feature: string; weight: number }[] }[];
    expect(first?.entity.source).toBe('model:ner');
    expect(first?.features.length).toBeGreaterThan(0);
    const missing = runCli(['explain', join(tempDir(), 'nothing.txt')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('arabic-ner eval-conll', () => {
  const gold = ['وقال O', 'مارسيلو B-PERS', 'بيلسا I-PERS', 'في O', 'القاهرة B-LOC', 'إن O', 'فريقه O', 'جاهز O', '. O', '', 'وزار O', 'جون B-PER', 'كيري I-PER', 'بغداد B-LOC', '. O'].join('\n');

  it('scores the pipeline on CoNLL gold, tokens touched by an entity taking its class', () => {
    const file = join(tempDir(), 'gold.txt');
    writeFileSync(file, gold);
    const result = runCli(['eval-conll', '--json', file]);
    expect(result.status).toBe(0);
    const { scores, sentences } = JSON.parse(result.stdout) as { sentences: number; scores: Record<string, { f1: number; gold: number }> };
    expect(sentences).toBe(2);
    expect(scores['PERS']).toMatchObject({ gold: 2, f1: 1 });
    expect(scores['LOC']).toMatchObject({ gold: 2, f1: 1 });
  });

  it('names the file and line of a line that is not CoNLL, exit 1', () => {
    const file = join(tempDir(), 'bad.txt');
    writeFileSync(file, 'كيري B-PERS\nبغداد\n');
    const result = runCli(['eval-conll', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:2`);
  });
});
