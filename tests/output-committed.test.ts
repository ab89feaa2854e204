import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ROOT, listFiles, runCli, tempDir } from './helpers.js';

/**
 * output/ holds the committed annotations of corpus/, so that every change of extraction shows up
 * as a diff in review. This fails when a fresh run differs from it, file list included.
 */
const COMMITTED = join(ROOT, 'output');
const HOW_TO_REFRESH =
  'output/ is not what the extractor now writes for corpus/.\n' +
  'If the change is intended: run `npm run refresh-output` and commit output/ with the change;\n' +
  'see what changed first with `node dist/cli/main.js diff output <fresh-run>`.';

describe('committed output/', () => {
  it('equals a fresh extraction of corpus/, byte for byte', () => {
    const fresh = tempDir();
    const result = runCli(['extract', CORPUS, '--out', fresh]);
    expect(result.status).toBe(0);
    const visible = (dir: string): string[] => listFiles(dir).filter((f) => !f.split('/').some((part) => part.startsWith('.')));
    const committed = visible(COMMITTED);
    const expected = visible(fresh);
    const problems = [
      ...expected.filter((f) => !committed.includes(f)).map((f) => `missing from output/: ${f}`),
      ...committed.filter((f) => !expected.includes(f)).map((f) => `in output/ but no longer written: ${f}`),
      ...expected.filter((f) => committed.includes(f) && !readFileSync(join(fresh, f)).equals(readFileSync(join(COMMITTED, f)))).map((f) => `differs: ${f}`),
    ];
    if (problems.length > 0) throw new Error(`${HOW_TO_REFRESH.replace('<fresh-run>', fresh)}\n${problems.join('\n')}`);
  });
});
