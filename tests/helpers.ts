import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const CORPUS = join(ROOT, 'corpus');

/** Runs the built CLI (npm test builds dist/ first). */
export function runCli(args: string[], input?: string | Buffer): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
}

export function tempDir(prefix = 'arabic-ner-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Call in a describe block: a maker of fresh temp folders, all removed after the block's tests. */
export function tempDirsForBlock(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = tempDir(prefix);
    dirs.push(dir);
    return dir;
  };
}

/** All files below a folder, relative paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validator = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'annotation.v1.json'), 'utf8')) as object);

/** Schema errors of an annotation, as text ('' when valid). */
export function schemaErrors(annotation: unknown): string {
  return validator(annotation) ? '' : ajv.errorsText(validator.errors);
}

interface EntityLike {
  start: number;
  end: number;
  text: string;
}

/** The contract's invariants: text is the raw code point slice; sorted by start, then end. */
export function offsetViolations(raw: string, entities: readonly EntityLike[]): string[] {
  const codePoints = [...raw];
  const problems: string[] = [];
  entities.forEach((entity, i) => {
    const slice = codePoints.slice(entity.start, entity.end).join('');
    if (slice !== entity.text) problems.push(`${entity.start}-${entity.end}: text ${JSON.stringify(entity.text)} but raw has ${JSON.stringify(slice)}`);
    const previous = entities[i - 1];
    if (previous && (previous.start > entity.start || (previous.start === entity.start && previous.end > entity.end))) problems.push(`not sorted at ${i}`);
  });
  return problems;
}
