#!/usr/bin/env node
// Part of `npm test` and `npm run bench`: the HTML report is tested and timed in a real headless Chromium (driven by
// playwright-core, which downloads no browser). Debian's package is used: where it is missing
// and this is root on a Debian-like system it is installed with apt-get, so a fresh machine needs
// nothing by hand; elsewhere the run stops here with what to do, rather than skipping the tests.
// CHROMIUM_PATH names another binary. Runs after the build, so the path is src/bench/chromium.ts's.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_PATH as chromium } from '../dist/bench/chromium.js';
// What the user ran, for the messages: `npm test`, `npm run bench`.
const command = process.env.npm_lifecycle_event === 'test' || !process.env.npm_lifecycle_event ? 'npm test' : `npm run ${process.env.npm_lifecycle_event}`;

function runnable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.error?.message ?? `exit status ${result.status}`}\n${result.stderr ?? ''}`);
}

function stop(reason) {
  process.stderr.write(
    `\n${command}: the report's tests and bench need Chromium at ${chromium}, and ${reason}.\n` +
      `Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary, then run ${command} again.\n\n`,
  );
  process.exit(1);
}

if (!runnable(chromium)) {
  if (process.env.CHROMIUM_PATH) stop('CHROMIUM_PATH does not name a program that can be run');
  if (process.getuid?.() !== 0) stop('it is not installed (installing it needs root)');
  if (!runnable('/usr/bin/apt-get')) stop('it is not installed (and there is no apt-get here to install it)');
  process.stderr.write(`${command}: installing Debian's chromium for the report's tests and bench (apt-get, once)...\n`);
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } catch (error) {
    stop(`installing it failed: ${error.message}`);
  }
  if (!runnable(chromium)) stop('apt-get installed chromium, but not there');
}
