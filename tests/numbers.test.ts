import { dualReadings, parseNumberWords, readNumber, readOrdinal } from '../src/recognizers/numbers.js';
import { keyOf, normalize } from '../src/text/normalize.js';

/** Reads at the first occurrence of `from` in the sentence; returns the view text read and its value. */
function readAt(read: typeof readNumber, sentence: string, from: string): { text: string; value: number; kind: string } | null {
  const view = normalize(sentence);
  const position = view.text.indexOf(normalize(from).text);
  const reading = read(view.key, position);
  return reading && { text: view.text.slice(reading.start, reading.end), value: reading.value, kind: reading.kind };
}

describe('parseNumberWords', () => {
  it.each([
    ['واحد', 1],
    ['واحدة', 1],
    ['اثنان', 2],
    ['اثنتين', 2],
    ['ثلاث', 3],
    ['ثلاثة', 3],
    ['أربع', 4],
    ['خمسة', 5],
    ['ست', 6],
    ['سبعة', 7],
    ['ثماني', 8],
    ['تسع', 9],
    ['عشر', 10],
    ['عشرة', 10],
    ['أحد عشر', 11],
    ['إحدى عشرة', 11],
    ['اثنا عشر', 12],
    ['اثنتي عشرة', 12],
    ['خمسة عشر', 15],
    ['تسع عشرة', 19],
    ['عشرون', 20],
    ['عشرين', 20],
    ['العشرين', 20],
    ['الستين', 60],
    ['ثلاثون', 30],
    ['أربعين', 40],
    ['تسعين', 90],
    ['واحد وعشرين', 21],
    ['خمسة وعشرون', 25],
    ['الخمسة والعشرين', 25],
    ['ثلاث وستين', 63],
    ['مائة', 100],
    ['مئة', 100],
    ['مائتان', 200],
    ['مئتين', 200],
    ['ثلاثمائة', 300],
    ['ثلاثمئة', 300],
    ['ثلاث مئة', 300],
    ['خمسمائة', 500],
    ['مائة وخمسة وعشرون', 125],
    ['مائة وخمسين', 150],
    ['ألف', 1000],
    ['ألفين', 2000],
    ['ثلاثة آلاف', 3000],
    ['ثلاثة آلاف وخمسمائة', 3500],
    ['عشرين ألفا', 20000],
    ['ثلاثة عشر ألفا', 13000],
    ['مليون', 1_000_000],
    ['خمسة ملايين', 5_000_000],
    ['مائتي مليون', 200_000_000],
    ['مليارين', 2_000_000_000],
  ])('%s -> %d', (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });

  it.each([
    ['أحد'], // "one/anyone": a number only before عشر
    ['آلاف'], // "thousands", no count
    ['دولة'],
    ['عشرين وخمسة'], // tens never come before units
    ['ثلاثة عشر عشر'],
  ])('%s is not a number', (words) => {
    expect(parseNumberWords(words)).toBeNull();
  });
});

describe('readNumber', () => {
  it.each([
    ['شارك 68 مندوبا في الاجتماع', '68', '68', 68, 'digits'],
    ['بلغت الكلفة 1,500 دولار', '1,500', '1,500', 1500, 'digits'],
    ['بلغ النمو 3.5 في المئة', '3.5', '3.5', 3.5, 'digits'],
    ['خصصت 5 ملايين دولار للإغاثة', '5', '5 ملايين', 5_000_000, 'digits'],
    ['قرض بقيمة 2.5 مليار دولار', '2.5', '2.5 مليار', 2_500_000_000, 'digits'],
    ['بلغ عدد السكان ٢٣ مليونا', '23', '23 مليونا', 23_000_000, 'digits'],
    ['وزراء خارجية الدول الـ28 في بروكسل', 'ال28', 'ال28', 28, 'attached'],
    ['في الـ 15 من الشهر', 'ال 15', 'ال 15', 15, 'attached'],
    ['بمساعدات قيمتها مائتي مليون دولار', 'مائتي', 'مائتي مليون', 200_000_000, 'words'],
    ['حضر واحد وعشرون وزيرا', 'واحد', 'واحد وعشرون', 21, 'words'],
    ['الدول الستين المشاركة', 'الستين', 'الستين', 60, 'words'],
    ['ثلاث دول عربية', 'ثلاث', 'ثلاث', 3, 'words'],
  ])('%s: reads %s', (sentence, from, text, value, kind) => {
    expect(readAt(readNumber, sentence, from)).toEqual({ text, value, kind });
  });

  it('reads nothing where no number starts', () => {
    expect(readAt(readNumber, 'وصل الوزير إلى لندن', 'الوزير')).toBeNull();
  });
});

describe('readOrdinal', () => {
  it.each([
    ['الأول من يناير', 'الأول', 1],
    ['الأولى من نوعها', 'الأولى', 1],
    ['الثاني من مارس', 'الثاني', 2],
    ['الثالثة صباحا', 'الثالثة', 3],
    ['العاشر من رمضان', 'العاشر', 10],
    ['الحادي عشر من سبتمبر', 'الحادي عشر', 11],
    ['الحادية عشرة ليلا', 'الحادية عشرة', 11],
    ['الثاني عشر من ربيع الأول', 'الثاني عشر', 12],
    ['التاسع عشر من الشهر', 'التاسع عشر', 19],
    ['العشرين من يوليو', 'العشرين', 20],
    ['الحادي والعشرين من مايو', 'الحادي والعشرين', 21],
    ['الثالث والعشرين من الشهر الجاري', 'الثالث والعشرين', 23],
    ['الثلاثين من يونيو', 'الثلاثين', 30],
    ['الحادي والثلاثين من ديسمبر', 'الحادي والثلاثين', 31],
  ])('%s -> %d', (sentence, text, value) => {
    expect(readAt(readOrdinal, sentence, text)).toEqual({ text, value, kind: 'ordinal' });
  });

  it('does not read الحادي alone', () => {
    expect(readAt(readOrdinal, 'القرن الحادي', 'الحادي')).toBeNull();
  });
});

describe('dualReadings', () => {
  it.each([
    ['دولتين', 'دوله', false],
    ['الدولتين', 'دوله', true],
    ['دولتان', 'دوله', false],
    ['بلدين', 'بلد', false],
    ['البلدين', 'بلد', true],
  ])('%s has the singular %s', (word, singular, definite) => {
    expect(dualReadings(keyOf(word))).toContainEqual(expect.objectContaining({ singular, definite }));
  });

  it('offers no reading for a word without a dual ending', () => {
    expect(dualReadings(keyOf('دولة'))).toEqual([]);
  });
});
