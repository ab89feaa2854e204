/**
 * arabic-ner from code: what the package exports, nothing more.
 *
 * ```ts
 * import { createAnnotator } from 'arabic-ner';
 * const annotator = createAnnotator();
 * const annotation = annotator.annotate('زار وزير الخارجية الأمريكي جون كيري بغداد أمس', { id: 'news-1', documentDate: '2015-01-22' });
 * ```
 *
 * @packageDocumentation
 */
import { fileURLToPath } from 'node:url';
import type { Annotation } from './types.js';
import type { JsonLinesFailure } from './annotator/annotator.js';
import { serializeAnnotation, serializeCompact } from './output/annotation.js';

export { createAnnotator } from './annotator/annotator.js';
export type { Annotator, AnnotatorOptions, DocumentOptions, FileOptions, JsonLinesFailure } from './annotator/annotator.js';
export { ArabicNerError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { ANNOTATION_SCHEMA_ID, ENTITY_TYPES } from './types.js';
export type { Annotation, CountQualifier, CountryCount, DateDetail, DocumentInfo, Entity, EntityType, Link } from './types.js';
export { TOOL_VERSION as VERSION } from './version.js';

/** Absolute path of the v1 annotation's JSON Schema (`schema/annotation.v1.json`, `$id` `arabic-ner/annotation/v1`). */
export const ANNOTATION_SCHEMA_PATH: string = fileURLToPath(new URL('../schema/annotation.v1.json', import.meta.url));

/**
 * The annotation as the CLI writes it, byte for byte: indented JSON (`arabic-ner extract`), or
 * with `compact` one line ended by a newline (`--compact`, `arabic-ner jsonl`).
 */
export function toJson(annotation: Annotation, options: { readonly compact?: boolean } = {}): string {
  return options.compact ? serializeCompact(annotation) : serializeAnnotation(annotation);
}

/** True for the items of annotateJsonLines that stand for a line that failed. */
export function isJsonLinesFailure(item: Annotation | JsonLinesFailure): item is JsonLinesFailure {
  return 'error' in item;
}
