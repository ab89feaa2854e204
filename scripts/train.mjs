#!/usr/bin/env node
// Rebuilds the NER model from the data in ../shared/data (run through `npm run train`, which builds dist/ first).
// Deterministic: the same data, seed and code give the same bytes. Prints progress and the dev-split scores.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadResources } from '../dist/pipeline/extract.js';
import { parseConll } from '../dist/learn/conll.js';
import { prepare, train, countWords, wordStatisticsText, entityClasses, evaluate, formatScores, calibrateTemperature } from '../dist/tagger/train.js';
import { FeatureExtractor } from '../dist/tagger/features.js';
import { parseWordStatistics } from '../dist/tagger/lexical.js';
import { MODEL_FILE, WORDS_FILE, PERSON_NAMES_FILE } from '../dist/tagger/tagger.js';
import { personNameKeys } from '../dist/text/name-words.js';
import { encodeModel } from '../dist/learn/model-file.js';
import { adaptWikifane } from '../dist/tagger/wikifane.js';
import { TAGS } from '../dist/tagger/tags.js';
import { predictWith } from '../dist/learn/perceptron.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'data') },
    out: { type: 'string', default: join(root, 'models', 'tagger') },
    epochs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '13' },
    'dev-fraction': { type: 'string', default: '0.1' },
    'dev-only': { type: 'boolean', default: false },
    // Writes the model trained without the dev split, to score the whole pipeline on that split (arabic-ner eval --conll).
    'exclude-dev': { type: 'boolean', default: false },
    limit: { type: 'string' },
    wikifane: { type: 'boolean', default: false },
  },
});
const log = (line) => process.stderr.write(`${line}\n`);
const data = values.data;
const epochs = Number(values.epochs);
const seed = Number(values.seed);
const need = (path) => {
  if (!existsSync(path)) {
    log(`train: ${path} is missing (the training data lives in ../shared/data; pass --data DIR)`);
    process.exit(2);
  }
  return path;
};

const anercorpPath = need(join(data, 'anercorp-train', 'ANERCorp.train.txt'));
let sentences = parseConll(readFileSync(anercorpPath, 'utf8'), anercorpPath);
if (values.limit) sentences = sentences.slice(0, Number(values.limit));
const devCount = Math.round(sentences.length * Number(values['dev-fraction']));
const trainPart = sentences.slice(0, sentences.length - devCount);
const devPart = sentences.slice(sentences.length - devCount);
log(`ANERcorp: ${sentences.length} sentences; dev split = the last ${devCount} (${devPart.reduce((n, s) => n + s.tokens.length, 0)} tokens)`);

// Unlabelled running text for word statistics: never the dev split.
const wikifanePath = need(join(data, 'wikifane-gold', 'WikiFANE_Gold_2014_500K.txt'));
const wikifane = parseConll(readFileSync(wikifanePath, 'utf8'), wikifanePath).map(adaptWikifane);
const wikifaneText = wikifane.map((s) => s.tokens.join(' '));
const corpusDir = join(root, 'corpus');
const corpusTexts = readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(join(corpusDir, name), 'utf8'));
const runningText = (part) => [...part.map((s) => s.tokens.join(' ')), ...wikifaneText, ...corpusTexts];

const personNamesPath = need(join(data, 'wikidata-person-names', 'ar_person_name_tokens.tsv'));
const personNames = personNameKeys(readFileSync(personNamesPath, 'utf8'));

const resources = loadResources();
const isCommonWord = (key) => resources.lexicon.hasWord(key);

function build(part, held) {
  const counts = countWords(runningText(part));
  const wordsText = wordStatisticsText(counts, entityClasses(wikifane), 2);
  const lexicon = { gazetteer: resources.gazetteer, isCommonWord, personNameWords: new Set(personNames), words: parseWordStatistics(wordsText) };
  const extractor = new FeatureExtractor(lexicon);
  const started = Date.now();
  const trainSet = prepare(values.wikifane ? [...part, ...wikifane] : part, resources, extractor);
  const devSet = held.length > 0 ? prepare(held, resources, extractor) : [];
  log(`features of ${trainSet.length + devSet.length} sentences in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const trainer = train(trainSet, devSet, { epochs, seed, log });
  const averaged = trainer.averaged();
  const scores = devSet.length > 0 ? evaluate(devSet, (features) => predictWith(averaged, features)) : {};
  const temperature = devSet.length > 0 ? calibrateTemperature(devSet, averaged) : undefined;
  return { trainer, wordsText, scores, temperature };
}

const dev = build(trainPart, devPart);
log(`dev split: ${formatScores(dev.scores)}; confidence temperature ${dev.temperature}`);
if (values['dev-only']) process.exit(0);

// The shipped model: the same recipe on every sentence, dev split included.
const devScores = dev.scores;
const final = values['exclude-dev'] ? dev : build(sentences, []);
const averaged = final.trainer.averaged();
const meta = {
  name: 'arabic-ner NER tagger',
  model: 'averaged structured perceptron, first-order Viterbi over BIO (PERS, LOC, ORG, MISC)',
  trainingData: [
    'ANERcorp training part (Benajiba et al. 2007; CAMeL Lab split), CC BY-SA 4.0: labelled sentences',
    'WikiFANE Gold (Alotaibi and Lee 2014), CC BY-SA 3.0: word classes and counts as features',
    'Wikidata person-name words (NETransliteration-COLING2018), CC0: membership feature',
  ],
  licence: 'CC BY-SA 4.0 (derived from ANERcorp and WikiFANE)',
  epochs,
  seed,
  sentencesPerDocument: 10,
  devSplit: `last ${devCount} of ${sentences.length} ANERcorp training sentences (held out for the scores, then ${values['exclude-dev'] ? 'left out of this model' : 'trained on'})`,
  devScores: Object.fromEntries(Object.entries(devScores).map(([label, score]) => [label, { precision: round(score.precision), recall: round(score.recall), f1: round(score.f1) }])),
  // Span confidence = posterior of its weakest tag at this temperature, calibrated on the dev split.
  temperature: dev.temperature,
};
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, MODEL_FILE), encodeModel(averaged, TAGS, meta));
writeFileSync(join(values.out, WORDS_FILE), final.wordsText);
writeFileSync(join(values.out, PERSON_NAMES_FILE), personNames.join('\n') + '\n');
writeFileSync(join(values.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
log(`wrote ${values.out}/${MODEL_FILE}, ${WORDS_FILE}, ${PERSON_NAMES_FILE}, meta.json`);

function round(value) {
  return Math.round(value * 1000) / 1000;
}
