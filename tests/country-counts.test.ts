import { countryCountRecognizer } from '../src/recognizers/country-counts.js';
import { normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';

/** COUNTRY_COUNT candidates of a sentence; spans as display text (see tests/dates.test.ts). */
function countsIn(sentence: string): { text: string; value: unknown; qualifier: unknown; source: string }[] {
  const view = normalize(sentence);
  return countryCountRecognizer.recognize({ view, tokens: tokenize(view), options: {} }).map((candidate) => ({
    text: view.text.slice(candidate.start, candidate.end),
    value: candidate.value,
    qualifier: candidate.qualifier,
    source: candidate.source,
  }));
}

const display = (text: string): string => normalize(text).text;

describe('country counts', () => {
  it.each([
    // number + noun
    ['شارك في القمة ممثلو 35 دولة من القارات الخمس', '35 دولة', 35, 'exact', 'count-number-noun'],
    ['يضم التحالف 68 دولة تقودها واشنطن', '68 دولة', 68, 'exact', 'count-number-noun'],
    ['بمشاركة 46 بلدا من أنحاء العالم', '46 بلدا', 46, 'exact', 'count-number-noun'],
    ['وقعت 12 بلداً على الاتفاقية', '12 بلداً', 12, 'exact', 'count-number-noun'],
    ['صادقت ١٩٣ دولة على الميثاق', '١٩٣ دولة', 193, 'exact', 'count-number-noun'],
    ['وزراء خارجية عشرين دولة عربية وأجنبية', 'عشرين دولة', 20, 'exact', 'count-number-noun'],
    ['اعترفت ثلاث دول أوروبية بالدولة', 'ثلاث دول', 3, 'exact', 'count-number-noun'],
    ['جالت البعثة في خمسة بلدان أفريقية', 'خمسة بلدان', 5, 'exact', 'count-number-noun'],
    ['انضمت سبع دول إلى المبادرة', 'سبع دول', 7, 'exact', 'count-number-noun'],
    ['يضم الاتحاد خمس وعشرين دولة', 'خمس وعشرين دولة', 25, 'exact', 'count-number-noun'],
    ['ممثلون عن مائة وخمسين دولة', 'مائة وخمسين دولة', 150, 'exact', 'count-number-noun'],
    ['فرضت عقوبات بعشرين دولة', 'عشرين دولة', 20, 'exact', 'count-number-noun'],
    ['وتشارك الـ20 دولة في المناورات', 'الـ20 دولة', 20, 'exact', 'count-number-noun'],
    // hedges
    ['يشارك وزراء خارجية حوالى 30 دولة في الاجتماع', '30 دولة', 30, 'approx', 'count-number-noun'],
    ['يشارك حوالي 15 دولة', '15 دولة', 15, 'approx', 'count-number-noun'],
    ['حضر ممثلو نحو أربعين بلدا', 'أربعين بلدا', 40, 'approx', 'count-number-noun'],
    ['بمشاركة قرابة 50 دولة', '50 دولة', 50, 'approx', 'count-number-noun'],
    ['وفود زهاء ستين دولة', 'ستين دولة', 60, 'approx', 'count-number-noun'],
    ['ما يقرب من 100 دولة', '100 دولة', 100, 'approx', 'count-number-noun'],
    ['شاركت فيه ما يناهز 80 دولة', '80 دولة', 80, 'approx', 'count-number-noun'],
    ['يضم تحالفا من أكثر من 60 بلدا', '60 بلدا', 60, 'more_than', 'count-number-noun'],
    ['وبمشاركة اكثر من 70 دولة', '70 دولة', 70, 'more_than', 'count-number-noun'],
    ['وقعت عليه ما يزيد على 120 دولة', '120 دولة', 120, 'more_than', 'count-number-noun'],
    ['ما يزيد عن 40 دولة', '40 دولة', 40, 'more_than', 'count-number-noun'],
    ['ما يربو على ثلاثين دولة', 'ثلاثين دولة', 30, 'more_than', 'count-number-noun'],
    ['بأكثر من 20 دولة', '20 دولة', 20, 'more_than', 'count-number-noun'],
    ['صادقت عليها أقل من عشر دول', 'عشر دول', 10, 'less_than', 'count-number-noun'],
    ['ما يقل عن خمس دول', 'خمس دول', 5, 'less_than', 'count-number-noun'],
    // definite noun + number
    ['ويبحث وزراء خارجية الدول الـ28 في بروكسل', 'الدول الـ28', 28, 'exact', 'count-definite'],
    ['اجتماع كل الدول الستين في ديسمبر', 'الدول الستين', 60, 'exact', 'count-definite'],
    ['اتفقت الدول السبع على البيان', 'الدول السبع', 7, 'exact', 'count-definite'],
    ['الدول الخمس دائمة العضوية', 'الدول الخمس', 5, 'exact', 'count-definite'],
    ['وزراء البلدان الثلاثة', 'البلدان الثلاثة', 3, 'exact', 'count-definite'],
    ['رسالة إلى الدول الأعضاء الـ27 في الاتحاد', 'الدول الأعضاء الـ27', 27, 'exact', 'count-definite'],
    ['قدمت الدعوة للدول العشرين المشاركة', 'لدول العشرين', 20, 'exact', 'count-definite'],
    // duals
    ['وتعززت العلاقات بين البلدين', 'البلدين', 2, 'exact', 'count-dual'],
    ['شبكته خارج الحدود الجغرافية للدولتين', 'لدولتين', 2, 'exact', 'count-dual'],
    ['وقعت دولتان اتفاقا للتعاون', 'دولتان', 2, 'exact', 'count-dual'],
    ['زار الوزير دولتين خليجيتين', 'دولتين', 2, 'exact', 'count-dual'],
    ['وبلدين آخرين', 'بلدين', 2, 'exact', 'count-dual'],
  ])('%s', (sentence, text, value, qualifier, rule) => {
    expect(countsIn(sentence)).toEqual([{ text: display(text), value, qualifier, source: `rule:${rule}` }]);
  });

  it.each([
    ['خصصت اليابان 5 ملايين دولار للإغاثة'], // دولار is not دولة
    ['مساعدات بقيمة مائتي مليون دولار'],
    ['قتل 30 شخصا في الهجوم'],
    ['تعقد قمة مجموعة العشرين في أوساكا'], // the G20
    ['أعلنت مجموعة الدول العشرين دعمها'],
    ['قمة الدول السبع الكبرى'],
    ['بحضور 74 عضوا من الدول والمنظمات الدولية'], // not all members are countries
    ['شارك فيه ممثلو 20 دولة ومنظمة'],
    ['وقعت عليه 15 دولة أو منظمة'],
    ['تستضيف دولة الكويت المؤتمر'],
    ['دعم حل الدولتين'], // the two-state solution
    ['زار عدة بلدان آسيوية'], // no number
    ['عشرات الدول'],
    ['دول مجلس التعاون الخليجي'],
    ['بعد ثلاث سنوات من الحرب'],
    ['الدولة الثالثة التي تعترف'], // an ordinal rank, not a count
  ])('%s: no count', (sentence) => {
    expect(countsIn(sentence)).toEqual([]);
  });
});
