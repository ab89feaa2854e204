import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ANNOTATION_SCHEMA_PATH, ArabicNerError, createAnnotator, isJsonLinesFailure, toJson, type Annotation, type Annotator, type JsonLinesFailure } from '../src/index.js';
import { CORPUS, ROOT, runCli, schemaErrors, tempDir } from './helpers.js';

const SENTENCE = 'زار وزير الخارجية الأمريكي جون كيري بغداد أمس والتقى رئيس الوزراء العراقي حيدر العبادي';

let annotator: Annotator;
beforeAll(() => {
  annotator = createAnnotator();
});

async function collect(items: AsyncIterable<Annotation | JsonLinesFailure>): Promise<(Annotation | JsonLinesFailure)[]> {
  const out: (Annotation | JsonLinesFailure)[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('the library API', () => {
  it('annotates a text as `extract -` does, to the byte', () => {
    const annotation = annotator.annotate(SENTENCE, { id: 'news-1', documentDate: '2015-01-22' });
    expect(schemaErrors(annotation)).toBe('');
    expect(annotation.entities.map((entity) => [entity.type, entity.text])).toEqual(
      expect.arrayContaining([
        ['PERSON', 'جون كيري'],
        ['LOCATION', 'بغداد'],
        ['DATE', 'أمس'],
      ]),
    );
    expect(annotation.entities.find((entity) => entity.text === 'أمس')?.value).toBe('2015-01-21');
    const cli = runCli(['extract', '-', '--id', 'news-1', '--doc-date', '2015-01-22'], SENTENCE);
    expect(cli.status).toBe(0);
    expect(toJson(annotation)).toBe(cli.stdout);
    // The object itself reads as the CLI writes it (the header's fields in the contract's order).
    expect(JSON.stringify(annotation)).toBe(toJson(annotation, { compact: true }).trimEnd());
  });

  it('annotates each corpus file into the committed output, byte for byte', async () => {
    for (const name of readdirSync(CORPUS).filter((file) => file.endsWith('.txt'))) {
      const annotation = await annotator.annotateFile(join(CORPUS, name));
      expect(schemaErrors(annotation)).toBe('');
      expect(toJson(annotation)).toBe(readFileSync(join(ROOT, 'output', name.replace(/\.txt$/, '.json')), 'utf8'));
    }
  });

  it('detects the encoding of bytes and reads a file\'s sidecar date', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('وصل الوفد إلى القاهرة يوم الخميس', 'utf16le')]);
    const fromBytes = annotator.annotateBytes(utf16, { id: 'utf16', documentDate: '2013-02-12' });
    expect(fromBytes.document.encoding).toBe('utf-16le (BOM removed)');
    expect(fromBytes.entities.map((entity) => entity.text)).toEqual(expect.arrayContaining(['القاهرة', 'يوم الخميس']));

    const folder = tempDir();
    try {
      const path = join(folder, 'cairo.txt');
      writeFileSync(path, utf16);
      writeFileSync(join(folder, 'cairo.meta.json'), '{"documentDate": "2013-02-12"}');
      const fromFile = await annotator.annotateFile(path);
      expect(fromFile.document).toMatchObject({ id: 'cairo', source: 'cairo.txt', encoding: 'utf-16le (BOM removed)', documentDate: '2013-02-12' });
      expect(fromFile.entities).toEqual(fromBytes.entities);
      const cli = runCli(['extract', path, '--out', join(folder, 'out')]);
      expect(cli.status).toBe(0);
      expect(toJson(fromFile)).toBe(readFileSync(join(folder, 'out', 'cairo.json'), 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('streams JSON Lines with the results of `arabic-ner jsonl`, failures in place', async () => {
    const lines = ['{"id":"a","text":"زار ماكرون القاهرة أمس","date":"2024-03-05"}', 'not json', '', '{"id":"b"}', `{"id":7,"text":${JSON.stringify(SENTENCE)}}`];
    const input = lines.join('\n') + '\n';
    // Chunks cut inside a line and inside a multi-byte letter.
    const bytes = Buffer.from(input, 'utf8');
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 50), bytes.subarray(50)];
    const items = await collect(annotator.annotateJsonLines(chunks));
    const cli = runCli(['jsonl', '--jobs', '1'], input);
    expect(cli.status).toBe(1);
    const cliLines = cli.stdout.split('\n').filter((line) => line !== '');
    expect(items).toHaveLength(cliLines.length);
    items.forEach((item, i) => {
      const written = isJsonLinesFailure(item) ? JSON.stringify({ id: item.id, line: item.line, error: item.error }) : toJson(item, { compact: true }).trimEnd();
      expect(written).toBe(cliLines[i]);
    });
    expect(items.map((item) => (isJsonLinesFailure(item) ? item.code : item.document.id))).toEqual(['a', 'USAGE', 'USAGE', '7']);
  });

  it('reports what went wrong as an ArabicNerError with a code', async () => {
    const codeOf = (action: () => unknown): string | undefined => {
      try {
        action();
      } catch (error) {
        expect(error).toBeInstanceOf(ArabicNerError);
        return (error as ArabicNerError).code;
      }
      return undefined;
    };
    expect(codeOf(() => annotator.annotate('بغداد', { documentDate: '22/01/2015' }))).toBe('USAGE');
    expect(codeOf(() => annotator.annotateBytes(Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x00, 0x10])))).toBe('INPUT_BINARY');
    await expect(annotator.annotateFile(join(CORPUS, 'no-such-file.txt'))).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
    await expect(annotator.annotateFile(CORPUS)).rejects.toMatchObject({ code: 'INPUT_UNREADABLE' }); // a folder
    await expect(annotator.annotateFile(join(CORPUS, '000_482916cc3b04417d.txt'), { maxBytes: 100 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });

    const folder = tempDir();
    try {
      writeFileSync(join(folder, 'people.xml'), '<gazetteer id="people"><entry id="x"');
      expect(codeOf(() => createAnnotator({ gazetteerDir: folder }))).toBe('GAZETTEER');
      const modelDir = join(folder, 'tagger');
      copyTaggerFiles(modelDir);
      const model = readFileSync(join(modelDir, 'ner.model'));
      model[model.length - 1] = (model[model.length - 1] ?? 0) ^ 0xff;
      writeFileSync(join(modelDir, 'ner.model'), model);
      expect(codeOf(() => createAnnotator({ modelDir }))).toBe('MODEL');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exports the path of a schema that compiles under ajv strict mode, with an $id', () => {
    const schema = JSON.parse(readFileSync(ANNOTATION_SCHEMA_PATH, 'utf8')) as { $id?: string };
    expect(schema.$id).toBe('arabic-ner/annotation/v1');
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(annotator.annotate(SENTENCE))).toBe(true);
  });
});

function copyTaggerFiles(to: string): void {
  const from = join(ROOT, 'models', 'tagger');
  mkdirSync(to);
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
}

describe('two annotators in one process', () => {
  // A local gazetteer beside the package's: a company and a village no list of the package holds.
  const LOCAL = `<?xml version="1.0" encoding="UTF-8"?>
<gazetteer id="local" kind="entities">
  <source name="test entries" licence="MIT"/>
  <entry id="org:nada-trading" type="ORGANIZATION" subtype="company" country="JO">
    <ar>شركة الندى للتجارة</ar>
    <en>Al-Nada Trading Company</en>
    <variant>الندى للتجارة</variant>
  </entry>
  <entry id="place:ain-al-zaytoun" type="LOCATION" subtype="city" country="JO">
    <ar>عين الزيتون</ar>
    <en>Ain al-Zaytoun</en>
  </entry>
</gazetteer>
`;
  const TEXTS = [
    'أعلنت شركة الندى للتجارة أمس افتتاح فرع جديد في عين الزيتون بحضور وزير الصناعة الأردني.',
    'وقال المدير إن الندى للتجارة ستوظف مئة عامل من عين الزيتون وعمان خلال العام المقبل.',
    SENTENCE,
  ];

  it('give, interleaved, what each gives alone (its own run of the CLI)', async () => {
    const folder = tempDir();
    try {
      const gazetteerDir = join(folder, 'gazetteers');
      mkdirSync(gazetteerDir);
      for (const name of readdirSync(join(ROOT, 'gazetteers')).filter((file) => file.endsWith('.xml'))) copyFileSync(join(ROOT, 'gazetteers', name), join(gazetteerDir, name));
      writeFileSync(join(gazetteerDir, 'local.xml'), LOCAL);
      const input = TEXTS.map((text, i) => JSON.stringify({ id: `t${i}`, text, date: '2016-05-03' })).join('\n') + '\n';
      const alone = (args: string[]): string[] => {
        const run = runCli(['jsonl', '--jobs', '1', ...args], input);
        expect(run.status).toBe(0);
        return run.stdout.split('\n').filter((line) => line !== '');
      };
      const packageAlone = alone([]);
      const localAlone = alone(['--gazetteers', gazetteerDir]);
      expect(localAlone).not.toEqual(packageAlone); // the gazetteers make a difference to find
      expect(localAlone.join('\n')).toContain('org:nada-trading');

      const local = createAnnotator({ gazetteerDir });
      // Each reads the texts in another order, so the same word gets another id in each one's table.
      for (let round = 0; round < 2; round++) {
        TEXTS.forEach((_, step) => {
          const mine = step;
          const theirs = TEXTS.length - 1 - step;
          const options = (i: number) => ({ id: `t${i}`, documentDate: '2016-05-03' });
          expect(toJson(annotator.annotate(TEXTS[mine] ?? '', options(mine)), { compact: true }).trimEnd()).toBe(packageAlone[mine]);
          expect(toJson(local.annotate(TEXTS[theirs] ?? '', options(theirs)), { compact: true }).trimEnd()).toBe(localAlone[theirs]);
        });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
