import { cpus, availableParallelism, loadavg, totalmem, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadResources } from '../pipeline/extract.js';
import { buildCorpus } from './corpus.js';
import { measureExtract } from './measure.js';
import { comparePeers, type GazetteerName, type PeerRun } from './peers.js';
import { writeSyntheticGazetteer } from './synthetic-gazetteer.js';
import { measureGazetteerScale } from './gazetteer-scale.js';
import { dateTable, loadDatePhrases, PHRASE_DOCUMENT_DATE, runDatePhrases, scoreByKind } from './date-phrases.js';
import { extract } from '../pipeline/extract.js';
import { measureEndToEnd, measureTaggerCost, taggerCostTable, withLoadAverage } from './tagger-cost.js';
import { measureSegmenterCost, SEGMENTER_COST_HEADER, segmenterCostRow } from './segmenter-cost.js';
import { benchReportPages, reportPagesTable } from './report-pages.js';
import { cachedCorpus, DEFAULT_BENCH_CACHE } from './cached-corpus.js';
import { articleOfAbout, measureServeLoad, serveLoadReport } from './serve-load.js';
import { batchRoundsTable, measureBatchRounds, measureStartup, profileBatch, stageTable, startupTable, type BatchSetup } from './batch-cost.js';

/**
 * `npm run bench`: on a generated folder (16 MB of news-like files, built once and cached outside
 * the repository), the built CLI with 1 and N workers beside the in-process annotator in
 * interleaved rounds, where a run's time goes by stage, start-up for one small file, --compact
 * and a RAM disk; the gazetteer matcher next to nlp.js and wink-nlp, a 1,000,000-entry
 * gazetteer's load time and memory, the learned tagger's cost, the date phrase table, the review
 * pages of a 1000-document run, the service under load. Prints a Markdown report (`--batch-only`,
 * `--tagger-only`, `--dates-only`, `--report-only`, `--serve-only`: one part alone).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const IN_PROCESS = join(ROOT, 'dist', 'bench', 'annotate-folder.js');

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '16' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    runs: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    'corpus-cache': { type: 'string', default: DEFAULT_BENCH_CACHE },
    'batch-only': { type: 'boolean', default: false },
    'peer-seconds': { type: 'string', default: '20' },
    entries: { type: 'string', default: '1000000' },
    'dates-only': { type: 'boolean', default: false },
    'tagger-only': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
    'serve-only': { type: 'boolean', default: false },
    'serve-seconds': { type: 'string', default: '10' },
  },
});
const targetMB = Number(values.mb);
const maxJobs = Number(values.jobs);
const runs = Number(values.runs);
const peerSeconds = Number(values['peer-seconds']);
const entries = Number(values.entries);
const rounds = Number(values.rounds);
const serveSeconds = Number(values['serve-seconds']);
const SERVE_CONNECTIONS = [1, 4, 16];

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

function machine(): string {
  return `${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}`;
}

function gazetteerNames(): GazetteerName[] {
  const { gazetteer } = loadResources();
  return [...gazetteer.entriesById.values()].flatMap((entry) => [entry.ar, ...entry.variants].map((text) => ({ text, type: entry.type.toLowerCase(), id: entry.id })));
}

interface EndToEnd {
  readonly jobs: number;
  readonly compact: boolean;
  readonly seconds: number;
  readonly peakRssMB?: number;
  readonly cpuSeconds?: number;
}

function endToEnd(corpusDir: string, outDir: string, jobs: number, compact = false): EndToEnd {
  let best: EndToEnd | undefined;
  const options = ['--jobs', String(jobs), ...(compact ? ['--compact'] : [])];
  for (let run = 0; run < runs; run++) {
    const measured = measureExtract(CLI, corpusDir, outDir, options);
    log(`${options.join(' ')} run ${run + 1}: ${fmt(measured.seconds)} s`);
    if (!best || measured.seconds < best.seconds) {
      best = { jobs, compact, seconds: measured.seconds, ...(measured.peakRssMB !== undefined ? { peakRssMB: measured.peakRssMB } : {}), ...(measured.cpuSeconds !== undefined ? { cpuSeconds: measured.cpuSeconds } : {}) };
    }
  }
  if (!best) throw new Error('--runs must be at least 1');
  return best;
}

const RAM_DISK = '/dev/shm';
const END_TO_END_HEADER = '| --jobs | seconds | MB/s | docs/s | peak RSS MB | CPU s | cores busy | speed-up |';
const END_TO_END_RULE = '|---|---|---|---|---|---|---|---|';

function endToEndRow(run: EndToEnd, mb: number, files: number, single: EndToEnd | undefined): string {
  const cpu = run.cpuSeconds ?? NaN;
  return `| ${run.jobs}${run.compact ? ' --compact' : ''} | ${fmt(run.seconds)} | ${fmt(mb / run.seconds)} | ${fmt(files / run.seconds, 0)} | ${fmt(run.peakRssMB ?? NaN, 0)} | ${fmt(cpu)} | ${fmt(cpu / run.seconds)} | ${single ? fmt(single.seconds / run.seconds) + 'x' : ''} |`;
}

/**
 * What this machine allows: a run needs at least the CPU time of the one-job run (more jobs only
 * add to it), so on C cores no number of jobs is more than C x (one job's wall / its CPU) faster.
 * One job keeps more than one core busy (V8's compiler and GC threads, the kernel's file work).
 */
function speedUpCeiling(single: EndToEnd | undefined): string[] {
  if (!single?.cpuSeconds) return [];
  const cores = availableParallelism();
  const busy = single.cpuSeconds / single.seconds;
  return [`One job keeps ${fmt(busy)} cores busy, so on ${cores} cores no --jobs can be more than ${fmt(cores / busy)}x faster than it here.`, ''];
}

function sampleDocs(corpusDir: string, files: number): string[] {
  return Array.from({ length: files }, (_, i) => readFileSync(join(corpusDir, String(Math.floor(i / 100)).padStart(4, '0'), `doc-${String(i).padStart(6, '0')}.txt`), 'utf8'));
}

function peerTable(results: readonly PeerRun[]): string[] {
  const rate = (run: PeerRun): number => run.bytes / 1e6 / run.seconds;
  const [ours] = results;
  const rows = results.map(
    (run) =>
      `| ${run.name} | ${run.docs} | ${fmt(run.bytes / 1e6)} | ${fmt(run.setupSeconds)} | ${fmt(rate(run))} | ${fmt(run.docs / run.seconds, 0)} | ${run.entities} | ${ours ? fmt(rate(ours) / rate(run), 1) + 'x' : ''} |`,
  );
  return ['| runner | docs | MB | setup s | MB/s | docs/s | entities | matcher speed-up |', '|---|---|---|---|---|---|---|---|', ...rows];
}

/** The tagger's cost: in process on a sample of documents, and end to end with the CLI (a generated corpus of `mb` MB unless one is given). */
function taggerCostReport(source: string, mb: number, corpusDir?: string, files?: number): string[] {
  const work = mkdtempSync(join(tmpdir(), 'arabic-ner-bench-'));
  try {
    const corpus = corpusDir === undefined ? buildCorpus(source, join(work, 'corpus'), mb * 1e6, gazetteerNames().map((name) => name.text)) : { dir: corpusDir, files: files ?? 0, bytes: mb * 1e6 };
    const cost = withLoadAverage(() => {
      const inProcess = measureTaggerCost(sampleDocs(corpus.dir, Math.min(corpus.files, 1000)), 5);
      log('the tagger end to end: --jobs 1 with and without --no-model');
      return { ...inProcess, endToEnd: measureEndToEnd(CLI, corpus.dir, join(work, 'out'), corpus.bytes / 1e6, 3) };
    });
    return taggerCostTable(cost);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The service's load test on a ~2 KB passage of the first corpus article. */
async function serveLoad(): Promise<Awaited<ReturnType<typeof measureServeLoad>>> {
  const [first] = readdirSync(join(ROOT, 'corpus')).sort();
  const article = articleOfAbout(readFileSync(join(ROOT, 'corpus', first ?? ''), 'utf8'), 2048);
  log(`the service under load (${SERVE_CONNECTIONS.join(', ')} connections, ${serveSeconds} s each)`);
  return measureServeLoad(CLI, article, maxJobs, SERVE_CONNECTIONS, serveSeconds);
}

/** Detection and value agreement on the date phrase corpus, per kind (a few seconds). */
function datePhraseReport(): string[] {
  const phrases = loadDatePhrases(join(ROOT, 'tests', 'fixtures', 'dates', 'phrases.tsv'));
  const resources = loadResources();
  const results = runDatePhrases(phrases, (text) => extract(text, resources, { documentDate: PHRASE_DOCUMENT_DATE }).entities);
  return [
    `Date phrases (tests/fixtures/dates/phrases.tsv, ${phrases.length} phrases, each alone and in a sentence, document date ${PHRASE_DOCUMENT_DATE}):`,
    '',
    ...dateTable(scoreByKind(results)),
    '',
  ];
}

/** The CLI beside the in-process annotator, where its time goes, and start-up (see batch-cost.ts). */
function batchReport(corpus: { dir: string; files: number }, work: string, jobsList: readonly number[]): string[] {
  const setup: BatchSetup = { cli: CLI, inProcessScript: IN_PROCESS, corpusDir: corpus.dir, work };
  log(`in process and the CLI with --jobs ${jobsList.join(', ')}: ${rounds} interleaved rounds`);
  const batchRounds = measureBatchRounds(setup, jobsList, rounds, log);
  log('a CPU-profiled run of --jobs 1');
  const profiled = profileBatch(setup, 1);
  log('start-up: one small file');
  const article = readdirSync(join(ROOT, 'corpus')).filter((name) => name.endsWith('.txt')).sort()[0] ?? '';
  const startup = measureStartup(CLI, work, [
    { label: 'one line', text: 'زار وزير الخارجية بغداد أمس\n' },
    { label: `a news article (corpus/${article})`, text: readFileSync(join(ROOT, 'corpus', article), 'utf8') },
  ], 3);
  return [...batchRoundsTable(batchRounds, jobsList, corpus.files), ...stageTable(profiled, 1), ...startupTable(startup)];
}

async function main(): Promise<void> {
  if (values['dates-only']) {
    process.stdout.write(datePhraseReport().join('\n'));
    return;
  }
  if (values['serve-only']) {
    log(`machine: ${machine()}`);
    process.stdout.write(serveLoadReport(await serveLoad()).join('\n'));
    return;
  }
  if (values['tagger-only']) {
    process.stdout.write(taggerCostReport(join(ROOT, 'corpus'), 5).join('\n'));
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'arabic-ner-bench-'));
  if (values['report-only']) {
    try {
      process.stdout.write(reportPagesTable(await benchReportPages(ROOT, CLI, work)).join('\n'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  try {
    log(`machine: ${machine()}`);
    const names = gazetteerNames();
    const corpus = cachedCorpus(join(ROOT, 'corpus'), targetMB * 1e6, names.map((name) => name.text), values['corpus-cache']);
    log(`${corpus.reused ? 'reusing' : 'built'} a ${targetMB} MB corpus in ${corpus.dir}`);
    const mb = corpus.bytes / 1e6;
    const header = [
      `## Benchmark (${new Date().toISOString().slice(0, 10)})`,
      '',
      `Machine: ${machine()}; load average at the start ${loadavg().map((load) => fmt(load)).join(', ')}.`,
      `Corpus: ${corpus.files} documents, ${fmt(mb)} MB (seeded, generated from corpus/ with perturbations; cached in ${corpus.dir}).`,
      '',
    ];
    const jobsList = [...new Set([1, 2, maxJobs])].filter((jobs) => jobs <= maxJobs);
    const batch = batchReport(corpus, work, jobsList);
    if (values['batch-only']) {
      process.stdout.write([...header, ...batch].join('\n'));
      return;
    }
    const compactRuns = jobsList.map((jobs) => endToEnd(corpus.dir, join(work, `out-compact-${jobs}`), jobs, true));
    // The same runs writing to a RAM disk, when there is one: what the disk itself costs.
    const ramDir = RAM_DISK && existsSync(RAM_DISK) ? mkdtempSync(join(RAM_DISK, 'arabic-ner-bench-')) : undefined;
    const ramRuns = ramDir ? jobsList.map((jobs) => endToEnd(corpus.dir, join(ramDir, `out-${jobs}`), jobs)) : [];
    if (ramDir) rmSync(ramDir, { recursive: true, force: true });
    const ramSingle = ramRuns[0];

    log(`peers on the same documents (up to ${peerSeconds} s each)`);
    const peers = await comparePeers(sampleDocs(corpus.dir, Math.min(corpus.files, 2000)), names, loadResources(), peerSeconds);

    log('the segmenter\'s share of annotation time');
    const segmenterCost = measureSegmenterCost(sampleDocs(corpus.dir, Math.min(corpus.files, 500)));

    const load = await serveLoad();

    log(`writing a ${entries}-entry synthetic gazetteer`);
    const scaleDir = join(work, 'gazetteer-scale');
    writeSyntheticGazetteer(scaleDir, entries);
    const scale = measureGazetteerScale(scaleDir, join(work, 'cache'));

    log('the review pages of a 1000-document run');
    const reportPages = await benchReportPages(ROOT, CLI, join(work, 'report-pages'));

    const single = compactRuns[0];
    const report = [
      ...header,
      ...batch,
      '`--compact` (one line of JSON per file), the speed-up against its own one-job run:',
      '',
      END_TO_END_HEADER,
      END_TO_END_RULE,
      ...compactRuns.map((run) => endToEndRow(run, mb, corpus.files, single)),
      '',
      ...speedUpCeiling(single),
      ...(ramDir
        ? [`The same, writing the output to a RAM disk (${RAM_DISK}), without the disk's cost:`, '', END_TO_END_HEADER, END_TO_END_RULE, ...ramRuns.map((run) => endToEndRow(run, mb, corpus.files, ramSingle)), '', ...speedUpCeiling(ramSingle)]
        : []),
      `Gazetteer matching, one thread, same documents, same ${names.length} gazetteer names:`,
      '',
      ...peerTable(peers),
      '',
      'Missing spaces: the segmenter\'s share of annotation time, one thread, first pass (`npm run bench:segmenter` has its accuracy and hostile text):',
      '',
      ...SEGMENTER_COST_HEADER,
      segmenterCostRow(`${Math.min(corpus.files, 500)} documents of the corpus`, segmenterCost),
      '',
      `Synthetic ${entries}-entry gazetteer (${readdirSync(scaleDir).length} XML files, names from a shared vocabulary):`,
      '',
      '| load | seconds (in process) | wall s | peak RSS MB |',
      '|---|---|---|---|',
      `| cold (parse, validate, compile, write cache) | ${fmt(scale.cold.loadSeconds)} | ${fmt(scale.cold.seconds)} | ${fmt(scale.cold.peakRssMB ?? NaN, 0)} |`,
      `| cached | ${fmt(scale.cached.loadSeconds)} | ${fmt(scale.cached.seconds)} | ${fmt(scale.cached.peakRssMB ?? NaN, 0)} |`,
      '',
      ...serveLoadReport(load),
      ...taggerCostReport(join(ROOT, 'corpus'), mb, corpus.dir, corpus.files),
      ...reportPagesTable(reportPages),
      ...datePhraseReport(),
    ];
    process.stdout.write(report.join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
