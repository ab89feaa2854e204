import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTagger, readTaggerFiles, type Tagger } from '../src/tagger/tagger.js';
import { resources } from './pipeline-helpers.js';
import { tempDirsForBlock } from './helpers.js';

/** What the tagger's word tables answer for every word of both files, and for words in neither. */
function answers(tagger: Tagger, keys: readonly string[]): string[] {
  const { words, personNameWords } = tagger.features.lexicon;
  return keys.map((key) => `${key} ${words.count(key)} ${words.entityClass(key) ?? '-'} ${personNameWords.has(key)}`);
}

describe("the tagger's word tables cache", () => {
  const files = readTaggerFiles();
  const { gazetteer, lexicon } = resources();
  const isCommonWord = (key: string): boolean => lexicon.hasWord(key);
  const keys = [
    ...files.words.split('\n').map((line) => line.split('\t')[0] ?? ''),
    ...files.personNames.split('\n'),
    'كلمةليستفيهما',
  ];
  const expected = answers(openTagger(files, gazetteer, isCommonWord), keys);
  const cacheDir = tempDirsForBlock('arabic-ner-tagger-cache-');

  it('answers from the cache as the tables built from the files do', () => {
    expect(expected.filter((answer) => answer.endsWith(' true')).length).toBeGreaterThan(10_000);
    expect(expected.filter((answer) => / [A-Z]+ (true|false)$/.test(answer)).length).toBeGreaterThan(1_000);
    const dir = cacheDir();
    expect(answers(openTagger(files, gazetteer, isCommonWord, undefined, dir), keys)).toEqual(expected);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^tagger-words-[0-9a-f]{32}\.bin$/)]);
    expect(answers(openTagger(files, gazetteer, isCommonWord, undefined, dir), keys)).toEqual(expected);
  });

  it('builds the tables again from a damaged cache file, and repairs it', () => {
    const dir = cacheDir();
    openTagger(files, gazetteer, isCommonWord, undefined, dir);
    const file = join(dir, readdirSync(dir)[0] ?? '');
    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 100] = (damaged[damaged.length - 100] ?? 0) ^ 0xff;
    writeFileSync(file, damaged);
    expect(answers(openTagger(files, gazetteer, isCommonWord, undefined, dir), keys)).toEqual(expected);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('keeps the tables of other word files apart', () => {
    const dir = cacheDir();
    openTagger(files, gazetteer, isCommonWord, undefined, dir);
    const fewer = { ...files, personNames: files.personNames.split('\n').slice(100).join('\n') };
    const dropped = files.personNames.split('\n')[0] ?? '';
    expect(openTagger(fewer, gazetteer, isCommonWord, undefined, dir).features.lexicon.personNameWords.has(dropped)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
