import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotatesInThread, IN_THREAD_MAX_BYTES } from '../src/batch/in-thread.js';
import { CLI, CORPUS, ROOT, tempDir } from './helpers.js';

const DEFAULT_TIMEOUT = 30;
const ARTICLE = '000_482916cc3b04417d';

describe('where a run annotates (src/batch/in-thread.ts)', () => {
  const folder = tempDir();
  const small = join(folder, 'small.txt');
  const other = join(folder, 'other.txt');
  const large = join(folder, 'large.txt');
  writeFileSync(small, 'زار الرئيس الفرنسي إيمانويل ماكرون القاهرة أمس.\n');
  writeFileSync(other, 'التقى وزير الخارجية نظيره الأردني في عمان.\n');
  writeFileSync(large, 'ا'.repeat(IN_THREAD_MAX_BYTES / 2 + 1)); // two bytes a letter: just over the limit
  const choice = (inputs: string[], jobs: number | 'auto' = 'auto', timeoutSeconds = DEFAULT_TIMEOUT) => annotatesInThread({ inputs, jobs, timeoutSeconds }, DEFAULT_TIMEOUT);

  it('annotates a few small files here when --jobs and a tighter --timeout are not given', () => {
    expect(choice([small])).toBe(true);
    expect(choice([small, other])).toBe(true);
    expect(choice([small], 'auto', 120)).toBe(true);
  });

  it('keeps the worker and its watchdog for a folder, more input, --jobs, a tighter --timeout, or an input it cannot look up', () => {
    expect(choice([folder])).toBe(false);
    expect(choice([large])).toBe(false);
    expect(choice([small, large])).toBe(false);
    expect(choice([small], 1)).toBe(false);
    expect(choice([small], 'auto', 5)).toBe(false);
    expect(choice([small, join(folder, 'missing.txt')])).toBe(false);
  });
});

describe('one small file from the command line', () => {
  /** The threads a run used (one CPU profile each) and its output for the corpus article. */
  function runProfiled(extra: string[]): { threads: number; output: string } {
    const profiles = tempDir();
    const out = tempDir();
    const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, CLI, 'extract', join(CORPUS, `${ARTICLE}.txt`), '--out', out, ...extra], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toMatch(/1 documents, .*; 0 failed/);
    expect(result.status).toBe(0);
    return { threads: readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile')).length, output: readFileSync(join(out, `${ARTICLE}.json`), 'utf8') };
  }

  it('is annotated without a worker thread, into the same bytes as the committed output', () => {
    const run = runProfiled([]);
    expect(run.threads).toBe(1);
    expect(run.output).toBe(readFileSync(join(ROOT, 'output', `${ARTICLE}.json`), 'utf8'));
  });

  it('with --jobs 1, on a worker, into the same bytes', () => {
    const run = runProfiled(['--jobs', '1']);
    expect(run.threads).toBe(2);
    expect(run.output).toBe(readFileSync(join(ROOT, 'output', `${ARTICLE}.json`), 'utf8'));
  });
});
