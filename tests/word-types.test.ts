import fc from 'fast-check';
import { WordFact, WordTypes } from '../src/text/word-types.js';
import { normalize, keyOf } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';
import { procliticReadings, procliticReadingsOf } from '../src/text/clitics.js';
import { loadFuzzyIndex, positionBit, wordPositions } from '../src/recognizers/fuzzy.js';
import { resources } from './pipeline-helpers.js';

describe('word types', () => {
  it('gives one id per distinct key, the same for every token of it', () => {
    const tokens = tokenize(normalize('قال الوزير إن الوزير قال'));
    const [qala, wazir, in_, wazir2, qala2] = tokens;
    expect(wazir?.word).toBe(wazir2?.word);
    expect(qala?.word).toBe(qala2?.word);
    expect(new Set(tokens.map((t) => t.word)).size).toBe(3);
    expect(in_?.word).not.toBe(wazir?.word);
  });

  it('starts over only when a document begins with the table full, and then forgets every fact', () => {
    const types = new WordTypes(2);
    let computed = 0;
    const length = new WordFact((key: string) => {
      computed++;
      return key.length;
    });
    const a = types.intern('سوريا');
    types.intern('لبنان');
    expect(length.at(types, a)).toBe(5);
    expect(length.at(types, a)).toBe(5);
    expect(computed).toBe(1);
    types.startDocument(); // two keys: not over the bound
    expect(types.keyOf(a)).toBe('سوريا');
    types.intern('العراق');
    types.startDocument(); // three keys: starts over
    expect(types.size).toBe(0);
    expect(() => types.keyOf(a)).toThrow(RangeError);
    const b = types.intern('مصر');
    expect(length.at(types, b)).toBe(3); // a new answer for the new id, not the stale one
    expect(computed).toBe(2);
  });

  it('computes a fact once per word type however often its tokens repeat', () => {
    let computed = 0;
    const fact = new WordFact((key: string) => {
      computed++;
      return key.startsWith('ال');
    });
    const text = Array.from({ length: 50 }, () => 'قالت الحكومة إن الحكومة تدرس').join(' ');
    const answers = tokenize(normalize(text)).map((token) => fact.of(token));
    expect(answers.filter(Boolean)).toHaveLength(100);
    expect(computed).toBe(4);
  });

  it('keeps each table\'s ids and answers apart: one fact serves two tables', () => {
    const first = new WordTypes();
    const second = new WordTypes();
    second.intern('بغداد'); // so that the same key has another id in each table
    const seen: string[] = [];
    const fact = new WordFact((key: string) => {
      seen.push(key);
      return key.length;
    });
    const [cairo] = tokenize(normalize('القاهرة'), first);
    const [damascus] = tokenize(normalize('دمشق'), second);
    expect(cairo?.word).toBe(0);
    expect(damascus?.word).toBe(1);
    expect(cairo && fact.of(cairo)).toBe(7);
    expect(damascus && fact.of(damascus)).toBe(4);
    expect(fact.ofKey('دمشق', second)).toBe(4);
    expect(seen).toEqual(['القاهره', 'دمشق']);
    expect(first.keyOf(0)).toBe('القاهره');
    expect(() => first.keyOf(1)).toThrow(RangeError);
  });

  it('answers the same readings for a token and for its key', () => {
    const [token] = tokenize(normalize('وللدولة'));
    expect(token && procliticReadingsOf(token)).toEqual(procliticReadings('وللدوله'));
    expect(token && procliticReadingsOf(token).map((r) => r.stem)).toEqual(['وللدوله', 'للدوله', 'الدوله', 'لدوله']);
  });
});

describe('fuzzy name positions', () => {
  const arabicLetters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const index = loadFuzzyIndex(resources().gazetteer, undefined);
  const names = [...new Set(index.data.names)];

  /** One edit of a name, as the recogniser allows: insert, delete, substitute or swap neighbours. */
  const oneEdit = fc
    .record({
      name: fc.constantFrom(...names),
      kind: fc.constantFrom('insert', 'delete', 'substitute', 'swap'),
      at: fc.nat(),
      letter: fc.constantFrom(...arabicLetters),
    })
    .map(({ name, kind, at, letter }) => {
      const i = at % name.length;
      if (kind === 'insert') return { name, variant: name.slice(0, i) + letter + name.slice(i) };
      if (kind === 'delete') return { name, variant: name.slice(0, i) + name.slice(i + 1) };
      if (kind === 'substitute') return { name, variant: name.slice(0, i) + letter + name.slice(i + 1) };
      const j = Math.min(i, name.length - 2);
      return { name, variant: name.slice(0, j) + (name[j + 1] ?? '') + (name[j] ?? '') + name.slice(j + 2) };
    })
    .filter(({ name, variant }) => variant.split(' ').length === name.split(' ').length && !variant.split(' ').includes(''));

  it('has indexed names of two and three words to test', () => {
    expect(names.length).toBeGreaterThan(500);
  });

  it('never rules out a window one edit away from an indexed name (the filter is sound)', () => {
    fc.assert(
      fc.property(oneEdit, ({ variant }) => {
        const words = variant.split(' ');
        return words.every((word, position) => (wordPositions(index.positions, word) & positionBit(words.length, position)) !== 0);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('rules out ordinary words at name positions', () => {
    const words = ['الحكومة', 'تدرس', 'خطة', 'جديدة'].map(keyOf);
    expect(words.filter((word) => wordPositions(index.positions, word) === 0).length).toBeGreaterThanOrEqual(2);
  });
});
