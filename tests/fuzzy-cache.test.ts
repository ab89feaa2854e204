import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CACHE_DIR } from '../src/io/binary-cache.js';
import { extract, loadResources } from '../src/pipeline/extract.js';
import { loadFuzzyIndex, wordPositions, type FuzzyIndex, type FuzzyIndexData } from '../src/recognizers/fuzzy.js';
import { resources } from './pipeline-helpers.js';

/** The index as plain values, typed arrays as number arrays, for comparing. */
function plain(index: FuzzyIndex): unknown {
  const { data } = index;
  const table = (tableData: FuzzyIndexData['probes']) => ({ starts: [...tableData.starts], ends: [...tableData.ends], slots: [...tableData.slots] });
  return {
    ...data,
    entryIndexes: [...data.entryIndexes],
    probes: table(data.probes),
    probeStarts: [...data.probeStarts],
    probeNames: [...data.probeNames],
    positionWords: table(data.positionWords),
    positionBits: [...data.positionBits],
  };
}

describe('the fuzzy person index cache', () => {
  const { gazetteer } = resources();
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'arabic-ner-fuzzy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is written under the gazetteer cache key and read back as it was built', () => {
    expect(gazetteer.cacheKey).toMatch(/^[0-9a-f]{32}$/);
    const built = loadFuzzyIndex(gazetteer, dir);
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^fuzzy-persons-[0-9a-f]{32}\.bin$/)]);
    const read = loadFuzzyIndex(gazetteer, dir);
    expect(readdirSync(dir)).toEqual(files);
    expect(plain(read)).toEqual(plain(built));
    expect(plain(read)).toEqual(plain(loadFuzzyIndex(gazetteer, undefined)));
    expect(read.data.names.length).toBeGreaterThan(500);
    // The tables read back answer as the built ones: every name is a probe, its words have their positions.
    const answers = (index: FuzzyIndex) => index.data.names.map((name) => [index.probes.numberOf(name), ...name.split(' ').map((word) => wordPositions(index.positions, word))]);
    expect(answers(read)).toEqual(answers(built));
    expect(answers(read).every(([probe = -1, ...bits]) => probe >= 0 && bits.every((b) => b !== 0))).toBe(true);
  });

  it('an annotator whose index comes from the cache finds a misspelt name', () => {
    loadResources().recognizers; // builds the index, or reads it, and leaves it cached
    expect(readdirSync(DEFAULT_CACHE_DIR).some((name) => /^fuzzy-persons-[0-9a-f]{32}\.bin$/.test(name))).toBe(true);
    const fromCache = loadResources();
    const found = extract('كما تعهد رئيس الوزراء الياباني شنيزو أبي أمس', fromCache).entities.filter((e) => e.source === 'fuzzy:people');
    expect(found.map((e) => `${e.text} -> ${e.link?.name ?? '-'}`)).toEqual(['شنيزو أبي -> Shinzo Abe']);
  });
});
