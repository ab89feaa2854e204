import { extract, loadResources, type Resources } from '../src/pipeline/extract.js';
import { normalize } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';
import type { CutRule, Entity, ExtractOptions, Token } from '../src/types.js';

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

/** The pipeline's run splitter over one document: its normalised text and tokens. */
export function splitRuns(raw: string): { readonly text: string; readonly tokens: readonly Token[] } {
  const view = normalize(raw);
  return { text: view.text, tokens: resources().runSplitter.split(tokenize(view), view) };
}

/**
 * The text's tokens as display strings; pieces of one run are joined by '|', and a cut made by one
 * of the `marked` rules is written `|(rule)`.
 */
export function splitText(raw: string, marked: readonly CutRule[] = []): string {
  const { text, tokens } = splitRuns(raw);
  let out = '';
  let previousEnd = -1;
  for (const token of tokens) {
    const sameRun = token.joined && token.start === previousEnd;
    const rule = token.cut !== undefined && marked.includes(token.cut.by) ? `(${token.cut.by})` : '';
    out += (out === '' ? '' : sameRun ? `|${rule}` : ' ') + text.slice(token.start, token.end);
    previousEnd = token.joined ? token.end : -1;
  }
  return out;
}

