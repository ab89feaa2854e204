import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { closeSync, fsync, mkdirSync, open as openCallback, rename as renameCallback, rmSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, basename, join } from 'node:path';

/**
 * Atomic writes: content goes to a temporary file (hidden beside the target, or in a batch's own
 * folder of temporary files on the same file system), is flushed to disk,
 * then renamed over the target. Readers (and a crash) see the old file or the new one, never
 * half of one. Temporary files in flight are tracked so an interrupted run can remove them.
 */

const pending = new Set<string>();
let reserved = 0;

/** Removes the temporary files of writes still in flight (for a forced exit). */
export function removePendingTemporaryFiles(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

/**
 * Names the temporary file for a write of `target` and tracks it until released: in `folder`
 * when given (a batch's `<out>/.arabic-ner/tmp`, which the next run clears of what a killed one
 * left), else hidden beside the target. A worker thread writes to the name its job carries, so
 * this thread can remove what a lost worker left.
 */
export function reserveTemporary(target: string, folder?: string): string {
  const temporary = folder === undefined ? join(dirname(target), `.${basename(target)}.${process.pid}.${reserved++}.tmp`) : join(folder, `${process.pid}.${reserved++}.tmp`);
  pending.add(temporary);
  return temporary;
}

/** Stops tracking a temporary file; `remove` deletes it too (a write that may have been cut off). */
export function releaseTemporary(temporary: string, remove = false): void {
  if (remove) rmSync(temporary, { force: true });
  pending.delete(temporary);
}

/** An open atomic write: append text, then commit (rename into place) or abort (remove). */
export interface AtomicWriter {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** `temporaryFolder`: see reserveTemporary. */
export async function openAtomicWriter(path: string, temporaryFolder?: string): Promise<AtomicWriter> {
  const temporary = reserveTemporary(path, temporaryFolder);
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'w').catch(async (error: unknown) => {
      if (!isMissingFolder(error)) throw error;
      await mkdir(dirname(temporary), { recursive: true });
      return open(temporary, 'w');
    });
  } catch (error) {
    releaseTemporary(temporary);
    throw error;
  }
  const file = handle;
  const abort = async (): Promise<void> => {
    await file.close().catch(() => undefined); // already closed after a failed commit
    await rm(temporary, { force: true });
    releaseTemporary(temporary);
  };
  return {
    write: async (text) => {
      await file.write(text, null, 'utf8');
    },
    commit: async () => {
      try {
        await file.sync();
        await file.close();
        await rename(temporary, path).catch(async (error: unknown) => {
          if (!isMissingFolder(error)) throw error;
          await mkdir(dirname(path), { recursive: true });
          await rename(temporary, path);
        });
        releaseTemporary(temporary);
      } catch (error) {
        await abort();
        throw error;
      }
    },
    abort,
  };
}

/** Writes a whole file atomically. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const writer = await openAtomicWriter(path);
  try {
    await writer.write(content);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
}

/**
 * Writes a whole file atomically through `temporary` (see reserveTemporary), for a batch's
 * thread that has other work meanwhile. The calls that wait on the disk or cost the kernel most
 * (creating the file, flushing it, renaming it) go through the thread pool; writing into the
 * page cache and closing are quick blocking calls. Every trip through the pool costs a turn of
 * the event loop. On failure the temporary file is removed.
 */
export async function writeBytesAtomic(path: string, bytes: Uint8Array, temporary: string): Promise<void> {
  const fd = await openNew(temporary).catch(async (error: unknown) => {
    if (!isMissingFolder(error)) throw error;
    mkdirSync(dirname(temporary), { recursive: true });
    return openNew(temporary);
  });
  let closed = false;
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    await flush(fd);
    closed = true;
    closeSync(fd);
    await move(temporary, path).catch((error: unknown) => {
      if (!isMissingFolder(error)) throw error;
      mkdirSync(dirname(path), { recursive: true }); // the temporary file is in a folder of its own
      return move(temporary, path);
    });
  } catch (error) {
    try {
      if (!closed) closeSync(fd);
    } finally {
      rmSync(temporary, { force: true });
    }
    throw error;
  }
}

const openNew = (path: string): Promise<number> => promisify(openCallback)(path, 'w');
const flush: (fd: number) => Promise<void> = promisify(fsync);
const move: (from: string, to: string) => Promise<void> = promisify(renameCallback);

/** The folder of a file to create (or to rename into) is missing: create it and try again (once per new folder). */
function isMissingFolder(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
