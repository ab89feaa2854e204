import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAtomicWriter, releaseTemporary, removePendingTemporaryFiles, reserveTemporary, writeBytesAtomic, writeFileAtomic } from '../src/io/write.js';
import { CLI, CORPUS, listFiles, ROOT, runCli, schemaErrors, tempDir } from './helpers.js';

const ARTICLE = readFileSync(join(CORPUS, readdirSync(CORPUS).sort()[0] ?? ''), 'utf8');

function jsonOutputs(out: string): string[] {
  return listFiles(out).filter((file) => file.endsWith('.json') && !file.startsWith('.'));
}

function temporaryFiles(dir: string): string[] {
  return listFiles(dir).filter((file) => file.endsWith('.tmp'));
}

interface Finished {
  readonly code: number | null;
  readonly stderr: string;
}

/** Starts the CLI, sends `signal` once `ready()` holds, and resolves when it exits. */
function runAndInterrupt(args: string[], signal: NodeJS.Signals, ready: () => boolean): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, stderr });
    });
  });
}

describe('atomic writes', () => {
  it('leaves no temporary file when a write fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    await expect(writeFileAtomic(join(dir, 'file', 'below.json'), '{}')).rejects.toThrow();
    mkdirSync(join(dir, 'taken.json'));
    await expect(writeFileAtomic(join(dir, 'taken.json'), '{}')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['file', 'taken.json']);
  });

  it('shows readers the old file or the new one, never a part, and aborts cleanly', async () => {
    const dir = tempDir();
    const target = join(dir, 'doc.json');
    await writeFileAtomic(target, 'old');
    const writer = await openAtomicWriter(target);
    await writer.write('new, ');
    expect(readFileSync(target, 'utf8')).toBe('old');
    await writer.write('complete');
    await writer.commit();
    expect(readFileSync(target, 'utf8')).toBe('new, complete');
    const abandoned = await openAtomicWriter(target);
    await abandoned.write('half');
    await abandoned.abort();
    expect(readFileSync(target, 'utf8')).toBe('new, complete');
    expect(readdirSync(dir)).toEqual(['doc.json']);
  });

  it('writes bytes through a reserved temporary file, creating the folder, and cleans up after a failure', async () => {
    const dir = tempDir();
    const target = join(dir, 'new', 'folder', 'doc.json');
    const temporary = reserveTemporary(target);
    expect(temporary.startsWith(join(dir, 'new', 'folder', '.doc.json.'))).toBe(true);
    await writeBytesAtomic(target, Buffer.from('نص'), temporary);
    releaseTemporary(temporary);
    expect(readFileSync(target, 'utf8')).toBe('نص');
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual(['doc.json']);
    mkdirSync(join(dir, 'taken.json'));
    const refused = reserveTemporary(join(dir, 'taken.json'));
    await expect(writeBytesAtomic(join(dir, 'taken.json'), Buffer.from('x'), refused)).rejects.toThrow();
    releaseTemporary(refused);
    expect(readdirSync(dir).sort()).toEqual(['new', 'taken.json']);
  });

  it('writes through a temporary file in a folder of its own, creating both folders when they are missing', async () => {
    const dir = tempDir();
    const target = join(dir, 'out', 'sub', 'doc.json');
    const temporary = reserveTemporary(target, join(dir, 'tmp'));
    expect(temporary.startsWith(join(dir, 'tmp', `${process.pid}.`))).toBe(true);
    await writeBytesAtomic(target, Buffer.from('نص'), temporary);
    releaseTemporary(temporary);
    expect(readFileSync(target, 'utf8')).toBe('نص');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('removes the temporary files still reserved on a forced exit, and only those', () => {
    const dir = tempDir();
    const kept = reserveTemporary(join(dir, 'kept.json'));
    writeFileSync(kept, 'finished elsewhere');
    releaseTemporary(kept);
    const lost = reserveTemporary(join(dir, 'lost.json'));
    writeFileSync(lost, 'half');
    removePendingTemporaryFiles();
    expect(existsSync(lost)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });
});

describe.each(['1', '2'])('--resume (--jobs %s)', (jobs) => {
  const input = tempDir();
  const out = tempDir();
  for (const name of ['a', 'b', 'c', 'd']) writeFileSync(join(input, `${name}.txt`), `${name}: ${ARTICLE}`);
  const first = runCli(['extract', input, '--out', out, '--jobs', jobs]);
  const mtime = (name: string): number => statSync(join(out, `${name}.json`)).mtimeMs;

  it('records every output in the ledger', () => {
    expect(first.status).toBe(0);
    const lines = readFileSync(join(out, '.arabic-ner', 'outputs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect([...new Set(lines.filter((line) => line.output).map((line) => line.key))].sort()).toEqual(['a.json', 'b.json', 'c.json', 'd.json']);
  });

  it('skips unchanged documents and redoes changed inputs, deleted outputs and edited outputs', () => {
    writeFileSync(join(input, 'a.txt'), `a (revised): ${ARTICLE}`);
    writeFileSync(join(out, 'c.json'), readFileSync(join(out, 'c.json'), 'utf8').replace('"entities"', '"entities" '));
    rmSync(join(out, 'd.json'));
    const before = mtime('b');
    const again = runCli(['extract', input, '--out', out, '--resume', '--jobs', jobs]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/arabic-ner: 3 documents, .*; 1 unchanged; 0 failed/);
    expect(mtime('b')).toBe(before);
    expect(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')).document.length).toBe([...`a (revised): ${ARTICLE}`].length);
    expect(readFileSync(join(out, 'c.json'), 'utf8')).not.toContain('"entities" ');
    expect(existsSync(join(out, 'd.json'))).toBe(true);
    const third = runCli(['extract', input, '--out', out, '--resume', '--jobs', jobs]);
    expect(third.stderr).toMatch(/: 0 documents, .*; 4 unchanged;/);
  });

  it('redoes everything when the options change, and without --resume', () => {
    expect(runCli(['extract', input, '--out', out, '--resume', '--doc-date', '2015-03-12', '--jobs', jobs]).stderr).toMatch(/: 4 documents, .*; 0 unchanged;/);
    expect(runCli(['extract', input, '--out', out, '--resume', '--doc-date', '2015-03-12', '--jobs', jobs]).stderr).toMatch(/: 0 documents, .*; 4 unchanged;/);
    expect(runCli(['extract', input, '--out', out, '--doc-date', '2015-03-12', '--jobs', jobs]).stderr).toMatch(/: 4 documents, /);
    expect(runCli(['extract', input, '--out', out, '--resume', '--doc-date', '2015-03-12', '--compact', '--jobs', jobs]).stderr).toMatch(/: 4 documents, .*; 0 unchanged;/);
  });

  it('skips damaged ledger lines with a warning and redoes their documents', () => {
    expect(runCli(['extract', input, '--out', out, '--resume', '--jobs', jobs]).stderr).toMatch(/; 0 failed/);
    const ledger = join(out, '.arabic-ner', 'outputs.jsonl');
    const lines = readFileSync(ledger, 'utf8').trim().split('\n');
    const last = lines.map((line) => line.includes('"b.json"')).lastIndexOf(true); // the latest record of b.json; an older one says it is the tool's
    writeFileSync(ledger, lines.map((line, i) => (i === last ? line.slice(0, 30) : line)).join('\n') + '\n');
    const result = runCli(['extract', input, '--out', out, '--resume', '--jobs', jobs]);
    expect(result.stderr).toMatch(/outputs\.jsonl: 1 damaged line\(s\) of the resume ledger skipped: their documents are redone/);
    expect(result.stderr).toMatch(/: 1 documents, .*; 3 unchanged; 0 failed/);
  });
});

describe('interrupted runs', () => {
  it.each(['1', '2'])('on SIGINT finishes what is in flight, leaves only complete files and a manifest saying so, exits 130 (--jobs %s)', async (jobs) => {
    const input = tempDir();
    const out = tempDir();
    const count = 400;
    for (let i = 0; i < count; i++) writeFileSync(join(input, `doc${String(i).padStart(3, '0')}.txt`), `${i} ${ARTICLE}`);
    const result = await runAndInterrupt(['extract', input, '--out', out, '--jobs', jobs], 'SIGINT', () => existsSync(out) && readdirSync(out).length >= 5);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted by SIGINT: \d+ of 400 documents not done; run again with --resume to finish/);
    const written = jsonOutputs(out);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(count);
    for (const file of written) expect(schemaErrors(JSON.parse(readFileSync(join(out, file), 'utf8')))).toBe('');
    expect(temporaryFiles(out)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(out, '.arabic-ner', 'run.json'), 'utf8'));
    expect(manifest.interrupted).toEqual({ signal: 'SIGINT', notDone: count - written.length });
    expect(manifest.documents).toBe(written.length);

    const resumed = runCli(['extract', input, '--out', out, '--resume']);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain(`: ${count - written.length} documents, `);
    expect(resumed.stderr).toContain(`; ${written.length} unchanged;`);
    expect(jsonOutputs(out)).toHaveLength(count);
  });

  it('on SIGTERM stops a large file between chunks and removes its partial output, exits 143', async () => {
    const input = tempDir();
    const out = tempDir();
    const lines = ARTICLE.split('\n').filter(Boolean);
    const big: string[] = [];
    for (let size = 0; size < 9 * 1024 * 1024; size += Buffer.byteLength(big[big.length - 1] ?? '')) big.push(`${lines[big.length % lines.length] ?? ''}\n`);
    writeFileSync(join(input, 'big.txt'), big.join(''));
    const started = Date.now();
    const result = await runAndInterrupt(['extract', input, '--out', out], 'SIGTERM', () => existsSync(join(out, '.arabic-ner', 'tmp')) && readdirSync(join(out, '.arabic-ner', 'tmp')).some((name) => !name.endsWith('.small.tmp'))); // the large output's, not the ledger's
    expect(result.code).toBe(143);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(listFiles(out)).toEqual(['.arabic-ner/outputs.jsonl', '.arabic-ner/run.json']);
    expect(result.stderr).toMatch(/interrupted by SIGTERM: 1 of 1 documents not done/);
  });
});
