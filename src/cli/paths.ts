import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ioReason } from '../io/files.js';

/**
 * Checks of the paths named on a command line, made before any work starts. Each gives the one
 * line to print (the path first, then the trouble in words), or undefined when all is well.
 */

/** The first input (file or folder) that does not exist or cannot be looked at. */
export async function missingInput(inputs: readonly string[]): Promise<string | undefined> {
  for (const input of inputs) {
    const problem = await stat(input).then(
      () => undefined,
      (cause: unknown) => (hasCode(cause, 'ENOENT') ? 'no such file or folder' : ioReason(cause)),
    );
    if (problem) return `${input}: ${problem}`;
  }
  return undefined;
}

/** A folder to read (a run, a gold set): it must exist and be a folder. */
export async function notAFolder(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return `${path}: is a file, not a folder`;
    return undefined;
  } catch (cause) {
    return `${path}: ${hasCode(cause, 'ENOENT') ? 'no such folder' : ioReason(cause)}`;
  }
}

/**
 * An output folder (`option` names it in the message): it must be a writable folder, or not exist
 * yet below one (it is made when the first file is written).
 */
export async function unwritableFolder(option: string, path: string): Promise<string | undefined> {
  const problem = await folderProblem(resolve(path), true);
  return problem && `${option} ${path}: ${problem}`;
}

/** An output file (`option` names it): not a folder, and its folder writable or creatable. */
export async function unwritableFile(option: string, path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  const problem = info?.isDirectory() ? 'is a folder; give a file name' : await folderProblem(dirname(resolve(path)), false);
  return problem && `${option} ${path}: ${problem}`;
}

/** Why files cannot be written in `folder` (`isNamed`: the user named that folder itself). */
async function folderProblem(folder: string, isNamed: boolean): Promise<string | undefined> {
  // The folder itself, or the nearest folder above it that exists (the rest is made on writing).
  let existing = folder;
  for (;;) {
    try {
      if (!(await stat(existing)).isDirectory()) return existing === folder && isNamed ? 'is a file, not a folder' : `${existing} is a file, not a folder`;
      break;
    } catch (cause) {
      if (!(hasCode(cause, 'ENOENT') || hasCode(cause, 'ENOTDIR')) || dirname(existing) === existing) return `cannot reach ${existing}: ${ioReason(cause)}`;
      existing = dirname(existing);
    }
  }
  return access(existing, constants.W_OK).then(
    () => undefined,
    (cause: unknown) => `cannot write in ${existing}: ${ioReason(cause)}`,
  );
}

function hasCode(cause: unknown, code: string): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === code;
}
