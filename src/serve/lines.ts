/**
 * The lines of an NDJSON request body, as they arrive, each at most `maxLineBytes` long: a longer
 * line is not held in memory, it becomes one TooLong item (its bytes are skipped up to its end)
 * and the lines after it are read as usual. Lines end at `\n` (a `\r` before it is dropped); blank
 * lines are counted, not given.
 */

export interface BodyLine {
  /** Line number from 1, blank lines included. */
  readonly number: number;
  /** The line's text, or null when it was longer than the limit. */
  readonly text: string | null;
}

const NEWLINE = 0x0a;

export async function* bodyLines(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<BodyLine> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let tooLong = false;
  let number = 0;
  const end = function* (last: Buffer): Generator<BodyLine> {
    number++;
    if (tooLong) {
      yield { number, text: null };
    } else {
      const decoded = Buffer.concat([...held, last]).toString('utf8').replace(/\r$/, '');
      const text = number === 1 ? decoded.replace(/^\uFEFF/, '') : decoded; // a byte order mark is not part of the first line
      if (text.trim() !== '') yield { number, text };
    }
    held = [];
    heldBytes = 0;
    tooLong = false;
  };
  for await (const chunk of body) {
    let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = rest.indexOf(NEWLINE); at !== -1; at = rest.indexOf(NEWLINE)) {
      if (heldBytes + at > maxLineBytes) tooLong = true;
      yield* end(tooLong ? Buffer.alloc(0) : rest.subarray(0, at));
      rest = rest.subarray(at + 1);
    }
    if (tooLong) continue;
    heldBytes += rest.length;
    if (heldBytes > maxLineBytes) {
      tooLong = true;
      held = [];
    } else if (rest.length > 0) {
      held.push(Buffer.from(rest)); // a copy: the stream may reuse its chunk
    }
  }
  if (tooLong || heldBytes > 0) yield* end(Buffer.alloc(0));
}
