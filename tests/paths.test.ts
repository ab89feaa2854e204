import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findDocuments } from '../src/io/files.js';
import { listFiles, runCli, schemaErrors, tempDir } from './helpers.js';

const TEXT = 'زار الرئيس القاهرة وبغداد.\n';
/** chmod 000 does not stop root (as in CI); other unreadable inputs are used there. */
const isRoot = process.getuid?.() === 0;

function outputs(out: string): string[] {
  return listFiles(out).filter((file) => !file.split('/').some((part) => part.startsWith('.')));
}

describe('paths: links', () => {
  const input = tempDir();
  writeFileSync(join(input, 'a.txt'), TEXT);
  mkdirSync(join(input, 'sub'));
  writeFileSync(join(input, 'sub', 'b.txt'), TEXT);
  symlinkSync('..', join(input, 'sub', 'up')); // a folder loop back to the root
  symlinkSync('loop2.txt', join(input, 'loop1.txt')); // a link loop between two files
  symlinkSync('loop1.txt', join(input, 'loop2.txt'));
  symlinkSync('missing.txt', join(input, 'dangling.txt'));
  symlinkSync('a.txt', join(input, 'alias.txt')); // a link to a file is a document of its own

  it('walks a folder loop once and reports link loops and broken links by name', async () => {
    const { documents, errors } = await findDocuments([input]);
    expect(documents.map((d) => d.relativePath)).toEqual(['a.txt', 'alias.txt', 'sub/b.txt']);
    expect(errors.map((e) => `${e.file?.replace(input, '')}: ${e.message}`)).toEqual([
      '/dangling.txt: cannot read: no such file (deleted, or a broken symbolic link)',
      '/loop1.txt: cannot read: symbolic link loop',
      '/loop2.txt: cannot read: symbolic link loop',
    ]);
  });

  it('annotates the rest of the batch and exits 1', () => {
    const out = tempDir();
    const result = runCli(['extract', input, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/loop1\.txt: cannot read: symbolic link loop$/m);
    expect(result.stderr).toMatch(/dangling\.txt: cannot read: no such file \(deleted, or a broken symbolic link\)$/m);
    expect(outputs(out)).toEqual(['a.json', 'alias.json', 'sub/b.json']);
  });
});

describe('paths: unreadable inputs', () => {
  it('names each unreadable input with the reason and goes on', () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'good.txt'), TEXT);
    execFileSync('mkfifo', [join(input, 'pipe.txt')]);
    if (!isRoot) {
      writeFileSync(join(input, 'secret.txt'), TEXT);
      chmodSync(join(input, 'secret.txt'), 0o000);
    }
    const result = runCli(['extract', input, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/pipe\.txt: not a regular file \(device, socket or pipe\): skipped$/m);
    if (!isRoot) expect(result.stderr).toMatch(/secret\.txt: cannot read: permission denied$/m);
    expect(outputs(out)).toEqual(['good.json']);
  });

  it('names an output file it cannot write, leaves what is in the way alone, and writes the others', () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'doc.txt'), TEXT);
    writeFileSync(join(input, 'blocked.txt'), TEXT);
    mkdirSync(join(input, 'sub'));
    writeFileSync(join(input, 'sub', 'below.txt'), TEXT);
    mkdirSync(join(out, 'blocked.json')); // a folder where the output file should go
    writeFileSync(join(out, 'blocked.json', 'keep'), 'x');
    writeFileSync(join(out, 'sub'), 'a file where the output folder should go');
    const result = runCli(['extract', input, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/blocked\.txt: .*blocked\.json holds a file arabic-ner did not write/);
    expect(result.stderr).toMatch(/below\.txt: cannot write .*sub\/below\.json: (a path component is not a folder|no such file)/);
    expect(readFileSync(join(out, 'blocked.json', 'keep'), 'utf8')).toBe('x');
    expect(readFileSync(join(out, 'sub'), 'utf8')).toBe('a file where the output folder should go');
    expect(JSON.parse(readFileSync(join(out, 'doc.json'), 'utf8')).document.id).toBe('doc');
    expect(listFiles(out).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});

describe('paths: names', () => {
  it('handles spaces and Arabic letters in folder and file names', () => {
    const input = tempDir();
    const out = join(tempDir(), 'نتائج التحليل');
    mkdirSync(join(input, 'أخبار اليوم', 'ملف فرعي'), { recursive: true });
    writeFileSync(join(input, 'أخبار اليوم', 'ملف فرعي', 'خبر 1.txt'), TEXT);
    writeFileSync(join(input, 'report (final) #2.txt'), TEXT);
    const result = runCli(['extract', input, '--out', out]);
    expect(result.stderr).toMatch(/ 2 documents,/);
    expect(result.status).toBe(0);
    const annotation = JSON.parse(readFileSync(join(out, 'أخبار اليوم', 'ملف فرعي', 'خبر 1.json'), 'utf8'));
    expect(schemaErrors(annotation)).toBe('');
    expect(annotation.document).toMatchObject({ id: 'أخبار اليوم/ملف فرعي/خبر 1', source: 'أخبار اليوم/ملف فرعي/خبر 1.txt' });
    expect(existsSync(join(out, 'report (final) #2.json'))).toBe(true);
  });
});

describe('paths: output folder inside the input folder', () => {
  it('never reads the output folder back, run after run', () => {
    const input = tempDir();
    const out = join(input, 'out');
    writeFileSync(join(input, 'doc.txt'), TEXT);
    mkdirSync(out);
    writeFileSync(join(out, 'trap.txt'), TEXT); // a .txt inside the output folder is not an input
    for (let run = 0; run < 2; run++) {
      const result = runCli(['extract', input, '--out', out]);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/: 1 documents,/);
    }
    expect(outputs(out)).toEqual(['doc.json', 'trap.txt']);
  });

  it('reads an input folder that is itself the output folder', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'doc.txt'), TEXT);
    const result = runCli(['extract', folder, '--out', folder]);
    expect(result.status).toBe(0);
    expect(outputs(folder)).toEqual(['doc.json', 'doc.txt']);
  });
});

describe('paths: two inputs that would write the same output', () => {
  it('writes the first and reports the second with both names', () => {
    const one = tempDir();
    const two = tempDir();
    const out = tempDir();
    writeFileSync(join(one, 'same.txt'), 'زار الرئيس القاهرة.');
    writeFileSync(join(two, 'same.txt'), 'زار الرئيس بغداد.');
    writeFileSync(join(one, 'case.txt'), TEXT);
    writeFileSync(join(one, 'case.TXT'), TEXT);
    const result = runCli(['extract', one, two, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(two, 'same.txt')}: would write the same output as ${join(one, 'same.txt')}`);
    expect(result.stderr).toMatch(/case\.txt: would write the same output as .*case\.TXT .*: skipped$/m);
    expect(JSON.parse(readFileSync(join(out, 'same.json'), 'utf8')).entities.map((e: { text: string }) => e.text)).toContain('القاهرة');
  });

  it('lists a file given both directly and through its folder once', async () => {
    const input = tempDir();
    writeFileSync(join(input, 'doc.txt'), TEXT);
    const { documents, errors } = await findDocuments([input, join(input, 'doc.txt')]);
    expect(documents).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
