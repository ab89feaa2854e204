import { resolve } from 'node:path';
import { describeError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { diffDocument, diffRuns } from '../qa/diff.js';
import { readEditedTexts } from '../qa/edited-texts.js';
import { loadRun, readSourceText, recordedInputFolder, type RunFile, type TextPair } from '../qa/load-run.js';
import { renderReport, type ReportDocument, type ReportInput } from '../qa/report-html.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';
import type { CliCommand } from './command.js';
import { notAFolder, unwritableFile } from './paths.js';

interface ReportArgs {
  readonly run: string;
  readonly out: string;
  readonly against?: string;
  readonly input: string;
  readonly againstInput?: string;
}

export const reportCommand: CliCommand = {
  name: 'report',
  declare: (command) =>
    command
      .summary('an HTML page of a run (--against <run> for a diff view)')
      .description(
        'Writes one static, self-contained HTML page (right-to-left, no script, no network) showing each document of a ' +
          'run with its entities highlighted by type; hovering an entity shows its link, value, source and confidence; ' +
          'a side panel gives the counts and the country table.',
      )
      .argument('<run-dir>', 'folder of a run of "arabic-ner extract"')
      .requiredOption('--out <file>', 'the HTML file to write')
      .option('--against <run-dir>', 'diff view: mark entities added, removed or changed since that run')
      .option('--input <dir>', "folder of the source texts, found by each annotation's document.source; a missing text is reported in the page", 'corpus')
      .option('--against-input <dir>', "with --against: folder of the baseline's source texts, read where a text was edited (default: the input its manifest records, else --input)")
      .addHelpText(
        'after',
        `
Exit status: 0 written; 1 a run could not be read or the page not written;
2 usage error (a bad option, a missing folder, a run with no annotation, an
--out that cannot be written); 130/143 interrupted.`,
      ),
  run: async (command, io) => {
    const [run = ''] = command.args;
    const { out, against, input, againstInput } = command.opts<{ out: string; against?: string; input: string; againstInput?: string }>();
    return runReport({ run, out, input, ...(against !== undefined ? { against } : {}), ...(againstInput !== undefined ? { againstInput } : {}) }, io);
  },
};

async function runReport(args: ReportArgs, io: CliIO): Promise<number> {
  const problem = (await notAFolder(args.run)) ?? (args.against !== undefined ? await notAFolder(args.against) : undefined) ?? (await unwritableFile('--out', args.out));
  if (problem) {
    io.stderr.write(`arabic-ner report: ${problem}\n`);
    return EXIT_USAGE;
  }
  try {
    const run = await loadRun(args.run);
    if (run.length === 0) {
      io.stderr.write(`arabic-ner report: ${args.run}: no annotations (*.json) in it\n`);
      return EXIT_USAGE;
    }
    const baseline = args.against !== undefined ? await loadRun(args.against) : undefined;
    // Edited texts are aligned as `diff` aligns them: the baseline's texts are where its manifest says, else beside the run's.
    const baselineInput = args.againstInput ?? (args.against !== undefined ? await recordedInputFolder(args.against) : undefined) ?? args.input;
    const texts = baseline ? await readEditedTexts(baseline, run, { before: baselineInput, after: args.input }) : new Map<string, TextPair>();
    const documents = await reportDocuments(run, baseline, args.input, texts);
    const input: ReportInput = {
      run: args.run,
      documents,
      ...(baseline && args.against !== undefined ? { against: { run: args.against, diff: diffRuns(baseline, run, (key) => texts.get(key)) } } : {}),
    };
    await writeFileAtomic(resolve(args.out), renderReport(input));
    for (const d of documents) if ('problem' in d.text) io.stderr.write(`arabic-ner report: ${d.key}: ${d.text.problem} (noted in the page)\n`);
    io.stderr.write(`arabic-ner report: ${documents.length} documents -> ${args.out}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner report: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
}

async function reportDocuments(run: readonly RunFile[], baseline: readonly RunFile[] | undefined, inputDir: string, texts: ReadonlyMap<string, TextPair>): Promise<ReportDocument[]> {
  const before = new Map((baseline ?? []).map((f) => [f.key, f.annotation]));
  const documents: ReportDocument[] = [];
  for (const file of run) {
    const old = before.get(file.key);
    documents.push({
      key: file.key,
      annotation: file.annotation,
      text: await readSourceText(inputDir, file.annotation.document, file.key),
      ...(old ? { diff: diffDocument(file.key, old, file.annotation, texts.get(file.key)) } : {}),
    });
  }
  return documents;
}
