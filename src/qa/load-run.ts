import { readdir, readFile, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { dirname, join } from 'node:path';
import { ArabicNerError, describeError } from '../errors.js';
import { decodeBytes } from '../io/decode.js';
import { sha256 } from '../io/hash.js';
import { parseBratAnn } from '../output/brat.js';

/**
 * Reading a run folder (or a gold folder) for QA. Validation is loose on purpose: QA must be able
 * to compare an old run with a new one even when fields were added since, so only what the QA
 * tools read is checked, and every problem names its file.
 */

/** An entity as QA reads it: the v1 entity or a gold entity (which has `canonical`, no `link`). */
export interface LooseEntity {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly text?: string;
  readonly value?: unknown;
  readonly link?: { readonly gazetteer?: string; readonly id?: string; readonly name?: string; readonly country?: string };
  readonly qualifier?: string;
  readonly source?: string;
  readonly confidence?: number;
  readonly [field: string]: unknown;
}

export interface LooseCountry {
  readonly code: string;
  readonly name?: string;
  readonly mentions?: number;
  readonly adjectiveMentions?: number;
}

export interface LooseAnnotation {
  readonly document?: { readonly id?: string; readonly source?: string; readonly sha256?: string; readonly length?: number };
  readonly entities: readonly LooseEntity[];
  readonly countries: readonly LooseCountry[];
}

export interface RunFile {
  /** Path below the run folder with '/' separators, without `.json` (the document's key in diffs). */
  readonly key: string;
  /** File name without `.json`: what the reference scorer matches gold documents by. */
  readonly name: string;
  readonly annotation: LooseAnnotation;
}

/**
 * All `*.json` files below `dir`, hidden files and folders excepted (the tool's own `.arabic-ner/`, with the run manifest and ledger). Order is
 * that of a top-down walk with sorted names, a folder's files before its subfolders, so that
 * "the first file of a name" means what it means to the reference scorer's os.walk.
 */
export async function loadRun(dir: string): Promise<RunFile[]> {
  const found: { key: string; name: string; path: string }[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch((cause: unknown) => {
      throw new ArabicNerError('INPUT_NOT_FOUND', 'cannot read folder', { file: folder, cause });
    });
    const visible = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of visible) {
      if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
      const name = entry.name.slice(0, -'.json'.length);
      found.push({ key: prefix + name, name, path: join(folder, entry.name) });
    }
    for (const entry of visible) if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`);
  };
  await walk(dir, '');
  return readAll(found);
}

/**
 * Gold folder: its own `*.json` files (not recursive), sorted, as the reference scorer lists them,
 * and brat `*.ann` files (a run exported with "arabic-ner export --to brat" and corrected in brat or
 * INCEpTION): their T lines are the gold entities. A document with both is refused: which is gold?
 */
export async function loadGold(dir: string): Promise<RunFile[]> {
  const names = await readdir(dir).catch((cause: unknown) => {
    throw new ArabicNerError('INPUT_NOT_FOUND', 'cannot read folder', { file: dir, cause });
  });
  const json = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
  const ann = new Set(names.filter((n) => n.endsWith('.ann')).map((n) => n.slice(0, -'.ann'.length)));
  const both = [...ann].find((name) => json.has(name));
  if (both !== undefined) throw new ArabicNerError('INPUT_UNREADABLE', `both ${both}.json and ${both}.ann: keep one as gold`, { file: dir });
  const found = [...json].map((name) => ({ key: name, name, path: join(dir, `${name}.json`) }));
  const gold = await readAll(found);
  const brat = await Promise.all([...ann].map(async (name) => ({ key: name, name, annotation: await readBratGold(join(dir, `${name}.ann`)) })));
  return [...gold, ...brat].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readBratGold(path: string): Promise<LooseAnnotation> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new ArabicNerError('INPUT_UNREADABLE', 'cannot read file', { file: path, cause });
  });
  return { entities: parseBratAnn(text, path), countries: [] };
}

/** Reads annotations with a bounded number of open files (runs hold thousands), keeping order. */
async function readAll(found: readonly { key: string; name: string; path: string }[]): Promise<RunFile[]> {
  const limit = pLimit(READ_CONCURRENCY);
  return Promise.all(found.map(({ key, name, path }) => limit(async () => ({ key, name, annotation: await readAnnotation(path) }))));
}

const READ_CONCURRENCY = 16;

async function readAnnotation(path: string): Promise<LooseAnnotation> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new ArabicNerError('INPUT_UNREADABLE', 'cannot read file', { file: path, cause });
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ArabicNerError('INPUT_UNREADABLE', `not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { file: path });
  }
  const problem = annotationProblem(data);
  if (problem) throw new ArabicNerError('INPUT_UNREADABLE', `not an annotation: ${problem}`, { file: path });
  const object = data as Record<string, unknown>;
  // Gold files name their document with a plain string; only the v1 object is kept.
  return {
    ...(isObject(object['document']) ? { document: object['document'] } : {}),
    entities: object['entities'] as LooseEntity[],
    countries: (object['countries'] ?? []) as LooseCountry[],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first reason `data` cannot be read as an annotation, or undefined. */
function annotationProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (!Array.isArray(data['entities'])) return '"entities" is not a list';
  for (const [i, entity] of data['entities'].entries()) {
    if (!isObject(entity)) return `entities[${i}] is not an object`;
    if (typeof entity['type'] !== 'string') return `entities[${i}].type is not a string`;
    for (const field of ['start', 'end']) {
      const value = entity[field];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `entities[${i}].${field} is not an offset`;
    }
  }
  const countries = data['countries'];
  if (countries !== undefined && !(Array.isArray(countries) && countries.every((c) => isObject(c) && typeof c['code'] === 'string'))) {
    return '"countries" is not a list of {code, ...}';
  }
  return undefined;
}

export type SourceText = { readonly text: string } | { readonly problem: string };

/**
 * The raw text an annotation was made from: `document.source` (else `<fallbackName>.txt`) below
 * `inputDir`, decoded as extraction decodes it and checked against the recorded SHA-256, since
 * offsets into any other text would point at the wrong words.
 */
export async function readSourceText(inputDir: string, document: LooseAnnotation['document'], fallbackName: string): Promise<SourceText> {
  const source = document?.source && document.source !== '-' ? document.source : `${fallbackName}.txt`;
  const path = join(inputDir, source);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { problem: `text not found: ${path}` };
  }
  if (document?.sha256 && sha256(bytes) !== document.sha256) {
    return { problem: `text differs from the annotated one (SHA-256 mismatch): ${path}` };
  }
  try {
    return { text: decodeBytes(bytes, path).text };
  } catch (error) {
    return { problem: describeError(error) };
  }
}

/** The two source texts of a document (before and after an edit), or why they cannot be had. */
export type TextPair = { readonly before: string; readonly after: string } | { readonly problem: string };

/** Reads both source texts of a document; `inputs` are the folders each run's texts are in. */
export async function readTextPair(
  inputs: { readonly before: string; readonly after: string },
  before: LooseAnnotation,
  after: LooseAnnotation,
  key: string,
): Promise<TextPair> {
  const old = await readSourceText(inputs.before, before.document, key);
  if ('problem' in old) return { problem: `the text before: ${old.problem}` };
  const current = await readSourceText(inputs.after, after.document, key);
  if ('problem' in current) return { problem: `the text after: ${current.problem}` };
  return { before: old.text, after: current.text };
}

/**
 * The folder a run's texts were read from, as its manifest records it: its one input when that is a
 * folder, or the folder of its one input file. Undefined when the manifest is missing, unreadable or
 * names several inputs (or stdin). A relative path is taken from the current folder, as extract took it.
 */
export async function recordedInputFolder(runDir: string): Promise<string | undefined> {
  let inputs: unknown;
  try {
    inputs = (JSON.parse(await readFile(join(runDir, '.arabic-ner', 'run.json'), 'utf8')) as { inputs?: unknown }).inputs;
  } catch {
    return undefined;
  }
  if (!Array.isArray(inputs) || inputs.length !== 1 || typeof inputs[0] !== 'string' || inputs[0] === '-') return undefined;
  const input = inputs[0];
  const info = await stat(input).catch(() => undefined);
  if (!info) return undefined;
  return info.isDirectory() ? input : dirname(input);
}
