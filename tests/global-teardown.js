// Jest globalTeardown: removes the run's temporary folder (see global-setup.js).
import { rmSync } from 'node:fs';
import { RUN_TMPDIR } from './global-setup.js';

export default function teardown() {
  const folder = process.env[RUN_TMPDIR];
  if (folder) rmSync(folder, { recursive: true, force: true });
}
