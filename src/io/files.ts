import { existsSync, type Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, basename } from 'node:path';
import { ArabicNerError } from '../errors.js';
import { sidecarPathFor } from './document-date.js';

/** Finding input documents: files as given, folders walked recursively for `.txt`. */

export interface InputDocument {
  /** Absolute path of the file. */
  readonly path: string;
  /** Path relative to the input folder (or the file name), with '/' separators. */
  readonly relativePath: string;
  /** A sidecar `<name>.meta.json` (see readDocumentDate) was beside the file when it was listed. */
  readonly sidecar: boolean;
}

export interface WalkResult {
  readonly documents: InputDocument[];
  readonly errors: ArabicNerError[];
}

/**
 * Lists the documents of the inputs in a stable order. Symlinked folders are followed once
 * (loops are cut by their real path); `exclude` (the output folder) is never entered below an
 * input folder, so outputs are never read back. A file reached twice under the same relative
 * path (an input folder and a file in it) is listed once. Broken links, link loops,
 * unreadable folders and `.txt` names that are not regular files are reported by name.
 */
export async function findDocuments(inputs: readonly string[], exclude?: string): Promise<WalkResult> {
  const found: InputDocument[] = [];
  const errors: ArabicNerError[] = [];
  const excluded = exclude ? await realpathOrSelf(resolve(exclude)) : undefined;
  for (const input of inputs) {
    const absolute = resolve(input);
    let info;
    try {
      info = await stat(absolute);
    } catch (cause) {
      const missing = errorCode(cause) === 'ENOENT' && !(await isLink(absolute));
      errors.push(missing ? new ArabicNerError('INPUT_NOT_FOUND', 'no such file or folder', { file: input, cause }) : unreadable(input, cause));
      continue;
    }
    if (info.isDirectory()) {
      await walk(absolute, absolute, new Set(), excluded, found, errors);
    } else if (info.isFile()) {
      found.push({ path: absolute, relativePath: basename(absolute), sidecar: existsSync(sidecarPathFor(absolute)) });
    } else {
      errors.push(new ArabicNerError('INPUT_UNREADABLE', 'not a regular file (device, socket or pipe): skipped', { file: input }));
    }
  }
  return { documents: withoutRepeats(found), errors };
}

/** Drops a file listed again under the same relative path (same output), keeping the first. */
function withoutRepeats(documents: readonly InputDocument[]): InputDocument[] {
  const seen = new Set<string>();
  const unique: InputDocument[] = [];
  for (const document of documents) {
    const key = `${document.path}\0${document.relativePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(document);
  }
  return unique;
}

async function walk(root: string, folder: string, visited: Set<string>, excluded: string | undefined, out: InputDocument[], errors: ArabicNerError[]): Promise<void> {
  const real = await realpathOrSelf(folder);
  // The output folder is skipped below an input, but an input that is the output folder is read.
  if (visited.has(real) || (real === excluded && folder !== root)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (cause) {
    errors.push(unreadable(folder, cause));
    return;
  }
  const listed = new Set(entries.map((entry) => entry.name)); // sidecars are found in the listing, not by a read per document
  for (const entry of entries) {
    const { name } = entry;
    const path = join(folder, name);
    let info: Pick<Dirent, 'isDirectory' | 'isFile'> = entry;
    // The listing gives each entry's type; only a symbolic link needs a stat (of what it points to).
    if (entry.isSymbolicLink()) {
      try {
        info = await stat(path);
      } catch (cause) {
        errors.push(unreadable(path, cause));
        continue;
      }
    }
    if (info.isDirectory()) await walk(root, path, visited, excluded, out, errors);
    else if (!name.toLowerCase().endsWith('.txt')) continue;
    else if (info.isFile()) out.push({ path, relativePath: relative(root, path).split(sep).join('/'), sidecar: listed.has(sidecarPathFor(name)) });
    else errors.push(new ArabicNerError('INPUT_UNREADABLE', 'not a regular file (device, socket or pipe): skipped', { file: path }));
  }
}

/** An input that cannot be read, with the reason in words. */
export function unreadable(file: string, cause: unknown): ArabicNerError {
  return new ArabicNerError('INPUT_UNREADABLE', `cannot read: ${ioReason(cause)}`, { file, cause });
}

const IO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file (deleted, or a broken symbolic link)',
  ELOOP: 'symbolic link loop',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a path component is not a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/** A file system error in words (errno code -> phrase). */
export function ioReason(cause: unknown): string {
  const code = errorCode(cause);
  return (code && IO_REASONS[code]) ?? String((cause as { message?: unknown } | undefined)?.message ?? cause);
}

function errorCode(cause: unknown): string | undefined {
  // Duck-typed: errors from another realm (vm contexts, workers) fail instanceof Error.
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

async function realpathOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** Output file of a document: the relative path with `.txt` replaced by `.json`. */
export function outputPathFor(outDir: string, document: InputDocument): string {
  return join(outDir, document.relativePath.replace(/\.txt$/i, '') + '.json');
}

/** Document id: relative path without extension. */
export function documentIdFor(document: InputDocument): string {
  return document.relativePath.replace(/\.txt$/i, '');
}

