import { extract, loadResources, type Resources } from '../src/pipeline/extract.js';
import type { Entity, ExtractOptions } from '../src/types.js';

let shared: Resources | undefined;
let rulesOnly: Resources | undefined;

/** The real resources (gazetteers, word list), loaded once per test file. */
export function resources(): Resources {
  shared ??= loadResources();
  return shared;
}

export function entities(text: string, options: ExtractOptions = {}): readonly Entity[] {
  return extract(text, resources(), options).entities;
}

/** `TYPE text` for each entity, in order: compact and readable in failures. */
export function spans(text: string, options: ExtractOptions = {}): string[] {
  return entities(text, options).map((e) => `${e.type} ${e.text}`);
}

/** `TYPE text -> English link name` for each entity. */
export function linked(text: string): string[] {
  return entities(text).map((e) => `${e.type} ${e.text} -> ${e.link?.name ?? '-'}`);
}

/** Like `spans`, with the rule and gazetteer recognisers alone (no learned tagger): for tests of the rules themselves. */
export function ruleSpans(text: string, options: ExtractOptions = {}): string[] {
  rulesOnly ??= loadResources({ modelDir: false });
  return extract(text, rulesOnly, options).entities.map((e) => `${e.type} ${e.text}`);
}
