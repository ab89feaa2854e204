import { lstatSync, statSync } from 'node:fs';
import type { EntityType, ExtractOptions } from '../types.js';
import { ArabicNerError } from '../errors.js';
import { ioReason, unreadable } from '../io/files.js';
import { releaseTemporary, reserveTemporary, writeBytesAtomic } from '../io/write.js';
import { LARGE_FILE_BYTES, type LargeFileResult } from '../io/large-file.js';
import { sha256OfFile } from '../io/hash.js';
import type { ResumeLedger } from './resume.js';
import type { FileJob, FileResult } from './protocol.js';

/**
 * One input file to one output file, with the batch's safety rules: an output path holding a file
 * the tool did not write is left alone, the size limit, resume, in-memory or chunked annotation
 * within a time limit, an atomic write, and the ledger entry for the result. The
 * file is done whole by `render` (on a worker, or on this thread: see renderFile); this thread
 * keeps the ledger, the temporary file's name, and files over the large-file size, which it
 * annotates in chunks.
 */

export interface BatchFile {
  /** Input file. */
  readonly path: string;
  /** Output file. */
  readonly target: string;
  /** Output file relative to the output folder, the ledger's key. */
  readonly key: string;
  readonly id: string;
  readonly source: string;
  /** The listing saw a sidecar `<name>.meta.json`. */
  readonly sidecar: boolean;
}

export interface FileJobSettings {
  readonly options: ExtractOptions;
  /** Inputs larger than this many bytes are refused (INPUT_TOO_LARGE). */
  readonly maxBytes?: number;
  /** Skip documents whose output is current (see ResumeLedger). */
  readonly resume: boolean;
  readonly ledger: ResumeLedger;
  /** Folder of the temporary files of writes (see reserveTemporary). */
  readonly temporaryFolder: string;
  /** A document may take this many seconds per MiB of input, and at least this many (see documentTimeoutMs). */
  readonly timeoutSeconds: number;
  /** Reads, checks and annotates one file into its output's bytes (written here); fails as TIMEOUT after `timeoutMs`. */
  readonly render: (job: FileJob, timeoutMs: number) => Promise<FileResult>;
  /** Annotates a large file in chunks straight to the target, by `deadline` (Date.now()); without it large files are read whole. */
  readonly annotateLarge?: (path: string, target: string, documentDate: string | undefined, deadline: number) => Promise<LargeFileResult>;
  /** Files above this many bytes go to annotateLarge (default LARGE_FILE_BYTES). */
  readonly largeFileBytes?: number;
}

export type FileOutcome = { readonly written: true; readonly entityCounts: Partial<Record<EntityType, number>> } | { readonly written: false };

export async function processFile(file: BatchFile, settings: FileJobSettings): Promise<FileOutcome> {
  const { ledger } = settings;
  if (!ledger.owns(file.key) && occupied(file.target)) {
    throw new ArabicNerError('OUTPUT_CONFLICT', `${file.target} holds a file arabic-ner did not write (its ledger has no record of it): left alone, document skipped; move that file away or choose another --out`, { file: file.path });
  }
  ledger.claim(file.key); // before the write: every file the tool leaves is one its ledger knows
  const started = Date.now();
  const timeoutMs = documentTimeoutMs(statSync(file.path, { throwIfNoEntry: false })?.size ?? 0, settings.timeoutSeconds);
  const result: FileResult = await settings.render({
    ...file,
    options: settings.options,
    maxBytes: settings.maxBytes,
    largeFileBytes: settings.annotateLarge ? (settings.largeFileBytes ?? LARGE_FILE_BYTES) : undefined,
    recorded: settings.resume ? ledger.recorded(file.key) : undefined,
  }, timeoutMs);
  if (result.kind === 'rendered') {
    await writeOutput(file, result.output, settings.temporaryFolder);
    ledger.record(file.key, result.inputSha256, result.outputSha256, result.documentDate);
    return { written: true, entityCounts: result.entityCounts };
  }
  if (result.kind === 'unchanged') return { written: false };
  if (!settings.annotateLarge) throw new ArabicNerError('INTERNAL', 'handed back as a large file, but there is no chunked path', { file: file.path });
  if (settings.resume) {
    const inputSha256 = await sha256OfFile(file.path).catch((cause: unknown) => {
      throw unreadable(file.path, cause);
    });
    if (await ledger.isCurrent(file.key, inputSha256, result.documentDate)) return { written: false };
  }
  const large = await settings.annotateLarge(file.path, file.target, result.documentDate, started + timeoutMs);
  ledger.record(file.key, large.inputSha256, large.outputSha256, result.documentDate);
  return { written: true, entityCounts: large.entityCounts };
}

/**
 * The output written atomically, on this thread: its slow calls (creating, flushing, renaming
 * the file) go through the thread pool, so this thread keeps feeding the workers meanwhile. The
 * temporary file is tracked until the write ends, so a forced exit removes it.
 */
async function writeOutput(file: BatchFile, output: Uint8Array, temporaryFolder: string): Promise<void> {
  const temporary = reserveTemporary(file.target, temporaryFolder);
  try {
    await writeBytesAtomic(file.target, output, temporary);
  } catch (cause) {
    throw new ArabicNerError('OUTPUT_WRITE', `cannot write ${file.target}: ${ioReason(cause)}`, { file: file.path, cause });
  } finally {
    releaseTemporary(temporary);
  }
}

/** Something is at `path` (a file, a folder, a link); a path that cannot be looked up is left to the write to report. */
function occupied(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The time limit of a document: `secondsPerMiB` per MiB of input, and at least `secondsPerMiB`.
 * Ordinary news takes well under a second per MiB; the limit is there for text that would take
 * any pipeline far too long, so that one document cannot hold up the batch.
 */
export function documentTimeoutMs(bytes: number, secondsPerMiB: number): number {
  return Math.ceil(secondsPerMiB * 1000 * Math.max(1, bytes / (1024 * 1024)));
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
