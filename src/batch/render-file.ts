import { closeSync, readFileSync } from 'node:fs';
import type { ExtractOptions } from '../types.js';
import { ArabicNerError } from '../errors.js';
import type { Resources } from '../pipeline/extract.js';
import { annotateBytes } from '../annotator/bytes.js';
import { readDocumentDate } from '../io/document-date.js';
import { openRegularFile, unreadable } from '../io/files.js';
import { checkSize } from './process-file.js';
import { countEntities, serialize } from './render.js';
import { sha256, sha256OfFileSync } from '../io/hash.js';
import { madeFrom } from './resume.js';
import type { FileJob, FileResult, OutputFormat } from './protocol.js';

/**
 * One input file to its output's bytes on the calling thread (a pool worker, or the main thread
 * for a small run). Reading is done with blocking calls (quick, and the annotation needs the
 * bytes anyway: each call of the promise API would cost a trip through the thread pool). The
 * bytes go back to the main thread, which writes them (see processFile): a worker does nothing
 * but annotate, and never waits on the disk. The input is hashed once (for the resume check, the
 * document header and the ledger) and so is the output, as the very bytes to be written.
 * Failures are ArabicNerErrors naming the input file.
 */
export async function renderFile(job: FileJob, format: OutputFormat, resources: Resources): Promise<FileResult> {
  // A sidecar <name>.meta.json dates one document; --doc-date dates the rest.
  const documentDate = (job.sidecar ? readDocumentDate(job.path) : undefined) ?? job.options.documentDate;
  const bytes = readInput(job);
  if (!bytes) return { kind: 'large', ...(documentDate !== undefined ? { documentDate } : {}) };
  const inputSha256 = sha256(bytes);
  // A sidecar edited since (a new date) changes relative dates: the output is not current then.
  if (madeFrom(job.recorded, inputSha256, documentDate) && outputHash(job.target) === job.recorded.output) return { kind: 'unchanged' };
  const options: ExtractOptions = documentDate !== undefined ? { ...job.options, documentDate } : job.options;
  const annotation = annotateBytes(bytes, job.id, job.source, resources, options, inputSha256);
  // An array of its own (not a slice of Node's shared pool), so that it can be moved to another thread.
  const output = encoder.encode(serialize(format, annotation, bytes, job.source));
  return { kind: 'rendered', output, inputSha256, outputSha256: sha256(output), ...(documentDate !== undefined ? { documentDate } : {}), entityCounts: countEntities(annotation) };
}

const encoder = new TextEncoder();

/** The input's bytes, or undefined when it is over largeFileBytes (left unread); only a regular file is read. */
function readInput(job: FileJob): Buffer | undefined {
  const { fd, size } = openRegularFile(job.path);
  try {
    checkSize(job.path, size, job.maxBytes); // before reading: the file may be huge
    if (job.largeFileBytes !== undefined && size > job.largeFileBytes) return undefined;
    const bytes = readFileSync(fd);
    checkSize(job.path, bytes.length, job.maxBytes); // it may have grown since
    return bytes;
  } catch (cause) {
    throw cause instanceof ArabicNerError ? cause : unreadable(job.path, cause);
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 of the output on disk, undefined when there is none to read (redo it). */
function outputHash(path: string): string | undefined {
  try {
    return sha256OfFileSync(path);
  } catch {
    return undefined;
  }
}
