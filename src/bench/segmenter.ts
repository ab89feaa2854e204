import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extract, loadResources } from '../pipeline/extract.js';
import { HELD_OUT_SHARE, readAnercorp, readWikifane, type Source } from '../text/segment/training-text.js';
import { type Stage } from './cpu-profile.js';
import { profileExtract } from './batch-cost.js';
import { measureExtract } from './measure.js';
import { measureSegmenterCost, SEGMENTER_COST_HEADER, segmenterCostRow } from './segmenter-cost.js';
import { seededRandom } from '../learn/random.js';
import { cutsOfText, documentsOf, makeVariant, scoreCuts, type DeletionRule, type VariantText } from './space-variants.js';

/**
 * `npm run bench:segmenter`: the harness of issue 20 on the held-out text (the last 10% of
 * ANERcorp's and WikiFANE's sentences, never trained on). Per variant: precision and recall of
 * restored spaces; on ANERcorp, entity F1 of the pipeline on the variant against its own output
 * on the text as written (offsets moved back); cuts per 10,000 words on the text as written with
 * a sample to read; the segmenter's share of annotation time; hostile text (a megabyte of
 * distinct ~39-letter runs) through the CLI beside held-out text, with where the time goes.
 * Prints Markdown.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(ROOT, '..', 'shared', 'data') },
    seed: { type: 'string', default: '20' },
    sample: { type: 'string', default: '40' },
    'hostile-mb': { type: 'string', default: '1' },
    // Another model's tables, and 'dev' to measure on the part before the held-out one (for a
    // model trained with --held-out 0.2): how the decision parameters were chosen.
    model: { type: 'string' },
    part: { type: 'string', default: 'held-out' },
    // With --part dev: the share of all sentences, just before the held-out part, to measure on (a
    // model trained with --held-out of this share plus 0.1): a wider development part reads more
    // cuts of the text as written.
    'dev-share': { type: 'string', default: String(HELD_OUT_SHARE) },
    gold: { type: 'string', default: join(ROOT, '..', 'shared', 'gold') },
    // Sentences per document: the sources have no document breaks, and real input is articles
    // (about 20 sentences of some 28 words, 560 words, a news article); 0: all of it one document.
    'article-sentences': { type: 'string', default: '20' },
    // Comma-separated: which tables to print (the cost and hostile ones take minutes).
    tables: { type: 'string', default: 'spaces,entities,gold,cost,hostile' },
  },
});
const tables = new Set(values.tables.split(','));
const articleSentences = Number(values['article-sentences']);
const seed = Number(values.seed);
const log = (line: string): void => void process.stderr.write(`bench:segmenter: ${line}\n`);
const fmt = (n: number, digits = 3): string => n.toFixed(digits);

const RULES: readonly (readonly [string, DeletionRule])[] = [
  ['as written', { kind: 'none' }],
  ['5% of spaces between letters', { kind: 'random', share: 0.05, afterNonJoining: false }],
  ['20% of spaces between letters', { kind: 'random', share: 0.2, afterNonJoining: false }],
  ['20%, after non-joining letters only', { kind: 'random', share: 0.2, afterNonJoining: true }],
  ['around every entity', { kind: 'around-entities', afterNonJoining: false }],
  ['around every entity, after non-joining letters only', { kind: 'around-entities', afterNonJoining: true }],
  ['inside every multi-word entity', { kind: 'inside-entities' }],
];

const resources = loadResources(values.model === undefined ? {} : { segmenterModel: values.model });
const sources: Source[] = [readAnercorp(values.data), readWikifane(values.data)].map((source) =>
  values.part === 'dev' ? { ...source, heldOut: source.train.slice(-Math.round((source.heldOut.length * Number(values['dev-share'])) / HELD_OUT_SHARE)) } : source,
);

interface Typed {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** The pipeline's entities in a variant, each document annotated on its own, in the variant's offsets (the harness texts are in normal form). */
function entitiesOf(variant: VariantText): Typed[] {
  return documentsOf(variant).flatMap(({ start, text }) => {
    const { view, entities } = extract(text, resources);
    if (view.text.length !== text.length) throw new Error('harness text is not in normal form');
    return entities.map((e) => ({ type: e.type, start: start + e.start, end: start + e.end }));
  });
}

/** Variant offsets back to the text as written: each deleted space before an offset adds one. */
function toOriginal(variant: VariantText, spans: readonly Typed[]): Typed[] {
  const deleted = variant.deleted;
  const before = (at: number, inclusive: boolean): number => {
    let lo = 0;
    let hi = deleted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = deleted[mid] ?? 0;
      if (d < at || (inclusive && d === at)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return spans.map((s) => ({ type: s.type, start: s.start + before(s.start, true), end: s.end + before(s.end, false) }));
}

function f1(reference: readonly Typed[], predicted: readonly Typed[]): number {
  const key = (s: Typed): string => `${s.type} ${s.start} ${s.end}`;
  const gold = new Set(reference.map(key));
  const hits = predicted.filter((s) => gold.has(key(s))).length;
  const p = predicted.length === 0 ? 1 : hits / predicted.length;
  const r = gold.size === 0 ? 1 : hits / gold.size;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Recall of the reference entities a deletion touched (inside, or at either edge). */
function touchedRecall(variant: VariantText, reference: readonly Typed[], predicted: readonly Typed[]): number {
  const key = (s: Typed): string => `${s.type} ${s.start} ${s.end}`;
  const found = new Set(predicted.map(key));
  // A deleted space at variant offset d sat at original offset d + (deletions before it).
  const spaces = variant.deleted.map((d, i) => d + i);
  const touched = reference.filter((s) => spaces.some((at) => at >= s.start - 1 && at <= s.end));
  return touched.length === 0 ? 1 : touched.filter((s) => found.has(key(s))).length / touched.length;
}

function spacesTable(): string[] {
  const lines = ['| text | variant | deleted | cuts | precision | recall | wrong cuts / 10,000 words |', '|---|---|---|---|---|---|---|'];
  const samples: string[] = [];
  for (const source of sources) {
    for (const [name, rule] of RULES) {
      if (rule.kind.endsWith('entities') && source.name !== 'anercorp') continue;
      const variant = makeVariant(source.heldOut, rule, seededRandom(seed), articleSentences);
      const score = scoreCuts(variant, cutsOfText(variant, resources.runSplitter));
      lines.push(`| ${source.name} ${values.part} | ${name} | ${score.deleted} | ${score.cuts} | ${fmt(score.precision)} | ${fmt(score.recall)} | ${fmt(score.wrongPer10k, 1)} |`);
      if (rule.kind === 'none') samples.push(`- ${source.name}, ${variant.words} words, every cut: ${score.wrong.slice(0, Number(values.sample)).join(' · ')}`);
    }
  }
  return [...lines, '', 'Cuts on the text as written (all of them counted as wrong above; read them: many are spaces missing in the source):', '', ...samples];
}

/**
 * Entity F1 of each variant against the text as written, with the held-out text annotated as
 * articles (see article-sentences) and as one document (where a name's surname is linked across
 * the whole text: `ديفد دين` makes every later `دين`, "debt", a PERSON).
 */
function entityTable(): string[] {
  const source = sources.find((s) => s.name === 'anercorp');
  if (source === undefined) return [];
  const asArticles = (rule: DeletionRule): VariantText => makeVariant(source.heldOut, rule, seededRandom(seed), articleSentences);
  const asOneDocument = (rule: DeletionRule): VariantText => makeVariant(source.heldOut, rule, seededRandom(seed));
  const written = asArticles({ kind: 'none' });
  const reference = entitiesOf(written);
  const referenceWhole = entitiesOf(asOneDocument({ kind: 'none' }));
  const lines = [
    `Reference: the pipeline's own entities on the held-out ANERcorp text as written (its gold tags follow other guidelines and types): ${reference.length} annotated as ${articleSentences}-sentence articles, ${referenceWhole.length} as one document.`,
    '',
    `| variant | deleted spaces | entity F1 against the text as written (articles of ${articleSentences} sentences) | recall of the entities a deletion touched | F1, the text one document |`,
    '|---|---|---|---|---|',
  ];
  for (const [name, rule] of RULES.slice(1)) {
    const variant = asArticles(rule);
    const predicted = toOriginal(variant, entitiesOf(variant));
    const whole = asOneDocument(rule);
    const predictedWhole = toOriginal(whole, entitiesOf(whole));
    lines.push(`| ${name} | ${variant.deleted.length} | ${fmt(f1(reference, predicted))} | ${fmt(touchedRecall(variant, reference, predicted))} | ${fmt(f1(referenceWhole, predictedWhole))} |`);
  }
  return [...lines, '', ...edgeInsideWordLines(written, reference)];
}

/**
 * Entities on the text as written that start or end where the splitter cut a token: each is read
 * by hand (a cut there may restore a space missing in the source, or be wrong).
 */
function edgeInsideWordLines(written: VariantText, entities: readonly Typed[]): string[] {
  const cuts = new Set(cutsOfText(written, resources.runSplitter));
  const atCut = entities.filter((e) => cuts.has(e.start) || cuts.has(e.end));
  const tokenAround = (e: Typed): string => {
    let from = e.start;
    while (from > 0 && !/\s/.test(written.text[from - 1] ?? ' ')) from--;
    let to = e.end;
    while (to < written.text.length && !/\s/.test(written.text[to] ?? ' ')) to++;
    return `${e.type} \`${written.text.slice(e.start, e.end)}\` in \`${written.text.slice(from, to)}\``;
  };
  return [`Entities on the text as written with an edge at a cut (${cuts.size} cuts; read each): ${atCut.length}${atCut.length > 0 ? ': ' : ''}${atCut.map(tokenAround).join(' · ')}`];
}

interface GoldDocument {
  readonly name: string;
  readonly raw: string;
  readonly gold: readonly Typed[];
}

/** The corpus articles and their hand-annotated gold (code point offsets), when the gold folder is there. */
function goldDocuments(): GoldDocument[] {
  const goldDir = values.gold;
  if (!existsSync(goldDir)) return [];
  return readdirSync(join(ROOT, 'corpus'))
    .filter((name) => name.endsWith('.txt') && existsSync(join(goldDir, name.replace(/\.txt$/, '.json'))))
    .sort()
    .map((name) => {
      const gold = JSON.parse(readFileSync(join(goldDir, name.replace(/\.txt$/, '.json')), 'utf8')) as { entities: Typed[] };
      return { name, raw: readFileSync(join(ROOT, 'corpus', name), 'utf8'), gold: gold.entities.map(({ type, start, end }) => ({ type, start, end })) };
    });
}

/** The spaces of a document (code point indices) between two Arabic letters that a rule deletes. */
function spacesToDelete(chars: readonly string[], gold: readonly Typed[], rule: DeletionRule, random: ReturnType<typeof seededRandom>): Set<number> {
  const letter = (ch: string | undefined): boolean => ch !== undefined && /^[\u0621-\u064a]$/.test(ch);
  const chosen = new Set<number>();
  chars.forEach((ch, i) => {
    if (ch !== ' ' || !letter(chars[i - 1]) || !letter(chars[i + 1])) return;
    const afterNonJoining = 'اأإآٱدذرزوؤةءى'.includes(chars[i - 1] ?? '');
    const take =
      rule.kind === 'random'
        ? (!rule.afterNonJoining || afterNonJoining) && random.chance(rule.share)
        : rule.kind === 'around-entities'
          ? (!rule.afterNonJoining || afterNonJoining) && gold.some((e) => i === e.start - 1 || i === e.end)
          : rule.kind === 'inside-entities'
            ? gold.some((e) => i > e.start && i < e.end)
            : false;
    if (take) chosen.add(i);
  });
  return chosen;
}

/** Micro F1 of the pipeline against hand-annotated gold, on each variant of the corpus articles (gold offsets moved). */
function goldTable(): string[] {
  const documents = goldDocuments();
  if (documents.length === 0) return [`(no gold at ${values.gold}: the gold-article table is skipped)`];
  const score = (rule: DeletionRule): { f1: number; deleted: number } => {
    const random = seededRandom(seed);
    let hits = 0;
    let predicted = 0;
    let expected = 0;
    let deleted = 0;
    for (const { raw, gold } of documents) {
      const chars = [...raw];
      const chosen = spacesToDelete(chars, gold, rule, random);
      deleted += chosen.size;
      const shift = new Int32Array(chars.length + 1);
      let removed = 0;
      for (let i = 0; i <= chars.length; i++) {
        shift[i] = removed;
        if (chosen.has(i)) removed++;
      }
      const moved = new Set(gold.map((e) => `${e.type} ${e.start - (shift[e.start] ?? 0)} ${e.end - (shift[e.end] ?? 0)}`));
      const text = chars.filter((_, i) => !chosen.has(i)).join('');
      const found = extract(text, resources).entities.map((e) => `${e.type} ${e.start} ${e.end}`);
      hits += found.filter((key) => moved.has(key)).length;
      predicted += found.length;
      expected += moved.size;
    }
    const p = predicted === 0 ? 1 : hits / predicted;
    const r = expected === 0 ? 1 : hits / expected;
    return { f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), deleted };
  };
  const asWritten = score({ kind: 'none' });
  return [
    `Hand-annotated gold: the ${documents.length} corpus articles (development data: their errors were looked at while rules were written; the segmenter was not tuned on them). Micro F1, exact spans, gold offsets moved with the deletions:`,
    '',
    '| variant | deleted spaces | micro F1 | change |',
    '|---|---|---|---|',
    `| as written | 0 | ${fmt(asWritten.f1)} | |`,
    ...RULES.slice(1).map(([name, rule]) => {
      const { f1: value, deleted } = score(rule);
      return `| ${name} | ${deleted} | ${fmt(value)} | ${fmt(value - asWritten.f1)} |`;
    }),
  ];
}

function costTable(): string[] {
  // Articles, as real input comes (the run splitter's rules read a document at a time).
  const texts = sources.flatMap((s) => documentsOf(makeVariant(s.heldOut, { kind: 'none' }, seededRandom(seed), articleSentences)).map((d) => d.text));
  return [...SEGMENTER_COST_HEADER, segmenterCostRow(`held-out text as written, ${texts.length} articles (every word new to the process)`, measureSegmenterCost(texts))];
}

/** A megabyte of distinct runs of about 39 letters, glued from held-out words (seeded). */
function hostileRuns(): string[] {
  const random = seededRandom(seed);
  const words = sources.flatMap((s) => s.heldOut.flatMap((sentence) => sentence.words)).filter((w) => /^[\u0621-\u064a]{2,}$/.test(w));
  const runs = new Set<string>();
  let bytes = 0;
  const target = Number(values['hostile-mb']) * 1e6;
  while (bytes < target) {
    let run = '';
    while (run.length < 39) run += random.pick(words);
    if (runs.has(run)) continue;
    runs.add(run);
    bytes += Buffer.byteLength(run) + 1;
  }
  return [...runs];
}

/** Stages a profile row names (the rest is summed as "other"). */
const PROFILE_STAGES: readonly Stage[] = ['segmenter (missing spaces)', 'learned tagger', 'recognisers (rules, gazetteers, dates)', 'tokenise and word types', 'garbage collector'];

/** One file through the built CLI (`--jobs 1`): timed, then again under `node --cpu-prof` for where the time goes. */
function cliRow(dir: string, label: string, text: string): string {
  const input = join(dir, `${label.replace(/\W+/g, '-')}.txt`);
  writeFileSync(input, text);
  const out = join(dir, 'out');
  const measured = measureExtract(CLI, input, out, ['--jobs', '1']);
  const busy = new Map<Stage, number>();
  for (const thread of profileExtract(CLI, input, out, ['--jobs', '1'], join(dir, 'profiles')).threads) for (const [stage, seconds] of thread.busy) busy.set(stage, (busy.get(stage) ?? 0) + seconds);
  const total = [...busy.values()].reduce((sum, x) => sum + x, 0);
  const share = (stage: Stage): string => fmt((busy.get(stage) ?? 0) / total, 2);
  const startUp = ((busy.get('start-up: module loading') ?? 0) + (busy.get('start-up: gazetteer, word list, segmenter and tagger load, warm-up') ?? 0)) / total;
  const mb = Buffer.byteLength(text) / 1e6;
  const cpu = measured.cpuSeconds;
  const cells = [
    label,
    fmt(mb, 2),
    fmt(measured.seconds, 2),
    cpu === undefined ? '-' : `${fmt(cpu, 2)} (${fmt(cpu / mb, 2)} per MB)`,
    measured.peakRssMB === undefined ? '-' : fmt(measured.peakRssMB, 0),
    fmt(startUp, 2),
    ...PROFILE_STAGES.map(share),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The hostile case (distinct ~39-letter runs) against held-out text as written, each through the
 * CLI: cost per megabyte, peak memory, and where the time goes.
 */
function hostileTable(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  try {
    const runs = hostileRuns();
    const written = sources.map((s) => makeVariant(s.heldOut, { kind: 'none' }, seededRandom(seed)).text).join('\n');
    return [
      'Through the built CLI (`extract --jobs 1`, start-up included); shares of the busy CPU time of a second run under `node --cpu-prof`:',
      '',
      `| input | MB | seconds (wall) | CPU seconds | peak RSS MB | start-up | ${PROFILE_STAGES.join(' | ')} |`,
      `|---|---|---|---|---|---|${PROFILE_STAGES.map(() => '---|').join('')}`,
      cliRow(dir, `${runs.length} distinct ~39-letter runs`, runs.join(' ')),
      cliRow(dir, 'held-out text as written', written),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const report = [`## Missing spaces (${values.part === 'dev' ? 'development' : 'held-out'} text, seed ${seed})`, ''];
const sections: readonly (readonly [string, string, () => string[]])[] = [
  ['spaces', 'restored spaces', spacesTable],
  ['entities', 'entities', entityTable],
  ['gold', 'gold articles', goldTable],
  ['cost', 'cost', costTable],
  ['hostile', 'hostile text', hostileTable],
];
for (const [name, label, table] of sections) {
  if (!tables.has(name)) continue;
  log(label);
  report.push(...table(), '');
}
process.stdout.write(report.join('\n') + '\n');
