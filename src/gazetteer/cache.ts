/**
 * Cache of the compiled gazetteer. Parsing and validating the XML and compiling the tries costs
 * about a second for the full gazetteers (parsing dominates); reading back the compiled form
 * costs a small fraction of that. The cache file is named by a hash of everything
 * the compiled form depends on: the gazetteer files' names and bytes, and the code that reads and
 * compiles them (every module beside this one), so any change to either rebuilds it. The compiled
 * form is a few large typed arrays plus a little JSON (buffer-pack.ts), so a million-entry
 * gazetteer reads back as bytes, not as millions of objects.
 *
 * A cache file that is missing, truncated, corrupt or from another Node version or CPU architecture is rebuilt
 * without a word: it only costs start-up time. Gazetteer errors are never cached (compilation
 * throws before anything is written), so they are reported on every run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGazetteerData, openCompiledGazetteer, type CompiledGazetteer, type CompiledGazetteerData } from './compile.js';
import { loadGazetteerDir } from './load.js';
import { pack, unpack } from './buffer-pack.js';

/** Bump when the cached layout changes in a way the code hash would not catch. */
const CACHE_FORMAT = 2;
const DIGEST_BYTES = 32;
/**
 * Cache files unused this long are removed when a new one is written: every change of the code
 * or the gazetteers names a new file, and the old ones would otherwise pile up. A file in use is
 * touched on each load, so only files no run has read for this long go.
 */
const UNUSED_MS = 14 * 24 * 3600 * 1000;

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache', import.meta.url));

/** Root of the compiled code (dist/ or, under ts-jest, src/). */
const CODE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface GazetteerCacheOptions {
  /** Where cache files live; default `.cache` at the package root. */
  readonly cacheDir?: string;
}

/** The compiled gazetteer of a folder, from the cache when it is current. */
export function loadCompiledGazetteer(gazetteerDir: string, options: GazetteerCacheOptions = {}): CompiledGazetteer {
  const file = join(options.cacheDir ?? DEFAULT_CACHE_DIR, `gazetteer-${cacheKey(gazetteerDir)}.bin`);
  const cached = readCache(file);
  if (cached) {
    markUsed(file);
    return openCompiledGazetteer(cached);
  }
  const compiled = compileGazetteerData(loadGazetteerDir(gazetteerDir));
  if (writeCache(file, compiled)) removeUnused(dirname(file), file);
  return openCompiledGazetteer(compiled);
}

/** Hash of the gazetteer files (names and bytes), the code that compiles them, and the V8 format. */
export function cacheKey(gazetteerDir: string): string {
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT} ${process.arch} ${process.versions.v8}\0${codeFingerprint()}\0`);
  for (const name of readdirSync(gazetteerDir).filter((n) => n.endsWith('.xml')).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(gazetteerDir, name))).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

let fingerprint: string | undefined;

/** Hash of every module of the package: whatever the compiler imports is covered. */
function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    const files = readdirSync(CODE_ROOT, { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(?:js|ts)$/.test(path))
      .sort();
    for (const path of files) hash.update(`${path}\0`).update(readFileSync(join(CODE_ROOT, path))).update('\0');
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** File layout: sha256 of the payload, then the packed payload. */
function readCache(file: string): CompiledGazetteerData | undefined {
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(DIGEST_BYTES);
    if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(0, DIGEST_BYTES))) return undefined;
    return unpack(payload) as CompiledGazetteerData;
  } catch {
    return undefined; // missing or unreadable: rebuilt
  }
}

/** Best effort and atomic: concurrent workers or runs never read half a file. True when written. */
function writeCache(file: string, compiled: CompiledGazetteerData): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const payload = pack(compiled);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true }); // read-only or full disk: no cache, only slower starts
    return false;
  }
}

/** Best effort: a read-only cache is used as it is. */
function markUsed(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // read-only: the file stays, it only looks older than it is
  }
}

/** Removes the other compiled gazetteers not used for UNUSED_MS (best effort, like the cache itself). */
function removeUnused(cacheDir: string, keep: string): void {
  const cutoff = Date.now() - UNUSED_MS;
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === keep || !/^gazetteer-[0-9a-f]+\.bin$/.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
