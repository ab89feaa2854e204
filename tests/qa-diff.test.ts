import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
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
    expect(result.added).toEqual([date]);
    expect(result.removed).toEqual([isis]);
    expect(result.changed.map((c) => [c.before.start, c.fields])).toEqual([
      [0, ['type']],
      [30, ['qualifier', 'value']],
    ]);
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
        '  ~ LOCATION 0-4 «لندن» → cities:Q8 London: link {"gazetteer":"cities","id":"Q84","name":"London","country":"GB"} → {"gazetteer":"cities","id":"Q8","name":"London","country":"GB"}',
        '  ~ country GB: mentions 1 → 2',
        'added document: new',
        'removed document: sub/gone',
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
