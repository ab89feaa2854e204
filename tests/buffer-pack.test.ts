import { pack, unpack } from '../src/io/buffer-pack.js';

/** A fresh, aligned copy, as a file read gives. */
const asRead = (bytes: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

describe('packing values into one buffer', () => {
  const names = [...Array.from({ length: 100 }, (_, i) => `${['محمد', 'بغداد', 'جون كيري'][i % 3]}${i}`), '', 'القاهرة'];

  it('gives back lists of strings, typed arrays and the rest as they were', () => {
    const value = { names, short: ['الأمم', 'المتحدة'], counts: Float64Array.from([1.5, 2, 3]), ids: Int32Array.from([-1, 7]), flags: Uint8Array.from([1, 0]), nested: { words: [...names].reverse(), n: 3 } };
    const back = unpack(asRead(pack(value))) as typeof value;
    expect(back.names).toEqual(names);
    expect(back.nested).toEqual(value.nested);
    expect(back.short).toEqual(value.short);
    expect([...back.counts]).toEqual([1.5, 2, 3]);
    expect(back.ids).toBeInstanceOf(Int32Array);
    expect([...back.ids]).toEqual([-1, 7]);
    expect([...back.flags]).toEqual([1, 0]);
  });

  it('stores a long list of strings as one block of text, not in the JSON header', () => {
    const bytes = pack({ names });
    const headerLength = bytes.readUInt32LE(0);
    expect(bytes.subarray(4, 4 + headerLength).toString('utf8')).not.toContain('محمد');
    expect(Buffer.from(bytes).toString('utf16le', 0, bytes.length - (bytes.length % 2))).toContain('محمد');
  });

  it('stores a long string as a block of text too, and gives it back whole', () => {
    const text = 'القاهرة بغداد '.repeat(400);
    const bytes = pack({ text, short: 'القاهرة' });
    const header = bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8');
    expect(header).toContain('"short":"القاهرة"');
    expect(header.length).toBeLessThan(200);
    expect(unpack(asRead(bytes))).toEqual({ text, short: 'القاهرة' });
  });

  it('keeps strings holding the separator (NUL) in the header, where they survive', () => {
    const withNul = names.map((name, i) => (i === 3 ? 'a\0b' : name));
    expect((unpack(asRead(pack({ withNul }))) as { withNul: string[] }).withNul).toEqual(withNul);
  });

  it('refuses a block of strings that does not split into its count, or runs past the end', () => {
    const bytes = pack({ names });
    const headerLength = bytes.readUInt32LE(0);
    const header = bytes.subarray(4, 4 + headerLength).toString('utf8');
    const fewer = Buffer.from(bytes);
    expect(header).toContain(`"$strings":${names.length},`);
    fewer.write(header.replace(`"$strings":${names.length},`, `"$strings":${names.length + 1},`), 4, 'utf8');
    expect(() => unpack(asRead(fewer))).toThrow(RangeError);
    expect(() => unpack(asRead(bytes.subarray(0, bytes.length - 16)))).toThrow(RangeError);
  });
});
