import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLexicon, type Lexicon } from '../src/text/lexicon.js';
import { keyOf } from '../src/text/normalize.js';

let lexicon: Lexicon;
let tempDir: string;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'lexicon-'));
  lexicon = loadLexicon();
});

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('lexicon', () => {
  it.each(['الولايات', 'المتحدة', 'والمساعدات', 'سيجتمعون', 'مستشفى'])('knows %s', (word) => {
    expect(lexicon.hasWord(keyOf(word))).toBe(true);
  });

  it('matches by key: hamza seats, alef maqsura and ta marbuta are folded', () => {
    expect(lexicon.hasWord('المتحده')).toBe(true);
    expect(lexicon.hasWord('مستشفي')).toBe(true);
    expect(lexicon.hasWord('المسوولين')).toBe(true);
  });

  it('matches a written form letter for letter where the key folds: a plain letter may stand for a marked one, not the reverse', () => {
    expect(lexicon.hasWrittenForm('المتحدة')).toBe(true);
    expect(lexicon.hasWrittenForm('اعلن')).toBe(true); // أعلن with the hamza dropped
    expect(lexicon.hasWord('مناشد')).toBe(true);
    expect(lexicon.hasWrittenForm('منأشد')).toBe(false);
    expect(lexicon.hasWrittenForm('الولاياتالمتحدة')).toBe(false);
  });

  it.each(['زززز', 'الولاياتالمتحده', 'قثفصضك', ''])('does not know %p', (junk) => {
    expect(lexicon.hasWord(junk)).toBe(false);
  });

  it('writes a cache that a later start reads with the same answers', () => {
    const coldDir = join(tempDir, 'cold');
    const cold = loadLexicon({ cacheDir: coldDir });
    const probes = ['الولايات', 'المتحده', 'فسيكفيكهم', 'زززز', 'وبمشاركتهم', 'لندنو'];
    const coldAnswers = probes.map((key) => cold.hasWord(key));
    const files = readdirSync(coldDir);
    expect(files).toEqual([expect.stringMatching(/^lexicon-[0-9a-f]{16}\.btrie$/)]);

    // A fresh directory holding only the cache file: the trie must come from that file.
    const warmDir = join(tempDir, 'warm');
    mkdirSync(warmDir);
    for (const file of files) copyFileSync(join(coldDir, file), join(warmDir, file));
    const started = performance.now();
    const warm = loadLexicon({ cacheDir: warmDir });
    expect(probes.map((key) => warm.hasWord(key))).toEqual(coldAnswers);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('works without a writable cache directory', () => {
    const file = join(tempDir, 'not-a-directory');
    writeFileSync(file, '');
    const uncached = loadLexicon({ cacheDir: join(file, 'cache') });
    expect(uncached.hasWord('الولايات')).toBe(true);
    expect(uncached.hasWord('زززز')).toBe(false);
  });
});
