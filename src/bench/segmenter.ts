import { parseArgs } from 'node:util';
import { readAnercorp, readWikifane, type Sentence } from '../text/segment/training-text.js';
import { readModel } from '../text/segment/model-file.js';
import { createSegmenter } from '../text/segment/segmenter.js';
import { loadLexicon } from '../text/lexicon.js';
import { seededRandom } from './prng.js';
import { cutsOfText, makeVariant, scoreCuts, type DeletionRule } from './space-variants.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    model: { type: 'string' },
    space: { type: 'string', default: '0.02' },
    threshold: { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '20' },
    part: { type: 'string', default: 'held-out' },
    dict: { type: 'string', default: '0' },
  },
});
const sources = [readAnercorp(values.data), readWikifane(values.data)];
const model = readModel(values.model);
const lexicon = loadLexicon();
const dictionary = Number(values.dict) > 0 ? { isWord: (key: string) => lexicon.hasWord(key), factor: Number(values.dict) } : undefined;
const segmenter = createSegmenter(model, [], { missingSpace: Number(values.space), cutThreshold: Number(values.threshold), ...(dictionary ? { dictionary } : {}) });
const rules: [string, DeletionRule][] = [
  ['as written', { kind: 'none' }],
  ['5% random', { kind: 'random', share: 0.05, afterNonJoining: false }],
  ['20% random', { kind: 'random', share: 0.2, afterNonJoining: false }],
  ['20% after non-joining', { kind: 'random', share: 0.2, afterNonJoining: true }],
  ['around entities', { kind: 'around-entities', afterNonJoining: false }],
  ['inside entities', { kind: 'inside-entities' }],
];
for (const source of sources) {
  const sentences: readonly Sentence[] = values.part === 'held-out' ? source.heldOut : source.train.slice(-source.heldOut.length);
  for (const [name, rule] of rules) {
    if (rule.kind.includes('entities') && source.name !== 'anercorp') continue;
    const variant = makeVariant(sentences, rule, seededRandom(Number(values.seed)));
    const started = performance.now();
    const score = scoreCuts(variant, cutsOfText(variant.text, (key) => segmenter.segment(key).cuts));
    const ms = performance.now() - started;
    console.log(`${source.name}\t${name}\tP ${score.precision.toFixed(3)}\tR ${score.recall.toFixed(3)}\tcuts ${score.cuts}\tdeleted ${score.deleted}\twrong/10k ${score.wrongPer10k.toFixed(1)}\t${ms.toFixed(0)} ms`);
    if (rule.kind === 'none') console.log('  ', score.wrong.slice(0, 40).join('  '));
  }
}
