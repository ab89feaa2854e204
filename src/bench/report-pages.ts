import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureCommand, type Measured } from './measure.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

/**
 * The review page on a run of a thousand documents: how long `report` takes, how heavy its pages
 * are, and how long Chromium takes to open the index and one document (the folder layout) against
 * the one page holding every document. The run is the committed annotations of corpus/ (real
 * entities, real articles), each copied under 200 names in 10 folders.
 */

export interface ReportBench {
  readonly documents: number;
  readonly folder: Measured;
  readonly single: Measured;
  readonly indexBytes: number;
  readonly pageBytes: { readonly median: number; readonly max: number; readonly total: number };
  readonly singleBytes: number;
  /** Milliseconds to the load event in headless Chromium; undefined when no Chromium was found. */
  readonly openMs?: { readonly index: number; readonly document: number; readonly single: number };
  readonly browserProblem?: string;
}

const COPIES = 200;

/** Builds the run and its texts in `work`: 5 articles × 200 copies, keys `batch-<n>/<article>-<copy>`. */
function buildRun(root: string, work: string): { run: string; input: string; documents: number } {
  const run = join(work, 'run');
  const input = join(work, 'input');
  // Each article read once; its copies differ only in the document's source.
  const articles = readdirSync(join(root, 'output'))
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const annotation = JSON.parse(readFileSync(join(root, 'output', file), 'utf8')) as { document: Record<string, unknown> };
      return { stem: file.slice(0, -'.json'.length), annotation, source: annotation.document['source'] as string };
    });
  let documents = 0;
  for (let copy = 0; copy < COPIES; copy++) {
    const folder = `batch-${copy % 10}`;
    mkdirSync(join(run, folder), { recursive: true });
    mkdirSync(join(input, folder), { recursive: true });
    for (const { stem, annotation, source } of articles) {
      const name = `${stem}-${String(copy).padStart(3, '0')}`;
      writeFileSync(join(run, folder, `${name}.json`), JSON.stringify({ ...annotation, document: { ...annotation.document, source: `${folder}/${name}.txt` } }));
      copyFileSync(join(root, 'corpus', source), join(input, folder, `${name}.txt`));
      documents++;
    }
  }
  return { run, input, documents };
}

function pageSizes(folder: string): { median: number; max: number; total: number } {
  const sizes: number[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else sizes.push(info.size);
    }
  };
  walk(join(folder, 'docs'));
  sizes.sort((a, b) => a - b);
  return { median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes.at(-1) ?? 0, total: sizes.reduce((a, b) => a + b, 0) };
}

/** Past this a page is reported as not loaded (the one page of a thousand documents may never finish on a busy machine). */
const OPEN_TIMEOUT_MS = 120_000;

/** Milliseconds from navigation to the load event, best of `rounds` (a fresh page each time); Infinity when it did not load in time. */
async function openTimes(files: readonly { path: string; rounds: number }[]): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
  try {
    const times: number[] = [];
    for (const { path, rounds } of files) {
      let best = Infinity;
      for (let round = 0; round < rounds; round++) {
        const page = await browser.newPage();
        const started = performance.now();
        const loaded = await page.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: OPEN_TIMEOUT_MS }).then(
          () => true,
          () => false,
        );
        if (loaded) best = Math.min(best, performance.now() - started);
        await page.close();
      }
      times.push(best);
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function benchReportPages(root: string, cli: string, work: string): Promise<ReportBench> {
  const { run, input, documents } = buildRun(root, work);
  const folderOut = join(work, 'report');
  const singleOut = join(work, 'report.html');
  const folder = measureCommand(process.execPath, [cli, 'report', run, '--input', input, '--out', folderOut]);
  const single = measureCommand(process.execPath, [cli, 'report', run, '--input', input, '--out', singleOut]);
  if (folder.status !== 0 || single.status !== 0) throw new Error(`report failed: ${folder.stderr}${single.stderr}`);
  const base = {
    documents,
    folder,
    single,
    indexBytes: statSync(join(folderOut, 'index.html')).size,
    pageBytes: pageSizes(folderOut),
    singleBytes: statSync(singleOut).size,
  };
  if (!existsSync(CHROMIUM_PATH)) return { ...base, browserProblem: `no Chromium at ${CHROMIUM_PATH}` };
  const [index = NaN, document = NaN, whole = NaN] = await openTimes(
    [
      { path: join(folderOut, 'index.html'), rounds: 3 },
      { path: join(folderOut, 'docs', 'batch-4', '004_d4e66992290dbacf-104.html'), rounds: 3 },
      { path: singleOut, rounds: 1 },
    ],
  );
  return { ...base, openMs: { index, document, single: whole } };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (time: number): string => (Number.isFinite(time) ? `${time.toFixed(0)} ms` : `not loaded in ${OPEN_TIMEOUT_MS / 1000} s`);

export function reportPagesTable(bench: ReportBench): string[] {
  const open = bench.openMs;
  return [
    `Review pages (\`arabic-ner report\`) of a run of ${bench.documents} documents (the corpus's 5 annotated articles, 200 copies each); open time to the load event in headless Chromium, best of 3 (the one page: one try, at most 120 s):`,
    '',
    '| layout | report wall s | peak RSS MB | size | open |',
    '|---|---|---|---|---|',
    `| folder: index.html | ${bench.folder.seconds.toFixed(2)} (all pages) | ${(bench.folder.peakRssMB ?? NaN).toFixed(0)} | ${kb(bench.indexBytes)} | ${open ? ms(open.index) : bench.browserProblem} |`,
    `| folder: one document page (the longest article) | | | median ${kb(bench.pageBytes.median)}, max ${kb(bench.pageBytes.max)} (all pages ${(bench.pageBytes.total / 2 ** 20).toFixed(1)} MB) | ${open ? ms(open.document) : ''} |`,
    `| one page with every document (\`--out report.html\`) | ${bench.single.seconds.toFixed(2)} | ${(bench.single.peakRssMB ?? NaN).toFixed(0)} | ${(bench.singleBytes / 2 ** 20).toFixed(1)} MB | ${open ? `${ms(open.single)} (one try)` : ''} |`,
    '',
  ];
}
