import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candidate, Recognizer } from '../src/types.js';
import { decodeBytes } from '../src/io/decode.js';
import { annotateLargeFile, cutPoint } from '../src/io/large-file.js';
import { annotate, loadResources, type Resources } from '../src/pipeline/extract.js';
import { serializeAnnotation, serializeCompact } from '../src/output/annotation.js';
import { keyOf } from '../src/text/normalize.js';
import { openRunFolder } from '../src/io/run-folder.js';
import { ResumeLedger } from '../src/batch/resume.js';
import { processFile } from '../src/batch/process-file.js';
import { renderFile } from '../src/batch/render-file.js';
import type { FileJob } from '../src/batch/protocol.js';
import { offsetViolations, runCli, schemaErrors, tempDir } from './helpers.js';

const resources = loadResources();

/** Self-contained lines (no surname refers across lines), so chunking at lines changes nothing. */
const LINES = [
  'وصل وزير الخارجية الفرنسي إلى لندن يوم 12 مارس 2015 قادما من باريس.',
  'وقال مسؤول عراقي في بغداد إن 😀 الاجتماع سيعقد في القاهرة.',
  'The delegation met in Geneva on Monday.',
  'اجتمع ممثلو الأمم المتحدة في جنيف لبحث الأزمة السورية؛ وانتهى الاجتماع دون اتفاق.',
  '',
  'أعلنت وزارة الدفاع الأمريكية أن 30 جنديا وصلوا إلى الكويت في 3 يناير 2016.',
];

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The in-memory path: what a small file gets. */
function wholeFileJson(bytes: Uint8Array, id: string, source: string): string {
  const { text, encoding } = decodeBytes(bytes, source);
  return serializeAnnotation(annotate(text, { id, source, sha256: sha256(bytes), encoding }, resources));
}

describe('annotateLargeFile', () => {
  const dir = tempDir();

  it.each([
    ['UTF-8', (text: string) => Buffer.from(text)],
    ['UTF-16LE with BOM', (text: string) => Buffer.from('\uFEFF' + text, 'utf16le')],
    ['UTF-8 with CRLF and an invalid byte', (text: string) => Buffer.concat([Buffer.from(text.replace(/\n/g, '\r\n')), Buffer.from([0xff, 0x0a])])],
  ])('writes the same bytes in small chunks as the whole-file path (%s)', async (name, encode) => {
    const bytes = encode(Array.from({ length: 8 }, () => LINES.join('\n')).join('\n') + '\n');
    const path = join(dir, `${name}.txt`);
    writeFileSync(path, bytes);
    const whole = wholeFileJson(bytes, 'doc', 'doc.txt');
    expect(JSON.parse(whole).entities.length).toBeGreaterThan(30);
    for (const chunkChars of [200, 1000, 1 << 20]) {
      const target = join(dir, `${name}-${chunkChars}.json`);
      const result = await annotateLargeFile({ path, target, id: 'doc', source: 'doc.txt' }, resources, { chunkChars });
      const written = readFileSync(target, 'utf8');
      expect(written).toBe(whole);
      expect(result.inputSha256).toBe(sha256(bytes));
      expect(result.outputSha256).toBe(sha256(written));
    }
  });

  it('keeps the contract when chunks cut through sentences and words (offsets into the whole text)', async () => {
    const text = LINES.join(' ').repeat(6);
    const path = join(dir, 'one-line.txt');
    writeFileSync(path, text);
    for (const chunkChars of [7, 50, 333]) {
      const target = join(dir, `one-line-${chunkChars}.json`);
      await annotateLargeFile({ path, target, id: 'one', source: 'one-line.txt' }, resources, { chunkChars, documentDate: '2015-03-13' });
      const annotation = JSON.parse(readFileSync(target, 'utf8'));
      expect(schemaErrors(annotation)).toBe('');
      expect(offsetViolations(text, annotation.entities)).toEqual([]);
      expect(annotation.document).toMatchObject({ length: [...text].length, documentDate: '2015-03-13', sha256: sha256(text) });
      for (const entity of annotation.entities) expect(entity.id).toBe(`e${entity.start}-${entity.end}`);
    }
  });

  it('streams a ~20 MB file in bounded chunks with offsets into the whole raw text', async () => {
    // A cheap recogniser (every لندن) and lines padded with spaces keep this about the mechanism
    // (streaming, cutting, shifting, hashing), not about the recognisers' speed.
    const london = keyOf('لندن');
    let largestChunk = 0;
    const stub: Recognizer = {
      name: 'stub',
      recognize: ({ view, tokens }) => {
        largestChunk = Math.max(largestChunk, view.raw.length);
        return tokens
          .filter((token) => token.key === london)
          .map((token): Candidate => ({ type: 'LOCATION', start: token.start, end: token.end, source: 'gazetteer:test', confidence: 0.9 }));
      },
    };
    const stubbed: Resources = { ...resources, recognizers: [stub] };
    const padding = ' '.repeat(400);
    const expected: number[] = [];
    const lines: string[] = [];
    let codePoints = 0;
    for (let i = 0; codePoints < 20_000_000; i++) {
      // Every 9973rd line is long and has no line break, so some cuts fall at sentence ends or spaces.
      const line = i % 9973 === 0 ? `${'كلمة أخرى. '.repeat(10000)}لندن\n` : i % 40 === 0 ? `${i} 😀 زار الوفد لندن ثم عاد.${padding}\n` : `${i} سطر عادي بلا أسماء.${padding}\n`;
      const at = line.indexOf('لندن');
      if (at >= 0) expected.push(codePoints + [...line.slice(0, at)].length);
      codePoints += [...line].length;
      lines.push(line);
    }
    const text = lines.join('');
    const path = join(dir, 'big.txt');
    writeFileSync(path, text);
    const chunkChars = 64 * 1024;
    const target = join(dir, 'big.json');
    const result = await annotateLargeFile({ path, target, id: 'big', source: 'big.txt' }, stubbed, { chunkChars });
    expect(largestChunk).toBeLessThanOrEqual(chunkChars);
    const annotation = JSON.parse(readFileSync(target, 'utf8'));
    expect(annotation.document).toEqual({ id: 'big', source: 'big.txt', sha256: sha256(text), length: codePoints, encoding: 'utf-8' });
    expect(annotation.entities.map((e: { start: number }) => e.start)).toEqual(expected);
    expect(annotation.entities.every((e: { text: string; end: number; start: number }) => e.text === 'لندن' && e.end === e.start + 4)).toBe(true);
    expect(result.entityCounts.LOCATION).toBe(expected.length);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('stops between chunks when aborted and leaves no output or temporary file', async () => {
    const path = join(dir, 'abort.txt');
    writeFileSync(path, LINES.join('\n').repeat(50));
    const controller = new AbortController();
    controller.abort();
    const target = join(dir, 'abort.json');
    await expect(annotateLargeFile({ path, target, id: 'a', source: 'abort.txt' }, resources, { chunkChars: 500, signal: controller.signal })).rejects.toMatchObject({
      code: 'INTERRUPTED',
    });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.abort'))).toEqual([]);
  });

  it('refuses a binary file before writing anything', async () => {
    const path = join(dir, 'binary.txt');
    writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await expect(annotateLargeFile({ path, target: join(dir, 'binary.json'), id: 'b', source: 'binary.txt' }, resources)).rejects.toMatchObject({ code: 'INPUT_BINARY', file: path });
    expect(existsSync(join(dir, 'binary.json'))).toBe(false);
  });
});

describe('processFile routes large files to the chunked path', () => {
  /** The same document through processFile twice: whole (small.json), then as a large file (large.json). */
  async function smallAndLarge(format: 'json' | 'json-compact') {
    const dir = tempDir();
    const bytes = Buffer.from(LINES.join('\n').repeat(4));
    writeFileSync(join(dir, 'doc.txt'), bytes);
    const run = openRunFolder(dir);
    const ledger = ResumeLedger.open(dir, run.paths, 'test', (message: string) => {
      throw new Error(message);
    });
    let chunked = 0;
    const annotateLarge = async (path: string, target: string): ReturnType<typeof annotateLargeFile> => {
      chunked++;
      return annotateLargeFile({ path, target, id: 'doc', source: 'doc.txt' }, resources, { chunkChars: 300, ...(format === 'json-compact' ? { serialize: serializeCompact } : {}) });
    };
    const file = (name: string) => ({ path: join(dir, 'doc.txt'), target: join(dir, name), key: name, id: 'doc', source: 'doc.txt', sidecar: false });
    const settings = { options: {}, resume: false, ledger, temporaryFolder: run.paths.temporary, timeoutSeconds: 30, render: (job: FileJob) => renderFile(job, format, resources), annotateLarge };
    await processFile(file('small.json'), settings);
    const chunkedForSmall = chunked;
    await processFile(file('large.json'), { ...settings, largeFileBytes: 100 });
    run.release();
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { dir, bytes, ledger, chunkedForSmall, chunked, small: read('small.json'), large: read('large.json') };
  }

  it('gives the same file and ledger entry either way', async () => {
    const { dir, bytes, ledger, chunkedForSmall, chunked, small, large } = await smallAndLarge('json');
    expect(chunkedForSmall).toBe(0);
    expect(chunked).toBe(1);
    expect(small).toBe(wholeFileJson(bytes, 'doc', 'doc.txt'));
    expect(large).toBe(small);
    expect(await ledger.isCurrent('small.json', sha256(bytes), undefined)).toBe(true);
    expect(await ledger.isCurrent('large.json', sha256(bytes), undefined)).toBe(true);
    expect(await ledger.isCurrent('large.json', sha256(bytes), '2015-01-22')).toBe(false); // made without a date
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes --compact JSON the same either way: the values of the pretty file on one line', async () => {
    const { bytes, ledger, small, large } = await smallAndLarge('json-compact');
    expect(large).toBe(small);
    const pretty = wholeFileJson(bytes, 'doc', 'doc.txt');
    expect(small).toBe(JSON.stringify(JSON.parse(pretty)) + '\n');
    expect(small.length).toBeLessThan(pretty.length * 0.8);
    expect(await ledger.isCurrent('large.json', sha256(bytes), undefined)).toBe(true);
  });
});

describe('cutPoint', () => {
  it('prefers a line break, then a sentence end, then a space, in the second half', () => {
    expect(cutPoint('aaaa bbbb. cccc\ndddd eeee', 20)).toBe(16);
    expect(cutPoint('aaaa bbbb. cccc dddd eeee', 20)).toBe(11);
    expect(cutPoint('aaaa bbbb؟ cccc dddd eeee', 20)).toBe(11);
    expect(cutPoint('aaaa bbbb cccc dddd eeee', 20)).toBe(20);
    expect(cutPoint('aaaa bbbb cccc dddd eeee', 19)).toBe(15);
    expect(cutPoint('a\nbbbbbbbbbbbbbbbbbbbbbbbbbbb', 20)).toBe(20);
  });

  it('never splits a surrogate pair', () => {
    const text = 'x'.repeat(9) + '😀'.repeat(10);
    expect(cutPoint(text, 10)).toBe(9);
    expect(cutPoint(text, 11)).toBe(11);
  });
});

describe('arabic-ner extract --max-bytes', () => {
  it('refuses a file over the limit with its size and the limit, and annotates the rest', () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'big.txt'), 'زار الرئيس القاهرة.\n'.repeat(100));
    writeFileSync(join(input, 'small.txt'), 'زار الرئيس القاهرة.\n');
    const result = runCli(['extract', input, '--out', out, '--max-bytes', '1k']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/big\.txt: 3\.\d KiB \(3\d{3} bytes\) is over --max-bytes 1 KiB \(1024 bytes\): skipped$/m);
    expect(existsSync(join(out, 'small.json'))).toBe(true);
    expect(existsSync(join(out, 'big.json'))).toBe(false);
  });

  it.each(['0', 'lots', '-5', '1.5.3m'])('rejects --max-bytes %s as a usage error', (value) => {
    const result = runCli(['extract', 'corpus', '--out', tempDir(), '--max-bytes', value]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--max-bytes/);
  });
});
