import { describeError } from '../errors.js';
import { diffRuns, type ChangeCounts, type CountryChange, type DocumentDiff, type EntityChange, type RunDiff } from '../qa/diff.js';
import { readEditedTexts } from '../qa/edited-texts.js';
import { loadRun, recordedInputFolder, type LooseCountry, type LooseEntity } from '../qa/load-run.js';
import type { CliIO } from './io.js';
import type { CliCommand } from './command.js';
import { notAFolder } from './paths.js';

const EXIT_SAME = 0;
const EXIT_DIFFERENT = 1;
const EXIT_TROUBLE = 2;

export const diffCommand: CliCommand = {
  name: 'diff',
  declare: (command) =>
    command
      .summary('entities added, removed and changed between two runs')
      .description(
        'Compares two runs of "arabic-ner extract" (run-a before, run-b after), document by document: entities added, ' +
          'removed and changed (type, span grown or shrunk, value, link, source or confidence), country table ' +
          'changes, then a summary by kind of change and by type. Documents are matched by their path in the run. When a ' +
          "document's source text was edited between the runs, the two texts are aligned and old offsets carried across, " +
          'so only real changes show; entities touching edited text are marked "in edited text".',
      )
      .argument('<run-a>', 'the run before')
      .argument('<run-b>', 'the run after')
      .option('--input-a <dir>', "folder of run-a's source texts, read when a text changed (default: the input its manifest records, else corpus)")
      .option('--input-b <dir>', "folder of run-b's source texts (default: the input its manifest records, else corpus)")
      .option('--json', 'machine-readable result')
      .addHelpText(
        'after',
        `
Exit status (as diff(1)): 0 the runs are the same; 1 they differ; 2 usage error
(a bad option, a missing folder) or a run that cannot be read; 130/143
interrupted; 141 stdout closed early.`,
      ),
  run: async (command, io) => {
    const [a = '', b = ''] = command.args;
    const options = command.opts<{ json?: boolean; inputA?: string; inputB?: string }>();
    return runDiff({ a, b, json: options.json ?? false, inputA: options.inputA, inputB: options.inputB }, io);
  },
};

interface DiffArgs {
  readonly a: string;
  readonly b: string;
  readonly json: boolean;
  readonly inputA: string | undefined;
  readonly inputB: string | undefined;
}

const DEFAULT_INPUT = 'corpus';

async function runDiff(args: DiffArgs, io: CliIO): Promise<number> {
  const problem = (await notAFolder(args.a)) ?? (await notAFolder(args.b));
  if (problem) {
    io.stderr.write(`arabic-ner diff: ${problem}\n`);
    return EXIT_TROUBLE;
  }
  let diff: RunDiff;
  try {
    const [before, after] = [await loadRun(args.a), await loadRun(args.b)];
    const inputs = {
      before: args.inputA ?? (await recordedInputFolder(args.a)) ?? DEFAULT_INPUT,
      after: args.inputB ?? (await recordedInputFolder(args.b)) ?? DEFAULT_INPUT,
    };
    const texts = await readEditedTexts(before, after, inputs);
    diff = diffRuns(before, after, (key) => texts.get(key));
  } catch (error) {
    io.stderr.write(`arabic-ner diff: ${describeError(error)}\n`);
    return EXIT_TROUBLE;
  }
  io.stdout.write(args.json ? JSON.stringify(diff) + '\n' : formatDiff(diff));
  return diff.same ? EXIT_SAME : EXIT_DIFFERENT;
}

function describeEntity(e: LooseEntity): string {
  const link = e.link ? ` → ${e.link.gazetteer}:${e.link.id} ${e.link.name ?? ''}`.trimEnd() : '';
  const value = e.value !== undefined ? ` = ${JSON.stringify(e.value)}` : '';
  return `${e.type} ${e.start}-${e.end} «${e.text ?? ''}»${link}${value}`;
}

const show = (value: unknown): string => (value === undefined ? '(none)' : JSON.stringify(value));

const KIND_LABELS: Readonly<Record<keyof ChangeCounts, string>> = {
  added: 'added',
  removed: 'removed',
  type: 'type changed',
  'span grown': 'span grown',
  'span shrunk': 'span shrunk',
  'span moved': 'span moved',
  text: 'text edited',
  value: 'value changed',
  link: 'link changed',
  source: 'source changed',
  confidence: 'confidence changed',
  other: 'other field changed',
  'in edited text': 'in edited text',
};

/** The country's counts that differ, e.g. `mentions 2 → 3`. */
function describeCountryChange(c: CountryChange): string {
  const fields = ['mentions', 'adjectiveMentions', 'name'] as const;
  const before: Partial<LooseCountry> = c.before ?? {};
  const after: Partial<LooseCountry> = c.after ?? {};
  return fields
    .filter((f) => before[f] !== after[f])
    .map((f) => `${f} ${show(before[f])} → ${show(after[f])}`)
    .join('; ');
}

function describeChange(c: EntityChange): string {
  const spanChanged = c.kinds.some((k) => k.startsWith('span') || k === 'text');
  const was = spanChanged || c.before.start !== c.after.start ? ` (was ${c.before.start}-${c.before.end}${spanChanged ? ` «${c.before.text ?? ''}»` : ''})` : '';
  const fields = c.fields.filter((f) => f !== 'normalized' || c.kinds.includes('other'));
  const details = fields.length ? `: ${fields.map((f) => `${f} ${show(c.before[f])} → ${show(c.after[f])}`).join('; ')}` : '';
  return `  ~ ${c.kinds.map((k) => KIND_LABELS[k]).join(', ')}: ${describeEntity(c.after)}${was}${details}${edited(c.inEditedText)}\n`;
}

const edited = (inEditedText: boolean): string => (inEditedText ? ' [in edited text]' : '');

function describeText(d: DocumentDiff): string {
  if (d.text.status === 'aligned') return `  (the source text was edited in ${d.text.edits.length === 1 ? 'one place' : `${d.text.edits.length} places`}; entities are matched across the edits)`;
  if (d.text.status === 'unaligned') return `  (the source text changed and cannot be aligned: ${d.text.problem}; offsets are not comparable)`;
  return '';
}

function formatDocument(d: DocumentDiff): string {
  let out = `${d.document}${describeText(d)}\n`;
  for (const { entity, inEditedText } of d.added) out += `  + ${describeEntity(entity)}${edited(inEditedText)}\n`;
  for (const { entity, inEditedText } of d.removed) out += `  - ${describeEntity(entity)}${edited(inEditedText)}\n`;
  for (const c of d.changed) out += describeChange(c);
  for (const c of d.countries) out += `  ~ country ${c.code}${c.before ? '' : ' (new)'}${c.after ? '' : ' (gone)'}: ${describeCountryChange(c)}\n`;
  return out;
}

/** `added 2, type changed 1`: the kinds with a count, in a fixed order. */
function describeCounts(counts: ChangeCounts): string {
  return (Object.keys(KIND_LABELS) as (keyof ChangeCounts)[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${KIND_LABELS[k]} ${counts[k]}`)
    .join(', ');
}

function formatDiff(diff: RunDiff): string {
  let out = diff.documents.map(formatDocument).join('');
  for (const d of diff.addedDocuments) out += `added document: ${d}\n`;
  for (const d of diff.removedDocuments) out += `removed document: ${d}\n`;
  const t = diff.totals;
  if (diff.same) return `${out}The runs are the same.\n`;
  const byKind = describeCounts(diff.summary.byKind);
  if (byKind) out += `By kind: ${byKind}\nBy type: ${Object.entries(diff.summary.byType).map(([type, counts]) => `${type}: ${describeCounts(counts)}`).join('; ')}\n`;
  return `${out}Total: ${t.documentsChanged} documents differ; entities ${t.added} added, ${t.removed} removed, ${t.changed} changed; documents ${t.documentsAdded} added, ${t.documentsRemoved} removed.\n`;
}
