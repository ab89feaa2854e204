import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyOf } from '../src/text/normalize.js';
import { DEFAULT_MODEL_FILE, readModel } from '../src/text/segment/model-file.js';
import { createSegmenter, segmenterOver, type SegmenterTables } from '../src/text/segment/segmenter.js';
import { loadSegmenterTables } from '../src/text/segment/table-cache.js';
import { tempDirsForBlock } from './helpers.js';

// Runs written without their spaces, and words that must stay whole (a foreign name, real words).
const RUNS = ['الولاياتالمتحدة', 'فيغزة', 'منذعام', 'الاتحادالأوروبي', 'زيلينسكيماكرون', 'كوبرنيكوس', 'المتحدة', 'والتقى'].map(keyOf);
const NAMES = ['زيلينسكي', 'ماكرون'].map(keyOf);

const cutsOf = (tables: SegmenterTables) => RUNS.map((run) => segmenterOver(tables).segment(run));

/** A digest of every table's bytes (jest compares megabytes of typed arrays slowly). */
function bytesOf(tables: SegmenterTables): string[] {
  const arrays = [tables.trie.data.nodes, ...[tables.chars, tables.nameChars].flatMap(({ data }) => [data.contexts.slots, data.contexts.values, data.contexts.filter])];
  return arrays.map((array) =>
    createHash('sha256').update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)).digest('hex'),
  );
}

describe('the segmenter tables cache', () => {
  const cacheDir = tempDirsForBlock('arabic-ner-segmenter-cache-');

  const built = createSegmenter(readModel(), NAMES);
  const expected = RUNS.map((run) => built.segment(run));

  it('reads back tables that segment exactly as freshly built ones', () => {
    const dir = cacheDir();
    const cold = loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir });
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^segmenter-[0-9a-f]{32}\.bin$/)]);
    const warm = loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir });
    expect(bytesOf(warm)).toEqual(bytesOf(cold));
    expect(warm.parameters).toEqual(cold.parameters);
    expect(cutsOf(cold)).toEqual(expected);
    expect(cutsOf(warm)).toEqual(expected);
    expect(expected.filter((answer) => answer.cuts.length > 0).length).toBeGreaterThanOrEqual(4); // the runs are really cut
  });

  it('builds the tables again when the cache file is corrupt, and repairs it', () => {
    const dir = cacheDir();
    loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir });
    const [name = ''] = readdirSync(dir);
    const file = join(dir, name);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect(cutsOf(loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir }))).toEqual(expected);
    writeFileSync(file, bytes.subarray(0, 10)); // truncated
    expect(cutsOf(loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir }))).toEqual(expected);
    expect(readFileSync(file).length).toBeGreaterThan(1e6);
  });

  it('keeps tables built with other names apart', () => {
    const dir = cacheDir();
    const withNames = loadSegmenterTables(DEFAULT_MODEL_FILE, NAMES, { cacheDir: dir });
    const without = loadSegmenterTables(DEFAULT_MODEL_FILE, [], { cacheDir: dir });
    expect(readdirSync(dir)).toHaveLength(2);
    // Two foreign names joined by و: cut only where the names are known.
    const run = keyOf('زيلينسكيوماكرون');
    expect(segmenterOver(withNames).segment(run).cuts).toEqual([8]);
    expect(segmenterOver(without).segment(run).cuts).toEqual([]);
  });
});
