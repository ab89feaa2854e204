#!/usr/bin/env node
// Builds models/segmenter/segmenter.tsv from ANERcorp's and WikiFANE's text (the last 10% of each
// held out) and Wikidata's person-name words. Deterministic: the same data gives the same bytes. Usage:
//   npm run train:segmenter [-- --data ../shared/data --out models/segmenter/segmenter.tsv --held-out 0.1]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readAnercorp, readNameWords, readWikifane } from '../dist/text/segment/training-text.js';
import { trainModel } from '../dist/text/segment/train.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'models/segmenter/segmenter.tsv' },
    // A development model: also leave out the part before the held-out one, and measure there
    // (npm run bench:segmenter -- --model FILE --part dev) to choose the decision parameters.
    'held-out': { type: 'string', default: '0.1' },
  },
});
const data = resolve(values.data);
const out = resolve(values.out);
const share = Number(values['held-out']);
const text = trainModel([readAnercorp(data, share), readWikifane(data, share)], readNameWords(data));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
console.log(`${out}: ${(text.length / 1e6).toFixed(2)} M characters`);
