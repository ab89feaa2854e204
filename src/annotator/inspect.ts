/**
 * What the inspecting commands ask of the pipeline, with the package's gazetteers and models:
 * why each entity of a text was found (`explain`), and a text's entities as the pipeline finds
 * them before they are written (`eval-conll` scores those against CoNLL gold).
 */
import type { Entity, ExtractOptions } from '../types.js';
import { extract, loadResources } from '../pipeline/extract.js';
import { explain, type Explanation } from '../pipeline/explain.js';

export { formatExplanations, type Explanation } from '../pipeline/explain.js';

/** Every entity of `text` with the recogniser that made it and how. */
export function explainText(text: string, options: ExtractOptions): Explanation[] {
  return explain(text, loadResources(), options);
}

/** A function from a text to its entities, the resources loaded once (`model: false`: without the learned tagger). */
export function entityFinder(options: { readonly model: boolean }): (text: string) => readonly Entity[] {
  const resources = loadResources(options.model ? {} : { modelDir: false });
  return (text) => extract(text, resources).entities;
}
