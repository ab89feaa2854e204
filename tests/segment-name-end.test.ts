import type { CutRule } from '../src/types.js';
import { splitText as splitRunsText } from './pipeline-helpers.js';

/** The rules under test: their cuts are written `|(rule)`. */
const MARKED: readonly CutRule[] = ['name-end', 'nationality'];
const splitText = (raw: string): string => splitRunsText(raw, MARKED);

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
