import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ArabicNerError } from '../errors.js';
import { ioReason } from './files.js';

/**
 * The tool's own folder inside an output folder, `<out>/.arabic-ner/`: the run manifest, the
 * resume ledger's journal, the lock and the temporary files of writes in flight. No input maps
 * there (the walk never enters a folder of this name, and an output is `<out>/<relative path>`
 * of a `.txt` below an input), so the tool's bookkeeping never replaces a document's output,
 * and an output never replaces the bookkeeping.
 */

export const RUN_FOLDER = '.arabic-ner';

export interface RunPaths {
  readonly folder: string;
  /** The run manifest: what the last run did (written at its end, removed at the start of the next). */
  readonly manifest: string;
  /** The resume ledger, a journal of JSON lines (see ResumeLedger). */
  readonly ledger: string;
  /** Holds the PID of the run writing to the folder. */
  readonly lock: string;
  /** Temporary files of atomic writes; those of dead runs are removed by the next run. */
  readonly temporary: string;
}

export function runPaths(outDir: string): RunPaths {
  const folder = join(outDir, RUN_FOLDER);
  return { folder, manifest: join(folder, 'run.json'), ledger: join(folder, 'outputs.jsonl'), lock: join(folder, 'lock'), temporary: join(folder, 'tmp') };
}

/** A run's hold on its output folder; `release` removes the lock (idempotent). */
export interface RunFolder {
  readonly paths: RunPaths;
  release(): void;
  /** Releases the folder and removes the folders this run created (a run that ends before any work). */
  discard(): void;
}

/**
 * Takes the output folder for one run, before any document is done: creates it and the tool's
 * folder, takes the lock (refusing at once when a live process holds it), removes the previous
 * run's manifest (so a run that cannot write its own never leaves one that misdescribes it) and
 * the temporary files dead runs left. Throws OUTPUT_LOCKED or OUTPUT_WRITE.
 */
export function openRunFolder(outDir: string): RunFolder {
  const paths = runPaths(outDir);
  let created: string | undefined;
  try {
    created = mkdirSync(paths.temporary, { recursive: true });
  } catch (cause) {
    throw new ArabicNerError('OUTPUT_WRITE', `cannot create the output folder: ${ioReason(cause)}`, { file: outDir, cause });
  }
  takeLock(paths.lock);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    if (lockHolder(paths.lock) === process.pid) rmSync(paths.lock, { force: true });
  };
  try {
    rmSync(paths.manifest, { force: true });
    for (const name of readdirSync(paths.temporary)) rmSync(join(paths.temporary, name), { force: true, recursive: true });
  } catch (cause) {
    release();
    throw new ArabicNerError('OUTPUT_WRITE', `cannot clear the previous run's files: ${ioReason(cause)}`, { file: paths.folder, cause });
  }
  const discard = (): void => {
    release();
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
  };
  return { paths, release, discard };
}

/**
 * Creates the lock file holding this PID. A lock whose process is gone (killed, crashed) is
 * taken over; one whose process lives makes this run refuse, naming it.
 */
function takeLock(path: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (cause) {
      if ((cause as { code?: unknown }).code !== 'EEXIST') throw new ArabicNerError('OUTPUT_WRITE', `cannot create the lock: ${ioReason(cause)}`, { file: path, cause });
      const holder = lockHolder(path);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new ArabicNerError('OUTPUT_LOCKED', `another arabic-ner run (PID ${holder}) is writing to this folder: not started (if no such run is going on, remove ${path})`, { file: path });
      }
      // A dead holder's lock: moved aside under a name of our own, so two runs taking it over at once cannot both remove it.
      const aside = `${path}.${process.pid}.stale`;
      try {
        renameSync(path, aside);
        rmSync(aside, { force: true });
      } catch {
        // Another run took it over first; look again.
      }
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return;
  }
  throw new ArabicNerError('OUTPUT_LOCKED', 'another arabic-ner run keeps taking this folder: not started', { file: path });
}

function lockHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'; // alive, owned by another user
  }
}

/**
 * Writes a small file atomically with blocking calls (the manifest, the compacted ledger), so it
 * can be done from a signal handler that exits right after: temporary file in `temporaryFolder`,
 * fsync, rename.
 */
export function writeSmallFileAtomicSync(path: string, content: string, temporaryFolder: string): void {
  const temporary = join(temporaryFolder, `${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.small.tmp`);
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = Buffer.from(content, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** True when `path` exists and is not a folder (an --out naming a file). */
export function isExistingNonFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Removes `path` if it is there (a file of a previous version of the tool). */
export function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // not there
  }
}
