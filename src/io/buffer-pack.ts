/**
 * A value made of JSON and typed arrays, as one buffer: a JSON header in which every typed array
 * is replaced by a reference, then the arrays' bytes, each 8-byte aligned. Unpacking makes views
 * on the buffer (no copy), so a few hundred megabytes of arrays load in the time of a file read.
 * A long list of strings is stored the same way, as one block of UTF-16 text with the strings
 * joined by NUL: JSON.parse reads tens of thousands of Arabic strings about four times slower
 * than one block is decoded and split (the fuzzy index's 44,000 strings: ~25 ms against ~7). So
 * is a long string (a text that a StringTable indexes), decoded in one call.
 */

type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
const ARRAY_TYPES = { Int32Array, Uint32Array, Uint8Array, Float64Array } as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;

interface ArrayRef {
  readonly $array: ArrayTypeName;
  readonly offset: number;
  readonly length: number;
}

/** A long string: `$text` bytes of UTF-16LE at `offset`. */
interface TextRef {
  readonly $text: number;
  readonly offset: number;
}

/** A list of strings: `count` strings joined by NUL, `bytes` bytes of UTF-16LE at `offset`. */
interface StringsRef {
  readonly $strings: number;
  readonly offset: number;
  readonly bytes: number;
}

const HEADER_LENGTH_BYTES = 4;
const ALIGN = 8;
/** Shorter lists and strings stay in the header, where they can be read. */
const MIN_STRING_BLOCK = 64;
const MIN_TEXT_BLOCK = 4096;
const SEPARATOR = '\0';
const aligned = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function typeName(value: TypedArray): ArrayTypeName {
  if (value instanceof Int32Array) return 'Int32Array';
  if (value instanceof Uint32Array) return 'Uint32Array';
  if (value instanceof Float64Array) return 'Float64Array';
  return 'Uint8Array';
}

const isTypedArray = (field: unknown): field is TypedArray =>
  field instanceof Int32Array || field instanceof Uint32Array || field instanceof Uint8Array || field instanceof Float64Array;

/** A list long enough to be worth a block, whose strings the separator cannot cut wrongly. */
function isStringBlock(field: unknown): field is readonly string[] {
  return Array.isArray(field) && field.length >= MIN_STRING_BLOCK && field.every((item) => typeof item === 'string' && !item.includes(SEPARATOR));
}

export function pack(value: unknown): Buffer {
  const blocks: Uint8Array[] = [];
  let offset = 0;
  const place = (bytes: Uint8Array): number => {
    const at = offset;
    blocks.push(bytes);
    offset += aligned(bytes.byteLength);
    return at;
  };
  const header = JSON.stringify(value, (_key, field: unknown) => {
    if (isTypedArray(field)) {
      const bytes = new Uint8Array(field.buffer, field.byteOffset, field.byteLength);
      const ref: ArrayRef = { $array: typeName(field), length: field.length, offset: place(bytes) };
      return ref;
    }
    if (typeof field === 'string' && field.length >= MIN_TEXT_BLOCK) {
      const bytes = Buffer.from(field, 'utf16le');
      const ref: TextRef = { $text: bytes.byteLength, offset: place(bytes) };
      return ref;
    }
    if (isStringBlock(field)) {
      const bytes = Buffer.from(field.join(SEPARATOR), 'utf16le');
      const ref: StringsRef = { $strings: field.length, bytes: bytes.byteLength, offset: place(bytes) };
      return ref;
    }
    return field;
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const start = aligned(HEADER_LENGTH_BYTES + headerBytes.length);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, HEADER_LENGTH_BYTES);
  let at = start;
  for (const block of blocks) {
    out.set(block, at);
    at += aligned(block.byteLength);
  }
  return out;
}

/**
 * The packed value; its typed arrays are views on `bytes` (copied only if `bytes` is misaligned).
 * A reference past the end, or a block of strings that does not split into its count, throws.
 */
export function unpack(bytes: Uint8Array<ArrayBuffer>): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + HEADER_LENGTH_BYTES, headerLength).toString('utf8');
  const start = bytes.byteOffset + aligned(HEADER_LENGTH_BYTES + headerLength);
  const end = bytes.byteOffset + bytes.byteLength;
  return JSON.parse(header, (_key, field: unknown) => {
    if (typeof field !== 'object' || field === null) return field;
    if ('$array' in field) {
      const ref = field as ArrayRef;
      const type = ARRAY_TYPES[ref.$array];
      const byteOffset = start + ref.offset;
      if (byteOffset + ref.length * type.BYTES_PER_ELEMENT > end) throw new RangeError('packed array past the end');
      if (byteOffset % type.BYTES_PER_ELEMENT === 0) return new type(bytes.buffer, byteOffset, ref.length);
      return new type(bytes.buffer.slice(byteOffset, byteOffset + ref.length * type.BYTES_PER_ELEMENT));
    }
    if ('$text' in field) {
      const ref = field as TextRef;
      const byteOffset = start + ref.offset;
      if (byteOffset + ref.$text > end) throw new RangeError('packed text past the end');
      return Buffer.from(bytes.buffer, byteOffset, ref.$text).toString('utf16le');
    }
    if ('$strings' in field) {
      const ref = field as StringsRef;
      const byteOffset = start + ref.offset;
      if (byteOffset + ref.bytes > end) throw new RangeError('packed strings past the end');
      const strings = Buffer.from(bytes.buffer, byteOffset, ref.bytes).toString('utf16le').split(SEPARATOR);
      if (strings.length !== ref.$strings) throw new RangeError(`packed strings: ${strings.length} where ${ref.$strings} were written`);
      return strings;
    }
    return field;
  });
}
