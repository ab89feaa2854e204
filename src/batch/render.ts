import type { EntityType } from '../types.js';
import type { Resources } from '../pipeline/extract.js';
import { annotateBytes, serializeAs } from '../cli/extract.js';
import { serializeAnnotation } from '../output/annotation.js';
import type { DocumentJob, DocumentResult, OutputFormat } from './protocol.js';

/** One document, bytes to serialised annotation: the same code in a worker and in-thread. */
export function renderDocument(job: DocumentJob, format: OutputFormat, resources: Resources): DocumentResult {
  const annotation = annotateBytes(job.bytes, job.id, job.source, resources, job.options);
  const output = format === 'json-line' ? serializeAnnotation(annotation, false) : serializeAs(format, annotation, job.bytes, job.source);
  const entityCounts: Partial<Record<EntityType, number>> = {};
  for (const entity of annotation.entities) entityCounts[entity.type] = (entityCounts[entity.type] ?? 0) + 1;
  return { output, entityCounts };
}
