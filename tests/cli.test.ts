import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, listFiles, offsetViolations, runCli, schemaErrors, tempDir } from './helpers.js';

describe('arabic-ner extract on the corpus', () => {
  const out = tempDir();
  const first = runCli(['extract', CORPUS, '--out', out]);

  it('exits 0 and writes one schema-valid file per document', () => {
    expect(first.status).toBe(0);
    const files = listFiles(out).filter((f) => !f.startsWith('.'));
    expect(files).toEqual(listFiles(CORPUS).map((f) => f.replace(/\.txt$/, '.json')));
    for (const file of files) {
      const annotation = JSON.parse(readFileSync(join(out, file), 'utf8'));
      expect(schemaErrors(annotation)).toBe('');
    }
  });

  it('keeps raw[start:end] == text and sort order for every entity', () => {
    for (const file of listFiles(out).filter((f) => !f.startsWith('.'))) {
      const annotation = JSON.parse(readFileSync(join(out, file), 'utf8'));
      const raw = readFileSync(join(CORPUS, file.replace(/\.json$/, '.txt')), 'utf8');
      expect(annotation.entities.length).toBeGreaterThan(0);
      expect(offsetViolations(raw, annotation.entities)).toEqual([]);
      expect(annotation.document.length).toBe([...raw].length);
    }
  });

  it('prints a one-line summary and writes a run manifest outside the documents', () => {
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/^arabic-ner: 5 documents, PERSON \d+, LOCATION \d+, ORGANIZATION \d+, DATE \d+, COUNTRY_COUNT \d+; 0 failed; [\d.]+ s\n$/);
    const manifest = JSON.parse(readFileSync(join(out, '.arabic-ner', 'run.json'), 'utf8'));
    expect(manifest.documents).toBe(5);
  });

  it('gives byte-identical files on a second run', () => {
    const again = tempDir();
    expect(runCli(['extract', CORPUS, '--out', again]).status).toBe(0);
    for (const file of listFiles(out).filter((f) => !f.startsWith('.'))) {
      expect(readFileSync(join(again, file))).toEqual(readFileSync(join(out, file)));
    }
  });
});

describe('arabic-ner extract --compact', () => {
  it('writes the same values as the pretty run, one line per file', () => {
    const pretty = tempDir();
    const compact = tempDir();
    expect(runCli(['extract', CORPUS, '--out', pretty]).status).toBe(0);
    expect(runCli(['extract', CORPUS, '--out', compact, '--compact', '--jobs', '2']).status).toBe(0);
    const files = listFiles(pretty).filter((f) => !f.startsWith('.'));
    expect(listFiles(compact).filter((f) => !f.startsWith('.'))).toEqual(files);
    for (const file of files) {
      const prettyText = readFileSync(join(pretty, file), 'utf8');
      const compactText = readFileSync(join(compact, file), 'utf8');
      expect(compactText).toBe(JSON.stringify(JSON.parse(prettyText)) + '\n');
      expect(compactText.length).toBeLessThan(prettyText.length * 0.8);
    }
  });

  it('applies to stdin too', () => {
    const result = runCli(['extract', '-', '--compact'], 'زار الرئيس القاهرة.');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual([expect.stringContaining('"text":"القاهرة"'), '']);
  });
});

describe('arabic-ner extract: stdin mode', () => {
  it('reads one document and writes only its JSON to stdout', () => {
    const text = '😀 وصل وزير الخارجية إلى لندن قادما من باريس.';
    const result = runCli(['extract', '-', '--id', 'note'], text);
    expect(result.status).toBe(0);
    const annotation = JSON.parse(result.stdout);
    expect(schemaErrors(annotation)).toBe('');
    expect(annotation.document).toMatchObject({ id: 'note', source: '-', length: [...text].length });
    expect(annotation.entities.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['لندن', 'باريس']));
    expect(offsetViolations(text, annotation.entities)).toEqual([]);
  });

  it('handles an empty document', () => {
    const result = runCli(['extract', '-'], '');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).entities).toEqual([]);
  });
});

describe('arabic-ner extract: exit codes and errors', () => {
  it.each([
    [['extract'], /no input/],
    [['extract', 'corpus'], /--out <dir> is required/],
    [['extract', 'corpus', '--out', 'x', '--bogus'], /^arabic-ner extract: unknown option --bogus\n/],
    [['extract', '-', 'corpus'], /cannot be combined/],
    [['extract', '-', '--doc-date', '2015-13-45'], /--doc-date/],
    [['extract', '-', '--compact', '--format', 'conll'], /--compact applies to JSON output, not --format conll/],
    [['frobnicate'], /^arabic-ner: unknown command frobnicate\n/],
    [[], /^Usage: arabic-ner/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const result = runCli(args as string[]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each([[['extract', '--help']], [['--help']]])('%j prints help and exits 0', (args) => {
    const result = runCli(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: arabic-ner/);
  });

  it('reports a bad file with its name and reason, writes the others, exits 1', () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'good.txt'), 'اجتمع الوزراء في بغداد.');
    writeFileSync(join(input, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]));
    writeFileSync(join(input, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x41]));
    mkdirSync(join(input, 'sub dir'));
    writeFileSync(join(input, 'sub dir', 'خبر.txt'), 'زار الرئيس القاهرة.');
    const result = runCli(['extract', input, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/binary\.txt: binary file/);
    expect(result.stderr).toMatch(/latin1\.txt: not UTF-8 \(invalid byte 0xE9 at offset 3\) .*: convert it to UTF-8$/m);
    expect(existsSync(join(out, 'good.json'))).toBe(true);
    expect(existsSync(join(out, 'sub dir', 'خبر.json'))).toBe(true);
    expect(existsSync(join(out, 'binary.json'))).toBe(false);
    expect(result.stderr).toMatch(/2 documents, .*; 2 failed;/);
  });

  it('refuses a missing input before any work, in one line, as a usage error', () => {
    const out = join(tempDir(), 'out');
    const result = runCli(['extract', 'no-such-folder', join(CORPUS, '000_482916cc3b04417d.txt'), '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('arabic-ner extract: no-such-folder: no such file or folder\n');
    expect(existsSync(out)).toBe(false);
  });
});
