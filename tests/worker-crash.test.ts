import { createAnnotatorPool } from '../src/batch/worker-pool.js';
import type { FileJob } from '../src/batch/protocol.js';

/** The pool's crash handling, with a stand-in worker that dies on files named "crash". */

const CRASHING_WORKER = new URL('./fixtures/crashing-worker.mjs', import.meta.url);

function job(path: string): FileJob {
  return { path, target: `${path}.json`, id: path, source: path, options: {}, sidecar: false };
}

describe('worker pool: a worker that dies', () => {
  it('fails only the file that killed it; the files it held with it are done again', async () => {
    const pool = createAnnotatorPool({ jobs: 2, format: 'json', resourceOptions: {}, workerScript: CRASHING_WORKER });
    try {
      const paths = ['a.txt', 'b.txt', 'crash.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt', 'g.txt'];
      const outcomes = await Promise.all(
        paths.map((path) =>
          pool.renderFile(job(path)).then(
            (result) => `${path}: ${result.kind}`,
            (error: Error) => `${path}: ${error.message}`,
          ),
        ),
      );
      expect(outcomes).toEqual([
        'a.txt: unchanged',
        'b.txt: unchanged',
        'crash.txt: worker failed: cannot annotate crash.txt',
        'c.txt: unchanged',
        'd.txt: unchanged',
        'e.txt: unchanged',
        'f.txt: unchanged',
        'g.txt: unchanged',
      ]);
    } finally {
      await pool.close();
    }
  });
});
