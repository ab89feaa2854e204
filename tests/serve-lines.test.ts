import { bodyLines, type BodyLine } from '../src/serve/lines.js';

/** The NDJSON body reader of `arabic-ner serve`: lines across chunk boundaries, and the per-line limit. */

async function linesOf(chunks: readonly Buffer[], maxLineBytes: number): Promise<BodyLine[]> {
  const out: BodyLine[] = [];
  for await (const line of bodyLines(chunks, maxLineBytes)) out.push(line);
  return out;
}

/** The bytes cut into pieces of `size`, so boundaries fall inside lines and inside Arabic letters (two bytes each). */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe('bodyLines', () => {
  const body = Buffer.from('\uFEFF{"text":"بغداد"}\r\n\n  \n{"text":"القاهرة عاصمة مصر"}\n{"text":"دمشق"}', 'utf8');
  const expected = [
    { number: 1, text: '{"text":"بغداد"}' },
    { number: 4, text: '{"text":"القاهرة عاصمة مصر"}' },
    { number: 5, text: '{"text":"دمشق"}' },
  ];

  it.each([1, 2, 3, 7, 1000])('gives the same lines whatever the chunk size (%i bytes)', async (size) => {
    expect(await linesOf(pieces(body, size), 1000)).toEqual(expected);
  });

  it('gives a line over the limit as one null line, wherever the chunks fall, and goes on', async () => {
    const long = `{"text":"${'ب'.repeat(40)}"}`;
    const withLong = Buffer.from(`{"text":"ا"}\n${long}\n{"text":"ج"}\n${long}`, 'utf8');
    for (const size of [1, 5, 64, 4096]) {
      expect(await linesOf(pieces(withLong, size), 60)).toEqual([
        { number: 1, text: '{"text":"ا"}' },
        { number: 2, text: null },
        { number: 3, text: '{"text":"ج"}' },
        { number: 4, text: null },
      ]);
    }
  });

  it('takes a line of exactly the limit', async () => {
    const line = '{"text":"abc"}';
    expect(await linesOf([Buffer.from(`${line}\n`)], Buffer.byteLength(line))).toEqual([{ number: 1, text: line }]);
    expect(await linesOf([Buffer.from(`${line}\n`)], Buffer.byteLength(line) - 1)).toEqual([{ number: 1, text: null }]);
  });
});
