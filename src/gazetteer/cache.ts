/**
 * Cache of the compiled gazetteer. Parsing and validating the XML and compiling the tries costs
 * about a second for the full gazetteers (parsing dominates); reading back the compiled form
 * costs a small fraction of that. The cache file is named by a hash of everything
 * the compiled form depends on: the gazetteer files' names and bytes, and the code that reads and
 * compiles them (every module of the package), so any change to either rebuilds it. The compiled
 * form is a few large typed arrays plus a little JSON (io/buffer-pack.ts), so a million-entry
 * gazetteer reads back as bytes, not as millions of objects.
 *
 * A cache file that is missing, truncated, corrupt or from another Node version or CPU architecture is rebuilt
 * without a word: it only costs start-up time. Gazetteer errors are never cached (compilation
 * throws before anything is written), so they are reported on every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedValue, cacheKeyOf, codeFingerprint, DEFAULT_CACHE_DIR } from '../io/binary-cache.js';
import { compileGazetteerData, openCompiledGazetteer, type CompiledGazetteer, type CompiledGazetteerData } from './compile.js';
import { loadGazetteerDir } from './load.js';

/** Bump when the cached layout changes in a way the code hash would not catch. */
const CACHE_FORMAT = 2;
const KIND = 'gazetteer';

export interface GazetteerCacheOptions {
  /** Where cache files live; default `.cache` at the package root. */
  readonly cacheDir?: string;
}

/** The compiled gazetteer of a folder, from the cache when it is current. */
export function loadCompiledGazetteer(gazetteerDir: string, options: GazetteerCacheOptions = {}): CompiledGazetteer {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const key = cacheKey(gazetteerDir);
  return openCompiledGazetteer(cachedValue(cacheDir, KIND, key, (): CompiledGazetteerData => compileGazetteerData(loadGazetteerDir(gazetteerDir))), key);
}

/** Hash of the gazetteer files (names and bytes), the code that compiles them, and the V8 format. */
export function cacheKey(gazetteerDir: string): string {
  const files = readdirSync(gazetteerDir).filter((n) => n.endsWith('.xml')).sort();
  return cacheKeyOf([`format ${CACHE_FORMAT} ${process.arch} ${process.versions.v8}`, codeFingerprint(), ...files.flatMap((name) => [name, readFileSync(join(gazetteerDir, name))])]);
}
