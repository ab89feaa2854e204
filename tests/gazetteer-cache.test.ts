import { readdirSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cacheKey, loadCompiledGazetteer } from '../src/gazetteer/cache.js';
import { compileGazetteers } from '../src/gazetteer/compile.js';
import { loadGazetteerDir } from '../src/gazetteer/load.js';
import { tempDir } from './helpers.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<gazetteer id="cities" kind="entities">
  <source name="test"/>
  <entry id="Q85" type="LOCATION" subtype="city" country="EG"><ar>القاهرة</ar><en>Cairo</en></entry>
  <entry id="Q90" type="LOCATION" subtype="city" country="FR"><ar>باريس</ar><en>Paris</en><variant>مدينة النور</variant></entry>
</gazetteer>
`;

function fixture(): { gazetteerDir: string; cacheDir: string } {
  const root = tempDir('arabic-ner-cache-');
  const gazetteerDir = join(root, 'gazetteers');
  mkdirSync(gazetteerDir);
  writeFileSync(join(gazetteerDir, 'cities.xml'), XML);
  return { gazetteerDir, cacheDir: join(root, 'cache') };
}

const cacheFiles = (cacheDir: string): string[] => readdirSync(cacheDir).filter((name) => name.startsWith('gazetteer-'));

describe('compiled gazetteer cache', () => {
  it('writes a cache on first load and reads back the same lookups', () => {
    const { gazetteerDir, cacheDir } = fixture();
    const fresh = compileGazetteers(loadGazetteerDir(gazetteerDir));
    loadCompiledGazetteer(gazetteerDir, { cacheDir });
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const cached = loadCompiledGazetteer(gazetteerDir, { cacheDir });
    expect(cached.names.get(['مدينه', 'النور'])).toEqual(fresh.names.get(['مدينه', 'النور']));
    expect(cached.names.size).toBe(fresh.names.size);
    expect([...cached.entriesById.keys()]).toEqual([...fresh.entriesById.keys()]);
    expect(cached.countriesByCode).toEqual(fresh.countriesByCode);
    // Shared entries stay shared: the trie's value is the entriesById entry.
    expect(cached.names.get(['القاهره'])[0]).toBe(cached.entriesById.get('Q85'));
  });

  it('rebuilds a corrupt or truncated cache without an error', () => {
    const { gazetteerDir, cacheDir } = fixture();
    loadCompiledGazetteer(gazetteerDir, { cacheDir });
    const [file] = cacheFiles(cacheDir);
    for (const damage of ['garbage', '']) {
      writeFileSync(join(cacheDir, file ?? ''), damage);
      const rebuilt = loadCompiledGazetteer(gazetteerDir, { cacheDir });
      expect(rebuilt.names.get(['باريس'])[0]?.id).toBe('Q90');
      // القاهرة, باريس, مدينة النور and the same written together (مدينةالنور)
      expect(loadCompiledGazetteer(gazetteerDir, { cacheDir }).names.size).toBe(4);
    }
  });

  it('is keyed by the gazetteer bytes', () => {
    const { gazetteerDir, cacheDir } = fixture();
    const before = cacheKey(gazetteerDir);
    writeFileSync(join(gazetteerDir, 'cities.xml'), XML.replace('Paris', 'Paris, France'));
    expect(cacheKey(gazetteerDir)).not.toBe(before);
    expect(loadCompiledGazetteer(gazetteerDir, { cacheDir }).entriesById.get('Q90')?.en).toBe('Paris, France');
  });

  it('never caches a broken gazetteer: the error is reported on every load', () => {
    const { gazetteerDir, cacheDir } = fixture();
    writeFileSync(join(gazetteerDir, 'cities.xml'), XML.replace('<en>Cairo</en>', ''));
    expect(() => loadCompiledGazetteer(gazetteerDir, { cacheDir })).toThrow(/exactly one <en>/);
    expect(() => loadCompiledGazetteer(gazetteerDir, { cacheDir })).toThrow(/exactly one <en>/);
  });
});

describe('compiled gazetteer cache files', () => {
  it('removes files no run has used for two weeks when it writes a new one, and keeps recent ones', () => {
    const { gazetteerDir, cacheDir } = fixture();
    loadCompiledGazetteer(gazetteerDir, { cacheDir });
    const [current] = cacheFiles(cacheDir);
    const old = join(cacheDir, 'gazetteer-00000000000000000000000000000000.bin');
    const recent = join(cacheDir, 'gazetteer-11111111111111111111111111111111.bin');
    const notOurs = join(cacheDir, 'gazetteer-notes.txt');
    for (const file of [old, recent, notOurs]) writeFileSync(file, 'x');
    const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(notOurs, longAgo, longAgo);
    utimesSync(join(cacheDir, current ?? ''), longAgo, longAgo);
    loadCompiledGazetteer(gazetteerDir, { cacheDir }); // a hit: marks the current file used
    writeFileSync(join(gazetteerDir, 'cities.xml'), XML.replace('Paris', 'Paris, France'));
    loadCompiledGazetteer(gazetteerDir, { cacheDir }); // a new file: prunes
    const files = cacheFiles(cacheDir);
    expect(files).toHaveLength(4); // the new one, the current one (used), the recent one, and a file not of the cache
    expect(files).toEqual(expect.arrayContaining([current, basename(recent), basename(notOurs)]));
    expect(files).not.toContain(basename(old));
  });
});
