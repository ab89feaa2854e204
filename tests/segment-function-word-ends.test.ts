import type { CutRule } from '../src/types.js';
import { splitText as splitRunsText } from './pipeline-helpers.js';

/** The rules under test: their cuts are written `|(rule)`. */
const MARKED: readonly CutRule[] = ['hamza-particle', 'function-word-end'];
const splitText = (raw: string): string => splitRunsText(raw, MARKED);

// `فيغزة` at the start: the text lost a space elsewhere, so it is no clean document.
describe('a particle spelt with its hamza glued to the end of the word before it', () => {
  it('is cut before أن, إن and إلى in a document that lost spaces, after a name the word model does not know', () => {
    expect(splitText('فيغزة وقال تشيرنوميردينأن الاتفاق قريب')).toBe('في|غزة وقال تشيرنوميردين|(hamza-particle)أن الاتفاق قريب');
    expect(splitText('فيغزة وقال تشيرنوميردينإن روسيا')).toBe('في|غزة وقال تشيرنوميردين|(hamza-particle)إن روسيا');
    expect(splitText('فيغزة وعاد تشيرنوميردينإلى موسكو')).toBe('في|غزة وعاد تشيرنوميردين|(hamza-particle)إلى موسكو');
  });

  it('leaves whole the words that end with the same letters, which the word list has as written', () => {
    expect(splitText('فيغزة وتحدث الوزير بشأن الشأن الداخلي واطمأن الجميع ويقرأن')).toBe('في|غزة وتحدث الوزير بشأن الشأن الداخلي واطمأن الجميع ويقرأن');
  });

  it('is not read in a document that lost no other space', () => {
    expect(splitText('وقال تشيرنوميردينأن الاتفاق قريب من اتمامه بعد محادثات طويلة')).toBe('وقال تشيرنوميردينأن الاتفاق قريب من اتمامه بعد محادثات طويلة');
  });
});

describe('a function word glued to the end of a word the word model does not know well', () => {
  it('is cut off in a document that lost spaces, with no name word before the token', () => {
    expect(splitText('فيغزة وصل تشيرنوميردينفي موسكو')).toBe('في|غزة وصل تشيرنوميردين|(function-word-end)في موسكو');
  });

  it('leaves a word whole that ends with a function word', () => {
    expect(splitText('فيغزة وقال إن المدينة تحتفي بضيوفها وارتفع السعر بضعفي ما كان عليه')).toBe('في|غزة وقال إن المدينة تحتفي بضيوفها وارتفع السعر بضعفي ما كان عليه');
  });

  it('is not read in a document that lost no other space', () => {
    expect(splitText('وصل تشيرنوميردينفي موسكو أمس بعد محادثات طويلة')).toBe('وصل تشيرنوميردينفي موسكو أمس بعد محادثات طويلة');
  });
});
