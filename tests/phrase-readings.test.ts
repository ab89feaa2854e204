import { resources } from './pipeline-helpers.js';
import { normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';

/** The readings the three phrase tries share (TokenVocabulary.readingIdsAt), and what each trie matches from them. */
describe('readings shared by the phrase tries', () => {
  const { gazetteer, wordTypes } = resources();
  const view = normalize('زار وبغداد ولبنان والسعودية وبالعراق السوري');
  const tokens = tokenize(view, wordTypes);
  const match = (trie: 'names' | 'adjectives', index: number): string | undefined => {
    const found = gazetteer[trie].longestAt(tokens, index, view.text);
    return found && `${found.prefixLength} ${view.text.slice(found.start, found.end)}`;
  };

  it('keeps, bare first, the readings whose stem some phrase uses, with the length of their proclitics', () => {
    const readings = (index: number) => gazetteer.words.readingIdsAt(tokens[index]!.types, tokens[index]!.word);
    expect(readings(0)).toEqual([]); // زار: no phrase word
    expect(readings(1)).toEqual([{ prefixLength: 1, id: gazetteer.words.idOf('بغداد') }]);
    expect(readings(2).map((reading) => reading.prefixLength)).toEqual([1, 2]); // و + لبنان, ول + بنان
    expect(readings(5)).toEqual([{ prefixLength: 0, id: gazetteer.words.idOf('السوري') }]);
  });

  it('lets the names trie and the adjectives trie each match from them, after the proclitics', () => {
    expect([1, 2, 3, 4, 5].map((index) => match('names', index))).toEqual(['1 بغداد', '1 لبنان', '1 السعودية', '2 العراق', undefined]);
    expect([1, 2, 3, 4, 5].map((index) => match('adjectives', index))).toEqual([undefined, undefined, '1 السعودية', undefined, '0 السوري']);
  });
});
