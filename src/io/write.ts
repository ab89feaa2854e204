import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Atomic writes: content goes to a hidden temporary file beside the target, is flushed to disk,
 * then renamed over the target. Readers (and a crash) see the old file or the new one, never
 * half of one. Temporary files in flight are tracked so an interrupted run can remove them.
 */

const pending = new Set<string>();

/** Removes the temporary files of writes still in flight (for a forced exit). */
export function removePendingTemporaryFiles(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

/** An open atomic write: append text, then commit (rename into place) or abort (remove). */
export interface AtomicWriter {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openAtomicWriter(path: string): Promise<AtomicWriter> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(temporary);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    pending.delete(temporary);
    throw error;
  }
  const file = handle;
  const abort = async (): Promise<void> => {
    await file.close().catch(() => undefined); // already closed after a failed commit
    await rm(temporary, { force: true });
    pending.delete(temporary);
  };
  return {
    write: async (text) => {
      await file.write(text, null, 'utf8');
    },
    commit: async () => {
      try {
        await file.sync();
        await file.close();
        await rename(temporary, path);
        pending.delete(temporary);
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
