import type { Command } from 'commander';
import { ENTITY_TYPES } from '../types.js';
import { describeError } from '../errors.js';
import { codePointSlicer } from '../text/normalize.js';
import { loadGold, loadRun, readSourceText, type LooseAnnotation, type LooseEntity } from '../qa/load-run.js';
import { score, type MicroScore, type ScoreError, type ScoreResult, type TypeScore } from '../qa/score.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';
import { notAFolder } from './paths.js';

/** The options as commander parses them (see declare). */
interface EvalFlags {
  readonly json?: boolean;
  readonly errors?: boolean;
  readonly types?: string;
  readonly input: string;
}

interface EvalArgs {
  readonly gold: string;
  readonly run: string;
  readonly json: boolean;
  readonly errors: boolean;
  readonly types: readonly string[];
  readonly input: string;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  declare: (command) =>
    command
      .summary('precision, recall, F1 and value accuracy against gold')
      .description(
        'Scores a run (the JSON files of "arabic-ner extract") against gold annotations, with the semantics of ' +
          '../shared/tools/score: per type and micro-averaged precision, recall and F1, exact (same type and span) and ' +
          'partial (same type, overlapping spans); value accuracy of DATE and COUNTRY_COUNT over exactly matched gold ' +
          'entities that carry a value.\n\nGold documents are matched by file name anywhere below <run-dir>; a gold ' +
          'document with no prediction file counts as predicting nothing.',
      )
      .argument('<gold-dir>', 'folder of gold annotations: *.json, or brat *.ann (T lines with v1 types and code point offsets, as "export --to brat" writes)')
      .argument('<run-dir>', 'folder of a run of "arabic-ner extract"')
      .option('--json', 'machine-readable result (the reference scorer\'s fields, and more)')
      .option('--errors', 'list misses, false hits and wrong values with their context')
      .option('--types <T,...>', 'score only these types (default: all five)')
      .option('--input <dir>', 'folder of the source texts, for --errors context', 'corpus')
      .addHelpText(
        'after',
        `
Exit status: 0 scored; 1 a file could not be read; 2 usage error (a bad option,
a missing folder, no gold annotation); 130/143 interrupted; 141 stdout closed
early.`,
      ),
  run: async (command, io) => runEval(evalArgs(command), io),
};

function evalArgs(command: Command): EvalArgs {
  const flags = command.opts<EvalFlags>();
  const [gold = '', run = ''] = command.args;
  const types = flags.types === undefined ? [...ENTITY_TYPES] : flags.types.split(',');
  const unknown = types.filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) usageError(command, `unknown type(s) ${unknown.join(', ')}; types are ${ENTITY_TYPES.join(', ')}`);
  return { gold, run, json: flags.json ?? false, errors: flags.errors ?? false, types, input: flags.input };
}

async function runEval(args: EvalArgs, io: CliIO): Promise<number> {
  const problem = (await notAFolder(args.gold)) ?? (await notAFolder(args.run));
  if (problem) {
    io.stderr.write(`arabic-ner eval: ${problem}\n`);
    return EXIT_USAGE;
  }
  let result: ScoreResult;
  const predictedDocuments = new Map<string, LooseAnnotation>();
  try {
    const gold = await loadGold(args.gold);
    if (gold.length === 0) {
      io.stderr.write(`arabic-ner eval: ${args.gold}: no gold annotations (*.json, *.ann) in it\n`);
      return EXIT_USAGE;
    }
    // As the reference scorer: the first file of a name wins.
    for (const file of await loadRun(args.run)) if (!predictedDocuments.has(file.name)) predictedDocuments.set(file.name, file.annotation);
    const predictions = new Map([...predictedDocuments].map(([name, annotation]): [string, readonly LooseEntity[]] => [name, annotation.entities]));
    result = score(gold.map((g) => ({ name: g.name, entities: g.annotation.entities })), predictions, args.types);
  } catch (error) {
    io.stderr.write(`arabic-ner eval: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  if (args.json) {
    const { errors, ...numbers } = result;
    io.stdout.write(JSON.stringify(args.errors ? { ...numbers, errors } : numbers) + '\n');
    return EXIT_OK;
  }
  io.stdout.write(scoreTable(result));
  if (args.errors) io.stdout.write(await errorList(result.errors, args.input, predictedDocuments));
  return EXIT_OK;
}

const f3 = (x: number): string => x.toFixed(3).padStart(6);

function scoreRow(label: string, row: TypeScore | MicroScore): string {
  const value = 'value_acc' in row && row.value_acc !== undefined ? `${row.value_acc.toFixed(3)} (${row.value_correct}/${row.value_total})` : '';
  const numbers = [row.p, row.r, row.f1, row.partial_p, row.partial_r, row.partial_f1].map(f3).join(' ');
  return `${label.padEnd(14)} ${String(row.gold).padStart(5)} ${String(row.pred).padStart(5)} ${String(row.tp).padStart(5)} ${numbers}  ${value}`.trimEnd() + '\n';
}

function scoreTable(result: ScoreResult): string {
  let out = `${'type'.padEnd(14)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} ${'tp'.padStart(5)} ${['P', 'R', 'F1', 'pP', 'pR', 'pF1'].map((h) => h.padStart(6)).join(' ')}  value\n`;
  for (const [type, row] of Object.entries(result.types)) out += scoreRow(type, row);
  out += scoreRow('micro', result.micro);
  out += 'P/R/F1: same type and span; pP/pR/pF1: same type, overlapping spans; value: exactly matched gold values.\n';
  if (result.missing_docs.length > 0) out += `documents with no prediction file: ${result.missing_docs.join(' ')}\n`;
  return out;
}

const CONTEXT = 30;

/** The error list, each line with the words around the span (when the source text is found). */
async function errorList(errors: readonly ScoreError[], inputDir: string, predicted: ReadonlyMap<string, LooseAnnotation>): Promise<string> {
  const texts = new Map<string, ((start: number, end: number) => string) | undefined>();
  let out = `\n${errors.length} errors (MISS: gold not predicted; EXTRA: predicted, not in gold; VALUE: wrong value):\n`;
  for (const error of errors) {
    if (!texts.has(error.doc)) {
      const source = await readSourceText(inputDir, predicted.get(error.doc)?.document, error.doc);
      texts.set(error.doc, 'text' in source ? codePointSlicer(source.text) : undefined);
    }
    const slice = texts.get(error.doc);
    const flat = (s: string): string => s.replace(/\s+/g, ' ');
    const context = slice
      ? `  …${flat(slice(Math.max(0, error.start - CONTEXT), error.start))}[${flat(slice(error.start, error.end))}]${flat(slice(error.end, error.end + CONTEXT))}…`
      : '';
    let detail = '';
    if (error.kind === 'VALUE') detail = ` gold ${JSON.stringify(error.gold)}, got ${JSON.stringify(error.predicted) ?? 'none'}`;
    else if (error.overlapping) detail = ` (${error.kind === 'MISS' ? 'predicted' : 'gold'} ${error.overlapping.map((o) => `${o.start}-${o.end} «${o.text}»`).join(', ')})`;
    out += `${error.kind.padEnd(5)} ${error.doc} ${error.type} ${error.start}-${error.end} «${error.text}»${detail}${context}\n`;
  }
  return out;
}
