import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CORPUS, listFiles, runCli, tempDir } from './helpers.js';

/** Debian's chromium (npm test installs it: scripts/ensure-chromium.mjs), never a downloaded browser; CHROMIUM_PATH names another. */
const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Annotation {
  document: { id: string };
  entities: { type: string }[];
  countries: { code: string; mentions: number; adjectiveMentions: number }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a report, recording every request that is not the file itself. */
async function open(file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  return { page, requests };
}

/** A computed style in the page (tests compile without the DOM lib, hence the cast). */
function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  type Styles = { getComputedStyle(element: unknown): Record<string, string> };
  return page.$eval(selector, (element, name) => (globalThis as unknown as Styles).getComputedStyle(element)[name] ?? '', property);
}

function report(args: string[]): string {
  const out = join(tempDir('arabic-ner-report-'), 'report.html');
  const result = runCli(['report', ...args, '--out', out]);
  expect(result.stderr).toMatch(/documents -> /);
  expect(result.status).toBe(0);
  return out;
}

describe('arabic-ner report on a fresh run of the corpus', () => {
  const run = tempDir();
  runCli(['extract', CORPUS, '--out', run]);

  it('is right-to-left, self-contained, and highlights exactly the entities of the JSON', async () => {
    const { page, requests } = await open(report([run, '--input', CORPUS]));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await computedStyle(page, '.doc .text', 'direction')).toBe('rtl');
    expect(await computedStyle(page, 'body', 'fontFamily')).toMatch(/^"Noto Naskh Arabic", Amiri/);
    const files = listFiles(run).filter((f) => !f.startsWith('.'));
    expect(await page.$$eval('article.doc', (docs) => docs.length)).toBe(files.length);
    for (const file of files) {
      const annotation = JSON.parse(readFileSync(join(run, file), 'utf8')) as Annotation;
      const article = `article.doc[data-doc="${file.replace(/\.json$/, '')}"]`;
      const marks = await page.$$eval(`${article} mark.ent:not([data-continued])`, (all) => all.map((m) => m.getAttribute('data-type')));
      const counts = await page.$$eval(`${article} .counts tr`, (rows) => rows.map((r) => [r.getAttribute('data-type'), Number(r.querySelector('.count')?.textContent)]));
      for (const [type, shown] of counts) {
        const expected = annotation.entities.filter((e) => e.type === type).length;
        expect({ file, type, highlighted: marks.filter((t) => t === type).length, panel: shown }).toEqual({ file, type, highlighted: expected, panel: expected });
      }
      const countries = await page.$$eval(`${article} .countries tbody tr`, (rows) =>
        rows.map((r) => ({ code: r.getAttribute('data-code'), mentions: Number(r.querySelector('.mentions')?.textContent), adjectiveMentions: Number(r.querySelector('.adjectives')?.textContent) })),
      );
      expect(countries).toEqual(annotation.countries.map(({ code, mentions, adjectiveMentions }) => ({ code, mentions, adjectiveMentions })));
    }
    expect(requests).toEqual([]);
    await page.close();
  });
});

describe('arabic-ner report on crafted runs', () => {
  const root = tempDir('arabic-ner-report-input-');
  const input = join(root, 'input');
  const text = 'زار <script>window.hacked=1</script> لندن وباريس يوم الخميس.';
  const start = (word: string): number => text.indexOf(word);
  const entity = (type: string, word: string, extra: object = {}): object => ({
    id: `e${start(word)}-${start(word) + word.length}`,
    type,
    start: start(word),
    end: start(word) + word.length,
    text: word,
    normalized: word,
    source: 'gazetteer:cities',
    confidence: 0.93,
    ...extra,
  });
  const london = entity('LOCATION', 'لندن', { link: { gazetteer: 'cities', id: 'Q84', name: 'London <img src=x onerror=alert(1)>', country: 'GB' } });
  const paris = entity('LOCATION', 'باريس');
  const thursday = entity('DATE', 'يوم الخميس', { source: 'rule:weekday', relative: true });
  const annotation = (id: string, entities: object[]): object => ({
    schema: 'arabic-ner/annotation/v1',
    document: { id, source: `${id}.txt`, sha256: createHash('sha256').update(text).digest('hex'), length: text.length, encoding: 'utf-8' },
    entities,
    countries: [{ code: 'GB', name: 'United Kingdom', mentions: 1, adjectiveMentions: 0 }],
  });
  const writeRun = (name: string, files: Record<string, object>): string => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const [id, data] of Object.entries(files)) writeFileSync(join(dir, `${id}.json`), JSON.stringify(data));
    return dir;
  };
  mkdirSync(input);
  writeFileSync(join(input, 'news.txt'), text);
  const before = writeRun('before', { news: annotation('news', [paris, thursday]) });
  const after = writeRun('after', { news: annotation('news', [london, { ...paris, type: 'ORGANIZATION' }]), lost: annotation('lost', [paris]) });

  it('shows link, value, source and confidence on hover, escapes everything, and runs nothing', async () => {
    const { page } = await open(report([after, '--input', input]));
    const title = await page.$eval('article[data-doc="news"] mark[data-type="LOCATION"]', (m) => m.getAttribute('title'));
    expect(title).toBe(`LOCATION «لندن» ${start('لندن')}-${start('لندن') + 4}\nlink: cities:Q84 London <img src=x onerror=alert(1)> (GB)\nsource: gazetteer:cities\nconfidence: 0.93`);
    expect(await page.$$eval('script, img', (found) => found.length)).toBe(0);
    expect(await page.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBeUndefined();
    expect(await page.$eval('article[data-doc="news"] .text', (e) => e.textContent)).toBe(text);
    await page.close();
  });

  it('says so in the page when a text is missing', async () => {
    const { page } = await open(report([after, '--input', input]));
    expect(await page.$eval('article[data-doc="lost"] .text-problem', (e) => e.textContent)).toMatch(/text not found: .*lost\.txt/);
    expect(await page.$$eval('article[data-doc="lost"] .entity-list li', (items) => items.length)).toBe(1);
    await page.close();
  });

  it('marks added, removed and changed entities in the diff view', async () => {
    const { page } = await open(report([after, '--against', before, '--input', input]));
    const states = await page.$$eval('article[data-doc="news"] mark.ent', (marks) => marks.map((m) => `${m.getAttribute('data-state')} ${m.textContent}`));
    expect(states).toEqual(['added لندن', 'changed باريس', 'removed يوم الخميس']);
    expect(await page.$eval('article[data-doc="news"] mark.changed', (m) => m.getAttribute('title'))).toMatch(/changed: type "LOCATION" → "ORGANIZATION"/);
    expect(await computedStyle(page, 'article[data-doc="news"] mark.removed', 'textDecorationLine')).toBe('line-through');
    expect(await page.$eval('article[data-doc="lost"] .diff-summary', (e) => e.textContent)).toMatch(/new document/);
    await page.close();
  });
});
