import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { keyOf, normalize, sliceCodePoints, toRawSpan } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';
import { MODEL_VERSION, ModelFileError, parseModel, readModel } from '../src/text/segment/model-file.js';
import { buildSegmenterTables, CLEAN_CUT_THRESHOLD, createSegmenter, CUT_THRESHOLD, MAX_RUN, oneEditFromFrequentWord, segmenterOver } from '../src/text/segment/segmenter.js';
import { WordTrie } from '../src/text/segment/word-trie.js';
import { createRunSplitter } from '../src/text/segment/runs.js';
import { trainModel } from '../src/text/segment/train.js';
import { CharModel, runTermsFor } from '../src/text/segment/char-model.js';
import { codesOf } from '../src/text/segment/alphabet.js';
import type { Source } from '../src/text/segment/training-text.js';
import { resources, spans, splitText } from './pipeline-helpers.js';

/** P(a word) under a character model: its terms over the word, then the piece that is all of it. */
function wordProbability(chars: CharModel, word: string): number {
  const codes = codesOf(keyOf(word));
  const terms = runTermsFor(codes.length, 1);
  chars.fillRunTerms(codes, terms);
  const out = new Float64Array(codes.length + 1);
  chars.prefixesFrom(codes, 0, codes.length, terms, out);
  return out[codes.length] ?? 0;
}

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));

/** The pipeline's splitter: the committed model, the gazetteers' names, the word list. */
const splitter = () => resources().runSplitter;

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
  // short runs (issue 20): a preposition and a name, a name and a word
  ['فيغزة', 'في|غزة'],
  ['منذعام', 'منذ|عام'],
  ['قطرمن', 'قطر|من'],
  ['نتنياهوقد', 'نتنياهو|قد'],
  ['أنغولامطلع', 'أنغولا|مطلع'],
  ['كندامطلع', 'كندا|مطلع'],
  ['أستراليامنذ', 'أستراليا|منذ'],
  ['قطاعغزة', 'قطاع|غزة'],
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
  'سلفي', 'فيرجينيا', 'كوفي', 'ليبرمن',
  // foreign names and long words the old splitter cut (issue 20)
  'كوبرنيكوس', 'الإسماعيليون', 'الرياضياتية', 'جينجيانغ', 'ميليشياتهم', 'الفرنكوفونية', 'النيجروكنجوية',
  // written together as one name
  'عبدالله', 'أبوظبي',
];


describe('the segmenter in the pipeline', () => {
  it.each(MUST_SPLIT)('splits %s', (run, pieces) => {
    expect(splitText(run)).toBe(pieces);
  });

  it.each(MUST_KEEP)('keeps %s whole', (word) => {
    expect(splitText(word)).toBe(word);
  });

  it('splits inside a sentence and leaves the other tokens alone', () => {
    expect(splitText('بناء على دعوة من لندنوواشنطن، في جنوبفرنسا.')).toBe('بناء على دعوة من لندن|وواشنطن ، في جنوب|فرنسا .');
  });

  it('gives pieces the token kind, joined: true, the view key and the confidence of the cut before them', () => {
    const view = normalize('في الولاياتالمتحدة');
    const tokens = splitter().split(tokenize(view), view);
    expect(tokens.map(({ start, end, kind, key, joined }) => ({ start, end, kind, key, joined }))).toEqual([
      { start: 0, end: 2, kind: 'arabic', key: 'في', joined: false },
      { start: 3, end: 11, kind: 'arabic', key: 'الولايات', joined: true },
      { start: 11, end: 18, kind: 'arabic', key: 'المتحده', joined: true },
    ]);
    expect(tokens[1]?.cut).toBeUndefined();
    expect(tokens[2]?.cut?.confidence).toBeGreaterThan(0.99);
    expect(tokens[2]?.cut?.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['an emoji before the run', '😀 الولاياتالمتحدة 😀', ['الولايات', 'المتحدة']],
    // a dropped mark belongs to the letter before it, so the tatweel stays with the first piece
    ['a tatweel at the cut and a shadda inside', 'في الولاياتـالمتّحدة', ['الولاياتـ', 'المتّحدة']],
    ['harakat and an emoji', '😀😀 جَنوبفَرَنسا', ['جَنوب', 'فَرَنسا']],
    ['a clitic piece', 'من لندنوواشنطن', ['لندن', 'وواشنطن']],
  ])('maps pieces back to raw text (%s)', (_label, raw, expected) => {
    const view = normalize(raw);
    const pieces = splitter().split(tokenize(view), view).filter((token) => token.joined);
    const rawSlices = pieces.map((token) => sliceCodePoints(raw, ...toRawSpan(view, token.start, token.end)));
    expect(rawSlices).toEqual(expected);
  });

  it('reads the letters the key folds: a ta marbuta ends a word, so خاصةما is cut and خاصهما (her own) is not', () => {
    expect(splitText('خاصةما')).toBe('خاصة|ما');
    expect(splitText('خاصهما')).toBe('خاصهما');
  });

  it('reads no affix on a letter the key folded: إن after a word is no dual ان, so اللهإن and أعلنأن are cut', () => {
    expect(splitText('اللهإن')).toBe('الله|إن');
    expect(splitText('أعلنأن')).toBe('أعلن|أن');
  });

  it('asks the word list for the run as written: علىأن is no listed word, though its key علياان is one', () => {
    expect(splitText('علىأن')).toBe('على|أن');
    expect(splitText('إلىأن')).toBe('إلى|أن');
  });

  it('takes a form written again in the same document as one word unless its cut is near certain', () => {
    // هثواي (Hathaway) alone is cut at about 0.9; written twice it is a name, not a slip made twice.
    expect(splitText('زار هثواي المدينة')).toBe('زار هث|واي المدينة');
    expect(splitText('زار هثواي المدينة وقال هثواي')).toBe('زار هثواي المدينة وقال هثواي');
    expect(splitText('وصل الرئيس فيغزة ثم غادر فيغزة')).toBe('وصل الرئيس في|غزة ثم غادر في|غزة');
  });

  it('keeps the cut of a repeated form when a piece of it stands alone in the document', () => {
    expect(splitText('زار هثواي المدينة وقال هثواي إن واي')).toBe('زار هث|واي المدينة وقال هث|واي إن واي');
  });

  it('counts repeated forms within one document only: a form once in each of two documents is cut in both', () => {
    const view = normalize('زار هثواي المدينة');
    for (let document = 0; document < 2; document++) {
      expect(splitter().split(tokenize(view), view).filter((token) => token.joined).map((token) => token.key)).toEqual(['هث', 'واي']);
    }
  });

  /** A news report of some 140 words, written correctly; `town` and `slip` are put into it. */
  const report = (town: string, slip: string): string =>
    `قصفت المدفعية الإسرائيلية صباح اليوم أطراف بلدتي شبعا ${town} في جنوب لبنان، وقالت مصادر أمنية إن القذائف سقطت في أراض زراعية مفتوحة ولم تسفر عن إصابات. ` +
    'وأضافت المصادر أن قوات الأمم المتحدة العاملة في المنطقة فتحت تحقيقا في الحادث، وأجرت اتصالات مع الجانبين لمنع تصعيد جديد على الحدود. ' +
    'وقال رئيس البلدية في تصريح للصحفيين إن السكان يعيشون حالة من القلق منذ أسابيع، وإن المزارعين لا يستطيعون الوصول إلى حقولهم. ' +
    'ودعت الحكومة اللبنانية مجلس الأمن الدولي إلى التحرك العاجل لوقف الاعتداءات المتكررة، فيما أكد الجيش اللبناني أنه رفع درجة الاستعداد في مواقعه القريبة من الخط الأزرق. ' +
    `وتشهد المنطقة توترا متزايدا منذ بداية الشهر الماضي، بعد سلسلة من الحوادث المتبادلة بين الطرفين. وقال مدير المدرسة ${slip} إن عدد الطلاب انخفض هذا العام بنسبة كبيرة مقارنة بالعام الماضي.`;
  const cutPieces = (text: string): string[] => splitText(text).split(' ').filter((token) => token.includes('|'));

  it('reads a correctly written document with a lower prior of a lost space: the village كفركلا stays whole there, not in a short text', () => {
    // Alone in a short text, a doubtful cut is made (a text this short says nothing about how many spaces it lost).
    expect(splitText('قصفت المدفعية أطراف بلدتي شبعا وكفركلا')).toBe('قصفت المدفعية أطراف بلدتي شبعا وكفر|كلا');
    // In a report whose other words lost no space, the name is taken as written.
    expect(cutPieces(report('وكفركلا', 'في غزة'))).toEqual([]);
    // A document that lost spaces elsewhere (more than one word in a hundred) is read as before.
    expect(cutPieces(report('وكفركلا', 'فيغزة والضفةالغربية'))).toEqual(['وكفر|كلا', 'في|غزة', 'والضفة|الغربية']);
  });

  it('keeps a near-certain cut in a correctly written document: one lost space is still restored', () => {
    expect(cutPieces(report('وكفر كلا', 'فيغزة'))).toEqual(['في|غزة']);
  });

  it('counts the cuts of a form written again once when it asks whether a document lost spaces', () => {
    // Two reports, some 280 words: هثواي (Hathaway) three times is one cut form, not three slips, so
    // the document is read as correctly written and the village كفركلا stays whole.
    const twice = `${report('وكفركلا', 'هثواي')} ${report('والخيام', 'هثواي')} وقال هثواي`;
    expect(cutPieces(twice)).toEqual([]);
    // Three different doubtful cuts are three slips: the document is read as before.
    expect(cutPieces(`${report('وكفركلا', 'هثواي')} ${report('والخيام', 'فيغزة')}`)).toEqual(['وكفر|كلا', 'هث|واي', 'في|غزة']);
  });

  it('takes a repeated form as one word in a correctly written document even when a piece of it stands alone', () => {
    // الفالوجة (Fallujah, spelt with an alef) is cut after the frequent الف ("thousand") even in a
    // correctly written report, and ألف stands alone there; written twice, it is a name written whole.
    expect(cutPieces(`${report('والخيام', 'في الفالوجة')} وتبعد ألف كيلومتر`)).toEqual(['الف|الوجة']);
    expect(cutPieces(`${report('والخيام', 'في الفالوجة')} وتبعد الفالوجة ألف كيلومتر`)).toEqual([]);
  });

  it('cuts آل ("the family of") off a listed name written onto it, which the folded key reads as the article', () => {
    expect(splitText('حمد بن خليفة آلثاني')).toBe('حمد بن خليفة آل|ثاني');
    expect(splitText('محمد بن راشد آلمكتوم')).toBe('محمد بن راشد آل|مكتوم');
    expect(splitText('الشيخ راشدآلمكتوم')).toBe('الشيخ راشد|آل|مكتوم');
    // Words that start with آل leave no listed name after it.
    expect(splitText('آلامهم كبيرة وآلاف الناس وآلياتها')).toBe('آلامهم كبيرة وآلاف الناس وآلياتها');
    expect(spans('أعلن الشيخ محمد بن راشد آلمكتوم نائب رئيس الدولة')).toContain('PERSON محمد بن راشد آلمكتوم');
  });

  it("cuts a listed name's first word off the word it is glued to when the next word goes on with the name", () => {
    expect(splitText('وصل الوزير فيتل أبيب أمس')).toBe('وصل الوزير في|تل أبيب أمس');
    expect(splitText('مشاركته أمام بطلكوت ديفوار')).toBe('مشاركته أمام بطل|كوت ديفوار');
    expect(spans('وصل الوزير فيتل أبيب أمس')).toContain('LOCATION تل أبيب');
    // A token running text has as one word, or proclitics before the name, stay whole (the gazetteer reads those).
    expect(splitText('قال وابن علي إن')).toBe('قال وابن علي إن');
    expect(splitText('وصل ولجزر القمر')).toBe('وصل ولجزر القمر');
  });

  it('does not take a run for a frequent word when a word-final ى or ة stands inside it', () => {
    // The key of إلىسري is that of اليسرى ("the left"), a frequent word; the ى inside says a space was lost.
    expect(splitText('وصل إلىسري لانكا')).toBe('وصل إلى|سري لانكا');
    expect(splitText('زار المدينةالقديمة')).toBe('زار المدينة|القديمة');
  });

  it('keeps a word of the word list whole where the word model alone would cut it: الشظايا is not ال|شظايا', () => {
    expect(['الشظايا', 'ستمنحنا', 'انبرى'].map((raw) => splitText(raw))).toEqual(['الشظايا', 'ستمنحنا', 'انبرى']);
  });

  it.each([
    ['زار الرئيس فيغزة المدرسة', ['LOCATION غزة']],
    ['وصل إلى أستراليامنذ أيام', ['LOCATION أستراليا']],
    ['زار الوزير أنغولامطلع الشهر', ['LOCATION أنغولا', 'DATE مطلع الشهر']],
    ['قال بنيامين نتنياهوقد', ['PERSON بنيامين نتنياهو']],
  ])('finds the entity in %s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });
});

describe('createSegmenter', () => {
  const model = readModel();

  it('uses the names it is given: unknown foreign names run together are cut only when known', () => {
    const run = keyOf('زيلينسكيوماكرون');
    expect(createSegmenter(model, []).segment(run).cuts).toEqual([]);
    expect(createSegmenter(model, ['زيلينسكي', 'ماكرون'].map(keyOf)).segment(run).cuts).toEqual([8]);
  });

  it('reads an unknown foreign name as one word: a character model of names competes with its pieces', () => {
    const segmenter = createSegmenter(model, []);
    const names = ['ميتسوبيشي', 'دوستويفسكي', 'هيونداي', 'شكسبير', 'ميخائيلوفيتش'];
    for (const name of names) expect(segmenter.segment(keyOf(name), name).cuts).toEqual([]);
    // Spelt by the word model alone, each is cut at a known piece (شك|سبير).
    const withoutNames = createSegmenter({ ...model, parameters: { ...model.parameters, nameShare: 0 } }, []);
    for (const name of names) expect(withoutNames.segment(keyOf(name), name).cuts).not.toEqual([]);
    // Known words run together are still cut.
    expect(segmenter.segment(keyOf('فيغزة'), 'فيغزة').cuts).toEqual([2]);
  });

  it('answers from its bound what a full search answers: the same cuts and confidences for every word and glued pair of the corpus articles', () => {
    // Every Arabic form of the five articles as written (nearly all answered, no cut, by the
    // bound) and every two neighbours written together (many cut, some near the threshold), in
    // a document read as it comes, one read as clean, and a form repeated in it.
    const forms = new Set<string>();
    for (const name of readdirSync(CORPUS).filter((file) => file.endsWith('.txt'))) {
      const view = normalize(readFileSync(join(CORPUS, name), 'utf8'));
      const words = tokenize(view)
        .filter((token) => token.kind === 'arabic')
        .map((token) => view.text.slice(token.start, token.end));
      words.forEach((word, i) => {
        forms.add(word);
        if (i > 0) forms.add(`${words[i - 1] ?? ''}${word}`);
      });
    }
    const lexicon = resources().lexicon;
    const dictionary = { isWord: (key: string, display?: string) => (display === undefined ? lexicon.hasWord(key) : lexicon.hasWrittenForm(display)), factor: 100 };
    const tables = buildSegmenterTables(model, []);
    const bounded = segmenterOver(tables, { dictionary });
    const searched = segmenterOver(tables, { dictionary, maxBoundedRun: 0 });
    let cut = 0;
    for (const [wholeFactor, lostSpaceFactor] of [
      [1, 1],
      [1, 0.1],
      [100, 1],
    ] as const) {
      for (const display of forms) {
        const key = keyOf(display);
        const expected = searched.segment(key, display, wholeFactor, lostSpaceFactor);
        expect([display, bounded.segment(key, display, wholeFactor, lostSpaceFactor)]).toEqual([display, expected]);
        if (expected.cuts.length > 0) cut++;
      }
    }
    expect(forms.size).toBeGreaterThan(2000);
    expect(cut).toBeGreaterThan(1000);
  });

  it('reads a name longer than almost every name word as one name too', () => {
    expect('فيانارانتسوا'.length).toBeGreaterThan(model.parameters.nameLength);
    for (const name of ['فيانارانتسوا', 'ميخائيلوفيتش']) expect(createSegmenter(model, []).segment(keyOf(name), name).cuts).toEqual([]);
  });

  it('spells a piece no longer than a name word by the name model too: a foreign name glued to a known word is cut out', () => {
    const run = 'وقالشالوم';
    expect(createSegmenter(model, []).segment(keyOf(run), run).cuts).toEqual([4]);
    // Without the name model, or when no piece of five letters may be a name, it stays whole.
    expect(createSegmenter({ ...model, parameters: { ...model.parameters, nameShare: 0 } }, []).segment(keyOf(run), run).cuts).toEqual([]);
    expect(createSegmenter({ ...model, parameters: { ...model.parameters, nameLength: 4 } }, []).segment(keyOf(run), run).cuts).toEqual([]);
    // The pipeline: the person is found in the sentence.
    expect(spans('وقالشالوم إن الليكود قرر الانسحاب')).toContain('PERSON شالوم');
  });

  it('a higher prior of lost spaces cuts more', () => {
    const run = keyOf('التقىبلينكن');
    expect(createSegmenter(model, [], { missingSpace: 1e-6 }).segment(run).cuts).toEqual([]);
    expect(createSegmenter(model, [], { missingSpace: 0.5 }).segment(run).cuts).toEqual([5]);
  });

  it("multiplies the prior of a lost space by the document's factor: a doubtful cut goes, a near-certain one stays", () => {
    const segmenter = createSegmenter(model, []);
    const doubtful = 'وكفركلا';
    expect(segmenter.segment(keyOf(doubtful), doubtful).cuts).toEqual([4]);
    expect(segmenter.segment(keyOf(doubtful), doubtful, 1, 0.1).cuts).toEqual([]);
    expect(segmenter.segment(keyOf('فيغزة'), 'فيغزة', 1, 0.1).cuts).toEqual([2]);
  });

  it('in a document that lost almost no spaces, a doubtful cut after a rare piece goes, one after a frequent word stays', () => {
    const segmenter = createSegmenter(model, []);
    // `وقزقستان`, a name written whole, is cut after the rare piece `وقزق` at about 0.72;
    // `لاتحتاج`, "does not need", with its space lost after the frequent `لا`, at about 0.73.
    const name = 'وقزقستان';
    const particle = 'لاتحتاج';
    expect(segmenter.segment(keyOf(name), name, 1, 0.1).cuts).toEqual([]);
    expect(segmenter.segment(keyOf(particle), particle, 1, 0.1).cuts).toEqual([2]);
    // The threshold is what removed it, and only in a document read as clean.
    expect(createSegmenter(model, [], { cleanCutThreshold: CUT_THRESHOLD }).segment(keyOf(name), name, 1, 0.1).cuts).toEqual([4]);
    expect(segmenter.segment(keyOf(name), name).cuts).toEqual([4]);
    expect(CLEAN_CUT_THRESHOLD).toBeGreaterThan(CUT_THRESHOLD);
  });

  it('in a document that lost almost no spaces, a run one letter from a frequent word is that word misspelt, not two words', () => {
    const segmenter = createSegmenter(model, []);
    // `منزطق` is `مناطق` ("regions") with one letter wrong, `الفذائية` is `الغذائية` ("food"); `تحتذي`
    // ("to be followed") is one letter from a frequent word too. Each is cut where spaces were lost
    // (`من|زطق`, `الف|ذائية`, `تحت|ذي`), and left whole in a correctly written document.
    for (const [run, cut] of [['منزطق', 2], ['الفذائية', 3], ['تحتذي', 3]] as const) {
      expect(segmenter.segment(keyOf(run), run).cuts).toEqual([cut]);
      expect(segmenter.segment(keyOf(run), run, 1, 0.1).cuts).toEqual([]);
    }
    // A particle glued to a verb is no word misspelt, and its space is restored there as before.
    expect(segmenter.segment(keyOf('لايخلو'), 'لايخلو', 1, 0.1).cuts).toEqual([2]);
    expect(segmenter.segment(keyOf('لاتحتاج'), 'لاتحتاج', 1, 0.1).cuts).toEqual([2]);
  });

  it('finds a word one substituted or missing letter from a run, at least as frequent as asked', () => {
    const trie = new WordTrie();
    for (const [word, count] of [['مناطق', 40], ['تكنولوجيا', 12], ['مدفع', 40], ['مقابل', 40], ['منذ', 40]] as const) trie.add(keyOf(word), count);
    trie.seal();
    const near = (run: string, minCount: number): boolean => oneEditFromFrequentWord(trie, codesOf(keyOf(run)), minCount);
    // A letter substituted, first, inside or last; a letter missing, inside or at either end.
    expect(['منزطق', 'زناطق', 'مناطز', 'تكنلوجيا', 'كنولوجيا', 'تكنولوجي'].map((run) => near(run, 10))).toEqual([true, true, true, true, true, true]);
    // Not frequent enough; a word itself is no edit from itself; two edits away.
    expect([near('تكنلوجيا', 20), near('مناطق', 10), near('منزطز', 10)]).toEqual([false, false, false]);
    // A letter too many or two letters transposed are no misspelling here (`مادفع` is `ما دفع`, `ماقبل` is `ما قبل`; `منذو` stays a cut).
    expect([near('مادفع', 10), near('ماقبل', 10), near('منذو', 10)]).toEqual([false, false, false]);
  });

  it('takes the display letters as evidence: a ta marbuta inside the run is a lost space after it', () => {
    const display = 'خاصةما';
    const segmenter = createSegmenter(model, []);
    expect(segmenter.segment(keyOf(display)).cuts).toEqual([]);
    expect(segmenter.segment(keyOf(display), display).cuts).toEqual([4]);
  });

  it('leaves runs longer than MAX_RUN whole, so cost stays linear in the text', () => {
    const long = keyOf('الولاياتالمتحدة').repeat(15);
    expect(long.length).toBeGreaterThan(MAX_RUN);
    expect(createSegmenter(model, []).segment(long).cuts).toEqual([]);
    expect(createSegmenter(model, []).segment(long.slice(0, MAX_RUN)).cuts.length).toBeGreaterThan(2);
  });

  it('cuts any run of Arabic letters into pieces of 2 letters or more, with confidences in [threshold, 1]', () => {
    const segmenter = createSegmenter(model, []);
    const letters = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءة'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { minLength: 4, maxLength: MAX_RUN }), (chars) => {
        const key = keyOf(chars.join(''));
        const { cuts, confidences } = segmenter.segment(key);
        const bounds = [0, ...cuts, key.length];
        expect(confidences).toHaveLength(cuts.length);
        for (const confidence of confidences) expect(confidence >= CUT_THRESHOLD && confidence <= 1).toBe(true);
        // Cuts are where a space is likely, not a full segmentation: a piece may be longer than
        // MAX_PIECE when the cuts inside it are each too uncertain.
        for (let i = 1; i < bounds.length; i++) expect((bounds[i] ?? 0) - (bounds[i - 1] ?? 0)).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300, seed: 20 },
    );
  });
});

describe('the model file', () => {
  const sentences = (texts: string[]) => texts.map((text) => ({ words: text.split(' '), entities: [] }));
  const source: Source = {
    name: 'test',
    train: sentences(['ذهب الوزير إلى القاهرة أمس', 'قال الوزير إن القاهرة ترحب', 'وصل الرئيس إلى دمشق', 'وقال الرئيس كلمة', 'قال الوزير']),
    heldOut: sentences(['لم يره أحد']),
  };
  const names = ['شكسبير', 'دوستويفسكي'].map(keyOf);

  it('is the same bytes for the same text', () => {
    expect(trainModel([source], names)).toBe(trainModel([source], [...names].reverse()));
  });

  it('counts words, holds character n-grams and reads back', () => {
    const model = parseModel(trainModel([source], names), 'test.tsv');
    expect(model.words.get(keyOf('الوزير'))).toBe(3);
    expect(model.words.get(keyOf('يره'))).toBeUndefined(); // held out
    expect(model.parameters.tokens).toBe(19);
    expect(model.parameters.procliticMass[keyOf('و')]).toBeCloseTo(1 / 19); // وقال: و + a known word
    expect(model.charCounts.size).toBeGreaterThan(50);
    expect(model.nameCharCounts.size).toBeGreaterThan(20);
    expect(wordProbability(new CharModel(5, model.nameCharCounts), 'شكسبير')).toBeGreaterThan(wordProbability(new CharModel(5, model.charCounts), 'شكسبير'));
  });

  it('learns the share of once-seen words that are names from the gold entities', () => {
    const tagged: Source = {
      name: 'tagged',
      train: [
        { words: ['التقى', 'ساركوزي', 'الوزير'], entities: [{ first: 1, last: 1, tag: 'PERS' }] },
        { words: ['وصل', 'الوزير', 'إلى', 'دمشق'], entities: [{ first: 3, last: 3, tag: 'LOC' }] },
      ],
      heldOut: [],
    };
    // Seen once: التقى ساركوزي وصل إلى دمشق; two of the five are in names.
    expect(parseModel(trainModel([tagged], names), 'test.tsv').parameters.nameShare).toBeCloseTo(2 / 5);
    // A source without entities says nothing.
    expect(parseModel(trainModel([source], names), 'test.tsv').parameters.nameShare).toBe(0);
  });

  it('learns how long a name word may be: the length 99% of them are within', () => {
    const shortNames = Array.from({ length: 99 }, (_, i) => keyOf('بر') + String.fromCharCode(0x0628 + (i % 20)) + String.fromCharCode(0x0628 + Math.floor(i / 20)));
    expect(new Set(shortNames).size).toBe(99);
    expect(parseModel(trainModel([source], [...shortNames, keyOf('فلاديفوستوك')]), 'test.tsv').parameters.nameLength).toBe(4);
    expect(parseModel(trainModel([source], [...shortNames.slice(0, 90), ...Array.from({ length: 10 }, (_, i) => keyOf('فلاديفوستو') + String.fromCharCode(0x0628 + i))]), 'test.tsv').parameters.nameLength).toBe(11);
  });

  it('learns how much likelier a folded display letter is at a word edge than inside', () => {
    const letters = parseModel(trainModel([source], names), 'test.tsv').parameters.displayLetters ?? {};
    // كلمة and القاهرة end in ة and no word has it inside; إلى/إن start with إ, which no word has inside.
    expect(letters['ة']?.[0]).toBeGreaterThan(1);
    expect(letters['إ']?.[1]).toBeGreaterThan(1);
    expect(letters['ه']?.[0]).toBeLessThan(1);
  });

  it('counts as inside a word, for the first-letter ratio, only letters a cut could fall before: not the second letter, not one after the article', () => {
    // أ starts أمس and أحمد; inside a word it stands only after ال (الأمن, الأول), where a stem starts.
    const withArticle = { ...source, train: sentences(['جاء أحمد أمس بكتاب', 'قال الأمن الأول', 'وصل أحمد']) };
    const letters = parseModel(trainModel([withArticle], names), 'test.tsv').parameters.displayLetters ?? {};
    // First letters of the alef key: أ 3, ا 2. Inside: ا once (بكتاب); جاء and قال have theirs second.
    // With half a count each: (3.5 / 6) / (0.5 / 2) = 2.33 (0.93 with الأمن and الأول inside, 4.67 with جاء and قال).
    expect(letters['أ']?.[1]).toBeCloseTo(3.5 / 6 / 0.25, 3);
  });

  it.each([
    ['not a model', 'hello\n', /test.tsv:1: not a segmenter model/],
    ['another version', '#arabic-ner-segmenter 9 {}\n', /test.tsv:1: model version 9/],
    ['a bad count', `#arabic-ner-segmenter ${MODEL_VERSION} {}\nw\tقال\tx\n`, /test.tsv:2: bad line/],
    ['an unknown line kind', `#arabic-ner-segmenter ${MODEL_VERSION} {}\nz\tقال\t3\n`, /test.tsv:2: unknown line kind/],
  ])('rejects %s with the file and line', (_label, text, message) => {
    expect(() => parseModel(text, 'test.tsv')).toThrow(ModelFileError);
    expect(() => parseModel(text, 'test.tsv')).toThrow(message);
  });
});

describe('gazetteer names written together', () => {
  it.each([
    ['قال الاتحادالأوروبي أمس', 'ORGANIZATION', 'الاتحادالأوروبي'],
    ['وصل إلى قطاعغزة', 'LOCATION', 'قطاعغزة'],
  ])('%s', (text, type, name) => {
    const view = normalize(text);
    const tokens = tokenize(view); // no segmenter: the run is one token
    const index = tokens.findIndex((token) => view.text.slice(token.start, token.end) === name);
    const match = resources().gazetteer.names.longestAt(tokens, index, view.text);
    expect(match?.values.map((entry) => entry.type)).toContain(type);
    expect(view.text.slice(match?.start ?? 0, match?.end ?? 0)).toBe(name);
  });

  it('an abbreviation spelt letter by letter is not a name written together (`أ ب` is AP; `وباب` is "and a door")', () => {
    const text = 'مساحة خلفية وباب خلفي';
    expect(spans(text)).toEqual([]);
    const view = normalize('وقالت وكالة أ ب إن');
    const tokens = tokenize(view);
    const match = resources().gazetteer.names.longestAt(tokens, 2, view.text);
    expect(match?.values.map((entry) => entry.id)).toContain('org:associated-press');
  });
});
