import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDocuments } from '../src/io/files.js';
import { runCli, tempDir } from './helpers.js';

/** Relative dates resolved against the document date: from --doc-date, or a per-file sidecar. */
describe('document dates', () => {
  const input = tempDir();
  mkdirSync(join(input, 'news'));
  const text = 'وصل الوزير إلى القاهرة أمس، ويغادرها يوم الخميس القادم.';
  writeFileSync(join(input, 'news', 'a.txt'), text);
  writeFileSync(join(input, 'news', 'b.txt'), text);
  writeFileSync(join(input, 'news', 'b.meta.json'), JSON.stringify({ documentDate: '2018-02-05' }));

  const datesOf = (out: string, name: string): Record<string, unknown>[] =>
    JSON.parse(readFileSync(join(out, 'news', `${name}.json`), 'utf8')).entities.filter((e: { type: string }) => e.type === 'DATE');

  it.each(['1', '2'])('--doc-date resolves relative dates; a sidecar overrides it for its document (--jobs %s)', (jobs) => {
    const out = tempDir();
    const result = runCli(['extract', input, '--out', out, '--doc-date', '2015-01-22', '--jobs', jobs]);
    expect(result.status).toBe(0);
    // 2015-01-22 is a Thursday: yesterday is the 21st, the coming Thursday the 29th.
    expect(datesOf(out, 'a').map((d) => [d['text'], d['value'], d['relative']])).toEqual([
      ['أمس', '2015-01-21', true],
      ['يوم الخميس القادم', '2015-01-29', true],
    ]);
    // 2018-02-05 is a Monday.
    expect(datesOf(out, 'b').map((d) => d['value'])).toEqual(['2018-02-04', '2018-02-08']);
    expect(JSON.parse(readFileSync(join(out, 'news', 'b.json'), 'utf8')).document.documentDate).toBe('2018-02-05');
  });

  it.each(['1', '2'])('--resume redoes a document whose sidecar date changed, and only that one (--jobs %s)', (jobs) => {
    const folder = tempDir();
    writeFileSync(join(folder, 'a.txt'), text);
    writeFileSync(join(folder, 'b.txt'), text);
    writeFileSync(join(folder, 'b.meta.json'), JSON.stringify({ documentDate: '2018-02-05' }));
    const out = tempDir();
    expect(runCli(['extract', folder, '--out', out, '--resume', '--jobs', jobs]).stderr).toMatch(/: 2 documents, .*; 0 unchanged;/);
    expect(runCli(['extract', folder, '--out', out, '--resume', '--jobs', jobs]).stderr).toMatch(/: 0 documents, .*; 2 unchanged;/);
    writeFileSync(join(folder, 'b.meta.json'), JSON.stringify({ documentDate: '2015-01-22' }));
    expect(runCli(['extract', folder, '--out', out, '--resume', '--jobs', jobs]).stderr).toMatch(/: 1 documents, .*; 1 unchanged;/);
    const dates = (JSON.parse(readFileSync(join(out, 'b.json'), 'utf8')) as { entities: { type: string; value?: string }[] }).entities.filter((e) => e.type === 'DATE');
    expect(dates.map((d) => d.value)).toEqual(['2015-01-21', '2015-01-29']);
  });

  it('the listing notes which documents have a sidecar, for folders and for files named alone', async () => {
    const walked = await findDocuments([input]);
    expect(walked.documents.map((d) => [d.relativePath, d.sidecar])).toEqual([
      ['news/a.txt', false],
      ['news/b.txt', true],
    ]);
    const named = await findDocuments([join(input, 'news', 'a.txt'), join(input, 'news', 'b.txt')]);
    expect(named.documents.map((d) => [d.relativePath, d.sidecar])).toEqual([
      ['a.txt', false],
      ['b.txt', true],
    ]);
  });

  it('a sidecar also dates a file named alone', () => {
    const out = tempDir();
    expect(runCli(['extract', join(input, 'news', 'b.txt'), '--out', out, '--doc-date', '2015-01-22', '--jobs', '1']).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'b.json'), 'utf8')).document.documentDate).toBe('2018-02-05');
  });

  it('without a date, relative dates carry no value', () => {
    const out = tempDir();
    expect(runCli(['extract', join(input, 'news', 'a.txt'), '--out', out, '--jobs', '1']).status).toBe(0);
    const dates = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')).entities.filter((e: { type: string }) => e.type === 'DATE');
    expect(dates.map((d: Record<string, unknown>) => [d['value'], d['relative']])).toEqual([[undefined, true], [undefined, true]]);
  });

  it.each(['1', '2'])('a bad sidecar fails its document with the file named, the others are written (--jobs %s)', (jobs) => {
    const folder = tempDir();
    writeFileSync(join(folder, 'ok.txt'), text);
    writeFileSync(join(folder, 'bad.txt'), text);
    writeFileSync(join(folder, 'bad.meta.json'), JSON.stringify({ documentDate: '22/01/2015' }));
    writeFileSync(join(folder, 'broken.txt'), text);
    writeFileSync(join(folder, 'broken.meta.json'), '{"documentDate": ');
    writeFileSync(join(folder, 'folder.txt'), text);
    mkdirSync(join(folder, 'folder.meta.json'));
    const out = tempDir();
    const result = runCli(['extract', folder, '--out', out, '--jobs', jobs]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`arabic-ner: ${join(folder, 'bad.txt')}: ${join(folder, 'bad.meta.json')}: documentDate must be a day written YYYY-MM-DD, years 1000-2999, got "22/01/2015"\n`);
    expect(result.stderr).toMatch(/broken\.meta\.json is not valid JSON: .+\n/);
    expect(result.stderr).toContain(`arabic-ner: ${join(folder, 'folder.txt')}: ${join(folder, 'folder.meta.json')}: not a regular file (a folder): skipped\n`);
    expect(result.stderr).toMatch(/1 documents, .*; 3 failed/);
    expect(readFileSync(join(out, 'ok.json'), 'utf8')).toContain('"entities"');
  });
});
