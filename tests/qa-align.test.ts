import { alignTexts, carrySpan, inEditedText, type TextAlignment } from '../src/qa/align.js';

/** Code point span of `word` (its first occurrence after `from` UTF-16 units) in `text`. */
function spanOf(text: string, word: string, from = 0): { start: number; end: number } {
  const index = text.indexOf(word, from);
  if (index < 0) throw new Error(`${word} not in ${text}`);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...word].length };
}

function aligned(before: string, after: string): TextAlignment {
  const alignment = alignTexts(before, after);
  if (!alignment) throw new Error('not aligned');
  return alignment;
}

describe('alignTexts and carrySpan', () => {
  const text = 'زار وزير الخارجية الأمريكي جون كيري بغداد أمس.';

  it('finds nothing to carry between equal texts', () => {
    expect(aligned(text, text).edits).toEqual([]);
  });

  it('carries every span past a sentence added at the top, none of them in edited text', () => {
    const added = 'قال مسؤول عراقي إن الزيارة لم يعلن عنها.\n';
    const alignment = aligned(text, added + text);
    expect(alignment.edits).toEqual([{ before: { start: 0, end: 0 }, after: { start: 0, end: [...added].length } }]);
    for (const word of ['جون كيري', 'بغداد', 'أمس']) {
      expect(carrySpan(alignment, spanOf(text, word))).toEqual(spanOf(added + text, word));
      expect(inEditedText(alignment, spanOf(text, word), 'before')).toBe(false);
    }
    expect(inEditedText(alignment, spanOf(added + text, 'عراقي'), 'after')).toBe(true);
  });

  it('keeps text inserted at a boundary outside the span', () => {
    const after = 'زار وزير الخارجية الأمريكي السابق جون كيري بغداد أمس.';
    const alignment = aligned(text, after);
    // Inserted right after one entity and right before the next: neither takes it in.
    expect(carrySpan(alignment, spanOf(text, 'وزير الخارجية الأمريكي'))).toEqual(spanOf(after, 'وزير الخارجية الأمريكي'));
    expect(carrySpan(alignment, spanOf(text, 'جون كيري'))).toEqual(spanOf(after, 'جون كيري'));
    expect(inEditedText(alignment, spanOf(text, 'جون كيري'), 'before')).toBe(false);
    // A span across the insertion point holds the inserted word.
    expect(carrySpan(alignment, spanOf(text, 'الأمريكي جون'))).toEqual(spanOf(after, 'الأمريكي السابق جون'));
    expect(inEditedText(alignment, spanOf(text, 'الأمريكي جون'), 'before')).toBe(true);
  });

  it('marks a span whose own text was corrected as in edited text, and keeps its extent', () => {
    const typo = 'زار وزير الخارجيه الأمريكي جون كيري بغداد أمس.';
    const alignment = aligned(typo, text);
    expect(carrySpan(alignment, spanOf(typo, 'وزير الخارجيه'))).toEqual(spanOf(text, 'وزير الخارجية'));
    expect(inEditedText(alignment, spanOf(typo, 'وزير الخارجيه'), 'before')).toBe(true);
    expect(inEditedText(alignment, spanOf(typo, 'جون كيري'), 'before')).toBe(false);
  });

  it('carries a span of deleted text to an empty span where the text was', () => {
    const after = 'زار جون كيري بغداد أمس.';
    const alignment = aligned(text, after);
    const carried = carrySpan(alignment, spanOf(text, 'الخارجية'));
    expect(carried.start).toBe(carried.end);
    expect(carried.start).toBe(spanOf(after, 'جون').start);
    expect(carrySpan(alignment, spanOf(text, 'بغداد'))).toEqual(spanOf(after, 'بغداد'));
  });

  it('counts code points, not UTF-16 units: an emoji added before an entity moves it by one', () => {
    const before = '😀 كيري في بغداد';
    const after = '😀😀 كيري في بغداد';
    expect(carrySpan(aligned(before, after), { start: 2, end: 6 })).toEqual({ start: 3, end: 7 });
  });

  it('treats a line end rewritten from CRLF to LF as an edit of the space only', () => {
    const before = 'بيان الوزارة\r\nزار كيري بغداد';
    const after = 'بيان الوزارة\nزار كيري بغداد';
    const alignment = aligned(before, after);
    expect(carrySpan(alignment, spanOf(before, 'كيري'))).toEqual(spanOf(after, 'كيري'));
    expect(inEditedText(alignment, spanOf(before, 'كيري'), 'before')).toBe(false);
    expect(inEditedText(alignment, spanOf(before, 'بيان الوزارة'), 'before')).toBe(false);
  });
});
