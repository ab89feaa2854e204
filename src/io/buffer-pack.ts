/**
 * A value made of JSON and typed arrays, as one buffer: a JSON header in which every typed array
 * is replaced by a reference, then the arrays' bytes, each 8-byte aligned. Unpacking makes views
 * on the buffer (no copy), so a few hundred megabytes of arrays load in the time of a file read.
 */

type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
const ARRAY_TYPES = { Int32Array, Uint32Array, Uint8Array, Float64Array } as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;

interface ArrayRef {
  readonly $array: ArrayTypeName;
  readonly offset: number;
  readonly length: number;
}

const HEADER_LENGTH_BYTES = 4;
const ALIGN = 8;
const aligned = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function typeName(value: TypedArray): ArrayTypeName {
  if (value instanceof Int32Array) return 'Int32Array';
  if (value instanceof Uint32Array) return 'Uint32Array';
  if (value instanceof Float64Array) return 'Float64Array';
  return 'Uint8Array';
}

export function pack(value: unknown): Buffer {
  const arrays: TypedArray[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, field: unknown) => {
    if (!(field instanceof Int32Array || field instanceof Uint32Array || field instanceof Uint8Array || field instanceof Float64Array)) return field;
    const ref: ArrayRef = { $array: typeName(field), offset, length: field.length };
    arrays.push(field);
    offset += aligned(field.byteLength);
    return ref;
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const start = aligned(HEADER_LENGTH_BYTES + headerBytes.length);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, HEADER_LENGTH_BYTES);
  let at = start;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += aligned(array.byteLength);
  }
  return out;
}

/** The packed value; its arrays are views on `bytes` (copied only if `bytes` is misaligned). */
export function unpack(bytes: Uint8Array<ArrayBuffer>): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + HEADER_LENGTH_BYTES, headerLength).toString('utf8');
  const start = bytes.byteOffset + aligned(HEADER_LENGTH_BYTES + headerLength);
  return JSON.parse(header, (_key, field: unknown) => {
    if (typeof field !== 'object' || field === null || !('$array' in field)) return field;
    const ref = field as ArrayRef;
    const type = ARRAY_TYPES[ref.$array];
    const byteOffset = start + ref.offset;
    if (byteOffset + ref.length * type.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) throw new RangeError('packed array past the end');
    if (byteOffset % type.BYTES_PER_ELEMENT === 0) return new type(bytes.buffer, byteOffset, ref.length);
    return new type(bytes.buffer.slice(byteOffset, byteOffset + ref.length * type.BYTES_PER_ELEMENT));
  });
}
