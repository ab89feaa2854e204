import type { Annotation, EntityType } from '../types.js';
import type { Resources } from '../pipeline/extract.js';
import { annotateBytes } from '../cli/extract.js';
import { decodeBytes } from '../io/decode.js';
import { serializeAnnotation, serializeCompact } from '../output/annotation.js';
import { toConll } from '../output/conll.js';
import { toXml } from '../output/xml.js';
import { sha256 } from '../io/hash.js';
import { annotateTextInChunks, LARGE_FILE_BYTES } from '../io/large-file.js';
import type { DocumentJob, DocumentResult, OutputFormat } from './protocol.js';

/**
 * One document, bytes to serialised annotation. A document over the large-file size (a long JSON
 * Lines line) is annotated in chunks as a large file is, so its cost is that of one chunk at a time.
 */
export function renderDocument(job: DocumentJob, format: OutputFormat, resources: Resources): DocumentResult {
  const annotation = job.bytes.length > LARGE_FILE_BYTES ? annotateLongDocument(job, resources) : annotateBytes(job.bytes, job.id, job.source, resources, job.options);
  return { output: serialize(format, annotation, job.bytes, job.source), entityCounts: countEntities(annotation) };
}

function annotateLongDocument(job: DocumentJob, resources: Resources): Annotation {
  const { text, encoding } = decodeBytes(job.bytes, job.source);
  return annotateTextInChunks(text, { id: job.id, source: job.source, sha256: sha256(job.bytes), encoding }, resources, job.options);
}

/** The annotation in the chosen format; CoNLL and XML print the text, so it is decoded again. */
export function serialize(format: OutputFormat, annotation: Annotation, bytes: Uint8Array, source: string): string {
  if (format === 'json') return serializeAnnotation(annotation);
  if (format === 'json-compact') return serializeCompact(annotation);
  const { text } = decodeBytes(bytes, source);
  return format === 'conll' ? toConll(annotation, text) : toXml(annotation, text);
}

export function countEntities(annotation: Annotation): Partial<Record<EntityType, number>> {
  const counts: Partial<Record<EntityType, number>> = {};
  for (const entity of annotation.entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}
