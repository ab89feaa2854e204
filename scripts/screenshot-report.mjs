#!/usr/bin/env node
// Renders an HTML report of `arabic-ner report` to a PNG, with Debian's chromium through
// playwright-core (no browser download), so a reviewer can see the page in a pull request.
// Needs a build (`npm run build`) and the browser `npm test` installs (scripts/ensure-chromium.mjs).
//
//   node scripts/screenshot-report.mjs report.html report.png [--width 1400] [--full-page]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../dist/bench/chromium.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1400' }, height: { type: 'string', default: '1000' }, 'full-page': { type: 'boolean' }, chromium: { type: 'string', default: CHROMIUM_PATH } },
});
const [html, png] = positionals;
if (!html || !png) {
  process.stderr.write('usage: node scripts/screenshot-report.mjs <report.html> <out.png> [--width N] [--height N] [--full-page] [--chromium PATH]\n');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: values.chromium, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
  await page.goto(pathToFileURL(resolve(html)).href);
  await page.screenshot({ path: png, fullPage: values['full-page'] ?? false });
  process.stderr.write(`screenshot of ${html} -> ${png}\n`);
} finally {
  await browser.close();
}
