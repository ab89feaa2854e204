import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLexicon, type Lexicon } from '../src/text/lexicon.js';
import { keyOf, normalize, sliceCodePoints, toRawSpan } from '../src/text/normalize.js';
import { splitRuns } from '../src/text/split-runs.js';
import { tokenize } from '../src/text/tokenize.js';

/** Names as the pipeline adds them: the tokens of gazetteer names (places, people, organisations). */
const NAMES = [
  'حلف شمال الأطلسي',
  'واشنطن', 'لندن', 'فرنسا', 'سوريا', 'دمشق', 'بيروت', 'القاهرة', 'الرياض', 'موسكو', 'بكين', 'باريس',
  'العراق', 'لبنان', 'نينوى', 'الموصل', 'فرانسوا', 'هولاند', 'فيليب', 'هاموند', 'أوكرانيا', 'غزة',
  'الخرطوم', 'طرابلس', 'حلب', 'إدلب', 'ألمانيا', 'تركيا', 'إيران', 'اليمن', 'ليبيا', 'السودان',
];

let lexicon: Lexicon;
let tempDir: string;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'lexicon-'));
  lexicon = loadLexicon();
  lexicon.addNames(NAMES.flatMap((name) => keyOf(name).split(' ')));
});

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** The text's tokens as display strings; pieces of one run are joined by '|'. */
function splitText(raw: string, lex: Lexicon = lexicon): string {
  const view = normalize(raw);
  let out = '';
  let previousEnd = -1;
  for (const token of splitRuns(tokenize(view), view, lex)) {
    const sameRun = token.joined && token.start === previousEnd;
    out += (out === '' ? '' : sameRun ? '|' : ' ') + view.text.slice(token.start, token.end);
    previousEnd = token.joined ? token.end : -1;
  }
  return out;
}

describe('lexicon', () => {
  it.each(['الولايات', 'المتحدة', 'والمساعدات', 'سيجتمعون', 'مستشفى'])('knows %s', (word) => {
    expect(lexicon.hasWord(keyOf(word))).toBe(true);
  });

  it('matches by key: hamza seats, alef maqsura and ta marbuta are folded', () => {
    expect(lexicon.hasWord('المتحده')).toBe(true);
    expect(lexicon.hasWord('مستشفي')).toBe(true);
    expect(lexicon.hasWord('المسوولين')).toBe(true);
  });

  it.each(['زززز', 'الولاياتالمتحده', 'قثفصضك', ''])('does not know %p', (junk) => {
    expect(lexicon.hasWord(junk)).toBe(false);
  });

  it('keeps names per lexicon', () => {
    const other = loadLexicon();
    expect(lexicon.hasName(keyOf('هاموند'))).toBe(true);
    expect(other.hasName(keyOf('هاموند'))).toBe(false);
  });

  it('writes a cache that a later start reads with the same answers', () => {
    const coldDir = join(tempDir, 'cold');
    const cold = loadLexicon({ cacheDir: coldDir });
    const probes = ['الولايات', 'المتحده', 'فسيكفيكهم', 'زززز', 'وبمشاركتهم', 'لندنو'];
    const coldAnswers = probes.map((key) => cold.hasWord(key));
    const files = readdirSync(coldDir);
    expect(files).toEqual([expect.stringMatching(/^lexicon-[0-9a-f]{16}\.btrie$/)]);

    // A fresh directory holding only the cache file: the trie must come from that file.
    const warmDir = join(tempDir, 'warm');
    mkdirSync(warmDir);
    for (const file of files) copyFileSync(join(coldDir, file), join(warmDir, file));
    const started = performance.now();
    const warm = loadLexicon({ cacheDir: warmDir });
    expect(probes.map((key) => warm.hasWord(key))).toEqual(coldAnswers);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('works without a writable cache directory', () => {
    const file = join(tempDir, 'not-a-directory');
    writeFileSync(file, '');
    const uncached = loadLexicon({ cacheDir: join(file, 'cache') });
    expect(uncached.hasWord('الولايات')).toBe(true);
    expect(uncached.hasWord('زززز')).toBe(false);
  });
});

/** Runs seen in scraped news, and ones like them: [run, expected pieces]. */
const MUST_SPLIT: readonly (readonly [string, string])[] = [
  ['الولاياتالمتحدة', 'الولايات|المتحدة'],
  ['الولاياتالمتحدةالامريكية', 'الولايات|المتحدة|الامريكية'],
  ['لندنوواشنطن', 'لندن|وواشنطن'],
  ['جنوبفرنسا', 'جنوب|فرنسا'],
  ['شمالسوريا', 'شمال|سوريا'],
  ['وزيرالخارجية', 'وزير|الخارجية'],
  ['الأممالمتحدة', 'الأمم|المتحدة'],
  ['رئيسالوزراء', 'رئيس|الوزراء'],
  ['بيروتودمشق', 'بيروت|ودمشق'],
  ['مجلسالأمن', 'مجلس|الأمن'],
  ['الشرقالأوسط', 'الشرق|الأوسط'],
  ['الاتحادالأوروبي', 'الاتحاد|الأوروبي'],
  ['جامعةالدولالعربية', 'جامعة|الدول|العربية'],
  ['المملكةالمتحدة', 'المملكة|المتحدة'],
  ['الرئيسالأمريكي', 'الرئيس|الأمريكي'],
  ['وزارةالدفاع', 'وزارة|الدفاع'],
  ['البيتالأبيض', 'البيت|الأبيض'],
  ['حلفشمالالأطلسي', 'حلف|شمال|الأطلسي'],
  ['القاهرةوالرياض', 'القاهرة|والرياض'],
  ['موسكووبكين', 'موسكو|وبكين'],
  ['باريسولندن', 'باريس|ولندن'],
  ['غربالعراق', 'غرب|العراق'],
  ['العاصمةالسورية', 'العاصمة|السورية'],
  ['تنظيمالدولةالإسلامية', 'تنظيم|الدولة|الإسلامية'],
  ['الحكومةالعراقية', 'الحكومة|العراقية'],
  ['المنظماتالدولية', 'المنظمات|الدولية'],
  ['القواتالأمريكية', 'القوات|الأمريكية'],
  ['الرئيسالفرنسيفرانسواهولاند', 'الرئيس|الفرنسي|فرانسوا|هولاند'],
  ['وزيرالخارجيةالبريطانيفيليبهاموند', 'وزير|الخارجية|البريطاني|فيليب|هاموند'],
  ['مجلسالتعاونالخليجي', 'مجلس|التعاون|الخليجي'],
  ['الأمينالعامللأممالمتحدة', 'الأمين|العام|للأمم|المتحدة'],
  ['محافظةنينوى', 'محافظة|نينوى'],
  ['مدينةالموصل', 'مدينة|الموصل'],
  ['جنوبلبنان', 'جنوب|لبنان'],
  ['والولاياتالمتحدة', 'والولايات|المتحدة'],
  ['بالولاياتالمتحدة', 'بالولايات|المتحدة'],
  // a preposition run into the name before or after it
  ['لندنإلى', 'لندن|إلى'],
  ['بيروتفي', 'بيروت|في'],
  ['فيالموصل', 'في|الموصل'],
  ['منلندن', 'من|لندن'],
  ['دمشقعلى', 'دمشق|على'],
  ['الاجتماعفي', 'الاجتماع|في'],
];

/** Real words (inflected, with clitics) and names the word list lacks: never split. */
const MUST_KEEP: readonly string[] = [
  'والاستراتيجيات', 'بالمشاركة', 'فسيكفيكهم', 'المتحدثة', 'واستضافته', 'والمساعدات', 'والمسؤولين',
  'بالإضافة', 'واشنطن', 'المتحدة', 'الانتخابات', 'وبمشاركتهم', 'فلسطينيين', 'للمفاوضات', 'سيجتمعون',
  'الاستراتيجية', 'والمستشفيات', 'بالمتظاهرين', 'الديمقراطية', 'والإسرائيليين', 'بالانسحاب',
  'المستوطنات', 'والاقتصادية', 'لاستعادة', 'وسيطرتها', 'الإرهابيين', 'والمفاوضات', 'بمحافظة',
  'فاستقالته', 'وسيستقبلون', 'المعارضة', 'البرلمانية', 'والتكنولوجيا', 'الأيديولوجية', 'والبرلمانيين',
  'استراتيجيتها', 'بالمسؤولية', 'والعسكريين', 'لانتخاباتها', 'مستشفياتهم', 'والمنظمات', 'بالاستقلال',
  'الإمبراطورية', 'والدبلوماسيين', 'سيستضيفها', 'ومستشاريه',
  // foreign names absent from both the word list and the names added above
  'تيلرسون', 'لانكستر', 'كاميرون', 'بوتفليقة', 'نيوزيلندا', 'البنتاغون', 'الكرملين', 'ماكرون',
  'أردوغان', 'نتنياهو', 'زيلينسكي', 'بلومبرغ', 'كوبنهاغن', 'ستوكهولم', 'إسطنبول', 'سانتياغو',
  'جوهانسبرغ', 'واغادوغو', 'ايدلوجية',
  // a short word or name beside a preposition-like ending is not enough
  'نيومن', 'سلفي', 'هوفمن', 'فيرجينيا', 'كوفي', 'فريدمن', 'ليبرمن',
];

describe('splitRuns', () => {
  it.each(MUST_SPLIT)('splits %s', (run, pieces) => {
    expect(splitText(run)).toBe(pieces);
  });

  it.each(MUST_KEEP)('keeps %s whole', (word) => {
    expect(splitText(word)).toBe(word);
  });

  it('needs no names for runs of ordinary words', () => {
    const noNames = loadLexicon();
    expect(splitText('الولاياتالمتحدةالامريكية', noNames)).toBe('الولايات|المتحدة|الامريكية');
    expect(splitText('وزيرالخارجية', noNames)).toBe('وزير|الخارجية');
  });

  it('splits inside a sentence and leaves the other tokens alone', () => {
    expect(splitText('بناء على دعوة من لندنوواشنطن، في جنوبفرنسا.')).toBe(
      'بناء على دعوة من لندن|وواشنطن ، في جنوب|فرنسا .',
    );
  });

  it('gives pieces the token kind, joined: true and the view key', () => {
    const view = normalize('في الولاياتالمتحدة');
    const tokens = splitRuns(tokenize(view), view, lexicon);
    expect(tokens.map(({ start, end, kind, key, joined }) => ({ start, end, kind, key, joined }))).toEqual([
      { start: 0, end: 2, kind: 'arabic', key: 'في', joined: false },
      { start: 3, end: 11, kind: 'arabic', key: 'الولايات', joined: true },
      { start: 11, end: 18, kind: 'arabic', key: 'المتحده', joined: true },
    ]);
  });

  it.each([
    ['an emoji before the run', '😀 الولاياتالمتحدة 😀', ['الولايات', 'المتحدة']],
    // a dropped mark belongs to the letter before it, so the tatweel stays with the first piece
    ['a tatweel at the cut and a shadda inside', 'في الولاياتـالمتّحدة', ['الولاياتـ', 'المتّحدة']],
    ['harakat and an emoji', '😀😀 جَنوبفَرَنسا', ['جَنوب', 'فَرَنسا']],
    ['a clitic piece', 'من لندنوواشنطن', ['لندن', 'وواشنطن']],
  ])('maps pieces back to raw text (%s)', (_label, raw, expected) => {
    const view = normalize(raw);
    const pieces = splitRuns(tokenize(view), view, lexicon).filter((token) => token.joined);
    const rawSlices = pieces.map((token) => sliceCodePoints(raw, ...toRawSpan(view, token.start, token.end)));
    expect(rawSlices).toEqual(expected);
  });
});
