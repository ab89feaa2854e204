import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StringTable } from '../src/text/string-table.js';
import { parseWordStatistics } from '../src/tagger/lexical.js';
import { DEFAULT_MODEL_DIR, WORDS_FILE } from '../src/tagger/tagger.js';

describe('the string table', () => {
  const names = ['محمد', 'عبد', 'الرحمن', 'كيري', 'جون', 'ابو', 'أبو', 'ابوظبي'];

  it('answers each line with its number, and nothing else', () => {
    const table = StringTable.ofLines(`${names.join('\n')}\n\n`);
    expect(table.size).toBe(names.length);
    names.forEach((name, i) => expect(table.numberOf(name)).toBe(i));
    // A prefix, an extension, another hamza seat, the empty string: none is an entry.
    for (const other of ['محم', 'محمدي', 'ابوظ', 'إبو', '', 'كيري ']) expect(table.has(other)).toBe(false);
  });

  it('keeps the last of a repeated string, as Map.set does', () => {
    expect(StringTable.ofLines('بغداد\nالقاهرة\nبغداد\n').numberOf('بغداد')).toBe(2);
  });

  it('finds every one of 50,000 words when most share their slot chain with others', () => {
    const words = Array.from({ length: 50_000 }, (_, i) => `ك${i.toString(36)}`);
    const table = StringTable.ofLines(words.join('\n'));
    expect(words.every((word, i) => table.numberOf(word) === i)).toBe(true);
    expect(table.has('ك-1')).toBe(false);
  });

  it('opens from its arrays as it was built, and refuses arrays that are not a table', () => {
    const text = names.join('\n');
    const { data } = StringTable.ofLines(text);
    const opened = StringTable.fromData(text, { starts: data.starts.slice(), ends: data.ends.slice(), slots: data.slots.slice() });
    names.forEach((name, i) => expect(opened.numberOf(name)).toBe(i));
    expect(() => StringTable.fromData(text, { ...data, slots: new Int32Array(12).fill(-1) })).toThrow(RangeError);
    expect(() => StringTable.fromData(text, { ...data, ends: data.ends.subarray(1) })).toThrow(RangeError);
  });

  it('a table whose every slot is full (a damaged one) answers -1 rather than probing forever', () => {
    const text = names.join('\n');
    const { data } = StringTable.ofLines(text);
    const full = StringTable.fromData(text, { ...data, slots: new Int32Array(data.slots.length).fill(0) });
    expect(full.numberOf('بغداد')).toBe(-1);
  });
});

describe('the word statistics', () => {
  it('gives the count and class of every line of the shipped file, as the file says', () => {
    const text = readFileSync(join(DEFAULT_MODEL_DIR, WORDS_FILE), 'utf8');
    const statistics = parseWordStatistics(text);
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(10_000);
    const wrong = lines.filter((line) => {
      const [key = '', count = '0', entityClass = ''] = line.split('\t');
      return statistics.count(key) !== Number(count) || (statistics.entityClass(key) ?? '') !== entityClass;
    });
    expect(wrong).toEqual([]);
    expect(lines.some((line) => (line.split('\t')[2] ?? '') !== '')).toBe(true); // classes are really read
    expect(statistics.count('كلمةليستفيه')).toBe(0);
    expect(statistics.entityClass('كلمةليستفيه')).toBeUndefined();
  });

  it('reads a missing count as 0 and a missing class as none', () => {
    const statistics = parseWordStatistics('بغداد\t12\tLOC\nقال\t40\t\nكذا\n');
    expect([statistics.count('بغداد'), statistics.entityClass('بغداد')]).toEqual([12, 'LOC']);
    expect([statistics.count('قال'), statistics.entityClass('قال')]).toEqual([40, undefined]);
    expect([statistics.count('كذا'), statistics.entityClass('كذا')]).toEqual([0, undefined]);
  });
});
