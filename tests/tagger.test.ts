import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadResources, extract } from '../src/pipeline/extract.js';
import { PerceptronTrainer, predictWith } from '../src/learn/perceptron.js';
import { decodeModel, encodeModel, ModelFileError } from '../src/learn/model-file.js';
import { parseConll, scoreSpans, spansOf } from '../src/learn/conll.js';
import { FeatureExtractor } from '../src/tagger/features.js';
import { parseWordStatistics } from '../src/tagger/lexical.js';
import { countWords, prepare, train, evaluate, wordStatisticsText } from '../src/tagger/train.js';
import { TAGS, bioTransitions } from '../src/tagger/tags.js';
import { adaptWikifane } from '../src/tagger/wikifane.js';
import { tokenTags } from '../src/qa/conll-eval.js';
import { contextFeatureIds, contextFeatures } from '../src/tagger/context.js';
import { MODEL_SOURCE, createModelRecognizer, mergeModelCandidates, type SpanWords } from '../src/recognizers/model.js';
import { CLUB_BY_CITY_SOURCE } from '../src/recognizers/sports.js';
import type { Tagger } from '../src/tagger/tagger.js';
import type { Candidate } from '../src/types.js';
import { ROOT, runCli, tempDir } from './helpers.js';
import { copyFileSync, appendFileSync } from 'node:fs';
import { pipelineFingerprint } from '../src/batch/resume.js';
import { DEFAULT_GAZETTEER_DIR, modelFilesOf } from '../src/pipeline/extract.js';

const resources = loadResources();
const rulesOnly = loadResources({ modelDir: false });
const ruleSpansOf = (text: string): string[] => extract(text, rulesOnly).entities.map((entity) => `${entity.type} ${entity.text}`);

/** A small labelled slice in ANERcorp's format: names the model must learn from context alone. */
const SLICE = [
  'قال O', 'المدرب O', 'كارلوس B-PERS', 'بيريرا I-PERS', 'إن O', 'فريق O', 'الزمالك B-ORG', 'سيلعب O', 'في O', 'القاهرة B-LOC', '. O',
  'وأكد O', 'كارلوس B-PERS', 'بيريرا I-PERS', 'أن O', 'الزمالك B-ORG', 'جاهز O', '. O',
  'وصل O', 'اللاعب O', 'ماريو B-PERS', 'غوميز I-PERS', 'إلى O', 'بيروت B-LOC', 'أمس O', '. O',
].join('\n');

function trainOn(text: string, epochs: number) {
  const sentences = parseConll(text, 'slice');
  const words = parseWordStatistics(wordStatisticsText(countWords(sentences.map((s) => s.tokens.join(' '))), new Map(), 1));
  const lexicon = { gazetteer: resources.gazetteer, isCommonWord: (key: string) => resources.lexicon.hasWord(key), personNameWords: new Set<string>(), words };
  const extractor = new FeatureExtractor(lexicon);
  const prepared = prepare(sentences, resources, extractor);
  const trainer = train(prepared, [], { epochs, seed: 7, log: () => undefined });
  return { prepared, weights: trainer.averaged() };
}

describe('training', () => {
  it('learns its training slice and gives the same model bytes twice', () => {
    const first = trainOn(SLICE, 5);
    const second = trainOn(SLICE, 5);
    const scores = evaluate(first.prepared, (features) => predictWith(first.weights, features));
    expect(scores['micro']?.f1).toBe(1);
    const bytes = (weights: typeof first.weights) => encodeModel(weights, TAGS, { note: 'test' });
    expect(bytes(second.weights).equals(bytes(first.weights))).toBe(true);
  });

  it('learns nothing in zero epochs (the score above comes from learning)', () => {
    const { prepared, weights } = trainOn(SLICE, 0);
    expect(evaluate(prepared, (features) => predictWith(weights, features))['micro']?.f1).toBe(0);
  });
});

describe('the perceptron and its file', () => {
  const allowed = bioTransitions(['O', 'B-X', 'I-X']);
  const examples = [
    { features: [Uint32Array.of(1), Uint32Array.of(2), Uint32Array.of(3)], tags: Int32Array.of(0, 1, 2) },
    { features: [Uint32Array.of(2), Uint32Array.of(1)], tags: Int32Array.of(1, 0) },
  ];

  it('never decodes I-X after O, and round-trips through the file format', () => {
    const trainer = new PerceptronTrainer(3, allowed);
    for (let epoch = 0; epoch < 5; epoch++) for (const example of examples) trainer.learn(example);
    const weights = trainer.averaged();
    expect([...predictWith(weights, examples[0]!.features)]).toEqual([0, 1, 2]);
    const bytes = encodeModel(weights, ['O', 'B-X', 'I-X'], { purpose: 'test' });
    const { model, header } = decodeModel(bytes, 'test.model', bioTransitions);
    expect(header.meta).toEqual({ purpose: 'test' });
    expect(model.weightOf(2, 1)).toBeCloseTo(weights.rows.get(2)![1]!, 3);
    expect(model.rowOf(999)).toBe(-1);
  });

  it('refuses a damaged file, naming it', () => {
    const trainer = new PerceptronTrainer(3, allowed);
    trainer.learn(examples[0]!);
    const bytes = encodeModel(trainer.averaged(), ['O', 'B-X', 'I-X'], {});
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(() => decodeModel(bytes, 'models/x.model', bioTransitions)).toThrow(ModelFileError);
    expect(() => decodeModel(bytes, 'models/x.model', bioTransitions)).toThrow(/models\/x\.model: checksum mismatch/);
    expect(() => decodeModel(Buffer.from('hello world!'), 'y.model', bioTransitions)).toThrow(/y\.model: not an arabic-ner model file/);
  });
});

describe('CoNLL reading and scoring', () => {
  it('reads I-X without B-X as a start (conlleval) and scores exact spans', () => {
    const [sentence] = parseConll('وزار I-PERS\nجون I-PERS\nكيري I-PERS\nبغداد B-LOC\n', 'g');
    expect(spansOf(sentence!.tags)).toEqual([[0, 3, 'PERS'], [3, 4, 'LOC']]);
    const scores = scoreSpans([{ gold: ['B-PERS', 'I-PERS', 'O', 'B-LOC'], predicted: ['B-PERS', 'O', 'O', 'B-LOC'] }], ['PERS', 'LOC']);
    expect(scores['LOC']?.f1).toBe(1);
    expect(scores['PERS']?.recall).toBe(0);
    expect(scores['micro']?.precision).toBe(0.5);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parseConll('كيري B-PERS\nبغداد\n', 'gold.txt')).toThrow(/gold\.txt:2/);
  });

  it('tags every token an entity touches, clitic included', () => {
    const spans = [{ start: 0, end: 3 }, { start: 4, end: 10 }, { start: 11, end: 14 }];
    const entity = { id: 'e5-10', type: 'LOCATION', start: 5, end: 10, text: 'سوريا', normalized: 'سوريا', source: 'x', confidence: 1 } as const;
    expect(tokenTags(spans, [entity])).toEqual(['O', 'B-LOC', 'O']);
  });
});

describe('WikiFANE adapted to running text', () => {
  it('attaches split conjunctions and pronoun suffixes, and maps fine classes', () => {
    const adapted = adaptWikifane({ tokens: ['و', 'مدينة', 'جوبا', 'عاصمة', 'ها'], tags: ['O', 'O', 'B-Population-Center', 'O', 'O'] });
    expect(adapted).toEqual({ tokens: ['ومدينة', 'جوبا', 'عاصمتها'], tags: ['O', 'B-LOC', 'O'] });
  });
});

describe('the topic of a match report', () => {
  const tagger = resources.model?.tagger as Tagger;
  const topicNames = (text: string): string[][] => {
    const { tokens } = extract(text, resources);
    const context = tagger.features.withTopic(tokens, new Array(tokens.length).fill(undefined));
    return context.map((ids) => (ids ?? []).map((id) => tagger.features.contextVocabulary.nameOf(id)).filter((name) => name.startsWith('sports&')));
  };

  it('conjoins each word of a match report with the topic: its frequency band and list flags', () => {
    const names = topicNames('سجل اللاعب هدفا في الدقيقة 30 من المباراة وتعادل بنفيكا مع سلتيك في الدوري');
    expect(names.every((list) => list.length === 1)).toBe(true);
    expect(names.flat().every((name) => /^sports&f=[-\d]+&gw=[-01]+&lx=[-01]&al=[-1]$/.test(name))).toBe(true);
  });

  it('adds nothing to a text that is not sports news', () => {
    expect(topicNames('قال الوزير إن الحكومة ستجتمع غدا في بيروت لبحث الموازنة').flat()).toEqual([]);
  });
});

describe('the shipped model in the pipeline', () => {
  it('finds people and organisations that no list holds and no title introduces', () => {
    const text = 'وأكد مارسيلو بيلسا أن شركة مناجم الفوسفات ستبدأ الإنتاج في تموز.';
    const withModel = extract(text, resources).entities;
    const rulesOnly = extract(text, loadResources({ modelDir: false })).entities;
    const fromModel = withModel.filter((entity) => entity.source === MODEL_SOURCE);
    expect(rulesOnly.some((entity) => entity.text.includes('بيلسا'))).toBe(false);
    expect(fromModel.map((entity) => [entity.type, entity.text])).toContainEqual(['PERSON', 'مارسيلو بيلسا']);
    for (const entity of fromModel) expect(entity.confidence).toBeGreaterThan(0);
  });

  it('leaves the proclitic outside the span (gold rule 1), and a repeated surname is the person', () => {
    const entities = extract('وصرح مارسيلو بيلسا للصحفيين ثم غادر وبيلسا يبتسم.', resources).entities;
    expect(entities.map((entity) => [entity.type, entity.text, entity.source])).toEqual([
      ['PERSON', 'مارسيلو بيلسا', MODEL_SOURCE],
      ['PERSON', 'بيلسا', MODEL_SOURCE],
    ]);
  });

  it('reads a club named after its city: by its head word in the rules, by the adjective that agrees with it in the model', () => {
    const text = 'وخسر فريق دينامو كييف أمام ضيفه بورتو البرتغالي في المباراة.';
    const spansOf = (entities: readonly { type: string; text: string }[]) => entities.map((entity) => `${entity.type} ${entity.text}`);
    expect(spansOf(extract(text, loadResources({ modelDir: false })).entities)).toEqual(['ORGANIZATION دينامو كييف', 'LOCATION بورتو']);
    expect(spansOf(extract(text, resources).entities)).toEqual(['ORGANIZATION دينامو كييف', 'ORGANIZATION بورتو']);
  });

  it.each([
    ['وحضر اللقاء سمو الشيخ حشر بن مكتوم آل مكتوم مدير دائرة الإعلام.', 'PERSON حشر بن مكتوم'],
    ['وقال المدرب عبد الرحمن بن علي الحارثي إن الفريق جاهز.', 'PERSON عبد الرحمن'],
  ])('a name the title rule cut short is read whole: %s', (text, ruleSpan) => {
    const spansOf = (entities: readonly { type: string; text: string }[]) => entities.map((entity) => `${entity.type} ${entity.text}`);
    expect(spansOf(extract(text, loadResources({ modelDir: false })).entities)).toContain(ruleSpan);
    const people = extract(text, resources).entities.filter((entity) => entity.type === 'PERSON');
    expect(people).toHaveLength(1);
    expect(people[0]?.text.startsWith(ruleSpan.slice('PERSON '.length))).toBe(true);
    expect(people[0]?.text.length).toBeGreaterThan(ruleSpan.length - 'PERSON '.length);
    expect(people[0]?.source).toBe(MODEL_SOURCE);
  });

  it('a name the model reads whole around a one-word listed person and a rule person is one person', () => {
    const text = 'وفاز بالعضوية السادة محمد خميس وعباس عثمان عباس وعبدالله الفاضل عيسى.';
    const people = extract(text, resources).entities.filter((entity) => entity.type === 'PERSON').map((entity) => entity.text);
    expect(people).toContain('عباس عثمان عباس');
    expect(people).not.toContain('عثمان عباس');
  });

  it('a model person that covers a rule person and a particle with its word is read whole', () => {
    const text = 'ويقدم أيضا الفنان حجاج عبد العظيم برنامجا تليفزيونيا.';
    expect(ruleSpansOf(text)).toEqual(['PERSON حجاج']);
    const people = extract(text, resources).entities.filter((entity) => entity.type === 'PERSON');
    expect(people.map((entity) => entity.text)).toEqual(['حجاج عبد العظيم']);
  });

  it("a listed person after بن inside a longer model name is the father's name in the child's", () => {
    const people = extract('وحضر الحفل سمو الشيخ أحمد بن محمد بن راشد آل مكتوم وعدد من المسؤولين.', resources).entities.filter((entity) => entity.type === 'PERSON');
    expect(people.map((entity) => entity.text)).toEqual(['أحمد بن محمد بن راشد آل مكتوم']);
    expect(people[0]?.link).toBeUndefined();
  });

  it('a model person does not end on a name particle: the word after it is the name', () => {
    const text = 'وقال الفنان حجاج عبد العظيم إن العرض قريب';
    const { view, tokens, earlier } = extract(text, resources);
    // The model's reading stubbed to stop on عبد (tokens 2-3), as a model may.
    const tagger = { features: resources.model!.tagger.features, tag: () => [{ firstToken: 2, lastToken: 3, label: 'PERS', confidence: 0.9 }] } as unknown as Tagger;
    const candidates = createModelRecognizer(tagger).recognize({ view, tokens, options: {} }, earlier);
    expect(candidates.map((candidate) => text.slice(candidate.start, candidate.end))).toEqual(['حجاج عبد العظيم']);
  });

  describe('merging model and rule candidates', () => {
    const person = (start: number, end: number, source: string): Candidate => ({ type: 'PERSON', start, end, source, confidence: 0.8 });
    // Words at 0-4, 5-9, 10-14: the middle one may not be in a name.
    const words: SpanWords = {
      namesOnly: (start, end) => !(start < 9 && end > 5),
      oneWord: (start, end) => [[0, 4], [5, 9], [10, 14]].some(([a = 0, b = 0]) => a <= start && end <= b),
      afterPatronymic: () => false,
      namedSite: () => false,
    };
    it('a longer model person replaces a rule person or a one-word listed person when the words it adds may be a name', () => {
      const model = [person(0, 4, MODEL_SOURCE), person(10, 14, MODEL_SOURCE)];
      expect(mergeModelCandidates([person(0, 14, MODEL_SOURCE)], [person(0, 4, 'rule:title-person')], words).map((c) => c.source)).toEqual(['rule:title-person']);
      expect(mergeModelCandidates([person(10, 20, MODEL_SOURCE)], [person(10, 14, 'gazetteer:people')], { ...words, namesOnly: () => true }).map((c) => [c.start, c.end])).toEqual([[10, 20]]);
      expect(mergeModelCandidates(model, [], words)).toEqual(model);
    });
    it('a model organisation around a club read from its city is the club\'s whole name (`فيردر بريمن`); a listed organisation stands', () => {
      const organisation = (start: number, end: number, source: string): Candidate => ({ type: 'ORGANIZATION', start, end, source, confidence: 0.8 });
      const longer = organisation(0, 11, MODEL_SOURCE);
      expect(mergeModelCandidates([longer], [organisation(6, 11, CLUB_BY_CITY_SOURCE)], words)).toEqual([longer]);
      const listed = organisation(6, 11, 'gazetteer:organizations');
      expect(mergeModelCandidates([longer], [listed], words)).toEqual([listed]);
    });
    it('a listed named site stays a place under a model organisation of the same words; a city read as a club does not', () => {
      const model = createModelRecognizer(resources.model!.tagger);
      for (const [text, name, kept] of [
        ['وفي باريس أكد قصر الإليزيه أن الرئيس تحدث مع نظيره', 'قصر الإليزيه', 'gazetteer:regions'],
        ['وقال الكرملين إن الرئيس سيزور الصين', 'الكرملين', 'gazetteer:regions'],
        ['تعادل فريق ليون مع ضيفه', 'ليون', MODEL_SOURCE],
      ] as const) {
        const { tokens, earlier } = extract(text, rulesOnly);
        const place = earlier.find((candidate) => text.slice(candidate.start, candidate.end) === name) as Candidate;
        const organisation: Candidate = { type: 'ORGANIZATION', start: place.start, end: place.end, source: MODEL_SOURCE, confidence: 0.6 };
        const merged = mergeModelCandidates([organisation], earlier, model.spanWords(tokens));
        expect(merged.filter((candidate) => candidate.start === place.start).map((candidate) => candidate.source)).toEqual([kept]);
      }
    });
    it('a listed person of two words keeps its span and link, unless a patronymic inside the model name comes before it', () => {
      const listed = person(5, 14, 'gazetteer:people');
      const longer = person(0, 14, MODEL_SOURCE);
      const names = { ...words, namesOnly: () => true };
      expect(mergeModelCandidates([longer], [listed], { ...names, afterPatronymic: () => false })).toEqual([listed]);
      expect(mergeModelCandidates([longer], [listed], { ...names, afterPatronymic: (start) => start === 5 })).toEqual([longer]);
    });
  });

  it('a span of words that only introduce names is no name (`منظمة` alone)', () => {
    // The shipped model tags `ومنظمة` here; a trigger word with nothing after it names nothing.
    for (const text of ['واجتمع ممثلو 20 دولة ومنظمة في باريس', 'شارك فيه ممثلو 40 دولة ومنظمة على دعم الخطة']) {
      expect(extract(text, resources).entities.filter((entity) => entity.type === 'ORGANIZATION')).toEqual([]);
    }
  });

  it('keeps a gazetteer reading the gazetteer declined (a nationality adjective)', () => {
    const entities = extract('وقالت الحكومة السعودية إن الاجتماع انتهى.', resources).entities;
    expect(entities.some((entity) => entity.text === 'السعودية')).toBe(false);
  });

  it.each([
    'وصرح مارسيلو بيلسا للصحفيين في القاهرة ثم غادر وبيلسا يبتسم.',
    'بيلسا',
    'مارسيلو بيلسا',
    'غادر مارسيلو بيلسا القاهرة',
    'غادر مارسيلو بيلسا القاهرة أمس',
    // A match report (each word gets its topic feature) with a name repeated after other words (its cues).
    'سجل اللاعب ليونيل ميسي هدفا في الدقيقة 30 من المباراة وتعادل بنفيكا مع سلتيك في الدوري ثم أضاف ميسي هدفا ثانيا',
    // A whole news article: names repeated with their cues, the text's edges, word pairs the model weighed.
    readFileSync(join(ROOT, 'corpus', readdirSync(join(ROOT, 'corpus')).sort()[1]!), 'utf8'),
  ])("scores with cached per-word rows exactly as the model's sum over every feature (the training path): %s", (text) => {
    const { view, tokens, earlier } = extract(text, resources);
    const tagger = resources.model!.tagger;
    const fast = tagger.emissions(tokens, view.text, earlier);
    const slow = new Float64Array(fast.length);
    tagger.features.extract(tokens, contextFeatures(tokens, view.text, resources.gazetteer, earlier)).forEach((hashes, i) => tagger.model.addScores(hashes, slow, i * tagger.model.tagCount));
    expect(fast.length).toBe(tokens.length * TAGS.length);
    fast.forEach((score, i) => expect(score).toBeCloseTo(slow[i] ?? NaN, 6));
  });

  it('gives each occurrence of a name the cues of its other occurrences, a word with a conjunction (`ونيسان`) counted as the same name', () => {
    const text = 'أعلنت شركة نيسان أرباحها. وقال رئيس نيسان إن ونيسان تنمو وقال المدير إن نيسان تنمو';
    const { view, tokens, earlier } = extract(text, resources);
    const { features } = resources.model!.tagger;
    const cues = features.documentCues(tokens, contextFeatureIds(tokens, view.text, resources.gazetteer, earlier, features.contextVocabulary));
    const cuesOf = (i: number): string[] => (cues[i] ?? []).map((id) => features.contextVocabulary.nameOf(id));
    const names = tokens.flatMap((token, i) => (token.key.endsWith('نيسان') ? [i] : []));
    expect(names.map((i) => tokens[i]?.key)).toEqual(['نيسان', 'نيسان', 'ونيسان', 'نيسان']);
    // Each gets the words before the others (`إن` twice: one cue), never its own unless another occurrence has it too.
    expect(names.map(cuesOf)).toEqual([
      ['before=ان', 'before=رييس', 'trigger[-1]=title', 'trigger[-2]=role'],
      ['before=ان', 'before=شركه', 'trigger[-1]=org-prefix', 'trigger[-2]=role'],
      ['before=ان', 'before=رييس', 'before=شركه', 'trigger[-1]=org-prefix', 'trigger[-1]=title', 'trigger[-2]=role'],
      ['before=ان', 'before=رييس', 'before=شركه', 'trigger[-1]=org-prefix', 'trigger[-1]=title'],
    ]);
    expect(tokens.filter((_, i) => !names.includes(i)).every((token) => cues[tokens.indexOf(token)] === undefined)).toBe(true);
  });

  it('tags a document the same after a longer one (the tagger reuses its work arrays)', () => {
    const short = 'وصرح مارسيلو بيلسا للصحفيين';
    const long = readFileSync(join(ROOT, 'corpus', readdirSync(join(ROOT, 'corpus')).sort()[0]!), 'utf8');
    const fresh = loadResources();
    const spans = (annotator: typeof resources, text: string) => {
      const { view, tokens, earlier } = extract(text, annotator);
      return annotator.model!.tagger.tag(tokens, view.text, earlier);
    };
    const first = spans(fresh, short);
    expect(first.map((span) => span.label)).toContain('PERS');
    spans(resources, long);
    expect(spans(resources, short)).toEqual(first);
  });

  it('ships a model file whose card names its data and licence', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'models', 'tagger', 'meta.json'), 'utf8')) as { licence: string; trainingData: string[] };
    expect(meta.licence).toMatch(/CC BY-SA/);
    expect(meta.trainingData.join(' ')).toMatch(/ANERcorp/);
  });
});

describe('the tagger and the command line', () => {
  it('extract --no-model runs the rules and gazetteers alone', () => {
    const text = 'وصرح مارسيلو بيلسا للصحفيين في القاهرة.';
    const sources = (args: string[]) => (JSON.parse(runCli(['extract', '-', ...args], text).stdout) as { entities: { source: string }[] }).entities.map((e) => e.source);
    expect(sources([])).toContain('model:ner');
    expect(sources(['--no-model'])).toEqual(['gazetteer:cities']);
  });

  it('a retrained model changes the resume fingerprint, so --resume redoes its documents', () => {
    const dir = tempDir();
    for (const name of ['ner.model', 'words.tsv', 'person-name-words.txt']) copyFileSync(join(ROOT, 'models', 'tagger', name), join(dir, name));
    const fingerprint = () => pipelineFingerprint(DEFAULT_GAZETTEER_DIR, {}, modelFilesOf({ modelDir: dir }));
    const before = fingerprint();
    appendFileSync(join(dir, 'words.tsv'), 'كلمة\t1\t\n');
    expect(fingerprint()).not.toBe(before);
    expect(modelFilesOf({ modelDir: false })).toHaveLength(1); // the segmenter's table only
  });
});
