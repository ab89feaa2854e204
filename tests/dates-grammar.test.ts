import { dateRecognizer } from '../src/recognizers/dates/index.js';
import { annotate, extract, loadResources } from '../src/pipeline/extract.js';
import { schemaErrors } from './helpers.js';
import { normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';
import type { DateDetail } from '../src/types.js';

/** The grammar's newer forms, the tense of bare weekdays and the consistency check, on sentences; document date Tuesday 2013-02-12. */

const DOCUMENT_DATE = '2013-02-12';

function datesIn(sentence: string, documentDate: string | null = DOCUMENT_DATE): { text: string; value: string | number | undefined; date: DateDetail | undefined }[] {
  const view = normalize(sentence);
  const options = documentDate === null ? {} : { documentDate };
  return dateRecognizer.recognize({ view, tokens: tokenize(view), options }).map((c) => ({ text: view.text.slice(c.start, c.end), value: c.value, date: c.date }));
}

describe('a bare weekday takes the tense of its clause', () => {
  it.each([
    ['سيعقد الاجتماع الاثنين في جنيف', '2013-02-18', 'future'],
    ['عقد الاجتماع الاثنين في جنيف', '2013-02-11', 'past'],
    ['قال المسؤول إن الاجتماع سيعقد الاثنين في العاصمة.', '2013-02-18', 'future'],
    ['قال المسؤول إن الاجتماع عقد الخميس في العاصمة.', '2013-02-07', 'past'],
    ['ويبحث الوزراء، ومعهم ممثلون عن الاتحاد الأوروبي والأمم المتحدة، خلال اجتماع الخميس تنسيق الجهود', '2013-02-14', 'future'],
    ['اختتمت القمة التي جمعت الزعيمين في واشنطن الجمعة', '2013-02-08', 'past'],
    ['سيصل الوفد الثلاثاء', '2013-02-19', 'future'], // the same weekday as the document: a week on
    ['وصل الوفد الثلاثاء', '2013-02-12', 'past'], // wire copy names today's day
    ['يسود الهدوء منذ الخميس', '2013-02-07', 'past'], // since looks back
    ['تعقد القمة في مصر الخميس', '2013-02-14', 'future'], // a feminine imperfect opening the clause
    ['الوزير زار القاهرة الخميس', '2013-02-07', 'past'], // subject first
    ['تقرير الوزارة صدر الخميس', '2013-02-07', 'past'], // a verbal noun in ت is no imperfect
  ])('%s', (sentence, value, tense) => {
    const [date] = datesIn(sentence);
    expect(date?.value).toBe(value);
    expect(date?.date?.tense).toBe(tense);
  });

  it('without a verb of clear shape, the nearest weekday', () => {
    const [date] = datesIn('الاجتماع الخميس');
    expect(date?.value).toBe('2013-02-14');
    expect(date?.date?.tense).toBeUndefined();
  });
});

describe('the consistency check keeps the span and withholds a contradicted value, saying why', () => {
  it.each([
    ['عقدت الجلسة يوم الجمعة 22 يناير 2015', 'يوم الجمعة 22 يناير 2015', 'weekday-mismatch'], // 22 January 2015 was a Thursday
    ['قال الوزير أمس السبت', 'أمس السبت', 'weekday-mismatch'], // the day before Tuesday is a Monday
    ['صدر القرار في 30 فبراير 2013', '30 فبراير 2013', 'no-such-day'],
    ['صدر القرار في 31/4/2014', '31/4/2014', 'no-such-day'],
    ['تقام الدورة من 15 الى 13 تموز 2014', 'من 15 الى 13 تموز 2014', 'range-order'],
  ])('%s', (sentence, text, reason) => {
    expect(datesIn(sentence)).toEqual([{ text: normalize(text).text, value: undefined, date: expect.objectContaining({ valueWithheld: reason }) }]);
  });

  it('writes the value when the weekday agrees', () => {
    expect(datesIn('عقدت الجلسة يوم الخميس 22 يناير 2015')[0]?.value).toBe('2015-01-22');
  });

  it('reads the n-th weekday of a month only when the day itself is not that weekday', () => {
    expect(datesIn('الثلاثاء الثالث من شهر ايلول من عام 2014')[0]).toEqual(expect.objectContaining({ value: '2014-09-16', date: expect.objectContaining({ nth: 3, day: 16 }) }));
    expect(datesIn('الأربعاء الأول من أيار 2013')[0]?.value).toBe('2013-05-01'); // 1 May 2013 was a Wednesday
    expect(datesIn('الأربعاء الأول من أيار 2013')[0]?.date?.nth).toBeUndefined();
  });
});

describe('offsets from the document date', () => {
  it.each([
    ['وصل الوفد قبل اسبوع', 'قبل اسبوع', '2013-W06'],
    ['يعود بعد يومين', 'بعد يومين', '2013-02-14'],
    ['وصل منذ ثلاثة أيام', 'منذ ثلاثة أيام', '2013-02-09'],
    ['وقع الحادث يوم قبل امس', 'يوم قبل امس', '2013-02-10'],
    ['تنتهي المهلة بعد أسبوع من الآن', 'بعد أسبوع من الآن', '2013-W08'],
    ['وقع الانفجار الليلة الماضية', 'الليلة الماضية', '2013-02-11'],
    ['يصل الوفد هذا المساء', 'هذا المساء', '2013-02-12'],
  ])('%s', (sentence, text, value) => {
    expect(datesIn(sentence)).toEqual([expect.objectContaining({ text: normalize(text).text, value })]);
  });

  it.each([
    ['بعد يومين من الاجتماع'], // another event anchors it
    ['قبل أسبوع على الانتخابات'],
    ['يعيش منذ ثلاث سنوات في المنفى'], // a duration beside a present verb
    ['قبل عام ونصف'], // inexact
    ['منذ أيام'], // vague
    ['قضى الليلة في السجن'], // the night of the story
    ['بعد يوم طويل من المفاوضات'], // a described day
    ['وصلوا قبل يوم الانتخابات'], // the unit heads a noun phrase
  ])('%s: not a date', (sentence) => {
    expect(datesIn(sentence)).toEqual([]);
  });

  it('leaves a year after قبل to the year form', () => {
    expect(datesIn('قبل عام 2014').map((d) => d.text)).toEqual([normalize('عام 2014').text]);
  });
});

describe('holidays from the calendar', () => {
  it.each([
    ['عيد الفطر', '2013-08-08'],
    ['عيد الأضحى 2019', '2019-08-11'],
    ['ثاني أيام عيد الأضحى', '2013-10-16'],
    ['رمضان 2019', '2019-05-06/2019-06-03'],
    ['عيد الميلاد الماضي', '2012-12-25'],
    ['رأس السنة الهجرية', '2013-11-04'],
  ])('%s', (phrase, value) => {
    expect(datesIn(`احتفل الناس ب${phrase} في المدينة`)[0]?.value).toBe(value);
  });

  it.each([['ليلة رأس السنة'], ['آخر أيام عيد الفطر'], ['عرفة'], ['رأس السنة الأمازيغية']])('%s: not read as the feast day', (phrase) => {
    expect(datesIn(`احتفلوا في ${phrase}`)).toEqual([]);
  });

  it('has no value without a document date when the year is not written', () => {
    expect(datesIn('عيد الفطر', null)[0]).toEqual(expect.objectContaining({ value: undefined, date: expect.objectContaining({ holiday: 'eid-al-fitr', anchor: 'document' }) }));
  });
});

describe('an ordinal after a definite noun qualifies the noun', () => {
  it.each([['الأسبوع الأول من آذار', 'آذار'], ['الجولة الثانية من آذار', 'آذار']])('%s', (phrase, text) => {
    expect(datesIn(phrase).map((d) => d.text)).toEqual([normalize(text).text]);
  });
});

describe('المغرب the prayer is not Morocco', () => {
  const resources = loadResources();
  const places = (sentence: string): string[] => extract(sentence, resources).entities.filter((e) => e.type === 'LOCATION').map((e) => e.text);
  it.each([['صلى المصلون بعد المغرب في المسجد'], ['أدى صلاة المغرب في الجامع'], ['وصلوا قبيل أذان المغرب'], ['التقيا قبل المغرب بقليل']])('%s', (sentence) => {
    expect(places(sentence)).toEqual([]);
  });
  it.each([['زار الرئيس المغرب'], ['حلت الجزائر ثانية بعد المغرب وتونس'], ['وقعت الاتفاقية بين المغرب والجزائر']])('%s', (sentence) => {
    expect(places(sentence)).toContain('المغرب');
  });
});

describe('the new reading fields are optional v1 fields the schema knows', () => {
  it('validates an annotation that uses each of them', () => {
    const text = [
      'عقد الاجتماع الاثنين.', // tense
      'الثلاثاء الثالث من شهر ايلول من عام 2014.', // nth
      'من 28 ديسمبر الى 3 يناير 2014.', // endMonth, endYear
      'رمضان 2019 وعيد الفطر.', // gregorianYear, holiday
      'الجمعة 22 يناير 2015.', // valueWithheld
    ].join('\n');
    const annotation = annotate(text, { id: 'd', source: 'd.txt', sha256: '0'.repeat(64), encoding: 'utf-8' }, loadResources(), { documentDate: DOCUMENT_DATE });
    const fields = new Set(annotation.entities.flatMap((e) => Object.keys(e.date ?? {})));
    for (const field of ['tense', 'nth', 'endMonth', 'endYear', 'gregorianYear', 'holiday', 'valueWithheld']) expect(fields).toContain(field);
    expect(schemaErrors(annotation)).toBe('');
  });
});

describe('ranges are one DATE (rule 5)', () => {
  it.each([
    ['تقام الدورة 13 الى 15 تموز', '13 الى 15 تموز', '2013-07-13/2013-07-15'],
    ['تقام الدورة من 13 تموز الى 15 تموز', 'من 13 تموز الى 15 تموز', '2013-07-13/2013-07-15'],
    ['تقام الدورة من 28 ديسمبر الى 3 يناير 2014', 'من 28 ديسمبر الى 3 يناير 2014', '2013-12-28/2014-01-03'],
    ['تقام الدورة بين الثالث والخامس من آذار', 'بين الثالث والخامس من آذار', '2013-03-03/2013-03-05'],
  ])('%s', (sentence, text, value) => {
    expect(datesIn(sentence)).toEqual([expect.objectContaining({ text: normalize(text).text, value })]);
  });

  it('leaves two full dates joined by a bare و as two', () => {
    expect(datesIn('زار الوفد العاصمة في 3 آذار و5 نيسان').map((d) => d.value)).toEqual(['2013-03-03', '2013-04-05']);
  });
});
