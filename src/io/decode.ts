import { isUtf8 } from 'node:buffer';
import { ArabicNerError } from '../errors.js';

/**
 * Bytes -> text, with the encoding detected from the bytes alone. The policy, in order:
 *
 * 1. Empty input is UTF-8 (an empty document).
 * 2. A byte order mark decides: EF BB BF utf-8, FF FE utf-16le, FE FF utf-16be. The BOM is not
 *    text: offsets index the text after it, and the label says `(BOM removed)`.
 * 3. NUL bytes mean UTF-16 without a BOM when they all sit on one byte parity (even length),
 *    and a binary file otherwise. More than 5% C0 control bytes (other than tab, line feed,
 *    vertical tab, form feed, carriage return) also mean a binary file. Binary files are
 *    refused (INPUT_BINARY) so the batch can skip them with a message.
 * 4. Valid UTF-8 is utf-8.
 * 5. Invalid UTF-8 that is mostly UTF-8 (at least 4 valid multi-byte sequences per invalid one,
 *    or a UTF-8 BOM) is decoded with each invalid sequence replaced by one U+FFFD, as the WHATWG
 *    decoder does; the label says how many: `utf-8 (3 invalid byte sequences replaced by
 *    U+FFFD)`. Offsets index that decoded text, where each U+FFFD is one code point.
 * 6. Otherwise the bytes are read as a single-byte Arabic code page: iso-8859-6 when every byte
 *    is assigned there (no 0x80-0x9F, none of its holes), else windows-1256; when both fit, the
 *    one whose decoding has the larger share of Arabic letters wins (windows-1256 on a tie).
 *    The result must look Arabic (at least half of its non-ASCII letters Arabic, and at most 20%
 *    of the high bytes inside Latin words), else the file is refused (INPUT_ENCODING) rather
 *    than decoded into mojibake, e.g. Latin-1 French.
 *
 * Detection is streamable (EncodingSniffer), so a large file gets the same answer as when it
 * is decoded whole.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'iso-8859-6';

export interface EncodingDecision {
  readonly encoding: Encoding;
  /** What `document.encoding` records: the encoding plus notes on BOM and replacements. */
  readonly label: string;
}

export interface DecodedText {
  readonly text: string;
  /** The decision's label. */
  readonly encoding: string;
}

const MAX_CONTROL_SHARE = 0.05;
const MIN_UTF16_NUL_SHARE = 0.05;
const MIN_VALID_PER_INVALID_UTF8 = 4;
const MIN_ARABIC_LETTER_SHARE = 0.5;
const MAX_HIGH_BY_LATIN_SHARE = 0.2;

type Bom = Extract<Encoding, 'utf-8' | 'utf-16le' | 'utf-16be'>;

/** Collects what detection needs, chunk by chunk: byte counts, NUL parity and a UTF-8 validator. */
export class EncodingSniffer {
  private total = 0;
  private readonly head: number[] = [];
  private readonly histogram = new Float64Array(256);
  private nulEven = 0;
  private nulOdd = 0;
  /** High bytes touching an ASCII letter: common in Latin-1 words (café), rare in Arabic. */
  private highByLatin = 0;
  private previous = 0x20;
  private readonly utf8 = new Utf8Validator();

  update(chunk: Uint8Array): void {
    const histogram = this.histogram;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      histogram[byte]! += 1;
      if (byte === 0) {
        if ((this.total + i) % 2 === 0) this.nulEven++;
        else this.nulOdd++;
      }
      if ((byte >= 0x80 && isAsciiLetter(this.previous)) || (this.previous >= 0x80 && isAsciiLetter(byte))) this.highByLatin++;
      this.previous = byte;
      this.utf8.push(byte, this.total + i);
    }
    for (let i = 0; this.head.length < 3 && i < chunk.length; i++) this.head.push(chunk[i] as number);
    this.total += chunk.length;
  }

  /** The decision over all bytes seen; throws INPUT_BINARY or INPUT_ENCODING naming the file. */
  decide(file?: string): EncodingDecision {
    if (this.total === 0) return { encoding: 'utf-8', label: 'utf-8' };
    const bom = this.bom();
    if (bom === 'utf-16le' || bom === 'utf-16be') return { encoding: bom, label: `${bom} (BOM removed)` };
    const nuls = this.nulEven + this.nulOdd;
    if (bom === undefined && nuls > 0) {
      const utf16 = this.bomlessUtf16();
      if (utf16) return { encoding: utf16, label: utf16 };
      throw new ArabicNerError('INPUT_BINARY', `binary file (${nuls} NUL bytes): skipped`, fileOption(file));
    }
    const controls = this.controlBytes();
    if (controls > this.total * MAX_CONTROL_SHARE) {
      const percent = Math.round((100 * controls) / this.total);
      throw new ArabicNerError('INPUT_BINARY', `binary file (${percent}% control bytes): skipped`, fileOption(file));
    }
    const { invalid, multibyte, firstInvalid } = this.utf8.finish();
    const bomNote = bom === 'utf-8' ? ['BOM removed'] : [];
    if (invalid === 0) return utf8Decision(bomNote);
    if (bom === 'utf-8' || multibyte >= invalid * MIN_VALID_PER_INVALID_UTF8) {
      return utf8Decision([...bomNote, `${invalid} invalid byte sequence${invalid === 1 ? '' : 's'} replaced by U+FFFD`]);
    }
    const codePage = this.arabicCodePage();
    if (codePage) return { encoding: codePage, label: codePage };
    const hex = firstInvalid.byte.toString(16).toUpperCase().padStart(2, '0');
    throw new ArabicNerError(
      'INPUT_ENCODING',
      `not UTF-8 (invalid byte 0x${hex} at offset ${firstInvalid.offset}) and not Arabic windows-1256 or iso-8859-6: convert it to UTF-8`,
      fileOption(file),
    );
  }

  private bom(): Bom | undefined {
    const [a, b, c] = this.head;
    if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
    if (a === 0xff && b === 0xfe) return 'utf-16le';
    if (a === 0xfe && b === 0xff) return 'utf-16be';
    return undefined;
  }

  /** UTF-16 without a BOM: ASCII and Arabic text has NULs in the high bytes only (spaces, digits, Latin). */
  private bomlessUtf16(): 'utf-16le' | 'utf-16be' | undefined {
    if (this.total % 2 !== 0) return undefined;
    const minimum = (this.total / 2) * MIN_UTF16_NUL_SHARE;
    if (this.nulEven === 0 && this.nulOdd >= minimum) return 'utf-16le';
    if (this.nulOdd === 0 && this.nulEven >= minimum) return 'utf-16be';
    return undefined;
  }

  private controlBytes(): number {
    let count = this.histogram[0x7f] ?? 0;
    for (let byte = 0x01; byte < 0x20; byte++) if (!TEXT_CONTROLS.has(byte)) count += this.histogram[byte] ?? 0;
    return count;
  }

  private arabicCodePage(): 'windows-1256' | 'iso-8859-6' | undefined {
    const windows = this.letterCounts(codePageTable('windows-1256'));
    const iso = this.letterCounts(codePageTable('iso-8859-6'));
    const best = iso.fits && share(iso) > share(windows) ? { name: 'iso-8859-6' as const, counts: iso } : { name: 'windows-1256' as const, counts: windows };
    const highBytes = this.histogram.subarray(0x80).reduce((sum, count) => sum + count, 0);
    const looksArabic = best.counts.arabic > 0 && share(best.counts) >= MIN_ARABIC_LETTER_SHARE && this.highByLatin <= highBytes * MAX_HIGH_BY_LATIN_SHARE;
    return looksArabic ? best.name : undefined;
  }

  private letterCounts(table: readonly ByteClass[]): LetterCounts {
    const counts = { arabic: 0, other: 0, fits: true };
    for (let byte = 0x80; byte < 0x100; byte++) {
      const seen = this.histogram[byte] ?? 0;
      if (seen === 0) continue;
      const kind = table[byte - 0x80];
      if (kind === 'arabic') counts.arabic += seen;
      else if (kind === 'letter') counts.other += seen;
      else if (kind === 'unassigned') counts.fits = false;
    }
    return counts;
  }

}

interface LetterCounts {
  arabic: number;
  other: number;
  fits: boolean;
}

function share(counts: LetterCounts): number {
  const letters = counts.arabic + counts.other;
  return letters === 0 ? 0 : counts.arabic / letters;
}

function utf8Decision(notes: string[]): EncodingDecision {
  return { encoding: 'utf-8', label: notes.length === 0 ? 'utf-8' : `utf-8 (${notes.join('; ')})` };
}

function isAsciiLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

type ByteClass = 'arabic' | 'letter' | 'other' | 'unassigned';
const codePageTables = new Map<string, ByteClass[]>();

/** How each high byte 0x80-0xFF of a code page decodes: an Arabic letter, another letter, other, or nothing. */
function codePageTable(encoding: 'windows-1256' | 'iso-8859-6'): ByteClass[] {
  let table = codePageTables.get(encoding);
  if (!table) {
    const decoder = new TextDecoder(encoding, { fatal: true });
    table = [];
    for (let byte = 0x80; byte < 0x100; byte++) {
      let char: string;
      try {
        char = decoder.decode(new Uint8Array([byte]));
      } catch {
        table.push('unassigned');
        continue;
      }
      // C1 controls are assigned in iso-8859-6 but never text; they rule the code page out too.
      if (/\p{Cc}/u.test(char)) table.push('unassigned');
      else table.push(/\p{Script=Arabic}/u.test(char) && /\p{L}/u.test(char) ? 'arabic' : /\p{L}/u.test(char) ? 'letter' : 'other');
    }
    codePageTables.set(encoding, table);
  }
  return table;
}

interface InvalidByte {
  readonly offset: number;
  readonly byte: number;
}

/** The WHATWG UTF-8 decoder's state machine, counting errors (= U+FFFD it would emit) without decoding. */
class Utf8Validator {
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private sequenceStart = 0;
  private sequenceLead = 0;
  private invalid = 0;
  private multibyte = 0;
  private firstInvalid: InvalidByte | undefined;

  push(byte: number, offset: number): void {
    if (this.needed === 0) {
      if (byte < 0x80) return;
      this.sequenceStart = offset;
      this.sequenceLead = byte;
      if (byte >= 0xc2 && byte <= 0xdf) this.needed = 1;
      else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) this.lower = 0xa0;
        if (byte === 0xed) this.upper = 0x9f;
        this.needed = 2;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) this.lower = 0x90;
        if (byte === 0xf4) this.upper = 0x8f;
        this.needed = 3;
      } else this.error(offset, byte);
      return;
    }
    if (byte < this.lower || byte > this.upper) {
      this.reset();
      this.error(this.sequenceStart, this.sequenceLead);
      this.push(byte, offset); // the byte starts afresh, as in the WHATWG algorithm
      return;
    }
    this.lower = 0x80;
    this.upper = 0xbf;
    if (++this.seen === this.needed) {
      this.multibyte++;
      this.reset();
    }
  }

  /** Totals so far, counting a sequence cut off by the end of input as invalid. */
  finish(): { invalid: number; multibyte: number; firstInvalid: InvalidByte } {
    const truncated: InvalidByte | undefined = this.needed !== 0 ? { offset: this.sequenceStart, byte: this.sequenceLead } : undefined;
    const firstInvalid = this.firstInvalid ?? truncated ?? { offset: -1, byte: 0 };
    return { invalid: this.invalid + (truncated ? 1 : 0), multibyte: this.multibyte, firstInvalid };
  }

  private reset(): void {
    this.needed = 0;
    this.seen = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  private error(offset: number, byte: number): void {
    this.invalid++;
    this.firstInvalid ??= { offset, byte };
  }
}

/** Offset of the first byte that breaks UTF-8 (the length when none does). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const validator = new Utf8Validator();
  for (let i = 0; i < bytes.length; i++) validator.push(bytes[i] as number, i);
  const { invalid, firstInvalid } = validator.finish();
  return invalid === 0 ? bytes.length : firstInvalid.offset;
}

/** A streaming decoder for a decision: feed chunks in order, then call end(). */
export interface ChunkDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
}

export function createChunkDecoder(decision: EncodingDecision, file?: string): ChunkDecoder {
  // UTF-16 has no replacement policy: a broken surrogate pair or an odd byte count is refused.
  const fatal = decision.encoding === 'utf-16le' || decision.encoding === 'utf-16be';
  const decoder = new TextDecoder(decision.encoding, { fatal, ignoreBOM: false });
  const run = (decode: () => string): string => {
    try {
      return decode();
    } catch (cause) {
      throw new ArabicNerError('INPUT_ENCODING', `invalid ${decision.encoding} (unpaired surrogate or odd byte count)`, { ...fileOption(file), cause });
    }
  };
  return {
    decode: (chunk) => run(() => decoder.decode(chunk, { stream: true })),
    end: () => run(() => decoder.decode()),
  };
}

/** C0 controls that are not text (tab, line feed, vertical tab, form feed, return are), and DEL. */
const NON_TEXT_CONTROL = /[\x01-\x08\x0e-\x1f\x7f]/g;

/**
 * The common case without the byte-by-byte sniffer: valid UTF-8 (checked natively) with no NUL
 * byte. Only the control-byte rule can still refuse it, and in valid UTF-8 every control byte is
 * one control character of the text, so they are counted there. Undefined when the policy needs
 * the full sniffer (NULs: UTF-16 or binary; invalid UTF-8).
 */
function decodeValidUtf8(bytes: Uint8Array, file: string | undefined): DecodedText | undefined {
  if (bytes.length === 0 || bytes.indexOf(0) >= 0 || !isUtf8(bytes)) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const controls = text.match(NON_TEXT_CONTROL)?.length ?? 0;
  if (controls > bytes.length * MAX_CONTROL_SHARE) {
    const percent = Math.round((100 * controls) / bytes.length);
    throw new ArabicNerError('INPUT_BINARY', `binary file (${percent}% control bytes): skipped`, fileOption(file));
  }
  return { text, encoding: utf8Decision(bom ? ['BOM removed'] : []).label };
}

/** Decodes a whole input; throws ArabicNerError (INPUT_BINARY, INPUT_ENCODING) with the file. */
export function decodeBytes(bytes: Uint8Array, file?: string): DecodedText {
  return decodeValidUtf8(bytes, file) ?? decodeSniffed(bytes, file);
}

/** The whole policy, byte by byte (what decodeBytes falls back to; exported to test that both agree). */
export function decodeSniffed(bytes: Uint8Array, file?: string): DecodedText {
  const sniffer = new EncodingSniffer();
  sniffer.update(bytes);
  const decision = sniffer.decide(file);
  const decoder = createChunkDecoder(decision, file);
  return { text: decoder.decode(bytes) + decoder.end(), encoding: decision.label };
}

function fileOption(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}
