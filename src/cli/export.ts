import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Option } from 'commander';
import type { Annotation } from '../types.js';
import { describeError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { loadRun, readSourceText, type RunFile } from '../qa/load-run.js';
import { toBratAnn } from '../output/brat.js';
import { TAG_SCHEMES, toConll, type TagScheme } from '../output/conll.js';
import { toSpacyJson } from '../output/spacy.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';
import type { CliCommand } from './command.js';
import { notAFolder, unwritableFile, unwritableFolder } from './paths.js';

const TARGETS = ['conll', 'brat', 'spacy'] as const;
type Target = (typeof TARGETS)[number];

interface ExportArgs {
  readonly run: string;
  readonly to: Target;
  readonly out: string;
  readonly input: string;
  readonly scheme: TagScheme;
}

export const exportCommand: CliCommand = {
  name: 'export',
  declare: (command) =>
    command
      .summary('a run as CoNLL, brat standoff or spaCy JSON, for other tools')
      .description(
        'Writes the annotations of a run (the JSON files of "arabic-ner extract") with their source texts in a format ' +
          'other tools read. Offsets are the v1 code point offsets in every format.\n\n' +
          '  conll  one file: each document opened by "-DOCSTART-<TAB>O", one token per line with its tag, a blank line\n' +
          '         between sentences (conlleval, flair, Hugging Face datasets, spaCy convert). Labels PER, LOC, ORG, DATE, CNT\n' +
          '  brat   a folder: <document>.txt and <document>.ann (T lines with the v1 types) for brat or INCEpTION;\n' +
          '         "arabic-ner eval" reads corrected .ann files back as gold\n' +
          '  spacy  a folder: <document>.json in the shape of spaCy\'s Doc.to_json (text, ents with start, end, label)',
      )
      .argument('<run-dir>', 'folder of a run of "arabic-ner extract" (JSON)')
      .addOption(new Option('--to <format>', 'conll, brat or spacy').choices(TARGETS).makeOptionMandatory())
      .requiredOption('--out <path>', 'the file (conll) or folder (brat, spacy) to write')
      .option('--input <dir>', "folder of the source texts, found by each annotation's document.source", 'corpus')
      .addOption(new Option('--scheme <scheme>', 'CoNLL tags: iob2 (B-, I-) or bilou (B-, I-, L-, U-)').choices(TAG_SCHEMES).default('iob2'))
      .addHelpText(
        'after',
        `
Exit status: 0 written; 1 some documents could not be exported (their text is
missing or differs from the annotated one: each on stderr, the others written);
2 usage error (a bad option, a missing folder, a run with no annotation, an
--out that cannot be written); 130/143 interrupted.`,
      ),
  run: async (command, io) => {
    const [run = ''] = command.args;
    const { to, out, input, scheme } = command.opts<{ to: Target; out: string; input: string; scheme: TagScheme }>();
    return runExport({ run, to, out, input, scheme }, io);
  },
};

async function runExport(args: ExportArgs, io: CliIO): Promise<number> {
  const problem = (await notAFolder(args.run)) ?? (args.to === 'conll' ? await unwritableFile('--out', args.out) : await unwritableFolder('--out', args.out));
  if (problem) {
    io.stderr.write(`arabic-ner export: ${problem}\n`);
    return EXIT_USAGE;
  }
  try {
    const run = await loadRun(args.run);
    if (run.length === 0) {
      io.stderr.write(`arabic-ner export: ${args.run}: no annotations (*.json) in it\n`);
      return EXIT_USAGE;
    }
    let failed = 0;
    const conll: string[] = [];
    for (const file of run) {
      const source = await readSourceText(args.input, file.annotation.document, file.key);
      if ('problem' in source) {
        io.stderr.write(`arabic-ner export: ${file.key}: ${source.problem}\n`);
        failed++;
        continue;
      }
      // The run was read loosely (QA reads old runs too); the writers need only types and offsets.
      const annotation = file.annotation as unknown as Pick<Annotation, 'entities'>;
      if (args.to === 'conll') conll.push(toConll(annotation, source.text, args.scheme));
      else await writeDocument(args, file, annotation, source.text);
    }
    if (args.to === 'conll') await writeFileAtomic(args.out, conll.join(''));
    io.stderr.write(`arabic-ner export: ${run.length - failed} documents -> ${args.out}${failed ? `; ${failed} failed` : ''}\n`);
    return failed > 0 ? EXIT_FAILURES : EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner export: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
}

/** One document's files below the --out folder, at its path in the run. */
async function writeDocument(args: ExportArgs, file: RunFile, annotation: Pick<Annotation, 'entities'>, text: string): Promise<void> {
  const base = join(args.out, file.key);
  await mkdir(dirname(base), { recursive: true });
  if (args.to === 'spacy') {
    await writeFileAtomic(`${base}.json`, JSON.stringify(toSpacyJson(annotation, text)) + '\n');
    return;
  }
  await writeFileAtomic(`${base}.txt`, text);
  await writeFileAtomic(`${base}.ann`, toBratAnn(annotation, text));
}
