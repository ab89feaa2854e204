import { textDiffers } from './diff.js';
import { readTextPair, type RunFile, type TextPair } from './load-run.js';

/** The two source texts of every document whose text changed between the runs. */
export async function readEditedTexts(before: readonly RunFile[], after: readonly RunFile[], inputs: { before: string; after: string }): Promise<Map<string, TextPair>> {
  const old = new Map(before.map((f) => [f.key, f.annotation]));
  const texts = new Map<string, TextPair>();
  for (const file of after) {
    const previous = old.get(file.key);
    if (previous && textDiffers(previous, file.annotation)) texts.set(file.key, await readTextPair(inputs, previous, file.annotation, file.key));
  }
  return texts;
}
