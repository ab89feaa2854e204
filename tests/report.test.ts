import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TYPE_STYLES } from '../src/qa/report-palette.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../src/bench/chromium.js';
import { CORPUS, listFiles, runCli, tempDir } from './helpers.js';


interface Annotation {
  document: { id: string };
  entities: { type: string; start: number; end: number; text: string; source: string }[];
  countries: { code: string; mentions: number; adjectiveMentions: number }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page of a report, recording every request that is not the page itself. */
async function open(file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  return { page, requests };
}

/** A computed style in the page, of the element or one of its pseudo-elements (tests compile without the DOM lib, hence the cast). */
function computedStyle(page: Page, selector: string, property: string, pseudo: string | null = null): Promise<string> {
  type Styles = { getComputedStyle(element: unknown, pseudo: string | null): Record<string, string> };
  return page.$eval(selector, (element, [name, after]) => (globalThis as unknown as Styles).getComputedStyle(element, after)[name as string] ?? '', [property, pseudo] as const);
}

/** A computed `content` string read back as text: quotes off, CSS escapes (`\a ` is a line break) resolved. */
function cssText(content: string): string {
  expect(content).toMatch(/^".*"$/s);
  return content.slice(1, -1).replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : (ch ?? '')));
}

/** The ::after content (the label) of every labelled highlight of the page, in text order. */
function labels(page: Page, scope = ''): Promise<{ type: string | null; label: string; text: string | null }[]> {
  type Styles = { getComputedStyle(element: unknown, pseudo: string): Record<string, string> };
  return page.$$eval(`${scope} mark.ent[data-label]`, (marks) =>
    marks.map((m) => ({ type: m.getAttribute('data-type'), label: (globalThis as unknown as Styles).getComputedStyle(m, '::after')['content'] ?? '', text: m.textContent })),
  );
}

/** How many pixels of a PNG screenshot are within 8 of a colour on each channel: decoded by the browser itself, in a blank page. */
async function pixelsOf(png: Buffer, hex: string): Promise<number> {
  const blank = await browser.newPage();
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  type Canvas = { getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  type Decoding = {
    fetch(url: string): Promise<{ blob(): Promise<unknown> }>;
    createImageBitmap(blob: unknown): Promise<{ width: number; height: number }>;
    OffscreenCanvas: new (w: number, h: number) => Canvas;
  };
  const count = await blank.evaluate(
    async ([data, [r, g, b]]) => {
      const scope = globalThis as unknown as Decoding;
      const image = await scope.createImageBitmap(await (await scope.fetch(`data:image/png;base64,${data}`)).blob());
      const context = new scope.OffscreenCanvas(image.width, image.height).getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let found = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs((pixels[i] ?? 0) - (r ?? 0)) <= 8 && Math.abs((pixels[i + 1] ?? 0) - (g ?? 0)) <= 8 && Math.abs((pixels[i + 2] ?? 0) - (b ?? 0)) <= 8) found++;
      }
      return found;
    },
    [png.toString('base64'), rgb] as const,
  );
  await blank.close();
  return count;
}

function report(args: string[], out: string): string {
  const result = runCli(['report', ...args, '--out', out]);
  expect(result.stderr).toMatch(/documents -> /);
  expect(result.status).toBe(0);
  return out;
}

describe('arabic-ner report on a fresh run of the corpus', () => {
  const run = tempDir();
  runCli(['extract', CORPUS, '--out', run]);
  const files = listFiles(run).filter((f) => !f.startsWith('.'));
  const folder = join(tempDir('arabic-ner-report-'), 'report');

  it('writes an index listing every document with its counts, each linking to its own page', async () => {
    report([run, '--input', CORPUS], folder);
    const { page, requests } = await open(join(folder, 'index.html'));
    const rows = await page.$$eval('table.documents tbody tr', (all) => all.map((r) => ({ doc: r.getAttribute('data-doc'), href: r.querySelector('a')?.getAttribute('href') })));
    expect(rows.map((r) => r.doc)).toEqual(files.map((f) => f.replace(/\.json$/, '')));
    for (const row of rows) expect(existsSync(join(folder, decodeURIComponent(row.href ?? '')))).toBe(true);
    for (const file of files) {
      const annotation = JSON.parse(readFileSync(join(run, file), 'utf8')) as Annotation;
      const counts = await page.$$eval(`tr[data-doc="${file.replace(/\.json$/, '')}"] td[data-type]`, (cells) => cells.map((c) => [c.getAttribute('data-type'), Number(c.textContent)]));
      expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.keys(TYPE_STYLES).map((t) => [t, annotation.entities.filter((e) => e.type === t).length])));
    }
    expect(requests).toEqual([]);
    await page.close();
  });

  it('opens each document on its right-to-left text, every entity highlighted and labelled with its type, the tables after it', async () => {
    for (const file of files) {
      const annotation = JSON.parse(readFileSync(join(run, file), 'utf8')) as Annotation;
      const { page, requests } = await open(join(folder, 'docs', file.replace(/\.json$/, '.html')));
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await computedStyle(page, '.doc .text', 'direction')).toBe('rtl');
      expect(await computedStyle(page, '.doc .text', 'fontFamily')).toMatch(/^"Noto Naskh Arabic", Amiri/);
      expect(await page.$$eval('article.doc', (docs) => docs.length)).toBe(1);
      // The text comes first: above the fold, beside the panel, before the entity table.
      const textBox = await page.locator('.doc .text').boundingBox();
      expect(textBox?.y).toBeLessThan(250);
      expect((await page.locator('.entity-list').boundingBox())?.y).toBeGreaterThan((textBox?.y ?? 0) + (textBox?.height ?? 0));
      // Every entity: one highlight, its label in text (a pseudo-element: the text itself reads and copies unchanged).
      const shown = await labels(page);
      expect(shown).toEqual(annotation.entities.map((e) => ({ type: e.type, label: expect.any(String), text: expect.any(String) })));
      expect(shown.map((s) => s.label)).toEqual(annotation.entities.map((e) => `"${TYPE_STYLES[e.type as keyof typeof TYPE_STYLES].label}"`));
      expect(await page.$$eval('mark.ent:not([data-continued])', (marks) => marks.length)).toBe(annotation.entities.length);
      const counts = await page.$$eval('.counts tr', (rows) => rows.map((r) => [r.getAttribute('data-type'), Number(r.querySelector('.count')?.textContent)]));
      expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.keys(TYPE_STYLES).map((t) => [t, annotation.entities.filter((e) => e.type === t).length])));
      const countries = await page.$$eval('.countries tbody tr', (rows) =>
        rows.map((r) => ({ code: r.getAttribute('data-code'), mentions: Number(r.querySelector('.mentions')?.textContent), adjectiveMentions: Number(r.querySelector('.adjectives')?.textContent) })),
      );
      expect(countries).toEqual(annotation.countries.map(({ code, mentions, adjectiveMentions }) => ({ code, mentions, adjectiveMentions })));
      expect(await page.$$eval('table.entities tbody tr', (rows) => rows.length)).toBe(annotation.entities.length);
      expect(requests).toEqual([]);
      await page.close();
    }
  });

  it('keeps the one-page report for --out <file>.html, the documents first and the run totals after them', async () => {
    const { page, requests } = await open(report([run, '--input', CORPUS], join(tempDir('arabic-ner-report-'), 'review.html')));
    expect(await page.$$eval('article.doc', (docs) => docs.map((d) => d.getAttribute('data-doc')))).toEqual(files.map((f) => f.replace(/\.json$/, '')));
    const total = files.reduce((n, f) => n + (JSON.parse(readFileSync(join(run, f), 'utf8')) as Annotation).entities.length, 0);
    expect(await page.$$eval('mark.ent[data-label]', (marks) => marks.length)).toBe(total);
    expect(await page.$eval('main', (main) => [...main.children].map((c) => c.tagName).join(' '))).toMatch(/^(ARTICLE )+SECTION$/);
    const ids = await page.$$eval('[id]', (all) => all.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(requests).toEqual([]);
    await page.close();
  });
});

describe('arabic-ner report on crafted runs', () => {
  const root = tempDir('arabic-ner-report-input-');
  const input = join(root, 'input');
  // An emoji before the entities: two UTF-16 units, one code point, as v1 offsets count it.
  const text = '😀 زار <script>window.hacked=1</script> لندن وباريس يوم الخميس مع جون كيري.';
  const codePoints = Array.from(text);
  const start = (word: string): number => Array.from(text.slice(0, text.indexOf(word))).length;
  const entity = (type: string, word: string, extra: object = {}): object => ({
    id: `e${start(word)}-${start(word) + Array.from(word).length}`,
    type,
    start: start(word),
    end: start(word) + Array.from(word).length,
    text: word,
    normalized: word,
    source: 'gazetteer:cities',
    confidence: 0.93,
    ...extra,
  });
  const london = entity('LOCATION', 'لندن', { link: { gazetteer: 'cities', id: 'Q84', name: 'London <img src=x onerror=alert(1)>', country: 'GB' } });
  const paris = entity('LOCATION', 'باريس');
  const thursday = entity('DATE', 'يوم الخميس', { source: 'rule:weekday', relative: true, confidence: 0.8 });
  const kerry = entity('PERSON', 'جون كيري', { source: 'gazetteer:people', confidence: 0.97, link: { gazetteer: 'people', id: 'Q22316', name: 'John Kerry', country: 'US' } });
  const annotation = (id: string, entities: object[]): object => ({
    schema: 'arabic-ner/annotation/v1',
    document: { id, source: `${id}.txt`, sha256: createHash('sha256').update(text).digest('hex'), length: codePoints.length, encoding: 'utf-8' },
    entities,
    countries: [{ code: 'GB', name: 'United Kingdom', mentions: 1, adjectiveMentions: 0 }],
  });
  const writeRun = (name: string, files: Record<string, object>): string => {
    const dir = join(root, name);
    for (const [id, data] of Object.entries(files)) {
      mkdirSync(join(dir, id, '..'), { recursive: true });
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(data));
    }
    return dir;
  };
  mkdirSync(input);
  writeFileSync(join(input, 'news.txt'), text);
  const before = writeRun('before', { news: annotation('news', [paris, thursday, kerry]) });
  const after = writeRun('after', { news: annotation('news', [london, { ...paris, type: 'ORGANIZATION' }, kerry]), lost: annotation('lost', [paris]) });
  const out = (name: string): string => join(tempDir('arabic-ner-report-'), name);

  it('highlights at code point offsets and leaves the text as it was', async () => {
    const folder = report([before, '--input', input], out('report'));
    const { page } = await open(join(folder, 'docs', 'news.html'));
    expect(await page.$$eval('mark.ent', (marks) => marks.map((m) => m.textContent))).toEqual(['باريس', 'يوم الخميس', 'جون كيري']);
    expect(await page.$eval('.text', (e) => e.textContent)).toBe(text);
    expect(await page.$$eval('script, img', (found) => found.length)).toBe(0);
    expect(await page.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBeUndefined();
    await page.close();
  });

  it('shows source, confidence, link and value when an entity gets the keyboard focus, and only then', async () => {
    const folder = report([after, '--input', input], out('report'));
    const { page } = await open(join(folder, 'docs', 'news.html'));
    const londonMark = 'mark[data-type="LOCATION"]:not([data-continued])';
    expect(await computedStyle(page, londonMark, 'content', '::before')).toBe('none');
    const before = await page.locator('.doc').screenshot();
    // Tab from the filters to the first entity, as a keyboard user would.
    for (let i = 0; i < 40 && !(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document.activeElement.tagName === 'MARK')); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('لندن');
    const details = await computedStyle(page, londonMark, 'content', '::before');
    expect(cssText(details)).toBe(
      `LOCATION «\u2068لندن\u2069» ${start('لندن')}–${start('لندن') + 4}\nsource: gazetteer:cities\nconfidence: 0.93\nlink: cities:Q84 London <img src=x onerror=alert(1)> (GB)\nvalue: —`,
    );
    expect(await computedStyle(page, londonMark, 'position', '::before')).toBe('absolute');
    // The screenshot shows it: the dark box of the details appears.
    const focused = await page.locator('.doc').screenshot();
    expect(await pixelsOf(focused, '#222222')).toBeGreaterThan((await pixelsOf(before, '#222222')) + 2000);
    // A screen reader gets the same facts: the entity is described by its row of the table.
    const row = await page.$eval(londonMark, (m) => m.getAttribute('aria-describedby'));
    expect(await page.$eval(`#${row}`, (r) => r.textContent)).toMatch(/لندن.*gazetteer:cities.*0\.93.*cities:Q84 London/);
    await page.hover('mark[data-type="PERSON"]');
    expect(cssText(await computedStyle(page, 'mark[data-type="PERSON"]', 'content', '::before'))).toMatch(/^PERSON «\u2068جون كيري\u2069».*\nsource: gazetteer:people\nconfidence: 0.97\nlink: people:Q22316 John Kerry \(US\)\nvalue: —$/);
    await page.close();
  });

  it('hides a type, or a source, when its box is unchecked: no colour, no label, no row', async () => {
    const folder = report([before, '--input', input], out('report'));
    const { page } = await open(join(folder, 'docs', 'news.html'));
    const shot = async (): Promise<Buffer> => page.locator('.doc .text').screenshot();
    expect(await pixelsOf(await shot(), TYPE_STYLES.PERSON.colour)).toBeGreaterThan(300);
    await page.click('label:has(#f-t-PERSON)');
    expect(await page.isChecked('#f-t-PERSON')).toBe(false);
    expect(await pixelsOf(await shot(), TYPE_STYLES.PERSON.colour)).toBe(0);
    expect(await pixelsOf(await shot(), TYPE_STYLES.LOCATION.colour)).toBeGreaterThan(300);
    expect(await computedStyle(page, 'mark[data-type="PERSON"]', 'content', '::after')).toBe('none');
    expect((await labels(page)).filter((l) => l.label !== 'none').map((l) => l.text)).toEqual(['باريس', 'يوم الخميس']);
    expect(await page.$$eval('table.entities tbody tr', (rows) => rows.filter((r) => r.getBoundingClientRect().height > 0).map((r) => r.getAttribute('data-type')))).toEqual(['LOCATION', 'DATE']);
    await page.click('label:has(#f-t-PERSON)');
    expect(await pixelsOf(await shot(), TYPE_STYLES.PERSON.colour)).toBeGreaterThan(300);
    // Sources: one box each, in a fold; rule:weekday off leaves the gazetteer entities.
    await page.click('.filters summary');
    await page.click('label:has-text("rule:weekday")');
    expect((await labels(page)).filter((l) => l.label !== 'none').map((l) => l.text)).toEqual(['باريس', 'جون كيري']);
    await page.close();
  });

  it('marks added, removed and changed entities in the diff view, and can hide the unchanged', async () => {
    const folder = report([after, '--against', before, '--input', input], out('diff'));
    const { page } = await open(join(folder, 'docs', 'news.html'));
    const states = await page.$$eval('mark.ent', (marks) => marks.map((m) => `${m.getAttribute('data-state')} ${m.textContent}`));
    expect(states).toEqual(['added لندن', 'changed باريس', 'removed يوم الخميس', 'same جون كيري']);
    expect((await labels(page)).map((l) => l.label)).toEqual(['"+LOC"', '"~LOC→ORG"', '"−DATE"', '"PER"']);
    expect(await page.$eval('mark.st-changed', (m) => m.getAttribute('data-details'))).toMatch(/\nchanged: type\ntype: "LOCATION" → "ORGANIZATION"$/);
    expect(await computedStyle(page, 'mark.st-removed', 'textDecorationLine')).toBe('line-through');
    await page.click('label:has(#f-unchanged)');
    expect((await labels(page)).filter((l) => l.label !== 'none').map((l) => l.text)).toEqual(['لندن', 'باريس', 'يوم الخميس']);
    await page.close();
    const index = await open(join(folder, 'index.html'));
    expect(await index.page.$eval('tr[data-doc="lost"]', (r) => r.textContent)).toMatch(/new document/);
    expect(await index.page.$eval('tr[data-doc="news"]', (r) => r.textContent)).toMatch(/\+1.*−1.*~1/);
    await index.page.close();
  });

  it('in the diff view of an edited text, shows only what really changed, and hatches the edit', async () => {
    const old = 'زار جون كيري لندن يوم الخميس.';
    const added = 'قال مسؤول في باريس إن الزيارة مهمة. ';
    const edited = added + old;
    const at = (body: string, word: string, type: string): object => {
      const from = Array.from(body.slice(0, body.indexOf(word))).length;
      return { id: `e${from}-${from + word.length}`, type, start: from, end: from + word.length, text: word, source: 'gazetteer:test', confidence: 0.9 };
    };
    const version = (name: string, body: string, entities: object[]): { input: string; run: string } => {
      const folder = join(root, name);
      mkdirSync(join(folder, 'input'), { recursive: true });
      writeFileSync(join(folder, 'input', 'news.txt'), body);
      const document = { id: 'news', source: 'news.txt', sha256: createHash('sha256').update(body).digest('hex'), length: Array.from(body).length, encoding: 'utf-8' };
      return { input: join(folder, 'input'), run: writeRun(`${name}/run`, { news: { schema: 'arabic-ner/annotation/v1', document, entities, countries: [] } }) };
    };
    const first = version('edit-before', old, [at(old, 'جون كيري', 'PERSON'), at(old, 'لندن', 'LOCATION'), at(old, 'يوم الخميس', 'DATE')]);
    const second = version('edit-after', edited, [at(edited, 'باريس', 'LOCATION'), at(edited, 'جون كيري', 'PERSON'), at(edited, 'لندن', 'ORGANIZATION'), at(edited, 'يوم الخميس', 'DATE')]);
    const folder = report([second.run, '--against', first.run, '--input', second.input, '--against-input', first.input], out('edited'));
    const { page } = await open(join(folder, 'docs', 'news.html'));
    expect(await page.$$eval('mark.ent', (marks) => marks.map((m) => `${m.getAttribute('data-state')} ${m.textContent}`))).toEqual(['added باريس', 'same جون كيري', 'changed لندن', 'same يوم الخميس']);
    expect((await labels(page)).map((l) => l.label)).toEqual(['"+LOC ✎"', '"PER"', '"~LOC→ORG"', '"DATE"']);
    const hatched = await page.$$eval('.text ins.edited', (all) => all.map((e) => e.textContent ?? ''));
    expect(hatched.join('')).toContain('قال مسؤول في باريس إن الزيارة مهمة.');
    expect(hatched.join('')).not.toContain('كيري');
    expect(await page.$eval('.panel .kinds', (e) => e.textContent)).toBe('added 1type 1in edited text 1');
    await page.close();
  });

  it('says so in the page when a text is missing, and still lists the entities', async () => {
    const folder = report([after, '--input', input], out('report'));
    const { page } = await open(join(folder, 'docs', 'lost.html'));
    expect(await page.$eval('.text-problem', (e) => e.textContent)).toMatch(/text not found: .*lost\.txt/);
    expect(await page.$$eval('table.entities tbody tr', (rows) => rows.map((r) => r.getAttribute('data-type')))).toEqual(['LOCATION']);
    await page.close();
  });

  it('writes only into a new, empty or earlier report folder, and drops the pages of documents gone from the run', () => {
    const folder = out('report');
    report([after, '--input', input], folder);
    expect(existsSync(join(folder, 'docs', 'lost.html'))).toBe(true);
    report([before, '--input', input], folder);
    expect(existsSync(join(folder, 'docs', 'lost.html'))).toBe(false);
    expect(existsSync(join(folder, 'docs', 'news.html'))).toBe(true);
    const foreign = out('mine');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const refused = runCli(['report', before, '--input', input, '--out', foreign]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/holds files that no report wrote/);
    expect(listFiles(foreign)).toEqual(['notes.txt']);
  });
});

describe('arabic-ner report on a run of a thousand documents', () => {
  const root = tempDir('arabic-ner-report-1000-');
  const input = join(root, 'input');
  const run = join(root, 'run');
  const text = 'التقى وزير الخارجية جون كيري نظيره في لندن يوم الخميس.';
  const span = (word: string): { start: number; end: number } => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
  const keys = Array.from({ length: 1000 }, (_, i) => `batch-${Math.floor(i / 100)}/news #${String(i).padStart(4, '0')}`);
  for (const [i, key] of keys.entries()) {
    const body = `${text} ${i}`;
    mkdirSync(join(input, key, '..'), { recursive: true });
    mkdirSync(join(run, key, '..'), { recursive: true });
    writeFileSync(join(input, `${key}.txt`), body);
    const entities = [
      { type: 'PERSON', ...span('جون كيري'), text: 'جون كيري', source: 'gazetteer:people', confidence: 0.97 },
      ...(i % 2 ? [{ type: 'LOCATION', ...span('لندن'), text: 'لندن', source: 'gazetteer:cities', confidence: 0.95 }] : []),
    ];
    writeFileSync(join(run, `${key}.json`), JSON.stringify({ document: { id: key, source: `${key}.txt`, sha256: createHash('sha256').update(body).digest('hex') }, entities, countries: [] }));
  }

  it('lists them all on the index, and each document page loads alone', async () => {
    const folder = report([run, '--input', input], join(root, 'report'));
    const index = await open(join(folder, 'index.html'));
    const rows = await index.page.$$eval('table.documents tbody tr', (all) => all.map((r) => ({ doc: r.getAttribute('data-doc'), href: r.querySelector('a')?.getAttribute('href') ?? '' })));
    expect(rows.map((r) => r.doc)).toEqual([...keys].sort());
    expect(index.requests).toEqual([]);
    const row = rows[457] as { doc: string; href: string };
    expect(row.href).toBe('docs/batch-4/news%20%23' + row.doc.slice(-4) + '.html');
    // Follow the link: the page holds that document only and fetches nothing else.
    await index.page.click(`a[href="${row.href}"]`);
    await index.page.waitForURL(/news%20%230457\.html$/);
    expect(await index.page.$$eval('article.doc', (docs) => docs.map((d) => d.getAttribute('data-doc')))).toEqual([row.doc]);
    expect(await index.page.$eval('.text', (e) => e.textContent)).toBe(`${text} 457`);
    expect((await labels(index.page)).map((l) => l.label)).toEqual(['"PER"', '"LOC"']);
    expect(index.requests).toEqual([index.page.url()]);
    // Its neighbours and the index are one link away.
    await index.page.click('a[rel="next"]');
    await index.page.waitForURL(/news%20%230458\.html$/);
    await index.page.click('a[rel="index"]');
    await index.page.waitForURL(/\/index\.html$/);
    await index.page.close();
  });
});
