import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameWordsToSplit, splitterNames } from '../src/pipeline/extract.js';
import { resources } from './pipeline-helpers.js';

describe("the segmenter's name words, cached", () => {
  const { gazetteer, lexicon } = resources();
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'arabic-ner-names-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are written under the gazetteer and word list keys and read back as they were found', () => {
    const found = nameWordsToSplit(gazetteer, lexicon);
    expect(found.length).toBeGreaterThan(1000);
    expect(found).toContain('بغداد'); // a place name word, also an ordinary word: kept
    expect(found).not.toContain('مجلس'); // an organisation's word that is an ordinary word: left out
    expect(splitterNames(gazetteer, lexicon, dir)).toEqual(found);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^splitter-names-[0-9a-f]{32}\.bin$/)]);
    expect(splitterNames(gazetteer, lexicon, dir)).toEqual(found);
  });

  it('are keyed by the word list too: another version finds them again', () => {
    splitterNames(gazetteer, lexicon, dir);
    const other = { ...lexicon, version: `${lexicon.version}+other`, hasWord: () => true };
    const found = splitterNames(gazetteer, other, dir);
    expect(found).toEqual(nameWordsToSplit(gazetteer, other));
    expect(found.length).toBeLessThan(nameWordsToSplit(gazetteer, lexicon).length);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
