import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, listFiles, runCli, tempDir } from './helpers.js';

/** The pool runs compiled workers, so these tests drive the built CLI (npm test builds dist/). */

/** Per-document files; dotfiles (run manifest, resume ledger) are run-level and left out. */
function outputs(dir: string): Map<string, string> {
  return new Map(listFiles(dir).filter((f) => !f.startsWith('.')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('extract --jobs', () => {
  it('writes byte-identical files with 2 workers and with 1', () => {
    const one = tempDir();
    const two = tempDir();
    expect(runCli(['extract', CORPUS, '--out', one, '--jobs', '1']).status).toBe(0);
    const parallel = runCli(['extract', CORPUS, '--out', two, '--jobs', '2']);
    expect(parallel.status).toBe(0);
    const expected = outputs(one);
    expect(expected.size).toBe(readdirSync(CORPUS).length);
    expect(outputs(two)).toEqual(expected);
  });

  it('reports a failing document and still writes the others', () => {
    const input = tempDir();
    for (const name of readdirSync(CORPUS).slice(0, 3)) copyFileSync(join(CORPUS, name), join(input, name));
    mkdirSync(join(input, 'bad'));
    writeFileSync(join(input, 'bad', 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x7f, 0x00, 0x00, 0x03]));
    const out = tempDir();
    const result = runCli(['extract', input, '--out', out, '--jobs', '2']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/binary\.txt: binary file \(.*\): skipped$/m);
    expect([...outputs(out).keys()]).toHaveLength(3);
    expect(result.stderr).toMatch(/3 documents, .*1 failed/);
  });

  it('refuses a bad --jobs value', () => {
    const result = runCli(['extract', CORPUS, '--out', tempDir(), '--jobs', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--jobs must be a whole number/);
  });
});
