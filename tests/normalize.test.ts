import fc from 'fast-check';
import { keyOf, normalize, sliceCodePoints, toRawSpan } from '../src/text/normalize.js';

describe('normalize: display view', () => {
  it.each([
    ['diacritics', 'مُحَمَّدٌ', 'محمد'],
    ['shadda and sukun', 'الشَّرْق', 'الشرق'],
    ['superscript alef', 'هٰذا', 'هذا'],
    ['tatweel', 'العـــراق', 'العراق'],
    ['zero-width non-joiner and bidi marks', 'لن\u200cدن\u200f \u202bقطر\u202c', 'لندن قطر'],
    ['Persian yeh and keheh', 'ایران و کابل', 'ايران و كابل'],
    ['Arabic-Indic digits', '٢٢/١/٢٠١٥', '22/1/2015'],
    ['Eastern Arabic-Indic digits', '۱۴۰۲', '1402'],
    ['Arabic thousands separator', '١٬٥٠٠', '1,500'],
    ['NBSP and thin space', 'لندن\u00a0و\u2009باريس', 'لندن و باريس'],
    ['HTML named entities', 'الحرب &amp; السلام &quot;داعش&quot;', 'الحرب & السلام "داعش"'],
    ['HTML numeric entities', '&#1604;&#x0646;دن', 'لندن'],
    ['stray ampersand stays', 'التنظيم.&', 'التنظيم.&'],
    ['typographic quotes', '“داعش” «الحرة» ‘س’', '"داعش" "الحرة" \'س\''],
    ['presentation forms', 'ﻟﻨﺪﻥ', 'لندن'],
    ['lam-alef ligature expands', 'ﻻ', 'لا'],
    ['CRLF becomes LF', 'سطر\r\nسطر', 'سطر\nسطر'],
    ['BOM dropped', '\ufeffلندن', 'لندن'],
  ])('%s', (_name, raw, expected) => {
    expect(normalize(raw).text).toBe(expected);
  });

  it('keeps hamza seats, ta marbuta and alef maqsura for display', () => {
    expect(normalize('أستراليا مدينة مصطفى').text).toBe('أستراليا مدينة مصطفى');
  });
});

describe('normalize: match key', () => {
  it.each([
    ['أستراليا', 'استراليا'],
    ['إيطاليا', 'ايطاليا'],
    ['آبي', 'ابي'],
    ['مصطفى', 'مصطفي'],
    ['سورية', 'سوريه'],
    ['مسؤول', 'مسوول'],
    ['رئيس', 'رييس'],
    ['NATO', 'nato'],
  ])('%s -> %s', (word, key) => {
    expect(normalize(word).key).toBe(key);
  });

  it('is as long as the display text, so offsets are shared', () => {
    const view = normalize('الرئيسُ الأمريكيّ باراك أوباما في بروكسل');
    expect(view.key.length).toBe(view.text.length);
  });

  it('folds spelling variants to one key', () => {
    expect(keyOf('أوباما')).toBe(keyOf('اوباما'));
    expect(keyOf('الأمريكية')).toBe(keyOf('الامريكيه'));
    expect(keyOf('سوريا')).not.toBe(keyOf('سورية'));
  });
});

describe('offset map', () => {
  it('maps a span after an emoji (outside the BMP) to code point offsets', () => {
    const raw = '😀👍 وصل الوزير إلى لندن';
    const view = normalize(raw);
    const start = view.text.indexOf('لندن');
    const [rawStart, rawEnd] = toRawSpan(view, start, start + 4);
    expect([rawStart, rawEnd]).toEqual([18, 22]);
    expect(sliceCodePoints(raw, rawStart, rawEnd)).toBe('لندن');
    expect(view.rawLength).toBe([...raw].length);
  });

  it('maps across deleted diacritics and tatweel inside a word', () => {
    const raw = 'في العِـــراق';
    const view = normalize(raw);
    const start = view.text.indexOf('العراق');
    const [s, e] = toRawSpan(view, start, start + 'العراق'.length);
    expect(sliceCodePoints(raw, s, e)).toBe('العِـــراق');
  });

  it('maps a decoded entity back to the whole entity', () => {
    const raw = 'أ&amp;ب';
    const view = normalize(raw);
    expect(view.text).toBe('أ&ب');
    expect(toRawSpan(view, 1, 2)).toEqual([1, 6]);
  });

  it('rejects empty and out-of-range spans', () => {
    const view = normalize('لندن');
    expect(() => toRawSpan(view, 2, 2)).toThrow(RangeError);
    expect(() => toRawSpan(view, 0, 9)).toThrow(RangeError);
  });
});

/** Pieces real corpora are made of, noise included. */
const PIECES = [
  'ا', 'ل', 'ن', 'د', 'ة', 'ى', 'أ', 'إ', 'آ', 'ؤ', 'ئ', 'ء', 'ي', 'و', 'ك', 'ی', 'ک', 'ۀ',
  'ً', 'ُ', 'ِ', 'ّ', 'ْ', 'ٰ', 'ـ', '\u200c', '\u200d', '\u200f', '\u202b', '\u2067', '\ufeff',
  ' ', '\u00a0', '\u2009', '\n', '\r\n', '\r', '٣', '۷', '5', '٬',
  '&amp;', '&quot;', '&#1575;', '&#x644;', '&', '&bogus;', '“', '”', '«',
  'ﻟ', 'ﻨ', 'ﺪ', 'ﻥ', 'ﻻ', 'ﷲ', 'ﹰ', '😀', '𝕏', 'é', 'A', '.', '،',
];

const noisyArabic = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

describe('offset map properties over noisy Arabic', () => {
  it('maps every unit inside the raw text, monotonically', () => {
    fc.assert(
      fc.property(noisyArabic, (raw) => {
        const view = normalize(raw);
        const rawLength = [...raw].length;
        expect(view.rawLength).toBe(rawLength);
        expect(view.key.length).toBe(view.text.length);
        for (let i = 0; i < view.text.length; i++) {
          const s = view.rawStart[i] ?? -1;
          const e = view.rawEnd[i] ?? -1;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(rawLength);
          if (i > 0) expect(s).toBeGreaterThanOrEqual(view.rawStart[i - 1] ?? 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every span on unit boundaries slices back to raw text that normalises to the span', () => {
    fc.assert(
      fc.property(noisyArabic, fc.nat(), fc.nat(), (raw, a, b) => {
        const view = normalize(raw);
        const n = view.text.length;
        if (n === 0) return;
        // Boundaries where one raw unit ends and the next begins (not inside an expansion).
        const cuts = [0];
        for (let i = 1; i < n; i++) if (view.rawStart[i] !== view.rawStart[i - 1]) cuts.push(i);
        cuts.push(n);
        const i = cuts[a % cuts.length] ?? 0;
        const j = cuts[b % cuts.length] ?? n;
        const [start, end] = [Math.min(i, j), Math.max(i, j)];
        if (start === end) return;
        const [rawStart, rawEnd] = toRawSpan(view, start, end);
        const piece = sliceCodePoints(raw, rawStart, rawEnd);
        expect(normalize(piece).text).toBe(view.text.slice(start, end));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('offset map: marks after the last letter', () => {
  it.each([
    ['tanween at the end of a word', 'سيعقد الاجتماع غداً في', 'غدا', 'غداً'],
    ['tatweel after a letter', 'عام 1445 هـ في', 'ه', 'هـ'],
    ['shadda and damma', 'قال محمّدٌ إن', 'محمد', 'محمّدٌ'],
  ])('%s belong to the span', (_name, raw, viewWord, rawWord) => {
    const view = normalize(raw);
    const start = view.text.indexOf(viewWord);
    const [s, e] = toRawSpan(view, start, start + viewWord.length);
    expect(sliceCodePoints(raw, s, e)).toBe(rawWord);
  });

  it('a tatweel before a word stays outside it (لـداعش -> داعش)', () => {
    const raw = 'التصدي لـداعش';
    const view = normalize(raw);
    const start = view.text.indexOf('داعش');
    const [s, e] = toRawSpan(view, start, start + 4);
    expect(sliceCodePoints(raw, s, e)).toBe('داعش');
  });

  it('zero-width and bidi controls after a word stay outside it', () => {
    const raw = 'لندن\u200f و';
    const view = normalize(raw);
    expect(sliceCodePoints(raw, ...toRawSpan(view, 0, 4))).toBe('لندن');
  });
});
