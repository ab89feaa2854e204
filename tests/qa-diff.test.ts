import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffEntities } from '../src/qa/diff.js';
import { CORPUS, runCli, tempDir } from './helpers.js';

const london = { id: 'e0-4', type: 'LOCATION', start: 0, end: 4, text: 'لندن', link: { gazetteer: 'cities', id: 'Q84', name: 'London', country: 'GB' }, source: 'gazetteer:cities', confidence: 0.9 };
const isis = { id: 'e10-14', type: 'ORGANIZATION', start: 10, end: 14, text: 'داعش', source: 'gazetteer:organizations', confidence: 0.9 };
const date = { id: 'e20-26', type: 'DATE', start: 20, end: 26, text: 'الخميس', source: 'rule:weekday', confidence: 0.8, relative: true };
const count = { id: 'e30-37', type: 'COUNTRY_COUNT', start: 30, end: 37, text: '20 دولة', value: 20, qualifier: 'exact', source: 'rule:count', confidence: 0.9 };

function annotation(id: string, entities: object[], countries: object[] = []): object {
  return { schema: 'arabic-ner/annotation/v1', document: { id, source: `${id}.txt`, sha256: '0'.repeat(64), length: 40, encoding: 'utf-8' }, entities, countries };
}

function run(files: Record<string, object>): string {
  const dir = tempDir('arabic-ner-diff-');
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(data, null, 2));
  }
  mkdirSync(join(dir, '.arabic-ner'));
  writeFileSync(join(dir, '.arabic-ner', 'run.json'), JSON.stringify({ finishedAt: new Date().toISOString() }));
  return dir;
}

describe('diffEntities', () => {
  it('matches by span: other fields differing is a change, other spans are added or removed', () => {
    const result = diffEntities([london, isis, count], [{ ...london, type: 'ORGANIZATION' }, date, { ...count, value: 21, qualifier: 'approx' }]);
    expect(result.added).toEqual([{ entity: date, at: { start: 20, end: 26 }, inEditedText: false }]);
    expect(result.removed).toEqual([{ entity: isis, at: { start: 10, end: 14 }, inEditedText: false }]);
    expect(result.changed.map((c) => [c.before.start, c.fields, c.kinds])).toEqual([
      [0, ['type'], ['type']],
      [30, ['qualifier', 'value'], ['value']],
    ]);
  });

  it('pairs overlapping spans as a span grown or shrunk, with any other change beside it', () => {
    // «زار وزير الخارجية الأمريكي جون كيري بغداد»
    const kerry = { type: 'PERSON', start: 27, end: 35, text: 'جون كيري', source: 'gazetteer:people', confidence: 0.97 };
    const withTitle = { ...kerry, start: 4, text: 'وزير الخارجية الأمريكي جون كيري', source: 'rule:title-person' };
    const baghdad = { type: 'LOCATION', start: 36, end: 41, text: 'بغداد', source: 'gazetteer:cities', confidence: 0.93 };
    const grown = diffEntities([kerry, baghdad], [withTitle, baghdad]);
    expect(grown.changed.map((c) => c.kinds)).toEqual([['span grown', 'source']]);
    expect([grown.added, grown.removed]).toEqual([[], []]);
    expect(diffEntities([withTitle], [{ ...kerry, source: 'rule:title-person' }]).changed.map((c) => c.kinds)).toEqual([['span shrunk']]);
    // Offsets into two texts that could not be aligned: only exact spans meet.
    expect(diffEntities([kerry], [withTitle], undefined, false)).toMatchObject({ changed: [], added: [{ entity: withTitle }], removed: [{ entity: kerry }] });
  });

  it('pairs identical entities first when one span holds two', () => {
    const asPerson = { ...isis, type: 'PERSON' };
    expect(diffEntities([isis, asPerson], [asPerson, isis])).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('arabic-ner diff', () => {
  const before = run({
    'a.json': annotation('a', [london, isis, count], [{ code: 'GB', name: 'United Kingdom', mentions: 1, adjectiveMentions: 0 }]),
    'b.json': annotation('b', [date]),
    'sub/gone.json': annotation('sub/gone', [london]),
  });
  const after = run({
    'a.json': annotation('a', [{ ...london, link: { ...london.link, id: 'Q8' } }, date, count], [{ code: 'GB', name: 'United Kingdom', mentions: 2, adjectiveMentions: 0 }]),
    'b.json': annotation('b', [date]),
    'new.json': annotation('new', []),
  });

  it('exits 0 and says so when the runs are the same (manifests aside)', () => {
    const copy = tempDir();
    cpSync(before, copy, { recursive: true });
    writeFileSync(join(copy, '.arabic-ner', 'run.json'), '{"finishedAt": "later"}');
    const result = runCli(['diff', before, copy]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('The runs are the same.\n');
  });

  it('lists per document what was added, removed and changed, then totals, and exits 1', () => {
    const result = runCli(['diff', before, after]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'a',
        '  + DATE 20-26 «الخميس»',
        '  - ORGANIZATION 10-14 «داعش»',
        '  ~ link changed: LOCATION 0-4 «لندن» → cities:Q8 London: link {"gazetteer":"cities","id":"Q84","name":"London","country":"GB"} → {"gazetteer":"cities","id":"Q8","name":"London","country":"GB"}',
        '  ~ country GB: mentions 1 → 2',
        'added document: new',
        'removed document: sub/gone',
        'By kind: added 1, removed 1, link changed 1',
        'By type: DATE: added 1; LOCATION: link changed 1; ORGANIZATION: removed 1',
        'Total: 1 documents differ; entities 1 added, 1 removed, 1 changed; documents 1 added, 1 removed.',
        '',
      ].join('\n'),
    );
  });

  it('gives the same facts as JSON', () => {
    const result = runCli(['diff', before, after, '--json']);
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.stdout);
    expect(diff.same).toBe(false);
    expect(diff.totals).toEqual({ added: 1, removed: 1, changed: 1, documentsChanged: 1, documentsAdded: 1, documentsRemoved: 1 });
    expect(diff.documents[0].changed[0].fields).toEqual(['link']);
    expect(diff.documents[0].changed[0].kinds).toEqual(['link']);
    expect(diff.summary.byKind).toMatchObject({ added: 1, removed: 1, link: 1, type: 0, 'in edited text': 0 });
    expect(diff.summary.byType.ORGANIZATION).toMatchObject({ removed: 1 });
  });

  it('finds a fresh run of the corpus equal to a copy of itself', () => {
    const fresh = tempDir();
    expect(runCli(['extract', CORPUS, '--out', fresh]).status).toBe(0);
    const copy = tempDir();
    cpSync(fresh, copy, { recursive: true });
    expect(runCli(['diff', fresh, copy]).status).toBe(0);
  });

  it.each([
    [['diff', 'only-one']],
    [['diff', 'no-such-a', 'no-such-b']],
    [['diff', 'a', 'b', '--bogus']],
  ])('%j exits 2', (args) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/arabic-ner diff: /);
  });
});

describe('arabic-ner diff across an edited text (real runs)', () => {
  const article = '000_482916cc3b04417d';
  const sentence = 'وقال متحدث باسم الحكومة إن الاجتماع سيعقد في عمان يوم الأحد المقبل.\n';
  const sentenceLength = [...sentence].length;
  const original = readFileSync(join(CORPUS, `${article}.txt`), 'utf8');
  const textA = tempDir();
  const textB = tempDir();
  writeFileSync(join(textA, `${article}.txt`), original);
  writeFileSync(join(textB, `${article}.txt`), sentence + original);
  const runA = tempDir();
  const runB = tempDir();
  expect(runCli(['extract', textA, '--out', runA]).status).toBe(0);
  expect(runCli(['extract', textB, '--out', runB]).status).toBe(0);

  it('reports nothing outside a sentence added at the top (the manifests name the texts)', () => {
    const result = runCli(['diff', runA, runB, '--json']);
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.stdout);
    const [document] = diff.documents;
    expect(document.text.status).toBe('aligned');
    expect(document.changed).toEqual([]);
    expect(document.removed).toEqual([]);
    expect(document.added.length).toBeGreaterThan(0);
    for (const added of document.added) {
      expect(added.at.end).toBeLessThanOrEqual(sentenceLength);
      expect(added.inEditedText).toBe(true);
    }
    expect(diff.summary.byKind['in edited text']).toBe(document.added.length);
  });

  it('reports one entity given another type in the second run once, as a type change', () => {
    const runC = tempDir();
    cpSync(runB, runC, { recursive: true });
    const path = join(runC, `${article}.json`);
    const annotation = JSON.parse(readFileSync(path, 'utf8'));
    const target = annotation.entities.find((e: { type: string; start: number }) => e.type === 'LOCATION' && e.start > sentenceLength);
    target.type = 'ORGANIZATION';
    writeFileSync(path, JSON.stringify(annotation, null, 2));

    const diff = JSON.parse(runCli(['diff', runA, runC, '--json']).stdout);
    const [document] = diff.documents;
    expect(document.changed).toHaveLength(1);
    expect(document.changed[0]).toMatchObject({ kinds: ['type'], fields: ['type'], inEditedText: false, after: { start: target.start, type: 'ORGANIZATION' } });
    expect(document.changed[0].before).toMatchObject({ type: 'LOCATION', start: target.start - sentenceLength, text: target.text });
    expect(document.removed).toEqual([]);
    expect(document.added.every((a: { at: { end: number } }) => a.at.end <= sentenceLength)).toBe(true);
    expect(diff.summary.byKind.type).toBe(1);
    expect(diff.summary.byType.ORGANIZATION.type).toBe(1);

    const text = runCli(['diff', runA, runC]).stdout;
    expect(text.match(/^ {2}~ type changed: ORGANIZATION .*type "LOCATION" → "ORGANIZATION"$/gm)).toHaveLength(1);
    expect(text).toMatch(/the source text was edited in one place/);
    expect(text).toMatch(/^By kind: added \d+, type changed 1, in edited text \d+$/m);
  });

  it('says why when the texts cannot be had, and matches by span as before', () => {
    const result = runCli(['diff', runA, runB, '--input-a', tempDir()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/cannot be aligned: the text before: text not found: .*000_482916cc3b04417d\.txt; offsets are not comparable/);
  });
});
