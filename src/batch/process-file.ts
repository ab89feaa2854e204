import { readFile, stat } from 'node:fs/promises';
import type { EntityType } from '../types.js';
import { ArabicNerError } from '../errors.js';
import { ioReason, unreadable } from '../io/files.js';
import { writeFileAtomic } from '../io/write.js';
import { LARGE_FILE_BYTES, type LargeFileResult } from '../io/large-file.js';
import { sha256, sha256OfFile, type ResumeLedger } from './resume.js';

/**
 * One input file to one output file, with the batch's safety rules: the size limit, resume,
 * in-memory or chunked annotation, an atomic write, and the ledger entry for the result.
 */

export interface FileJob {
  /** Input file. */
  readonly path: string;
  /** Output file. */
  readonly target: string;
  /** Output file relative to the output folder, the ledger's key. */
  readonly key: string;
}

export interface FileJobSettings {
  /** Inputs larger than this many bytes are refused (INPUT_TOO_LARGE). */
  readonly maxBytes?: number;
  /** Skip documents whose output is current (see ResumeLedger). */
  readonly resume: boolean;
  readonly ledger: ResumeLedger;
  /** Annotates and serialises a document held in memory. */
  readonly annotateBytes: (bytes: Uint8Array) => Promise<AnnotatedText> | AnnotatedText;
  /** Annotates a large file in chunks straight to the target; without it large files are read whole. */
  readonly annotateLarge?: (path: string, target: string) => Promise<LargeFileResult>;
  /** Files above this many bytes go to annotateLarge (default LARGE_FILE_BYTES). */
  readonly largeFileBytes?: number;
}

/** A serialised annotation and its entity counts per type. */
export interface AnnotatedText {
  readonly output: string;
  readonly entityCounts: Partial<Record<EntityType, number>>;
}

export type FileOutcome = { readonly written: true; readonly entityCounts: Partial<Record<EntityType, number>> } | { readonly written: false };

export async function processFile(job: FileJob, settings: FileJobSettings): Promise<FileOutcome> {
  const size = await stat(job.path).then(
    (info) => info.size,
    (cause: unknown) => {
      throw unreadable(job.path, cause);
    },
  );
  checkSize(job.path, size, settings.maxBytes);
  if (size > (settings.largeFileBytes ?? LARGE_FILE_BYTES) && settings.annotateLarge) {
    if (settings.resume) {
      const inputSha256 = await sha256OfFile(job.path).catch((cause: unknown) => {
        throw unreadable(job.path, cause);
      });
      if (await settings.ledger.isCurrent(job.key, inputSha256)) return { written: false };
    }
    const result = await settings.annotateLarge(job.path, job.target);
    settings.ledger.record(job.key, result.inputSha256, result.outputSha256);
    return { written: true, entityCounts: result.entityCounts };
  }
  const bytes = await readFile(job.path).catch((cause: unknown) => {
    throw unreadable(job.path, cause);
  });
  checkSize(job.path, bytes.length, settings.maxBytes); // it may have grown since stat
  const inputSha256 = sha256(bytes);
  if (settings.resume && (await settings.ledger.isCurrent(job.key, inputSha256))) return { written: false };
  const { output, entityCounts } = await settings.annotateBytes(bytes);
  await writeFileAtomic(job.target, output).catch((cause: unknown) => {
    throw new ArabicNerError('OUTPUT_WRITE', `cannot write ${job.target}: ${ioReason(cause)}`, { file: job.path, cause });
  });
  settings.ledger.record(job.key, inputSha256, sha256(output));
  return { written: true, entityCounts };
}

/** Refuses input over --max-bytes; `path` is left out for stdin. */
export function checkSize(path: string | undefined, size: number, maxBytes: number | undefined): void {
  if (maxBytes !== undefined && size > maxBytes) {
    throw new ArabicNerError('INPUT_TOO_LARGE', `${formatBytes(size)} is over --max-bytes ${formatBytes(maxBytes)}: skipped`, path === undefined ? {} : { file: path });
  }
}

const UNITS: readonly [string, number][] = [
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
];

export function formatBytes(bytes: number): string {
  const unit = UNITS.find(([, size]) => bytes >= size);
  return unit ? `${(bytes / unit[1]).toFixed(1).replace(/\.0$/, '')} ${unit[0]} (${bytes} bytes)` : `${bytes} bytes`;
}

/** Parses a --max-bytes value: a whole number of bytes, optionally with k, m, g (powers of 1024) and an optional b/ib. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) return undefined;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  const bytes = Math.floor(Number(match[1]) * scale);
  return bytes > 0 ? bytes : undefined;
}
