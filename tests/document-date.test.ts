import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('--doc-date resolves relative dates; a sidecar overrides it for its document', () => {
    const out = tempDir();
    const result = runCli(['extract', input, '--out', out, '--doc-date', '2015-01-22', '--jobs', '1']);
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

  it('without a date, relative dates carry no value', () => {
    const out = tempDir();
    expect(runCli(['extract', join(input, 'news', 'a.txt'), '--out', out, '--jobs', '1']).status).toBe(0);
    const dates = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')).entities.filter((e: { type: string }) => e.type === 'DATE');
    expect(dates.map((d: Record<string, unknown>) => [d['value'], d['relative']])).toEqual([[undefined, true], [undefined, true]]);
  });

  it('a bad sidecar fails its document with the file named, the others are written', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'ok.txt'), text);
    writeFileSync(join(folder, 'bad.txt'), text);
    writeFileSync(join(folder, 'bad.meta.json'), JSON.stringify({ documentDate: '22/01/2015' }));
    const out = tempDir();
    const result = runCli(['extract', folder, '--out', out, '--jobs', '1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.meta\.json: documentDate must be a day written YYYY-MM-DD.*\[INPUT_METADATA\]/);
    expect(readFileSync(join(out, 'ok.json'), 'utf8')).toContain('"entities"');
  });
});
