import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { pack, unpack } from './buffer-pack.js';

/**
 * Files that keep a value built from slow-to-read sources between runs (the compiled gazetteer,
 * the segmenter's tables): `<kind>-<key>.bin` in a cache folder, where the key is a hash of
 * everything the value depends on. Layout: the payload's CRC-32 and its length (4 bytes each,
 * little-endian), then the payload (buffer-pack: JSON and typed arrays, read back as views, so the
 * prefix keeps them 8-byte aligned). Best effort throughout: a file that is missing, truncated or
 * corrupt reads as absent, and one that cannot be written only costs a slower start. The check is
 * against damage, not tampering (whoever can write the cache can write the code beside it): a
 * CRC-32 finds any burst of up to 32 flipped bits and all but 1 in 2^32 other damage, and over the
 * segmenter's 23 MB it costs ~5 ms where SHA-256 cost ~13 ms of every start.
 */

const PREFIX_BYTES = 8;
/**
 * Cache files unused this long are removed when a new one of their kind is written: every change
 * of the code or the sources names a new file, and the old ones would otherwise pile up. A file in
 * use is touched on each read, so only files no run has read for this long go.
 */
const UNUSED_MS = 14 * 24 * 3600 * 1000;

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache', import.meta.url));

/** Root of the compiled code (dist/ or, under ts-jest, src/). */
const CODE_ROOT = fileURLToPath(new URL('..', import.meta.url));

let fingerprint: string | undefined;

/** Hash of every module of the package: a cache key with it covers whatever code builds the value. */
export function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    for (const path of modulesUnder(CODE_ROOT).sort()) hash.update(`${path}\0`).update(readFileSync(join(CODE_ROOT, path))).update('\0');
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/**
 * Paths of the modules under `root` (.js built, .ts under ts-jest), relative to it; declaration
 * files (.d.ts) do not run and are left out. Walked folder by folder: Node 20's recursive readdir
 * took 10–15 ms here, this 1 ms.
 */
function modulesUnder(root: string, folder = ''): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) return modulesUnder(root, path);
    return /\.(?:js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * A cache file's key: the first 128 bits of SHA-256 over `parts`, each followed by a NUL. The
 * caller's parts name its format and everything the value depends on (often `codeFingerprint()`
 * and the source files' bytes).
 */
export function cacheKeyOf(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** The cached value of `kind` under `key` (touching its file), or undefined when there is none to trust. */
function readCached(cacheDir: string, kind: string, key: string): unknown {
  const file = fileOf(cacheDir, kind, key);
  let value: unknown;
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(PREFIX_BYTES);
    if (bytes.length < PREFIX_BYTES || bytes.readUInt32LE(4) !== payload.length || bytes.readUInt32LE(0) !== crc32(payload)) return undefined;
    value = unpack(payload);
  } catch {
    return undefined; // missing, unreadable or not a packed value: built again
  }
  markUsed(file);
  return value;
}

/**
 * The value of `kind` under `key`: read back when the cache holds one (that `isValue` accepts,
 * when given), else built and written. Best effort as the rest: without a usable cache folder,
 * every call builds.
 */
export function cachedValue<T>(cacheDir: string, kind: string, key: string, build: () => T, isValue: (value: unknown) => boolean = () => true): T {
  const cached = readCached(cacheDir, kind, key);
  if (cached !== undefined && isValue(cached)) return cached as T;
  const value = build();
  writeCached(cacheDir, kind, key, value);
  return value;
}

/**
 * Writes `value` as the cache of `kind` under `key`, atomically (concurrent workers and runs never
 * read half a file), then removes the files of that kind no run has read for two weeks.
 */
function writeCached(cacheDir: string, kind: string, key: string, value: unknown): void {
  const file = fileOf(cacheDir, kind, key);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const payload = pack(value);
    mkdirSync(cacheDir, { recursive: true });
    const prefix = Buffer.alloc(PREFIX_BYTES);
    prefix.writeUInt32LE(crc32(payload), 0);
    prefix.writeUInt32LE(payload.length, 4);
    writeFileSync(temporary, Buffer.concat([prefix, payload]));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true }); // read-only or full disk: no cache, only slower starts
    return;
  }
  removeUnused(cacheDir, kind, file);
}

function fileOf(cacheDir: string, kind: string, key: string): string {
  return join(cacheDir, `${kind}-${key}.bin`);
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

function removeUnused(cacheDir: string, kind: string, keep: string): void {
  const cutoff = Date.now() - UNUSED_MS;
  const ours = new RegExp(`^${kind}-[0-9a-f]+\\.bin$`);
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === keep || !ours.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
