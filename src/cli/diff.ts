import { describeError } from '../errors.js';
import { diffRuns, type CountryChange, type DocumentDiff, type RunDiff } from '../qa/diff.js';
import { loadRun, type LooseCountry, type LooseEntity } from '../qa/load-run.js';
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
          'removed and changed (same span, other type, value, link, qualifier, source or confidence), country table ' +
          'changes, then totals. Documents are matched by their path in the run.',
      )
      .argument('<run-a>', 'the run before')
      .argument('<run-b>', 'the run after')
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
    return runDiff(a, b, command.opts<{ json?: boolean }>().json ?? false, io);
  },
};

async function runDiff(a: string, b: string, json: boolean, io: CliIO): Promise<number> {
  const problem = (await notAFolder(a)) ?? (await notAFolder(b));
  if (problem) {
    io.stderr.write(`arabic-ner diff: ${problem}\n`);
    return EXIT_TROUBLE;
  }
  let diff: RunDiff;
  try {
    diff = diffRuns(await loadRun(a), await loadRun(b));
  } catch (error) {
    io.stderr.write(`arabic-ner diff: ${describeError(error)}\n`);
    return EXIT_TROUBLE;
  }
  io.stdout.write(json ? JSON.stringify(diff) + '\n' : formatDiff(diff));
  return diff.same ? EXIT_SAME : EXIT_DIFFERENT;
}

function describeEntity(e: LooseEntity): string {
  const link = e.link ? ` → ${e.link.gazetteer}:${e.link.id} ${e.link.name ?? ''}`.trimEnd() : '';
  const value = e.value !== undefined ? ` = ${JSON.stringify(e.value)}` : '';
  return `${e.type} ${e.start}-${e.end} «${e.text ?? ''}»${link}${value}`;
}

const show = (value: unknown): string => (value === undefined ? '(none)' : JSON.stringify(value));

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

function formatDocument(d: DocumentDiff): string {
  let out = `${d.document}${d.textChanged ? '  (the source text changed: offsets are not comparable)' : ''}\n`;
  for (const e of d.added) out += `  + ${describeEntity(e)}\n`;
  for (const e of d.removed) out += `  - ${describeEntity(e)}\n`;
  for (const c of d.changed) {
    out += `  ~ ${describeEntity(c.after)}: ${c.fields.map((f) => `${f} ${show(c.before[f])} → ${show(c.after[f])}`).join('; ')}\n`;
  }
  for (const c of d.countries) out += `  ~ country ${c.code}${c.before ? '' : ' (new)'}${c.after ? '' : ' (gone)'}: ${describeCountryChange(c)}\n`;
  return out;
}

function formatDiff(diff: RunDiff): string {
  let out = diff.documents.map(formatDocument).join('');
  for (const d of diff.addedDocuments) out += `added document: ${d}\n`;
  for (const d of diff.removedDocuments) out += `removed document: ${d}\n`;
  const t = diff.totals;
  if (diff.same) return `${out}The runs are the same.\n`;
  return `${out}Total: ${t.documentsChanged} documents differ; entities ${t.added} added, ${t.removed} removed, ${t.changed} changed; documents ${t.documentsAdded} added, ${t.documentsRemoved} removed.\n`;
}
