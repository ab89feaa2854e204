import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, CORPUS, ROOT, runCli, tempDir } from './helpers.js';

/**
 * The built CLI as a new user meets it: real pipes closed early, real missing folders, real
 * typos, a real terminal. Every case checks the words on stderr and the exit status.
 */

const NEWS = 'زار وزير الخارجية الأمريكي جون كيري بغداد أمس والتقى رئيس الوزراء العراقي.';
const isRoot = process.getuid?.() === 0;

/** Runs a shell line (bash, pipefail) with $CLI meaning the built arabic-ner. */
function shell(line: string, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { cwd, encoding: 'utf8', env: { ...process.env, CLI: `${process.execPath} ${CLI}` } });
}

/** Nothing a user reads names an internal error code or a Node warning. */
function expectPlainWords(stderr: string): void {
  expect(stderr).not.toMatch(/\[[A-Z]+_[A-Z_]+\]|ExperimentalWarning|\n\s+at /);
}

function jsonLines(count: number): string {
  const folder = tempDir();
  const file = join(folder, 'docs.jsonl');
  writeFileSync(file, Array.from({ length: count }, (_, i) => JSON.stringify({ id: i, text: NEWS })).join('\n') + '\n');
  return file;
}

describe('a reader that goes away: every command stops quietly, as cat does (141)', () => {
  it('jsonl < docs.jsonl | head -1', () => {
    const result = shell(`$CLI jsonl --jobs 1 < '${jsonLines(300)}' | head -1`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(141);
    expect(result.stdout.split('\n')).toEqual([expect.stringContaining('"schema":"arabic-ner/annotation/v1"'), '']);
  });

  it('extract - | head -c 100 (an annotation larger than the pipe)', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'long.txt'), `${NEWS}\n`.repeat(400));
    const result = shell(`$CLI extract - < '${join(folder, 'long.txt')}' | head -c 100`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(141);
    expect(result.stdout).toHaveLength(100);
  });

  const gold = tempDir();
  for (const name of readdirSync(join(ROOT, 'output')).filter((file) => !file.startsWith('.'))) copyFileSync(join(ROOT, 'output', name), join(gold, name));

  it.each([
    ['diff', `$CLI diff '${CORPUS}' output`],
    ['eval', `$CLI eval '${gold}' output --errors`],
    ['--help', `$CLI extract --help`],
  ])('%s | true', (_, line) => {
    const result = shell(`${line} | true`);
    expect(result.stderr).toBe('');
    expect([0, 141]).toContain(result.status); // 0 only if it all fit in the pipe before true left
  });
});

describe('a missing input, a file for a folder, an empty folder: one line before any work, exit 2', () => {
  const work = tempDir();
  const file = join(work, 'a-file.txt');
  writeFileSync(file, NEWS);
  const empty = join(work, 'empty');
  mkdirSync(empty);

  it.each([
    [['extract', '/nonexistent', '--out', join(work, 'x')], 'arabic-ner extract: /nonexistent: no such file or folder'],
    [['extract', empty, '--out', join(work, 'x')], `arabic-ner extract: no .txt files in ${empty}`],
    [['extract', CORPUS, '--out', file], `arabic-ner extract: --out ${file}: is a file, not a folder`],
    [['extract', CORPUS, '--out', join(file, 'out')], `arabic-ner extract: --out ${join(file, 'out')}: ${file} is a file, not a folder`],
    [['eval', '/nonexistent', 'output'], 'arabic-ner eval: /nonexistent: no such folder'],
    [['eval', file, 'output'], `arabic-ner eval: ${file}: is a file, not a folder`],
    [['eval', empty, 'output'], `arabic-ner eval: ${empty}: no gold annotations (*.json, *.ann) in it`],
    [['diff', 'output', '/nonexistent'], 'arabic-ner diff: /nonexistent: no such folder'],
    [['diff', file, 'output'], `arabic-ner diff: ${file}: is a file, not a folder`],
    [['report', '/nonexistent', '--out', join(work, 'r.html')], 'arabic-ner report: /nonexistent: no such folder'],
    [['report', empty, '--out', join(work, 'r.html')], `arabic-ner report: ${empty}: no annotations (*.json) in it`],
    [['report', 'output', '--out', file], `arabic-ner report: --out ${file}: is a file, not a folder`],
    [['report', 'output', '--out', work], `arabic-ner report: --out ${work}: the folder holds files that no report wrote; name a new or empty folder (or a file ending in .html for one page)`],
    [['report', 'output', '--out', join(file, 'r.html')], `arabic-ner report: --out ${join(file, 'r.html')}: ${file} is a file, not a folder`],
  ])('%j', (args, line) => {
    const result = runCli(args);
    expect(result.stderr).toBe(`${line}\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(existsSync(join(work, 'x'))).toBe(false); // no output folder made
    expect(existsSync(join(work, 'r.html'))).toBe(false);
  });

  it('an output folder that cannot be written', () => {
    const parent = tempDir();
    chmodSync(parent, 0o711);
    const locked = join(parent, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      // chmod does not stop root: run the CLI as nobody then, as a user without the right would.
      const result = spawnSync(process.execPath, [CLI, 'extract', CORPUS, '--out', join(locked, 'out')], { cwd: ROOT, encoding: 'utf8', ...(isRoot ? { uid: 65534, gid: 65534 } : {}) });
      expect(result.stderr).toBe(`arabic-ner extract: --out ${join(locked, 'out')}: cannot write in ${locked}: permission denied\n`);
      expect(result.status).toBe(2);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('typos and wrong arguments: one line, a hint to --help, exit 2', () => {
  it.each([
    [['extract', 'corpus', '--ot', 'x'], 'arabic-ner extract: unknown option --ot (did you mean --out?)', 'extract'],
    [['extrat'], 'arabic-ner: unknown command extrat (did you mean extract?)', ''],
    [['jsonl', '--job', '2'], 'arabic-ner jsonl: unknown option --job (did you mean --jobs?)', 'jsonl'],
    [['eval', 'a', 'b', '--eror'], 'arabic-ner eval: unknown option --eror (did you mean --errors?)', 'eval'],
    [['diff', 'a', 'b', '--jsn'], 'arabic-ner diff: unknown option --jsn (did you mean --json?)', 'diff'],
    [['report', 'output', '--out', 'r.html', '--againts', 'x'], 'arabic-ner report: unknown option --againts (did you mean --against?)', 'report'],
    [['eval', 'output'], 'arabic-ner eval: missing required argument run-dir', 'eval'],
    [['diff', 'a', 'b', 'c'], 'arabic-ner diff: too many arguments for diff. Expected 2 arguments but got 3.', 'diff'],
    [['report', 'output'], 'arabic-ner report: required option --out <dir|file.html> not specified', 'report'],
    [['extract', 'corpus', '--out', 'x', '--jobs', 'many'], 'arabic-ner extract: --jobs must be a whole number from 1, got "many"', 'extract'],
    [['jsonl', '--doc-date', 'yesterday'], 'arabic-ner jsonl: --doc-date must be a day written YYYY-MM-DD, years 1000-2999, got "yesterday"', 'jsonl'],
    [['eval', 'a', 'b', '--types', 'PEOPLE'], 'arabic-ner eval: unknown type(s) PEOPLE; types are PERSON, LOCATION, ORGANIZATION, DATE, COUNTRY_COUNT', 'eval'],
  ])('%j', (args, line, command) => {
    const result = runCli(args);
    const hint = command ? `Run "arabic-ner ${command} --help" for its options.` : 'Run "arabic-ner --help" for the commands.';
    expect(result.stderr).toBe(`${line}\n${hint}\n`);
    expect(result.status).toBe(2);
  });
});

describe('--help on each command', () => {
  it.each(['extract', 'jsonl', 'eval', 'diff', 'report'])('%s --help: the usage, every option, the exit statuses; exit 0', (command) => {
    const result = runCli([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Usage: arabic-ner ${command} `));
    expect(result.stdout).toMatch(/\n  -h, --help +this help\n/);
    expect(result.stdout).toMatch(/\nExit status.*: 0 /);
    expect(runCli(['help', command]).stdout).toBe(result.stdout);
  });

  it('lists the commands', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['extract', 'jsonl', 'eval', 'diff', 'report']) expect(result.stdout).toMatch(new RegExp(`\n  ${command} `));
  });
});

describe('Ctrl-C', () => {
  it('jsonl: one line and 130; every line already written is whole', async () => {
    const child = spawn(process.execPath, [CLI, 'jsonl', '--jobs', '1'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), stdout.includes('\n') && resolve())));
    child.stdin.write(JSON.stringify({ id: 'a', text: NEWS }) + '\n'); // stdin stays open: it waits for more
    await firstLine;
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(stderr).toBe('arabic-ner jsonl: interrupted by SIGINT\n');
    expect(stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(stdout).document.id).toBe('a');
  });
});

describe('progress on a terminal', () => {
  const input = tempDir();
  for (let copy = 0; copy < 30; copy++) for (const name of readdirSync(CORPUS)) copyFileSync(join(CORPUS, name), join(input, `${copy}-${name}`));

  it('shows documents done of the total, MB/s and the time left, and erases it at the end', () => {
    // script(1) gives the CLI a real pseudo-terminal as stdout and stderr.
    const out = tempDir();
    const result = spawnSync('script', ['-qec', `${process.execPath} ${CLI} extract ${input} --out ${out} --jobs 1`, '/dev/null'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const screen = result.stdout;
    expect(screen).toMatch(/\d+\/150 documents +\d+% +[\d.…]+ MB\/s +\S+ left/);
    expect(screen).toMatch(/150\/150 documents +100%/);
    // The line is erased (to the end of the screen) before the summary, which is all that stays.
    expect(screen).toMatch(/\x1b\[0Jarabic-ner: 150 documents, [^\x1b]*$/);
    expectPlainWords(screen);
  });

  it('prints failures above the line, where the summary does not overwrite them', () => {
    const mixed = tempDir();
    for (const name of readdirSync(input).slice(0, 20)) copyFileSync(join(input, name), join(mixed, name));
    for (const name of ['bad-1.txt', 'bad-2.txt']) writeFileSync(join(mixed, name), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]));
    const result = spawnSync('script', ['-qec', `${process.execPath} ${CLI} extract ${mixed} --out ${tempDir()} --jobs 1`, '/dev/null'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    const screen = result.stdout;
    for (const name of ['bad-1.txt', 'bad-2.txt']) expect(screen).toMatch(new RegExp(`arabic-ner: ${join(mixed, name)}: binary file \\(2 NUL bytes\\): skipped\r\n`));
    // After the last failure nothing moves the cursor back up over it (no restore, no cursor-up).
    const afterFailures = screen.slice(screen.lastIndexOf('skipped'));
    expect(afterFailures).not.toMatch(/\x1b8|\x1b\[\d*A/);
    expect(afterFailures).toMatch(/arabic-ner: 20 documents, .*; 2 failed; /);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const result = runCli(['extract', input, '--out', tempDir(), '--jobs', '1']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^arabic-ner: 150 documents, [^\n]*\n$/);
  });
});

describe('no warnings or internal codes', () => {
  it('a failing batch names each file and its reason in words', () => {
    const input = tempDir();
    writeFileSync(join(input, 'good.txt'), NEWS);
    writeFileSync(join(input, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x00, 0x00]));
    const result = runCli(['extract', input, '--out', tempDir()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^arabic-ner: ${join(input, 'image.txt')}: binary file \\(.*\\): skipped$`, 'm'));
    expectPlainWords(result.stderr);
  });
});
