import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, type BenchCorpus } from './corpus.js';

/**
 * The benchmark's generated folder, built once and kept outside the repository (under
 * $XDG_CACHE_HOME or ~/.cache): the same source articles, names, size and seed give the same
 * bytes, so a folder named by their hash is reused as it is, and any change builds a new one.
 */

export const DEFAULT_BENCH_CACHE = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'arabic-ner', 'bench');

const STAMP = 'corpus.json';

export function cachedCorpus(sourceDir: string, targetBytes: number, names: readonly string[], cacheDir = DEFAULT_BENCH_CACHE, seed = 42): BenchCorpus & { readonly reused: boolean } {
  const hash = createHash('sha256');
  for (const name of readdirSync(sourceDir).filter((file) => file.endsWith('.txt')).sort()) hash.update(name).update(readFileSync(join(sourceDir, name)));
  hash.update(names.join('\n')).update(`${targetBytes} ${seed}`);
  const dir = join(cacheDir, `corpus-${Math.round(targetBytes / 1e6)}MB-${hash.digest('hex').slice(0, 16)}`);
  const stamp = join(dir, STAMP);
  if (existsSync(stamp)) {
    const { files, bytes } = JSON.parse(readFileSync(stamp, 'utf8')) as { files: number; bytes: number };
    return { dir: join(dir, 'docs'), files, bytes, reused: true };
  }
  // Built beside its place and renamed in whole, so a killed build leaves no folder that looks done.
  const building = `${dir}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const built = buildCorpus(sourceDir, join(building, 'docs'), targetBytes, names, seed);
  writeFileSync(join(building, STAMP), JSON.stringify({ files: built.files, bytes: built.bytes }) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir: join(dir, 'docs'), files: built.files, bytes: built.bytes, reused: false };
}
