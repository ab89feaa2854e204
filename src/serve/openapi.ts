import type { ServiceSchemas } from './schemas.js';

/**
 * The OpenAPI 3.1 document of the service, served at `/openapi.json`. The annotation's schema goes
 * in whole under components: its `definitions` become components too, and its `#/definitions/`
 * references are pointed there.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OpenApiFacts {
  readonly toolVersion: string;
  readonly maxBodyBytes: number;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'code'],
  properties: {
    error: { type: 'string', description: 'What is wrong, in words.' },
    code: { type: 'string', description: 'A stable code: INVALID_JSON, INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, BODY_TOO_LARGE, NOT_FOUND, BUSY, TIMEOUT, USAGE, INTERNAL, ...' },
  },
};

const LINE_FAILURE_SCHEMA = {
  type: 'object',
  required: ['id', 'line', 'error', 'code'],
  properties: {
    id: { type: ['string', 'null'], description: "The line's id when it had one." },
    line: { type: 'integer', minimum: 1, description: 'Line number in the request, from 1 (blank lines count).' },
    error: { type: 'string' },
    code: { type: 'string' },
  },
};

export function openApiDocument(schemas: ServiceSchemas, facts: OpenApiFacts): Record<string, Json> {
  const { definitions, $schema: _draft, $id: _id, ...annotation } = schemas.annotation as Record<string, Json> & { definitions?: Record<string, Json> };
  const components: Record<string, Json> = { Annotation: toComponents(annotation), AnnotateRequest: schemas.annotateRequest as Json, Error: ERROR_SCHEMA, LineFailure: LINE_FAILURE_SCHEMA };
  for (const [name, schema] of Object.entries(definitions ?? {})) components[name] = toComponents(schema);
  const error = (description: string): Json => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const text = (description: string): Json => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
  return {
    openapi: '3.1.0',
    info: { title: 'arabic-ner', version: facts.toolVersion, description: 'Named entities in Arabic text: the v1 annotation, as `arabic-ner jsonl` writes it.' },
    paths: {
      '/v1/annotate': {
        post: {
          summary: 'Annotate one document (JSON), or many (NDJSON, streamed in order)',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AnnotateRequest' } },
              'application/x-ndjson': { schema: { $ref: '#/components/schemas/AnnotateRequest' }, description: 'One request object per line.' },
            },
          },
          responses: {
            '200': {
              description: 'The annotation (JSON), or one line per non-blank request line, in order: the annotation or a LineFailure (NDJSON)',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Annotation' } },
                'application/x-ndjson': { schema: { oneOf: [{ $ref: '#/components/schemas/Annotation' }, { $ref: '#/components/schemas/LineFailure' }] } },
              },
            },
            '400': error('Invalid JSON, a request that does not match AnnotateRequest, or a date that is not a date'),
            '413': error(`Body larger than ${facts.maxBodyBytes} bytes (NDJSON: a line larger than that fails alone)`),
            '415': error('Content-Type other than application/json or application/x-ndjson'),
            '503': error('Busy (Retry-After given), shutting down, or not annotated within the time limit'),
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness and readiness', responses: { '200': { description: 'Ready', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/version': { get: { summary: 'Tool, schema, gazetteer and model versions', responses: { '200': { description: 'Versions', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': text('Prometheus text exposition format') } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    },
    components: { schemas: components },
  };
}

/** The schema with its `#/definitions/X` references made `#/components/schemas/X`. */
function toComponents(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toComponents);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? value.replace(/^#\/definitions\//, '#/components/schemas/') : toComponents(value)]),
  );
}
