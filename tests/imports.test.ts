import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

interface Cruise {
  readonly summary: { readonly violations: readonly { readonly rule: { readonly name: string }; readonly from: string; readonly to: string }[]; readonly totalCruised: number; readonly totalDependenciesCruised: number };
  readonly modules: readonly { readonly source: string; readonly dependencies: readonly { readonly resolved: string }[] }[];
}

describe('the import graph of src/', () => {
  // dependency-cruiser with the repository's rules (.dependency-cruiser.mjs), as `npm run check:imports` runs it.
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.mjs', '--output-type', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const cruise = JSON.parse(run.stdout) as Cruise;

  it('was read whole: every TypeScript import resolved (a check of nothing would pass too)', () => {
    expect(cruise.summary.totalCruised).toBeGreaterThan(100);
    expect(cruise.summary.totalDependenciesCruised).toBeGreaterThan(400);
    const render = cruise.modules.find((module) => module.source === 'src/batch/render.ts');
    expect(render?.dependencies.map((dependency) => dependency.resolved)).toContain('src/annotator/bytes.ts');
  });

  it('has no cycle and keeps its floors (cli -> batch -> annotator -> pipeline -> recognisers -> gazetteer/text)', () => {
    const violations = cruise.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
    expect(violations).toEqual([]);
    expect(run.status).toBe(0);
  });
});
