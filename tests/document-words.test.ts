import { splitRuns as split, splitText } from './pipeline-helpers.js';

describe('a name the word model does not know, glued to the words around it (the document is the evidence)', () => {
  it('cuts a name written alone elsewhere in the document out of the function word and word glued to it', () => {
    // توخيل (Tuchel) is in no training text and no gazetteer: the segmenter alone leaves إنتوخيليريد whole.
    expect(splitText('وصل المدرب توخيل إلى لندن. وقال مصدر إنتوخيليريد لاعبين')).toBe('وصل المدرب توخيل إلى لندن . وقال مصدر إن|توخيل|يريد لاعبين');
    expect(splitText('وقال مصدر إنتوخيليريد لاعبين')).toBe('وقال مصدر إنتوخيليريد لاعبين');
  });

  it('records a confidence on each cut, for explain', () => {
    const { text, tokens } = split('وصل المدرب توخيل إلى لندن. وقال مصدر إنتوخيليريد لاعبين');
    const cuts = tokens.filter((token) => token.cut !== undefined);
    expect(cuts.map((token) => text.slice(token.start, token.end))).toEqual(['توخيل', 'يريد']);
    for (const token of cuts) expect(token.cut?.confidence).toBeCloseTo(0.85);
    for (const token of cuts) expect(token.cut?.by).toBe('document-word');
  });

  it('reads a name beside two different words in the document as a word, and does not cut it at a word inside it', () => {
    // غوارديولا stands alone once the segmenter cuts واعتبرغوارديولاأن; غوار is a frequent word, غوار|ديولا is no reading.
    expect(splitText('هاجمغوارديولاما قاله الحكم واعتبرغوارديولاأن الفريق لعب جيدا')).toBe('هاجم|غوارديولا|ما قاله الحكم واعتبر|غوارديولا|أن الفريق لعب جيدا');
  });

  it('leaves whole the words written right that share a piece: verb endings, the article after a proclitic', () => {
    // ونها after verbs is an ending every verb shares (and يمتلك, يعرف are frequent words), not a name between words.
    expect(splitText('يمتلكونها ويحبونها ويعرفونها')).toBe('يمتلكونها ويحبونها ويعرفونها');
    // قنال stands alone, but وال is a conjunction and the article: no word to glue a name to.
    expect(splitText('عبرت السفن قنال السويس ثم عادت والقنال مفتوح')).toBe('عبرت السفن قنال السويس ثم عادت والقنال مفتوح');
    expect(splitText('زار الموناليزا ثم عاد لموناليزا')).toBe('زار الموناليزا ثم عاد لموناليزا');
  });

  // `فيغزة` at the start: the text lost a space elsewhere, so it is no clean document.
  it('takes a long word of the word list for a glue word in a document that lost spaces, not in one that did not', () => {
    // توازنه and افضليته are words of the word list the training text has too seldom for the word model.
    const text = 'استعاد سلتيكتوازنه بفوزه على ضيفه وفرض سلتيكافضليته منذ البداية';
    expect(splitText(`فيغزة ${text}`)).toBe('في|غزة استعاد سلتيك|توازنه بفوزه على ضيفه وفرض سلتيك|افضليته منذ البداية');
    expect(splitText(text)).toBe(text);
  });

  it('finds no name that is a conjunction and the article with a letter or two: والعبود and والعقيل are tribes, not والع', () => {
    expect(splitText('فيغزة ومن العشائر الدريهم والعبود والسعيد والعقيل')).toBe('في|غزة ومن العشائر الدريهم والعبود والسعيد والعقيل');
  });
});
