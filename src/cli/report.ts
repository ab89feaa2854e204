import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { diffDocument, diffRuns } from '../qa/diff.js';
import { readEditedTexts } from '../qa/edited-texts.js';
import { loadRun, readSourceText, recordedInputFolder, type RunFile, type TextPair } from '../qa/load-run.js';
import { INDEX_PAGE, renderSinglePage, reportPages, type ReportDocument, type ReportInput } from '../qa/report-html.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';
import type { CliCommand } from './command.js';
import { notAFolder, unwritableFile, unwritableFolder } from './paths.js';

interface ReportArgs {
  readonly run: string;
  readonly out: string;
  readonly against?: string;
  readonly input: string;
  readonly againstInput?: string;
}

/** A folder holding this file was written by `report`: its pages may be replaced. */
const REPORT_MARKER = '.arabic-ner-report';

/** `--out` naming an .html file asks for the single page; anything else is a report folder. */
const isSinglePage = (out: string): boolean => /\.html?$/i.test(out);

/** Page writes in flight while a report folder is written. */
const WRITES_IN_FLIGHT = 16;

/** Above this many documents a single page gets slow to open: the command suggests a folder. */
const SINGLE_PAGE_ADVICE = 50;

export const reportCommand: CliCommand = {
  name: 'report',
  declare: (command) =>
    command
      .summary('HTML pages of a run: an index and one page per document (--against <run> for a diff view)')
      .description(
        'Writes static HTML (right-to-left, no script, no network): an index page listing every document with its ' +
          'counts, and one page per document opening on its text, each entity highlighted by type and labelled ' +
          '(PER, LOC, ORG, DATE, CNT); hovering or focusing (Tab) an entity shows its source, confidence, link and ' +
          'value; check boxes filter by type and by source; a side panel gives the counts and the country table, and ' +
          'a table after the text lists every entity. With --out <file>.html, everything on one page instead (for a ' +
          'few documents).',
      )
      .argument('<run-dir>', 'folder of a run of "arabic-ner extract"')
      .requiredOption('--out <dir|file.html>', `a folder: ${INDEX_PAGE} and docs/<document>.html (made if missing; a folder holding other files is refused); a name ending in .html: one page`)
      .option('--against <run-dir>', 'diff view: mark entities added, removed or changed since that run')
      .option('--input <dir>', "folder of the source texts, found by each annotation's document.source; a missing text is reported in the page", 'corpus')
      .option('--against-input <dir>', "with --against: folder of the baseline's source texts, read where a text was edited (default: the input its manifest records, else --input)")
      .addHelpText(
        'after',
        `
Examples:
  arabic-ner report output --out report/            # open report/index.html
  arabic-ner report run-b --against run-a --out diff/
  arabic-ner report output --out review.html        # one page, for a few documents

Exit status: 0 written; 1 a run could not be read or a page not written;
2 usage error (a bad option, a missing folder, a run with no annotation, an
--out that cannot be written or is a folder holding other files); 130/143
interrupted.`,
      ),
  run: async (command, io) => {
    const [run = ''] = command.args;
    const { out, against, input, againstInput } = command.opts<{ out: string; against?: string; input: string; againstInput?: string }>();
    return runReport({ run, out, input, ...(against !== undefined ? { against } : {}), ...(againstInput !== undefined ? { againstInput } : {}) }, io);
  },
};

async function runReport(args: ReportArgs, io: CliIO): Promise<number> {
  const single = isSinglePage(args.out);
  const problem =
    (await notAFolder(args.run)) ??
    (args.against !== undefined ? await notAFolder(args.against) : undefined) ??
    (single ? await unwritableFile('--out', args.out) : ((await unwritableFolder('--out', args.out)) ?? (await foreignFolder(args.out))));
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
    if (single) await writeFileAtomic(resolve(args.out), renderSinglePage(input));
    else await writeFolder(resolve(args.out), input);
    for (const d of documents) if ('problem' in d.text) io.stderr.write(`arabic-ner report: ${d.key}: ${d.text.problem} (noted in the page)\n`);
    if (single && documents.length > SINGLE_PAGE_ADVICE) {
      io.stderr.write(`arabic-ner report: ${documents.length} documents on one page open slowly; --out <folder> writes an index and a page per document\n`);
    }
    io.stderr.write(`arabic-ner report: ${documents.length} documents -> ${single ? args.out : join(args.out, INDEX_PAGE)}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner report: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
}

/** A report folder must be new, empty, or one `report` wrote: pages are never mixed into someone else's files. */
async function foreignFolder(out: string): Promise<string | undefined> {
  const entries = await readdir(out).catch(() => undefined);
  if (entries === undefined || entries.length === 0 || entries.includes(REPORT_MARKER)) return undefined;
  return `--out ${out}: the folder holds files that no report wrote; name a new or empty folder (or a file ending in .html for one page)`;
}

/**
 * Writes the pages: the previous report's document pages are removed first (a document gone from
 * the run must not keep a page), each page is replaced atomically, and the index comes last, so
 * it never links to a page not yet written.
 */
async function writeFolder(out: string, input: ReportInput): Promise<void> {
  if (await stat(join(out, REPORT_MARKER)).then(() => true, () => false)) await rm(join(out, 'docs'), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, REPORT_MARKER), 'written by arabic-ner report: its pages are replaced by the next report written here\n');
  let index: string | undefined;
  let batch: Promise<void>[] = [];
  for (const page of reportPages(input)) {
    if (page.path === INDEX_PAGE) index = page.html;
    else batch.push(writeFileAtomic(join(out, page.path), page.html));
    // A few writes at a time: their flushes to disk overlap, and the pages in memory stay few.
    if (batch.length === WRITES_IN_FLIGHT) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  if (index !== undefined) await writeFileAtomic(join(out, INDEX_PAGE), index);
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
