import type { Annotation, EntityType } from '../types.js';
import type { Resources } from '../pipeline/extract.js';
import { annotateBytes, serializeAs } from '../cli/extract.js';
import { serializeCompact } from '../output/annotation.js';
import type { DocumentJob, DocumentResult, OutputFormat } from './protocol.js';

/** One document, bytes to serialised annotation: the same code in a worker and in-thread. */
export function renderDocument(job: DocumentJob, format: OutputFormat, resources: Resources): DocumentResult {
  const annotation = annotateBytes(job.bytes, job.id, job.source, resources, job.options);
  return { output: serialize(format, annotation, job.bytes, job.source), entityCounts: countEntities(annotation) };
}

export function serialize(format: OutputFormat, annotation: Annotation, bytes: Uint8Array, source: string): string {
  if (format === 'json-compact') return serializeCompact(annotation);
  return serializeAs(format, annotation, bytes, source);
}

export function countEntities(annotation: Annotation): Partial<Record<EntityType, number>> {
  const counts: Partial<Record<EntityType, number>> = {};
  for (const entity of annotation.entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}
