import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ArabicNerError } from '../src/errors.js';
import { decodeBytes } from '../src/io/decode.js';
import { annotateLargeFile } from '../src/io/large-file.js';
import { annotate, loadResources } from '../src/pipeline/extract.js';
import type { Annotation } from '../src/types.js';
import { offsetViolations, schemaErrors, tempDir } from './helpers.js';

/**
 * The whole pipeline over random input: nothing throws, and every output keeps the contract
 * (schema, raw[start:end] == text, sort order, ids, coreference targets, country order).
 */

const resources = loadResources();

const char = (from: number, to: number): fc.Arbitrary<string> => fc.integer({ min: from, max: to }).map((code) => String.fromCodePoint(code));

/** Words the recognisers react to, so random text reaches their rules, not just the tokenizer. */
const WORDS = [
  'لندن', 'بغداد', 'القاهرة', 'باراك أوباما', 'أوباما', 'وزير الخارجية', 'الرئيس', 'الأمم المتحدة', 'يوم الخميس', 'الخميس القادم',
  '12 مارس 2015', '١٢ رمضان ١٤٤٥', 'الشهر الماضي', 'أمس', 'نحو 30 دولة', 'أكثر من ٢٠ دولة', 'البريطاني', 'و', 'ال', 'صحيفة', 'عمان', 'الشيخ',
];

const UNIT = fc.oneof(
  { weight: 6, arbitrary: char(0x0621, 0x064a) }, // Arabic letters
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(' ', ' ', '\n', '\r\n', '\t', '\u00a0', '.', '،', '؛', '؟', '«', '»', '-', '(') },
  { weight: 1, arbitrary: char(0x064b, 0x0652) }, // harakat
  { weight: 1, arbitrary: fc.constantFrom('\u0640', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202e', '\u2066', '\u2069', '\ufeff', '\u061c') },
  { weight: 1, arbitrary: char(0x0000, 0x001f) }, // control characters
  { weight: 1, arbitrary: char(0xd800, 0xdfff) }, // lone surrogates
  { weight: 1, arbitrary: fc.constantFrom('😀', '👨‍👩‍👧', '𞸀', '𝐀', '🇮🇶') }, // astral, ZWJ sequences, flags
  { weight: 1, arbitrary: char(0xfb50, 0xfdff) }, // presentation forms A
  { weight: 1, arbitrary: char(0xfe70, 0xfefc) }, // presentation forms B
  { weight: 1, arbitrary: char(0x0660, 0x0669) }, // Arabic-Indic digits
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }, // anything at all
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
);

const TEXT = fc.string({ unit: UNIT, maxLength: 80 });

function contractViolations(raw: string, annotation: Annotation): string[] {
  const problems = offsetViolations(raw, annotation.entities);
  const schema = schemaErrors(annotation);
  if (schema) problems.push(`schema: ${schema}`);
  if (annotation.document.length !== [...raw].length) problems.push(`length ${annotation.document.length} for ${[...raw].length} code points`);
  const ids = new Set<string>();
  for (const entity of annotation.entities) {
    if (entity.id !== `e${entity.start}-${entity.end}`) problems.push(`id ${entity.id} at ${entity.start}-${entity.end}`);
    if (entity.coref !== undefined && !ids.has(entity.coref)) problems.push(`${entity.id} refers to ${entity.coref}, not an earlier entity`);
    ids.add(entity.id);
  }
  const codes = annotation.countries.map((country) => country.code);
  if (codes.join() !== [...codes].sort().join()) problems.push(`countries not sorted: ${codes.join()}`);
  return problems;
}

function annotateText(text: string, documentDate?: string): Annotation {
  return annotate(text, { id: 'fuzz', source: 'fuzz.txt', sha256: '0'.repeat(64), encoding: 'utf-8' }, resources, documentDate ? { documentDate } : {});
}

describe('fuzz: the pipeline over random Unicode', () => {
  it('never throws and always keeps the output contract', () => {
    fc.assert(
      fc.property(TEXT, fc.option(fc.constantFrom('2015-03-12', '2024-02-29', '1999-12-31'), { nil: undefined }), (text, documentDate) => {
        expect(contractViolations(text, annotateText(text, documentDate))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('turns random bytes into a named refusal or a valid annotation', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), TEXT.map((text) => Buffer.from(text, 'utf16le')), TEXT.map((text) => Buffer.from(text))), (bytes) => {
        let text: string;
        try {
          text = decodeBytes(bytes, 'fuzz.txt').text;
        } catch (error) {
          expect(error).toBeInstanceOf(ArabicNerError);
          expect(['INPUT_BINARY', 'INPUT_ENCODING']).toContain((error as ArabicNerError).code);
          expect((error as ArabicNerError).file).toBe('fuzz.txt');
          return;
        }
        expect(contractViolations(text, annotateText(text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the contract when random text is annotated in random small chunks', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: UNIT, minLength: 20, maxLength: 200 }), fc.integer({ min: 2, max: 64 }), async (text, chunkChars) => {
        const path = join(dir, 'fuzz.txt');
        writeFileSync(path, text);
        const bytes = readFileSync(path);
        let raw: string;
        try {
          raw = decodeBytes(bytes).text; // lone surrogates were written as U+FFFD
        } catch {
          return; // refused input (e.g. mostly control characters) has no annotation to check
        }
        await annotateLargeFile({ path, target: join(dir, 'fuzz.json'), id: 'fuzz', source: 'fuzz.txt' }, resources, { chunkChars });
        expect(contractViolations(raw, JSON.parse(readFileSync(join(dir, 'fuzz.json'), 'utf8')))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
