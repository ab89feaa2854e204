import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CharModel } from './char-model.js';
import { parseModel, type ModelParameters } from './model-file.js';
import type { NumberTableData } from './number-table.js';
import { buildSegmenterTables, type SegmenterTables } from './segmenter.js';
import { WordTrie } from './word-trie.js';

/**
 * The segmenter's built tables between runs. Parsing the model file and building the word trie
 * and the character model's tables costs about half a second, in every process and every worker
 * thread; reading them back is a file read. A cache file is named by a hash of all they depend
 * on: the model file's bytes, the names added to the trie, the code that builds them (every
 * module of this folder) and the platform. A cache file that is missing, corrupt or unwritable
 * only costs that half second: the tables are built as before (and written when the folder can
 * be written).
 *
 * Layout: SHA-256 of the rest; the header's length (4 bytes LE) and the header (JSON: the model
 * parameters, the arrays' types and lengths), padded to 8 bytes; then each array, padded to 8.
 */

const FORMAT = 1;
const DIGEST_BYTES = 32;
const ALIGN = 8;
const aligned = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;
/** Cache files no run has read for this long are removed when a new one is written. */
const UNUSED_MS = 14 * 24 * 3600 * 1000;
const CODE_DIR = fileURLToPath(new URL('.', import.meta.url));
const ARRAY_NAMES = ['trieKeys', 'trieValues', 'trieCounts', 'probKeys', 'probValues', 'backoffKeys', 'backoffValues'] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];
type Arrays = Record<ArrayName, Int32Array | Float64Array>;

interface Header {
  readonly parameters: ModelParameters;
  readonly lengths: Record<ArrayName, number>;
}

export interface TableCacheOptions {
  /** Where cache files live. */
  readonly cacheDir: string;
  /** Count of a name the training text lacks (see buildSegmenterTables). */
  readonly nameCount?: number;
}

/** The tables for `modelFile` and `names`, from the cache when it holds them, else built (and cached). */
export function loadSegmenterTables(modelFile: string, names: readonly string[], options: TableCacheOptions): SegmenterTables {
  const modelBytes = readFileSync(modelFile);
  const file = join(options.cacheDir, `segmenter-${cacheKey(modelBytes, names, options.nameCount)}.bin`);
  const cached = readTables(file);
  if (cached) {
    markUsed(file);
    return cached;
  }
  const tables = buildSegmenterTables(parseModel(modelBytes.toString('utf8'), modelFile), names, options.nameCount);
  if (writeTables(file, tables)) removeUnused(options.cacheDir, file);
  return tables;
}

function cacheKey(modelBytes: Uint8Array, names: readonly string[], nameCount: number | undefined): string {
  const hash = createHash('sha256').update(`format ${FORMAT} ${process.arch} ${nameCount ?? 'default'}\0`);
  for (const name of readdirSync(CODE_DIR).filter((n) => /\.(?:js|ts)$/.test(n)).sort()) hash.update(`${name}\0`).update(readFileSync(join(CODE_DIR, name))).update('\0');
  hash.update(modelBytes).update('\0');
  for (const name of names) hash.update(name).update('\n');
  return hash.digest('hex').slice(0, 32);
}

function arraysOf(tables: SegmenterTables): Arrays {
  const trie = tables.trie.data;
  const { logProb, logBackoff } = tables.chars.data;
  return {
    trieKeys: trie.edges.keys,
    trieValues: trie.edges.values,
    trieCounts: trie.counts,
    probKeys: logProb.keys,
    probValues: logProb.values,
    backoffKeys: logBackoff.keys,
    backoffValues: logBackoff.values,
  };
}

const isKeys = (name: ArrayName): boolean => name.endsWith('Keys');

function writeTables(file: string, tables: SegmenterTables): boolean {
  const arrays = arraysOf(tables);
  const header: Header = { parameters: tables.parameters, lengths: Object.fromEntries(ARRAY_NAMES.map((name) => [name, arrays[name].length])) as Record<ArrayName, number> };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = aligned(4 + headerBytes.length);
  const payload = Buffer.alloc(start + ARRAY_NAMES.reduce((sum, name) => sum + aligned(arrays[name].byteLength), 0));
  payload.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(payload, 4);
  let at = start;
  for (const name of ARRAY_NAMES) {
    const array = arrays[name];
    payload.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += aligned(array.byteLength);
  }
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
    renameSync(temporary, file); // concurrent workers and runs never read half a file
    return true;
  } catch {
    rmSync(temporary, { force: true }); // read-only or full: no cache, only slower starts
    return false;
  }
}

function readTables(file: string): SegmenterTables | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // not cached yet
  }
  if (bytes.length < DIGEST_BYTES + 4) return undefined;
  // Typed arrays need their offsets aligned: a buffer that is not gets a copy.
  const whole = bytes.byteOffset % ALIGN === 0 ? bytes : Buffer.from(bytes);
  const payload = whole.subarray(DIGEST_BYTES);
  if (!createHash('sha256').update(payload).digest().equals(whole.subarray(0, DIGEST_BYTES))) return undefined;
  try {
    const headerLength = payload.readUInt32LE(0);
    const header = JSON.parse(payload.toString('utf8', 4, 4 + headerLength)) as Header;
    let at = payload.byteOffset + aligned(4 + headerLength);
    const arrays = {} as Arrays;
    for (const name of ARRAY_NAMES) {
      const length = header.lengths[name];
      arrays[name] = isKeys(name) ? new Int32Array(payload.buffer, at, length) : new Float64Array(payload.buffer, at, length);
      at += aligned(arrays[name].byteLength);
    }
    const table = (keys: ArrayName, values: ArrayName): NumberTableData => ({ keys: arrays[keys] as Int32Array, values: arrays[values] as Float64Array });
    return {
      parameters: header.parameters,
      trie: WordTrie.fromData({ edges: table('trieKeys', 'trieValues'), counts: arrays.trieCounts as Float64Array }),
      chars: new CharModel(header.parameters.order, { logProb: table('probKeys', 'probValues'), logBackoff: table('backoffKeys', 'backoffValues') }),
    };
  } catch {
    return undefined; // a layout this code does not read: built again
  }
}

/** Best effort: a read-only cache is used as it is. */
function markUsed(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // read-only: the file only looks older than it is
  }
}

/** Removes the other segmenter tables no run has read for UNUSED_MS (best effort). */
function removeUnused(cacheDir: string, keep: string): void {
  const cutoff = Date.now() - UNUSED_MS;
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === keep || !/^segmenter-[0-9a-f]+\.bin$/.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
