import { readFileSync } from 'node:fs';
import { ANNOTATION_SCHEMA_ID, ANNOTATION_SCHEMA_PATH } from '../index.js';

/**
 * The service's JSON Schemas, all from `schema/annotation.v1.json`: the response is that schema;
 * the request's `id` and `documentDate` are the annotation's `document.id` and
 * `document.documentDate`, so what is accepted is what the annotation can hold.
 */

type JsonSchema = Record<string, unknown>;

export interface ServiceSchemas {
  /** The v1 annotation's schema as published. */
  readonly annotation: JsonSchema;
  /** The body of `POST /v1/annotate` and each NDJSON line. */
  readonly annotateRequest: JsonSchema;
}

interface AnnotationSchemaShape {
  readonly properties: { readonly document: { readonly properties: { readonly id: JsonSchema; readonly documentDate: JsonSchema } } };
}

export function loadServiceSchemas(): ServiceSchemas {
  const annotation = JSON.parse(readFileSync(ANNOTATION_SCHEMA_PATH, 'utf8')) as JsonSchema & AnnotationSchemaShape;
  const document = annotation.properties.document.properties;
  const annotateRequest: JsonSchema = {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string', description: 'The document, as plain text.' },
      id: { ...document.id, description: `The annotation's document.id (default "-"). From ${ANNOTATION_SCHEMA_ID}.` },
      documentDate: { ...document.documentDate, description: `Date the document was written (YYYY-MM-DD): relative dates resolve against it. From ${ANNOTATION_SCHEMA_ID}.` },
    },
  };
  return { annotation, annotateRequest };
}
