import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ArabicNerError, describeError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { diffDocument, diffRuns } from '../qa/diff.js';
import { loadRun, readSourceText, type RunFile } from '../qa/load-run.js';
import { renderReport, type ReportDocument, type ReportInput } from '../qa/report-html.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';

export const REPORT_HELP = `Usage: arabic-ner report <run-dir> --out <file.html> [options]

Writes one static, self-contained HTML page (right-to-left, no script, no network) showing each
document of a run with its entities highlighted by type; hovering an entity shows its link,
value, source and confidence; a side panel gives the counts and the country table.

Options:
  --out <file>         the HTML file to write (required)
  --against <run-dir>  diff view: mark entities added, removed or changed since that run
  --input <dir>        folder of the source texts, found by each annotation's document.source
                       (default: corpus); a missing text is reported in the page
  -h, --help           this help

Exit status: 0 written, 1 a run could not be read or the page not written, 2 usage error.
`;

interface ReportArgs {
  readonly run: string;
  readonly out: string;
  readonly against?: string;
  readonly input: string;
}

function parseReportArgs(argv: string[]): ReportArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      against: { type: 'string' },
      input: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [run, ...extra] = positionals;
  if (run === undefined || extra.length > 0) throw new ArabicNerError('USAGE', 'give exactly one run folder');
  if (!values.out) throw new ArabicNerError('USAGE', '--out <file.html> is required');
  return { run, out: values.out, input: values.input ?? 'corpus', ...(values.against !== undefined ? { against: values.against } : {}) };
}

export async function runReport(argv: string[], io: CliIO): Promise<number> {
  let args: ReportArgs | 'help';
  try {
    args = parseReportArgs(argv);
  } catch (error) {
    io.stderr.write(`arabic-ner report: ${error instanceof Error ? error.message : String(error)}\n${REPORT_HELP}`);
    return EXIT_USAGE;
  }
  if (args === 'help') {
    io.stdout.write(REPORT_HELP);
    return EXIT_OK;
  }
  try {
    const run = await loadRun(args.run);
    const baseline = args.against !== undefined ? await loadRun(args.against) : undefined;
    const documents = await reportDocuments(run, baseline, args.input);
    const input: ReportInput = {
      run: args.run,
      documents,
      ...(baseline && args.against !== undefined ? { against: { run: args.against, diff: diffRuns(baseline, run) } } : {}),
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

async function reportDocuments(run: readonly RunFile[], baseline: readonly RunFile[] | undefined, inputDir: string): Promise<ReportDocument[]> {
  const before = new Map((baseline ?? []).map((f) => [f.key, f.annotation]));
  const documents: ReportDocument[] = [];
  for (const file of run) {
    const old = before.get(file.key);
    documents.push({
      key: file.key,
      annotation: file.annotation,
      text: await readSourceText(inputDir, file.annotation.document, file.key),
      ...(old ? { diff: diffDocument(file.key, old, file.annotation) } : {}),
    });
  }
  return documents;
}
