import { readFileSync } from 'node:fs';
import { ArabicNerError } from '../errors.js';

/**
 * The date a document was written, per file: a sidecar `<name>.meta.json` beside `<name>.txt`
 * holding `{"documentDate": "YYYY-MM-DD"}`. It wins over `--doc-date`, which applies to the run.
 * Listing the inputs notes which documents have one (InputDocument.sidecar), so the thousands
 * without one cost no failed read each.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function sidecarPathFor(documentPath: string): string {
  return documentPath.replace(/\.txt$/i, '') + '.meta.json';
}

/**
 * The sidecar's document date, undefined when there is no sidecar (or it has gone since the
 * inputs were listed); a bad sidecar is an error. Sidecars are small: read with one blocking call.
 */
export function readDocumentDate(documentPath: string): string | undefined {
  const path = sidecarPathFor(documentPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ArabicNerError('INPUT_UNREADABLE', `cannot read ${path}`, { file: documentPath, cause: error });
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (cause) {
    throw new ArabicNerError('INPUT_METADATA', `${path} is not valid JSON`, { file: documentPath, cause });
  }
  const date = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['documentDate'] : undefined;
  if (date === undefined) return undefined;
  if (typeof date !== 'string' || !isIsoDay(date)) {
    throw new ArabicNerError('INPUT_METADATA', `${path}: documentDate must be a day written YYYY-MM-DD, got ${JSON.stringify(date)}`, { file: documentPath });
  }
  return date;
}
