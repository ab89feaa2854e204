import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, basename } from 'node:path';
import { ArabicNerError } from '../errors.js';

/** Finding input documents: files as given, folders walked recursively for `.txt`. */

export interface InputDocument {
  /** Absolute path of the file. */
  readonly path: string;
  /** Path relative to the input folder (or the file name), with '/' separators. */
  readonly relativePath: string;
}

export interface WalkResult {
  readonly documents: InputDocument[];
  readonly errors: ArabicNerError[];
}

/**
 * Lists the documents of the inputs in a stable order. Symlinked folders are followed once
 * (loops are cut by their real path); `exclude` (the output folder) is never entered.
 */
export async function findDocuments(inputs: readonly string[], exclude?: string): Promise<WalkResult> {
  const documents: InputDocument[] = [];
  const errors: ArabicNerError[] = [];
  const excluded = exclude ? await realpathOrSelf(resolve(exclude)) : undefined;
  for (const input of inputs) {
    const absolute = resolve(input);
    let info;
    try {
      info = await stat(absolute);
    } catch (cause) {
      errors.push(new ArabicNerError('INPUT_NOT_FOUND', 'no such file or folder', { file: input, cause }));
      continue;
    }
    if (info.isDirectory()) {
      await walk(absolute, absolute, new Set(), excluded, documents, errors);
    } else {
      documents.push({ path: absolute, relativePath: basename(absolute) });
    }
  }
  return { documents, errors };
}

async function walk(root: string, folder: string, visited: Set<string>, excluded: string | undefined, out: InputDocument[], errors: ArabicNerError[]): Promise<void> {
  const real = await realpathOrSelf(folder);
  if (visited.has(real) || real === excluded) return;
  visited.add(real);
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (cause) {
    errors.push(new ArabicNerError('INPUT_UNREADABLE', 'cannot read folder', { file: folder, cause }));
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    let info;
    try {
      info = await stat(path);
    } catch (cause) {
      errors.push(new ArabicNerError('INPUT_UNREADABLE', 'cannot read (broken link or no permission)', { file: path, cause }));
      continue;
    }
    if (info.isDirectory()) await walk(root, path, visited, excluded, out, errors);
    else if (info.isFile() && name.toLowerCase().endsWith('.txt')) out.push({ path, relativePath: relative(root, path).split(sep).join('/') });
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

