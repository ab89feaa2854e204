import { normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';
import { resources } from './pipeline-helpers.js';

/** The text's tokens as display strings, pieces of one run joined by '|', each cut after it marked with what made it. */
function splitText(raw: string): string {
  const view = normalize(raw);
  let out = '';
  let previousEnd = -1;
  for (const token of resources().runSplitter.split(tokenize(view), view)) {
    const sameRun = token.joined && token.start === previousEnd;
    const rule = token.cut?.by === 'name-end' || token.cut?.by === 'nationality' ? `(${token.cut.by})` : '';
    out += (out === '' ? '' : sameRun ? `|${rule}` : ' ') + view.text.slice(token.start, token.end);
    previousEnd = token.joined ? token.end : -1;
  }
  return out;
}

describe("a name's end glued to the word after it", () => {
  // `فيغزة` at the start: the text lost a space elsewhere, so it is no clean document.
  it('is cut after a word of a person name in a document that lost spaces, where a frequent word follows', () => {
    expect(splitText('فيغزة وقال محمود ناصر الجنيبيأمين السر')).toBe('في|غزة وقال محمود ناصر الجنيبي|(name-end)أمين السر');
  });

  it('is not read in a document that lost no other space: there the run is taken as written', () => {
    expect(splitText('وقال محمود ناصر الجنيبيأمين السر')).toBe('وقال محمود ناصر الجنيبيأمين السر');
  });

  it('is not read after على, whose key is that of the name علي', () => {
    expect(splitText('فيغزة ووقف على الجنيبيأمين السر')).toBe('في|غزة ووقف على الجنيبيأمين السر');
  });
});

describe('a nationality adjective glued to the name after it', () => {
  it('is cut after the adjective with its article, proclitics too, in a document that lost spaces', () => {
    expect(splitText('فيغزة سجل للبرازيليكلاوديو والبرتغاليتياغو في الدقيقة 55')).toBe('في|غزة سجل للبرازيلي|(nationality)كلاوديو والبرتغالي|(nationality)تياغو في الدقيقة 55');
    expect(splitText('سجل للبرازيليكلاوديو والبرتغاليتياغو في الدقيقة 55')).toBe('سجل للبرازيليكلاوديو والبرتغاليتياغو في الدقيقة 55');
  });

  it("leaves the adjective's own plurals and duals whole, with a pronoun too", () => {
    expect(splitText('فيغزة زار الوفدان التركيين والعراقيتينهما')).toBe('في|غزة زار الوفدان التركيين والعراقيتينهما');
  });
});
