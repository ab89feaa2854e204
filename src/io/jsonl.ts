import { StringDecoder } from 'node:string_decoder';
import type { ExtractOptions } from '../types.js';
import { ArabicNerError } from '../errors.js';
import { isIsoDay, ISO_DAY_RULE } from './document-date.js';

/**
 * Reading JSON Lines documents: `{"id", "text", "date"?}` per line (the `jsonl` command and the
 * library's annotateJsonLines read them alike).
 */

/** A numbered non-blank input line. */
export interface Line {
  readonly number: number;
  readonly text: string;
}

/** One line's document, as bytes (UTF-8) the way a file's would be. */
export interface JsonLineDocument {
  readonly bytes: Buffer;
  readonly id: string;
  readonly source: '-';
  readonly options: ExtractOptions;
}

/** The record's `id` when it is a usable one (to name it in a failure), else null. */
export function idOf(record: Record<string, unknown>): string | number | null {
  const id = record['id'];
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** The line as a JSON object; anything else is a USAGE error saying why. */
export function parseRecord(line: Line): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (cause) {
    throw new ArabicNerError('USAGE', `not a JSON object: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ArabicNerError('USAGE', 'not a JSON object');
  return value as Record<string, unknown>;
}

/** The record's document; a record without a usable id or text, or with a bad date, is a USAGE error. */
export function toDocument({ id, text, date }: Record<string, unknown>, defaultDate: string | undefined): JsonLineDocument {
  if (typeof id !== 'string' && typeof id !== 'number') throw new ArabicNerError('USAGE', '"id" must be a string or a number');
  if (typeof text !== 'string') throw new ArabicNerError('USAGE', '"text" must be a string');
  if (date !== undefined && (typeof date !== 'string' || !isIsoDay(date))) throw new ArabicNerError('USAGE', `"date" must be ${ISO_DAY_RULE}`);
  const documentDate = date ?? defaultDate;
  const options: ExtractOptions = documentDate !== undefined ? { documentDate } : {};
  return { bytes: Buffer.from(text, 'utf8'), id: String(id), source: '-', options };
}

/**
 * Lines of a byte stream, decoded as UTF-8 across chunk boundaries; `\r\n` ends a line too, and
 * a byte order mark before the first line is not part of it. A long line is searched for its end
 * only in the text that arrives, so its cost grows with its length, not with its square.
 */
export async function* nonBlankLines(stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let searched = 0; // pending[0, searched) holds no line end
  let first = true;
  let number = 0;
  const emit = function* (text: string): Generator<Line> {
    number++;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') yield { number, text: trimmed };
  };
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && pending.length > 0) {
      first = false;
      if (pending.startsWith('\uFEFF')) pending = pending.slice(1);
    }
    let start = 0;
    for (let end = pending.indexOf('\n', searched); end !== -1; end = pending.indexOf('\n', start)) {
      yield* emit(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
    searched = pending.length;
  }
  pending += decoder.end();
  if (first && pending.startsWith('\uFEFF')) pending = pending.slice(1);
  if (pending !== '') yield* emit(pending);
}
