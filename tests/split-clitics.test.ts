import { attachSplitClitics } from '../src/text/split-clitics.js';

describe('attachSplitClitics (WikiFANE tokens back to running text)', () => {
  it('writes ل + the article as لل, and the conjunction with them', () => {
    const sentence = attachSplitClitics({ tokens: ['و', 'ل', 'الدولة', 'عاصمة', 'ها'], tags: ['O', 'O', 'B-LOC', 'O', 'O'] });
    expect(sentence).toEqual({ tokens: ['وللدولة', 'عاصمتها'], tags: ['B-LOC', 'O'] });
  });

  it('attaches the longer pronoun suffixes, and leaves a proclitic before a token that is not Arabic on its own', () => {
    const sentence = attachSplitClitics({ tokens: ['كتاب', 'هما', 'و', '2011'], tags: ['O', 'O', 'O', 'B-DATE'] });
    expect(sentence.tokens).toEqual(['كتابهما', 'و', '2011']);
  });

  it('keeps a name\'s tag on a conjunction inside the name', () => {
    const sentence = attachSplitClitics({ tokens: ['عبد', 'و', 'الله'], tags: ['B-PERS', 'I-PERS', 'I-PERS'] });
    expect(sentence).toEqual({ tokens: ['عبد', 'والله'], tags: ['B-PERS', 'I-PERS'] });
  });
});
