// Jest globalSetup (with global-teardown.js): every test, and every CLI, worker and browser it
// starts, makes its temporary files in one folder of this run, removed at the end. A test run
// leaves the system temp folder as it found it, and two runs on one machine share no folder.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_TMPDIR = 'ARABIC_NER_TEST_TMPDIR';

export default function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'arabic-ner-test-run-'));
  chmodSync(folder, 0o711); // passable (not listable) by another user, as a test running the CLI as nobody needs
  process.env[RUN_TMPDIR] = folder;
  process.env.TMPDIR = folder; // os.tmpdir() here, in the test workers and in every child process
}
