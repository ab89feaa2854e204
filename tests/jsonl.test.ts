import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, runCli, schemaErrors } from './helpers.js';

const articles = readdirSync(CORPUS)
  .sort()
  .map((name) => readFileSync(join(CORPUS, name), 'utf8'));

function parseLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const idOf = (record: Record<string, unknown>): unknown => (record['document'] as { id: string } | undefined)?.id ?? record['id'];

describe('arabic-ner jsonl', () => {
  it('keeps input order with several workers, and matches a one-worker run', () => {
    // Long and short documents interleaved, so later lines often finish first.
    const lines = Array.from({ length: 24 }, (_, i) => JSON.stringify({ id: `doc-${i}`, text: i % 3 === 0 ? articles.join('\n') : (articles[i % articles.length] ?? '').slice(0, 200) }));
    const input = lines.join('\n') + '\n';
    const parallel = runCli(['jsonl', '--jobs', '2'], input);
    expect(parallel.status).toBe(0);
    const records = parseLines(parallel.stdout);
    expect(records.map(idOf)).toEqual(lines.map((_, i) => `doc-${i}`));
    for (const record of records) expect(schemaErrors(record)).toBe('');
    expect(runCli(['jsonl', '--jobs', '1'], input).stdout).toBe(parallel.stdout);
  });

  it('answers a bad line with an error line in its place, skips blank lines, goes on', () => {
    const input = ['{"id":"a","text":"زار ماكرون القاهرة 😀👍🏽 أمس","date":"2024-03-05"}', '', '   ', 'not json', '{"id":"b"}', '{"id":"c","text":"بغداد","date":"5 March"}', '{"id":7,"text":"في باريس"}'].join('\r\n');
    const result = runCli(['jsonl', '--jobs', '2'], input);
    expect(result.status).toBe(1);
    const records = parseLines(result.stdout);
    expect(records.map(idOf)).toEqual(['a', null, 'b', 'c', '7']);
    expect(records[1]).toMatchObject({ line: 4, error: expect.stringMatching(/not a JSON object/) });
    expect(records[2]).toMatchObject({ id: 'b', line: 5, error: expect.stringMatching(/"text"/) });
    expect(records[3]).toMatchObject({ id: 'c', error: expect.stringMatching(/"date"/) });
    expect(result.stderr).toMatch(/line 4: not a JSON object/);

    const first = records[0] as { document: { documentDate: string }; entities: { start: number; end: number; text: string }[] };
    expect(first.document.documentDate).toBe('2024-03-05');
    // Offsets count code points: the emoji before أمس must not shift the entity text.
    const raw = '{"id":"a","text":"زار ماكرون القاهرة 😀👍🏽 أمس"}';
    const text = (JSON.parse(raw) as { text: string }).text;
    for (const entity of first.entities) {
      expect([...text].slice(entity.start, entity.end).join('')).toBe(entity.text);
    }
    expect(first.entities.map((e) => e.text)).toEqual(expect.arrayContaining(['القاهرة', 'أمس']));
  });
});
