import { ArabicNerError } from '../errors.js';

/** Bytes -> text. UTF-8 (a BOM is dropped, as it is not text); invalid or binary input is an error. */

export interface DecodedText {
  readonly text: string;
  readonly encoding: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeBytes(bytes: Uint8Array, file?: string): DecodedText {
  if (bytes.includes(0)) throw new ArabicNerError('INPUT_BINARY', 'binary file (NUL bytes): skipped', fileOption(file));
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  } catch (cause) {
    throw new ArabicNerError('INPUT_ENCODING', `not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)})`, { ...fileOption(file), cause });
  }
}

function fileOption(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
