import { closeSync, readSync } from 'node:fs';
import { ArabicNerError } from '../errors.js';
import { isMissingFile, openRegularFile, sidecarPathFor } from './files.js';

/**
 * The date a document was written, per file: a sidecar `<name>.meta.json` beside `<name>.txt`
 * holding `{"documentDate": "YYYY-MM-DD"}`. It wins over `--doc-date`, which applies to the run.
 * Listing the inputs notes which documents have one (InputDocument.sidecar), so the thousands
 * without one cost no failed read each.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Document dates the tool accepts: the years it reads as dates in text (see isPlausibleYear in
 * the date recogniser), so that a date counted from one (`غدا`, `العام المقبل`) is still a
 * four-digit year (9999-12-31 would give a value in the year 10000).
 */
export const DOCUMENT_YEARS = { first: 1000, last: 2999 } as const;
/** Sidecars hold one small object: anything larger is not one, and is not read whole. */
export const SIDECAR_MAX_BYTES = 64 * 1024;

/** True for a real calendar day written YYYY-MM-DD in DOCUMENT_YEARS. */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < DOCUMENT_YEARS.first || y > DOCUMENT_YEARS.last) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What a document date must look like, for messages. */
export const ISO_DAY_RULE = `a day written YYYY-MM-DD, years ${DOCUMENT_YEARS.first}-${DOCUMENT_YEARS.last}`;

/**
 * The sidecar's document date, undefined when there is no sidecar (or it has gone since the
 * inputs were listed) or it gives none. A sidecar that is not a regular file, is over
 * SIDECAR_MAX_BYTES, is not a JSON object or gives a bad date is an INPUT_METADATA or
 * INPUT_UNREADABLE error naming it. A UTF-8 byte order mark is allowed.
 */
export function readDocumentDate(documentPath: string): string | undefined {
  const path = sidecarPathFor(documentPath);
  const text = readSidecar(path, documentPath);
  if (text === undefined) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new ArabicNerError('INPUT_METADATA', `${path} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { file: documentPath, cause });
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new ArabicNerError('INPUT_METADATA', `${path} must hold a JSON object such as {"documentDate": "2015-01-22"}, not ${Array.isArray(meta) ? 'an array' : meta === null ? 'null' : `a ${typeof meta}`}`, { file: documentPath });
  }
  const date = (meta as Record<string, unknown>)['documentDate'];
  if (date === undefined) return undefined;
  if (typeof date !== 'string' || !isIsoDay(date)) {
    throw new ArabicNerError('INPUT_METADATA', `${path}: documentDate must be ${ISO_DAY_RULE}, got ${JSON.stringify(date)}`, { file: documentPath });
  }
  return date;
}

/** The sidecar's text, read with blocking calls after checking what it is; undefined when it is gone. */
function readSidecar(path: string, documentPath: string): string | undefined {
  let opened: { fd: number; size: number };
  try {
    opened = openRegularFile(path, documentPath);
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
  try {
    if (opened.size > SIDECAR_MAX_BYTES) throw tooLarge(path, documentPath);
    const buffer = Buffer.alloc(SIDECAR_MAX_BYTES + 1); // one byte more: a file grown past the cap is caught
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(opened.fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > SIDECAR_MAX_BYTES) throw tooLarge(path, documentPath);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    throw error instanceof ArabicNerError ? error : new ArabicNerError('INPUT_UNREADABLE', `cannot read ${path}`, { file: documentPath, cause: error });
  } finally {
    closeSync(opened.fd);
  }
}

function tooLarge(path: string, documentPath: string): ArabicNerError {
  return new ArabicNerError('INPUT_METADATA', `${path} is over ${SIDECAR_MAX_BYTES / 1024} KiB: not a sidecar of a document date`, { file: documentPath });
}
