import { closeSync, constants, existsSync, fstatSync, openSync, type Dirent, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, basename } from 'node:path';
import { ArabicNerError } from '../errors.js';

/** Finding input documents: files as given, folders walked recursively for `.txt`. */

export interface InputDocument {
  /** Absolute path of the file. */
  readonly path: string;
  /** Path relative to the input folder (or the file name), with '/' separators. */
  readonly relativePath: string;
  /** A sidecar `<name>.meta.json` (see readDocumentDate) was beside the file when it was listed. */
  readonly sidecar: boolean;
}

/** A document's sidecar `<name>.meta.json` beside `<name>.txt` (see readDocumentDate). */
export function sidecarPathFor(documentPath: string): string {
  return documentPath.replace(/\.txt$/i, '') + '.meta.json';
}

/** The tool's own folder in an output folder (see io/run-folder.ts): never an input. */
const RUN_FOLDER_NAME = '.arabic-ner';

export interface WalkResult {
  readonly documents: InputDocument[];
  readonly errors: ArabicNerError[];
}

/**
 * Lists the documents of the inputs in a stable order. Symlinked folders are followed once
 * (loops are cut by their real path); `exclude` (the output folder) is never entered below an
 * input folder, so outputs are never read back. A file reached twice under the same relative
 * path (an input folder and a file in it) is listed once. Broken links, link loops,
 * unreadable folders and `.txt` names that are not regular files are reported by name. A folder
 * named `.arabic-ner` below an input is the tool's own bookkeeping, never entered.
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
    if (info.isDirectory()) {
      if (name !== RUN_FOLDER_NAME) await walk(root, path, visited, excluded, out, errors);
    }
    else if (!name.toLowerCase().endsWith('.txt')) continue;
    else if (info.isFile()) out.push({ path, relativePath: relative(root, path).split(sep).join('/'), sidecar: listed.has(sidecarPathFor(name)) });
    else errors.push(new ArabicNerError('INPUT_UNREADABLE', 'not a regular file (device, socket or pipe): skipped', { file: path }));
  }
}

/**
 * Opens a file to read only when it is a regular file, checked on the opened descriptor, so a
 * file swapped for a pipe or a device after the inputs were listed is refused too. O_NONBLOCK:
 * opening a FIFO never waits for a writer (it has no effect on regular files). `file` names the
 * document in errors (a sidecar's errors are its document's). Throws INPUT_UNREADABLE, with the
 * errno code as `cause` (ENOENT for a file gone).
 */
export function openRegularFile(path: string, file = path): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw unreadable(file, cause, path === file ? '' : `${path}: `);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ArabicNerError('INPUT_UNREADABLE', `${path === file ? '' : `${path}: `}not a regular file (${kindOf(info)}): skipped`, { file });
    return { fd, size: info.size };
  } catch (error) {
    closeSync(fd);
    throw error instanceof ArabicNerError ? error : unreadable(file, error);
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a pipe';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/** True when an error (or its cause) is a missing file. */
export function isMissingFile(error: unknown): boolean {
  return errorCode(error) === 'ENOENT' || errorCode((error as { cause?: unknown } | null)?.cause) === 'ENOENT';
}

/** An input that cannot be read, with the reason in words. */
export function unreadable(file: string, cause: unknown, prefix = ''): ArabicNerError {
  return new ArabicNerError('INPUT_UNREADABLE', `${prefix}cannot read: ${ioReason(cause)}`, { file, cause });
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

