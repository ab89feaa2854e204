import { keyOf } from '../src/text/normalize.js';
import { ALPHABET_BASE, codesOf, hasInnerWordEnd, hasInnerWordEndIn, WORD_END, WORD_START } from '../src/text/segment/alphabet.js';
import { CharModel, pairedCharModels, runTermsFor } from '../src/text/segment/char-model.js';
import { ContextTable } from '../src/text/segment/context-table.js';
import { readModel } from '../src/text/segment/model-file.js';
import { WordTrie } from '../src/text/segment/word-trie.js';

// The segmenter's packed tables answer as the plain definitions do, to the last bit: the word
// trie laid out breadth first, and the character model's walks over its context table (two
// symbols per walk, a table of short starts, a memo of last start letters).

describe('the word trie', () => {
  const words: [string, number][] = [
    ['قال', 5],
    ['قالت', 2],
    ['الوزير', 7],
    ['الوزراء', 1],
    ['وزير', 3],
  ].map(([word, count]) => [keyOf(word as string), count as number]);

  it('counts every word once sealed, and nothing for a prefix or a word it never had', () => {
    const trie = new WordTrie();
    for (const [word, count] of words) trie.add(word, count);
    trie.add(keyOf('قال'), 1);
    trie.seal();
    expect(words.map(([word]) => trie.count(word))).toEqual([6, 2, 7, 1, 3]);
    expect([keyOf('الوز'), keyOf('قا'), keyOf('دمشق'), keyOf('قالتا')].map((key) => trie.count(key))).toEqual([0, 0, 0, 0]);
    const fromData = WordTrie.fromData(trie.data);
    expect(words.map(([word]) => fromData.count(word))).toEqual([6, 2, 7, 1, 3]);
  });

  it('walks letter by letter: a missing letter ends the walk', () => {
    const trie = new WordTrie();
    for (const [word, count] of words) trie.add(word, count);
    trie.seal();
    let node = WordTrie.ROOT;
    for (const code of codesOf(keyOf('قال'))) node = trie.child(node, code);
    expect(trie.countAt(node)).toBe(5);
    expect(trie.child(node, codesOf(keyOf('ب'))[0] ?? 0)).toBe(WordTrie.NONE);
  });

  it('takes whole counts only', () => {
    expect(() => new WordTrie().add(keyOf('قال'), 0.5)).toThrow(/whole number/);
  });
});

describe('the context table', () => {
  it('answers every seen n-gram and back-off weight as the maps it was built from, and NaN for every symbol never seen after a context', () => {
    // Contexts of one to four letters of real words, with followers on both sides of symbol 32 (the end marker is 45).
    const logProb = new Map<number, number>();
    const logBackoff = new Map<number, number>();
    const gramOf = (symbols: readonly number[]): number => symbols.reduce((gram, symbol) => gram * ALPHABET_BASE + symbol, 0);
    for (const word of ['الولايات', 'المتحدة', 'واشنطن', 'لندن', 'يحيى'].map(keyOf)) {
      const symbols = [WORD_START, ...codesOf(word), WORD_END];
      for (let end = 1; end < symbols.length; end++) {
        for (let length = 1; length <= 4 && end - length >= 0; length++) {
          const context = gramOf(symbols.slice(end - length, end));
          logBackoff.set(context, -0.25 * length);
          logProb.set(context * ALPHABET_BASE + (symbols[end] ?? 0), -Math.PI / (end + length));
        }
      }
    }
    const table = new ContextTable(ContextTable.build(logBackoff, logProb, ALPHABET_BASE).data);
    let asked = 0;
    for (const [context, weight] of logBackoff) {
      const entry = table.entryOf(context);
      expect(entry).toBeGreaterThanOrEqual(0);
      expect(table.logBackoffAt(entry)).toBe(weight);
      for (let symbol = 0; symbol < ALPHABET_BASE; symbol++) {
        const expected = logProb.get(context * ALPHABET_BASE + symbol) ?? NaN;
        expect([context, symbol, table.logProbAt(entry, symbol)]).toEqual([context, symbol, expected]);
        asked++;
      }
    }
    expect(asked).toBe(logBackoff.size * ALPHABET_BASE);
    expect(table.entryOf(gramOf([...codesOf(keyOf('ظظظ'))]))).toBe(-1);
  });
});

describe('the character model', () => {
  const model = readModel();
  const order = model.parameters.order;
  // Arabic words and runs, seen and unseen (a foreign name, words written together, a short word).
  const words = ['الولاياتالمتحدة', 'كوبرنيكوس', 'زيلينسكيماكرون', 'فيغزة', 'من', 'وقالشالوم', 'ظظظظضضضض'].map(keyOf);

  /** P(word) as its definition reads: each symbol after the start marker and the letters before it, then the end. */
  function definition(chars: CharModel, word: string): number {
    const codes = codesOf(word);
    let context = WORD_START;
    let length = 1;
    let p = 1;
    for (const code of codes) {
      p *= chars.probability(context, length, code);
      context = (context * ALPHABET_BASE + code) % ALPHABET_BASE ** (order - 1);
      length = Math.min(length + 1, order - 1);
    }
    return p * chars.probability(context, length, WORD_END);
  }

  /** definition(), each letter's probability multiplied by `scale` as it comes (how the last pieces of a run are multiplied). */
  function definitionScaled(chars: CharModel, word: string, scale: number): number {
    const codes = codesOf(word);
    let context = WORD_START;
    let length = 1;
    let p = 1;
    for (const code of codes) {
      p *= chars.probability(context, length, code) * scale;
      context = (context * ALPHABET_BASE + code) % ALPHABET_BASE ** (order - 1);
      length = Math.min(length + 1, order - 1);
    }
    return p * chars.probability(context, length, WORD_END);
  }

  /** Every prefix of the word from `start`, through the run terms, the table of short starts and the memo of last start letters (as the segmenter asks). */
  function fast(chars: CharModel, codes: Uint8Array, start: number): Float64Array {
    const terms = runTermsFor(codes.length, 1);
    chars.fillRunTerms(codes, terms);
    const out = new Float64Array(codes.length + 1);
    chars.prefixesFrom(codes, start, codes.length - start, terms, out);
    return out;
  }

  it.each([
    ['words', () => model.charCounts],
    ['names', () => model.nameCharCounts],
  ])('of %s gives every piece of a run the probability its definition gives', (_, counts) => {
    const chars = new CharModel(order, counts());
    const built = new CharModel(order, chars.data); // as read back from the cache
    for (const word of words) {
      const codes = codesOf(word);
      for (const model of [chars, built]) {
        // Twice: the second time the word starts come from the memo.
        for (let round = 0; round < 2; round++) {
          for (let start = 0; start < codes.length; start++) {
            const out = fast(model, codes, start);
            for (let end = start + 1; end <= codes.length; end++) {
              const piece = word.slice(start, end);
              expect([piece, out[end - start]]).toEqual([piece, definition(chars, piece)]);
            }
          }
        }
      }
    }
  });

  it('reads short words and the last pieces of a run from its table of short starts, with the letter scale of the segmenter, as its definition gives them', () => {
    const chars = new CharModel(order, model.charCounts);
    const built = new CharModel(order, chars.data); // the table as read back from the cache
    const scale = Math.exp(2.5);
    // Words of one to three letters alone (every piece is a run's last piece), and the last pieces of longer runs.
    for (const word of ['و', 'في', 'من', 'لا', 'غزة', 'قال', 'ظظ', 'فيغزة', 'منذعام', 'الولايات'].map(keyOf)) {
      const codes = codesOf(word);
      const terms = runTermsFor(codes.length, scale);
      built.fillRunTerms(codes, terms);
      for (let start = Math.max(0, codes.length - 3); start < codes.length; start++) {
        const out = new Float64Array(codes.length + 1);
        built.prefixesFrom(codes, start, codes.length - start, terms, out);
        for (let end = start + 1; end <= codes.length; end++) {
          const piece = word.slice(start, end);
          expect([piece, out[end - start]]).toEqual([piece, definitionScaled(chars, piece, scale)]);
        }
      }
    }
    expect(() => new CharModel(order, { ...chars.data, starts: chars.data.starts.subarray(2) })).toThrow(/start values/);
  });

  it('bounds every piece from above when asked for a bound, exact up to three letters, without the run terms for a start-only bound', () => {
    const chars = new CharModel(order, model.charCounts);
    const scale = Math.exp(2.5);
    for (const word of words) {
      const codes = codesOf(word);
      const terms = runTermsFor(codes.length, scale);
      chars.fillRunTerms(codes, terms);
      // Run terms that were never filled: a start-only bound must not read them.
      const unfilled = runTermsFor(codes.length, scale);
      unfilled.letter.fill(NaN);
      unfilled.endAfter.fill(NaN);
      for (let start = 0; start < codes.length; start++) {
        const length = codes.length - start;
        const [exact, lastBound, startBound] = [new Float64Array(length + 1), new Float64Array(length + 1), new Float64Array(length + 1)];
        chars.prefixesFrom(codes, start, length, terms, exact);
        chars.prefixesFrom(codes, start, length, terms, lastBound, 'last start letter');
        chars.prefixesFrom(codes, start, length, unfilled, startBound, 'start only');
        for (let len = 1; len <= length; len++) {
          const piece = word.slice(start, start + len);
          expect([piece, Number.isFinite(lastBound[len]), Number.isFinite(startBound[len])]).toEqual([piece, true, true]);
          if (len <= order - 2) {
            expect([piece, lastBound[len], startBound[len]]).toEqual([piece, exact[len], exact[len]]);
          } else {
            // A bound that holds is above the piece (its letter probabilities are below 1), not equal to it.
            expect([piece, (lastBound[len] ?? 0) > (exact[len] ?? 0), (startBound[len] ?? 0) >= (lastBound[len] ?? 0)]).toEqual([piece, true, true]);
          }
        }
      }
    }
  });

  it('gives each of two models sharing memos (words, names) its own probabilities, asked in turn about the same runs', () => {
    const [wordModel, nameModel] = pairedCharModels(order, model.charCounts, model.nameCharCounts);
    const alone = [new CharModel(order, model.charCounts), new CharModel(order, model.nameCharCounts)] as const;
    // Twice: the second time the starts come from the memos.
    for (const word of [...words, ...words]) {
      const codes = codesOf(word);
      for (let start = 0; start < codes.length; start++) {
        const [a, b] = [fast(wordModel, codes, start), fast(nameModel, codes, start)];
        for (let end = start + 1; end <= codes.length; end++) {
          const piece = word.slice(start, end);
          expect([piece, a[end - start], b[end - start]]).toEqual([piece, definition(alone[0], piece), definition(alone[1], piece)]);
        }
      }
    }
    // The two models differ on these runs, so a model reading the other's lane would be seen.
    expect(words.some((word) => definition(alone[0], word) !== definition(alone[1], word))).toBe(true);
  });

  it('gives the same probabilities once its memos are full of other runs (slots taken by other n-grams and word starts)', () => {
    const chars = new CharModel(order, model.charCounts);
    // Every word of the training text, and runs glued from them as in hostile text: the memos'
    // direct-mapped slots are each asked for many n-grams.
    const trained = [...model.words.keys()];
    const glued = Array.from({ length: 10000 }, (_, i) => (trained[i] ?? '') + (trained[(i * 7919) % trained.length] ?? '') + (trained[(i * 104729) % trained.length] ?? ''));
    for (const run of [...trained, ...glued]) {
      const codes = codesOf(run);
      const terms = runTermsFor(codes.length, 1);
      chars.fillRunTerms(codes, terms);
      const out = new Float64Array(codes.length + 1);
      for (let start = 0; start < codes.length; start++) chars.prefixesFrom(codes, start, Math.min(15, codes.length - start), terms, out);
    }
    // A long run of words written together (47 letters) and a run of hostile text's kind, distinct and new.
    for (const run of ['الولاياتالمتحدةوالاتحادالأوروبيوالصينواليابانوروسيا', 'فيغزةمنذعاموقالالرئيسإنالحكومةستعقد'].map(keyOf)) {
      const codes = codesOf(run);
      for (let start = 0; start < codes.length; start++) {
        const out = fast(chars, codes, start);
        for (let end = start + 1; end <= codes.length; end++) {
          const piece = run.slice(start, end);
          expect([piece, out[end - start]]).toEqual([piece, definition(chars, piece)]);
        }
      }
    }
  });
});

describe('a word-final letter inside a range of the text (hasInnerWordEndIn)', () => {
  it('answers as hasInnerWordEnd of the range cut out', () => {
    const text = 'في المدينةالقديمة وإلىسري والطوارىء مدينة مستشفى';
    const answers = new Map<string, boolean>();
    for (const match of text.matchAll(/\S+/g)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      expect(hasInnerWordEndIn(text, start, end)).toBe(hasInnerWordEnd(match[0]));
      answers.set(match[0], hasInnerWordEndIn(text, start, end));
    }
    expect(Object.fromEntries(answers)).toEqual({ في: false, المدينةالقديمة: true, وإلىسري: true, والطوارىء: false, مدينة: false, مستشفى: false });
  });

  it('reads no letter past the end of the range', () => {
    // المدينة ends at its ة; the ا after it belongs to the next word.
    expect(hasInnerWordEndIn('المدينةالقديمة', 0, 'المدينة'.length)).toBe(false);
    expect(hasInnerWordEndIn('المدينةالقديمة', 0, 'المدينةا'.length)).toBe(true);
    // The ى of الطوارىء is a seat of hamza; the ة of المدينة after it lies outside the range.
    expect(hasInnerWordEndIn('الطوارىءالمدينةالقديمة', 0, 'الطوارىء'.length)).toBe(false);
  });
});
