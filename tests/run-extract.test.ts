import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { openExtraction, type ExtractEvents, type ExtractRun, type RunSummary } from '../dist/batch/run-extract.js';
import { openJsonl } from '../dist/batch/run-jsonl.js';
import { tempDir } from './helpers.js';

const run = (inputs: string[], out: string): ExtractRun => ({
  inputs,
  out,
  format: 'json',
  compact: false,
  jobs: 1,
  resume: false,
  timeoutSeconds: 30,
  resourceOptions: { modelDir: false },
});

/** Events that record what they are told, in order. */
function recorder(): { events: ExtractEvents; told: string[]; summaries: RunSummary[] } {
  const told: string[] = [];
  const summaries: RunSummary[] = [];
  const events: ExtractEvents = {
    interrupting: (signal) => void told.push(`interrupting ${signal}`),
    ledgerNotice: (message) => void told.push(`notice ${message}`),
    failed: (file, reason) => void told.push(`failed early ${file}: ${reason}`),
    started: (documents) => {
      told.push(`started ${documents}`);
      return {
        documentDone: (path) => void told.push(`done ${path}`),
        failed: (file, reason) => void told.push(`failed ${file}: ${reason}`),
        stop: () => void told.push('stop'),
      };
    },
    bookkeepingFailed: (message) => void told.push(`bookkeeping ${message}`),
    ended: (summary) => void summaries.push(summary),
  };
  return { events, told, summaries };
}

// The worker pool runs the built package's worker (dist/), as the CLI does.
jest.setTimeout(120_000);

describe('an extract run from code (src/batch/run-extract.ts)', () => {
  it('tells its caller what happened and prints nothing itself', async () => {
    const input = tempDir();
    const good = join(input, 'a.txt');
    const binary = join(input, 'b.txt');
    writeFileSync(good, 'زار الرئيس الفرنسي إيمانويل ماكرون القاهرة أمس.\n');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    const out = tempDir();
    const { events, told, summaries } = recorder();
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write');
    try {
      const outcome = await openExtraction(run([input], out)).runFiles(events, process.hrtime.bigint());
      expect(stdout).not.toHaveBeenCalled();
      // (Node's own warnings aside, which a run without --disable-warning prints)
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).filter((chunk) => !chunk.includes('ExperimentalWarning'))).toEqual([]);
      expect(outcome.kind).toBe('ended');
      expect(summaries).toHaveLength(1);
      expect(outcome).toEqual({ kind: 'ended', summary: summaries[0] });
      const summary = summaries[0]!;
      expect(summary).toMatchObject({ documents: 1, unchanged: 0, planned: 2, bookkeeping: true });
      expect(summary.failures).toEqual([{ file: binary, reason: expect.any(String) }]);
      expect(summary.entities.PERSON).toBeGreaterThanOrEqual(1);
      expect(told[0]).toBe('started 2');
      expect(told).toContain(`failed ${binary}: ${summary.failures[0]!.reason}`);
      expect(told.filter((line) => line.startsWith('done '))).toHaveLength(2);
      expect(told[told.length - 1]).toBe('stop');
      expect(existsSync(join(out, 'a.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, '.arabic-ner', 'run.json'), 'utf8'))).toMatchObject({ documents: 1, failures: summary.failures });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('returns what stopped it before any work: no documents, an output path that is a file', async () => {
    const empty = tempDir();
    mkdirSync(join(empty, 'sub'));
    const { events, summaries } = recorder();
    await expect(openExtraction(run([empty], tempDir())).runFiles(events, process.hrtime.bigint())).resolves.toEqual({ kind: 'no-documents' });
    const file = join(tempDir(), 'out.json');
    writeFileSync(file, '{}');
    await expect(openExtraction(run([empty], file)).runFiles(events, process.hrtime.bigint())).resolves.toEqual({ kind: 'out-is-a-file', outDir: file });
    expect(summaries).toEqual([]);
  });
});

describe('a jsonl stream from code (src/batch/run-jsonl.ts)', () => {
  it('writes one line per input line in order, and reports the bad one to its sink', async () => {
    const pieces: string[] = [];
    const failures: [number, string][] = [];
    const input = ['{"id":"a","text":"وصل الوفد إلى بغداد"}', 'not json', '{"id":"c","text":"في باريس"}'].map((line) => `${line}\n`);
    const failed = await openJsonl({ jobs: 2, resourceOptions: { modelDir: false } }).annotate(
      (async function* () {
        yield* input;
      })(),
      { write: (piece) => void pieces.push(piece), lineFailed: (line, reason) => void failures.push([line, reason]) },
    );
    expect(failed).toBe(1);
    expect(failures).toEqual([[2, expect.stringMatching(/not a JSON object/)]]);
    const lines = pieces.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { document?: { id: string }; line?: number });
    expect(lines.map((line) => line.document?.id ?? line.line)).toEqual(['a', 2, 'c']);
  });
});
