import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import type { Annotation, EntityType, ExtractOptions } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { ArabicNerError, describeError } from '../errors.js';
import { decodeBytes } from '../io/decode.js';
import { documentIdFor, findDocuments, outputPathFor, type InputDocument } from '../io/files.js';
import { writeFileAtomic } from '../io/write.js';
import { annotate, loadResources, type Resources } from '../pipeline/extract.js';
import { serializeAnnotation } from '../output/annotation.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, readAll, type CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';

export const EXTRACT_HELP = `Usage: arabic-ner extract <file-or-folder>... --out <dir> [options]
       arabic-ner extract - [options]            (one document on stdin, JSON on stdout)

Finds people, places, organisations, dates and country counts in Arabic text files.
Folders are walked recursively for .txt files; each document is written to
<dir>/<path relative to its input folder>.json. A run manifest goes to
<dir>/.arabic-ner-run.json.

Options:
  --out <dir>          output folder (required unless reading stdin)
  --doc-date <date>    date the documents were written (YYYY-MM-DD): relative dates
                       (أمس, الخميس القادم, الشهر الماضي) are resolved against it
  --id <id>            document id in stdin mode (default "-")
  --gazetteers <dir>   gazetteer folder (default: the package's gazetteers/)
  -h, --help           this help

Exit status: 0 every document succeeded, 1 some failed (each on stderr), 2 usage error.
`;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface ExtractArgs {
  readonly inputs: string[];
  readonly out?: string;
  readonly documentDate?: string;
  readonly id: string;
  readonly gazetteerDir?: string;
}

function parseExtractArgs(argv: string[]): ExtractArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      'doc-date': { type: 'string' },
      id: { type: 'string' },
      gazetteers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new ArabicNerError('USAGE', 'no input: give files, folders, or - for stdin');
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new ArabicNerError('USAGE', '- (stdin) cannot be combined with other inputs');
  if (!stdin && !values.out) throw new ArabicNerError('USAGE', '--out <dir> is required');
  const date = values['doc-date'];
  if (date !== undefined && (!DATE_PATTERN.test(date) || Number.isNaN(Date.parse(date)))) {
    throw new ArabicNerError('USAGE', `--doc-date must be a date as YYYY-MM-DD, got "${date}"`);
  }
  return {
    inputs: positionals,
    id: values.id ?? '-',
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(date !== undefined ? { documentDate: date } : {}),
    ...(values.gazetteers !== undefined ? { gazetteerDir: values.gazetteers } : {}),
  };
}

export async function runExtract(argv: string[], io: CliIO): Promise<number> {
  let args: ExtractArgs | 'help';
  try {
    args = parseExtractArgs(argv);
  } catch (error) {
    io.stderr.write(`arabic-ner extract: ${error instanceof Error ? error.message : String(error)}\n${EXTRACT_HELP}`);
    return EXIT_USAGE;
  }
  if (args === 'help') {
    io.stdout.write(EXTRACT_HELP);
    return EXIT_OK;
  }
  const started = process.hrtime.bigint();
  let resources: Resources;
  try {
    resources = loadResources(args.gazetteerDir ? { gazetteerDir: args.gazetteerDir } : {});
  } catch (error) {
    io.stderr.write(`arabic-ner extract: cannot load gazetteers: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  const options: ExtractOptions = args.documentDate ? { documentDate: args.documentDate } : {};
  return args.inputs[0] === '-' ? extractStdin(args, resources, options, io) : extractFiles(args, resources, options, io, started);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes of one document -> its annotation. */
export function annotateBytes(bytes: Uint8Array, id: string, source: string, resources: Resources, options: ExtractOptions): Annotation {
  const { text, encoding } = decodeBytes(bytes, source);
  return annotate(text, { id, source, sha256: sha256(bytes), encoding }, resources, options);
}

async function extractStdin(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO): Promise<number> {
  try {
    const bytes = await readAll(io.stdin);
    io.stdout.write(serializeAnnotation(annotateBytes(bytes, args.id, '-', resources, options)));
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`arabic-ner extract: stdin: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
}

interface RunTotals {
  documents: number;
  failures: { file: string; reason: string }[];
  entities: Record<EntityType, number>;
}

async function extractFiles(args: ExtractArgs, resources: Resources, options: ExtractOptions, io: CliIO, started: bigint): Promise<number> {
  const outDir = resolve(args.out ?? 'output');
  const { documents, errors } = await findDocuments(args.inputs, outDir);
  const totals: RunTotals = { documents: 0, failures: [], entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number> };
  for (const error of errors) fail(totals, io, error.file ?? '?', describeError(error));

  const claimed = new Map<string, InputDocument>();
  const unique: InputDocument[] = [];
  for (const document of documents) {
    const target = outputPathFor(outDir, document);
    const owner = claimed.get(target);
    if (owner) {
      fail(totals, io, document.path, `would write the same output as ${owner.path} (${target}): skipped [OUTPUT_CONFLICT]`);
      continue;
    }
    claimed.set(target, document);
    unique.push(document);
  }

  // p-limit bounds concurrent file I/O; extraction itself is synchronous CPU work.
  const limit = pLimit(8);
  let done = 0;
  await Promise.all(
    unique.map((document) =>
      limit(async () => {
        try {
          const bytes = await readFile(document.path).catch((cause: unknown) => {
            throw new ArabicNerError('INPUT_UNREADABLE', 'cannot read file', { file: document.path, cause });
          });
          const annotation = annotateBytes(bytes, documentIdFor(document), document.relativePath, resources, options);
          await writeFileAtomic(outputPathFor(outDir, document), serializeAnnotation(annotation));
          totals.documents++;
          for (const entity of annotation.entities) totals.entities[entity.type]++;
        } catch (error) {
          fail(totals, io, document.path, describeError(error).replace(`${document.path}: `, ''));
        }
        done++;
        if (io.interactive) io.stderr.write(`\r\x1b[K[${done}/${unique.length}] ${document.relativePath}`);
      }),
    ),
  );
  if (io.interactive && unique.length > 0) io.stderr.write('\r\x1b[K');

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await writeManifest(outDir, args, totals, seconds);
  const perType = ENTITY_TYPES.map((type) => `${type} ${totals.entities[type]}`).join(', ');
  io.stderr.write(`arabic-ner: ${totals.documents} documents, ${perType}; ${totals.failures.length} failed; ${seconds.toFixed(2)} s\n`);
  return totals.failures.length > 0 ? EXIT_FAILURES : EXIT_OK;
}

function fail(totals: RunTotals, io: CliIO, file: string, reason: string): void {
  totals.failures.push({ file, reason });
  io.stderr.write(`${io.interactive ? '\r\x1b[K' : ''}arabic-ner: ${file}: ${reason}\n`);
}

/** Run-level facts live here, never in the per-document files (which must be byte-stable). */
async function writeManifest(outDir: string, args: ExtractArgs, totals: RunTotals, seconds: number): Promise<void> {
  const manifest = {
    tool: 'arabic-ner',
    version: TOOL_VERSION,
    schema: 'arabic-ner/annotation/v1',
    finishedAt: new Date().toISOString(),
    seconds: Math.round(seconds * 1000) / 1000,
    inputs: args.inputs,
    documentDate: args.documentDate ?? null,
    documents: totals.documents,
    entities: totals.entities,
    failures: totals.failures,
  };
  await writeFileAtomic(join(outDir, '.arabic-ner-run.json'), JSON.stringify(manifest, null, 2) + '\n');
}
