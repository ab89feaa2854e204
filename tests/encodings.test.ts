import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ArabicNerError } from '../src/errors.js';
import { createChunkDecoder, decodeBytes, decodeSniffed, EncodingSniffer } from '../src/io/decode.js';
import { offsetViolations, runCli, schemaErrors, tempDir } from './helpers.js';

const ARABIC = 'قال الرئيس الفرنسي في لندن يوم الخميس إن "الحكومة" ستعمل؛ وأضاف: نحن هنا؟\nوزار بغداد.\n';

/** Encodes text in a single-byte code page (the inverse of its TextDecoder table). */
function encodeCodePage(text: string, encoding: 'windows-1256' | 'iso-8859-6'): Buffer {
  const byChar = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let byte = 0; byte < 256; byte++) byChar.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from([...text].map((char) => {
    const byte = byChar.get(char);
    if (byte === undefined) throw new Error(`${encoding} has no ${char}`);
    return byte;
  }));
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function errorOf(run: () => unknown): ArabicNerError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArabicNerError) return error;
    throw error;
  }
  throw new Error('expected an ArabicNerError');
}

describe('decodeBytes: encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(ARABIC), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from('\uFEFF' + ARABIC), 'utf-8 (BOM removed)'],
    ['UTF-16LE with BOM', Buffer.from('\uFEFF' + ARABIC, 'utf16le'), 'utf-16le (BOM removed)'],
    ['UTF-16BE with BOM', utf16be('\uFEFF' + ARABIC), 'utf-16be (BOM removed)'],
    ['UTF-16LE without BOM', Buffer.from(ARABIC, 'utf16le'), 'utf-16le'],
    ['UTF-16BE without BOM', utf16be(ARABIC), 'utf-16be'],
    ['Windows-1256', encodeCodePage(ARABIC, 'windows-1256'), 'windows-1256'],
    ['Windows-1256 with curly quotes and 0x80-0x9F letters', encodeCodePage('“پاکستان” ' + ARABIC, 'windows-1256'), 'windows-1256'],
    ['ISO-8859-6', encodeCodePage(ARABIC.replace(/"/g, ''), 'iso-8859-6'), 'iso-8859-6'],
  ])('%s is detected, decoded and labelled', (_name, bytes, label) => {
    const decoded = decodeBytes(bytes, 'doc.txt');
    expect(decoded.encoding).toBe(label);
    expect(decoded.text.endsWith(ARABIC.replace(/"/g, label === 'iso-8859-6' ? '' : '"'))).toBe(true);
    expect(decoded.text.startsWith('\uFEFF')).toBe(false);
  });

  it('reads empty and whitespace-only input as empty UTF-8 text', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
    expect(decodeBytes(Buffer.from(' \n\t\r\n '))).toEqual({ text: ' \n\t\r\n ', encoding: 'utf-8' });
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8 (BOM removed)' });
  });
});

describe('decodeBytes: invalid UTF-8 policy', () => {
  it('replaces each invalid sequence of mostly-UTF-8 text by one U+FFFD and says how many', () => {
    const bytes = Buffer.concat([Buffer.from('زار لندن '), Buffer.from([0xff]), Buffer.from(' وباريس '), Buffer.from([0xd9])]);
    const decoded = decodeBytes(bytes, 'doc.txt');
    expect(decoded.encoding).toBe('utf-8 (2 invalid byte sequences replaced by U+FFFD)');
    expect(decoded.text).toBe('زار لندن \uFFFD وباريس \uFFFD');
  });

  it('counts replacements exactly as the WHATWG decoder makes them, however the bytes are split', () => {
    const interesting = fc.constantFrom(0x41, 0x20, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xd8, 0xd9, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    fc.assert(
      fc.property(fc.array(interesting, { maxLength: 24 }), fc.nat(24), (array, split) => {
        const bytes = Uint8Array.from(array);
        const whole = new EncodingSniffer();
        whole.update(bytes);
        const parts = new EncodingSniffer();
        parts.update(bytes.subarray(0, split));
        parts.update(bytes.subarray(split));
        const outcome = (sniffer: EncodingSniffer): string => {
          try {
            return sniffer.decide().label;
          } catch (error) {
            return (error as ArabicNerError).code;
          }
        };
        expect(outcome(parts)).toBe(outcome(whole));
        const label = outcome(whole);
        const replaced = /^utf-8 \((\d+) invalid/.exec(label);
        if (replaced) {
          const text = new TextDecoder().decode(bytes);
          expect([...text].filter((c) => c === '\uFFFD').length).toBe(Number(replaced[1]));
          expect(decodeBytes(bytes).text).toBe(text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses Latin-1 text rather than reading it as an Arabic code page, naming the file and byte', () => {
    const error = errorOf(() => decodeBytes(Buffer.from('Le café était très bon à Genève.', 'latin1'), 'fr.txt'));
    expect(error.code).toBe('INPUT_ENCODING');
    expect(error.file).toBe('fr.txt');
    expect(error.message).toMatch(/invalid byte 0xE9 at offset 6.*convert it to UTF-8/);
  });

  it('refuses broken UTF-16 (odd length after a BOM)', () => {
    const error = errorOf(() => decodeBytes(Buffer.concat([Buffer.from('\uFEFFنص', 'utf16le'), Buffer.from([0x41])]), 'odd.txt'));
    expect(error.code).toBe('INPUT_ENCODING');
    expect(error.message).toMatch(/invalid utf-16le/);
  });
});

describe('decodeBytes: binary files', () => {
  it.each([
    ['a ZIP header', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00]), /binary file \(\d+ NUL bytes\): skipped/],
    ['a PNG header', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /binary file/],
    ['control bytes without NULs', Buffer.from(Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41))), /binary file \(\d+% control bytes\)/],
  ])('refuses %s as binary, naming the file', (_name, bytes, message) => {
    const error = errorOf(() => decodeBytes(bytes, 'x.txt'));
    expect(error.code).toBe('INPUT_BINARY');
    expect(error.file).toBe('x.txt');
    expect(error.message).toMatch(message);
  });

  it('gives a streaming decoder the same text as a whole decode', () => {
    const bytes = Buffer.from('\uFEFF' + ARABIC + '😀', 'utf16le');
    const sniffer = new EncodingSniffer();
    sniffer.update(bytes);
    const decoder = createChunkDecoder(sniffer.decide());
    let text = '';
    for (let i = 0; i < bytes.length; i += 3) text += decoder.decode(bytes.subarray(i, i + 3));
    expect(text + decoder.end()).toBe(decodeBytes(bytes).text);
  });
});

describe('arabic-ner extract: encodings end to end', () => {
  const input = tempDir();
  const out = tempDir();
  const files: Record<string, Buffer> = {
    'utf8.txt': Buffer.from(ARABIC),
    'utf8-bom.txt': Buffer.from('\uFEFF' + ARABIC),
    'utf16le.txt': Buffer.from('\uFEFF' + ARABIC, 'utf16le'),
    'utf16be.txt': utf16be('\uFEFF' + ARABIC),
    'cp1256.txt': encodeCodePage(ARABIC, 'windows-1256'),
    'iso8859-6.txt': encodeCodePage(ARABIC.replace(/"/g, ''), 'iso-8859-6'),
    'broken.txt': Buffer.concat([Buffer.from(ARABIC), Buffer.from([0xc3, 0x28])]),
    'empty.txt': Buffer.alloc(0),
    'blank.txt': Buffer.from('  \n\n\t \n'),
    'image.txt': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(input, name), bytes);
  const result = runCli(['extract', input, '--out', out]);

  it('annotates every text file, records its encoding and skips the binary one with a message', () => {
    expect(result.stderr).toMatch(/image\.txt: binary file \(.*\): skipped$/m);
    expect(result.status).toBe(1);
    const encodingOf = (name: string): string => JSON.parse(readFileSync(join(out, name.replace('.txt', '.json')), 'utf8')).document.encoding;
    expect(encodingOf('utf8.txt')).toBe('utf-8');
    expect(encodingOf('utf8-bom.txt')).toBe('utf-8 (BOM removed)');
    expect(encodingOf('utf16le.txt')).toBe('utf-16le (BOM removed)');
    expect(encodingOf('utf16be.txt')).toBe('utf-16be (BOM removed)');
    expect(encodingOf('cp1256.txt')).toBe('windows-1256');
    expect(encodingOf('iso8859-6.txt')).toBe('iso-8859-6');
    expect(encodingOf('broken.txt')).toBe('utf-8 (1 invalid byte sequence replaced by U+FFFD)');
  });

  it('finds the same entities whatever the encoding, with offsets into the decoded text', () => {
    const reference = JSON.parse(readFileSync(join(out, 'utf8.json'), 'utf8'));
    expect(reference.entities.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['لندن', 'بغداد']));
    for (const name of ['utf8-bom', 'utf16le', 'utf16be', 'cp1256', 'broken']) {
      const annotation = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      expect(schemaErrors(annotation)).toBe('');
      expect(annotation.entities).toEqual(reference.entities);
      expect(offsetViolations(decodeBytes(files[`${name}.txt`] ?? Buffer.alloc(0)).text, annotation.entities)).toEqual([]);
    }
  });

  it('gives empty and whitespace-only files a valid empty annotation', () => {
    for (const name of ['empty', 'blank']) {
      const annotation = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      expect(schemaErrors(annotation)).toBe('');
      expect(annotation.entities).toEqual([]);
      expect(annotation.countries).toEqual([]);
      expect(annotation.document.length).toBe(name === 'empty' ? 0 : 7);
    }
  });
});

describe('decodeBytes: the valid UTF-8 fast path', () => {
  /** What a decode gives: the text and label, or the error code and message. */
  const outcome = (decode: () => { text: string; encoding: string }): string => {
    try {
      const { text, encoding } = decode();
      return `${encoding}\n${text}`;
    } catch (error) {
      return error instanceof ArabicNerError ? `${error.code}: ${error.message}` : String(error);
    }
  };
  const pieces = ['قال الوزير', ' ', '\n', '\r\n', '\t', '\u0001', '\u0007', '\u001b', '\u007f', '\u000b', '\f', 'abc', '١٢٣', '😀', '\u00a0', '\ufeff'];

  it('agrees with the byte-by-byte policy on text, labels and refusals', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (bom, parts) => {
        const bytes = Buffer.from((bom ? '\ufeff' : '') + parts.join(''), 'utf8');
        return outcome(() => decodeBytes(bytes, 'x.txt')) === outcome(() => decodeSniffed(bytes, 'x.txt'));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('refuses text that is mostly control characters, naming the share', () => {
    const bytes = Buffer.from('ab\u0001\u0002\u0003\u0004', 'utf8');
    expect(outcome(() => decodeBytes(bytes, 'x.txt'))).toBe('INPUT_BINARY: binary file (67% control bytes): skipped');
  });
});
