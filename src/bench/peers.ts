import { createRequire } from 'node:module';
import type { Resources } from '../pipeline/extract.js';
import { annotate } from '../pipeline/extract.js';
import { serializeAnnotation } from '../output/annotation.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { createGazetteerRecognizer } from '../recognizers/gazetteer.js';

/**
 * Gazetteer matching side by side, in one thread, on the same documents and the same names:
 * our phrase-trie matcher alone, our whole pipeline, nlp.js enum entities and wink-nlp custom
 * entities. Slow runners stop at a time budget; rates are per processed byte.
 */

export interface PeerRun {
  readonly name: string;
  readonly docs: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly entities: number;
  readonly setupSeconds: number;
}

export interface GazetteerName {
  readonly text: string;
  readonly type: string;
  readonly id: string;
}

type Matcher = (text: string) => Promise<number> | number;

const require = createRequire(import.meta.url);

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, (performance.now() - started) / 1000];
}

async function runMatcher(name: string, setupSeconds: number, matcher: Matcher, docs: readonly string[], budgetSeconds: number): Promise<PeerRun> {
  let bytes = 0;
  let entities = 0;
  let count = 0;
  const started = performance.now();
  for (const doc of docs) {
    entities += await matcher(doc);
    bytes += Buffer.byteLength(doc);
    count++;
    if ((performance.now() - started) / 1000 > budgetSeconds) break;
  }
  return { name, docs: count, bytes, seconds: (performance.now() - started) / 1000, entities, setupSeconds };
}

interface NlpjsNer {
  addRuleOptionTexts(locale: string, name: string, option: string, texts: string[]): void;
  process(input: { locale: string; text: string }): Promise<{ entities: unknown[] }>;
}

async function nlpjsMatcher(names: readonly GazetteerName[]): Promise<Matcher> {
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<{ use(plugin: unknown): void }> };
  const { Ner } = require('@nlpjs/ner') as { Ner: new (settings: { container: unknown }) => NlpjsNer };
  const { LangAr } = require('@nlpjs/lang-ar') as { LangAr: unknown };
  const container = await containerBootstrap();
  container.use(LangAr);
  const ner = new Ner({ container });
  for (const name of names) ner.addRuleOptionTexts('ar', name.type, name.id, [name.text]);
  return async (text) => (await ner.process({ locale: 'ar', text })).entities.length;
}

interface WinkNlp {
  learnCustomEntities(examples: { name: string; patterns: string[] }[]): void;
  readDoc(text: string): { customEntities(): { length(): number } };
}

function winkMatcher(names: readonly GazetteerName[]): Matcher {
  const winkNLP = require('wink-nlp') as (model: unknown) => WinkNlp;
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  const byType = new Map<string, string[]>();
  for (const name of names) byType.set(name.type, [...(byType.get(name.type) ?? []), name.text]);
  nlp.learnCustomEntities([...byType].map(([name, patterns]) => ({ name, patterns })));
  return (text) => nlp.readDoc(text).customEntities().length();
}

export async function comparePeers(docs: readonly string[], names: readonly GazetteerName[], resources: Resources, budgetSeconds: number): Promise<PeerRun[]> {
  const recognizer = createGazetteerRecognizer(resources.gazetteer);
  const ours: Matcher = (text) => {
    const view = normalize(text);
    return recognizer.recognize({ view, tokens: tokenize(view), options: {} }).length;
  };
  const pipeline: Matcher = (text) => {
    const annotation = annotate(text, { id: 'bench', source: 'bench', sha256: '', encoding: 'utf-8' }, resources);
    serializeAnnotation(annotation);
    return annotation.entities.length;
  };
  const [nlpjs, nlpjsSetup] = await timed(() => nlpjsMatcher(names));
  const [wink, winkSetup] = await timed(() => winkMatcher(names));
  return [
    await runMatcher('arabic-ner matcher (normalise, tokenise, trie)', 0, ours, docs, budgetSeconds),
    await runMatcher('arabic-ner full pipeline', 0, pipeline, docs, budgetSeconds),
    await runMatcher('nlp.js NER (@nlpjs/ner + lang-ar, enum rules)', nlpjsSetup, nlpjs, docs, budgetSeconds),
    await runMatcher('wink-nlp custom entities', winkSetup, wink, docs, budgetSeconds),
  ];
}
