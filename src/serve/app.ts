import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Ajv, type ErrorObject } from 'ajv';
import { fastify, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AnnotatorOptions, ErrorCode } from '../index.js';
import { createAnnotatorThreads, type AnnotateRequest, type AnnotatorThreads, type DocumentOutcome } from './threads.js';
import { loadServiceSchemas } from './schemas.js';
import { openApiDocument } from './openapi.js';
import { createServiceMetrics } from './metrics.js';
import { serviceVersions, type ServiceVersions } from './versions.js';
import { bodyLines, type BodyLine } from './lines.js';

/**
 * The HTTP service (Fastify): `POST /v1/annotate` (one JSON document, or NDJSON streamed in and
 * out in order), `GET /healthz`, `/version`, `/metrics`, `/openapi.json`. Annotation runs on the
 * worker threads; this thread parses, validates, counts and answers. Every client mistake is a
 * 4xx with a JSON body `{"error", "code"}`.
 */

export interface ServiceLimits {
  /** Largest JSON body, and largest NDJSON line, in bytes (413 / a failed line beyond). */
  readonly maxBodyBytes: number;
  /** Longest a document may take, queueing included (503 TIMEOUT beyond; for NDJSON, per line). */
  readonly timeoutMs: number;
  /** `POST /v1/annotate` requests served at once; more get 503 with Retry-After. */
  readonly maxInFlight: number;
}

export interface ServiceOptions extends ServiceLimits {
  /** Worker threads, each holding one annotator. */
  readonly jobs: number;
  readonly annotator?: Pick<AnnotatorOptions, 'gazetteerDir' | 'model'>;
  /** Where the JSON log lines go (pino, one object per line); none when absent. */
  readonly log?: { readonly level: string; readonly stream: { write(line: string): unknown } };
}

export interface Service {
  readonly app: FastifyInstance;
  readonly versions: ServiceVersions;
  /** Starts listening; resolves to the address (`http://127.0.0.1:8080`). */
  listen(port: number, host: string): Promise<string>;
  /** Refuses new requests, lets those in flight finish, then ends the threads. */
  close(): Promise<void>;
}

/** Seconds a client is told to wait when every slot is taken. */
const RETRY_AFTER_SECONDS = 1;
const NDJSON = 'application/x-ndjson';
const JSON_TYPE = 'application/json';

/** Loads the annotators (rejects with the loading error: a bad gazetteer or model) and builds the service. */
export async function createService(options: ServiceOptions): Promise<Service> {
  const versions = serviceVersions(options.annotator);
  // Before the app exists a thread's failure is the loading error ready() rejects with; after, it is logged.
  const log: { error(error: Error): void } = { error: () => undefined };
  const threads = createAnnotatorThreads(options.jobs, options.annotator ?? {}, (error) => log.error(error));
  try {
    await threads.ready();
  } catch (error) {
    await threads.close();
    throw error;
  }
  const shutdown = { started: false };
  const app = buildApp(options, threads, versions, shutdown);
  log.error = (error) => app.log.error({ err: error }, 'annotation thread failed');
  return {
    app,
    versions,
    listen: (port, host) => app.listen({ port, host }),
    async close() {
      shutdown.started = true;
      await app.close();
      await threads.close();
    },
  };
}

interface ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

function buildApp(options: ServiceOptions, threads: AnnotatorThreads, versions: ServiceVersions, shutdown: { readonly started: boolean }): FastifyInstance {
  const schemas = loadServiceSchemas();
  // One validator for the JSON body and each NDJSON line; no coercion (a number is not a text) and no silent removal of unknown fields.
  const ajv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false });
  const validateRequest = ajv.compile<AnnotateRequest>(schemas.annotateRequest);
  const metrics = createServiceMetrics();
  const openApi = JSON.stringify(openApiDocument(schemas, { toolVersion: versions.version, maxBodyBytes: options.maxBodyBytes }));
  const app = fastify({
    bodyLimit: options.maxBodyBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logger: options.log ? { level: options.log.level, stream: options.log.stream } : false,
  });
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.setSchemaErrorFormatter((errors, dataVar) => new Error(describeValidation(errors, dataVar)));
  // An NDJSON body is read line by line as it arrives, by the route (see bodyLines).
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  const sendError = (reply: FastifyReply, answer: ErrorAnswer): FastifyReply => {
    metrics.errors.inc({ code: answer.code });
    return reply.code(answer.status).type('application/json; charset=utf-8').send({ error: answer.message, code: answer.code });
  };
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = errorAnswer(error);
    if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, answer);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, { status: 404, code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }));
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
    // A keep-alive connection whose last response ends after shutdown began would hold the close up until the client drops it.
    if (shutdown.started) request.raw.socket.end();
  });

  const annotateDocument = async (request: AnnotateRequest): Promise<DocumentOutcome> => {
    metrics.bytes.inc(Buffer.byteLength(request.text, 'utf8'));
    const outcome = await threads.annotate(request, options.timeoutMs);
    metrics.documents.inc({ outcome: outcome.ok ? 'ok' : 'failed' });
    return outcome;
  };

  /** One NDJSON line's output line: the annotation, or `{"id","line","error","code"}` as `arabic-ner jsonl` writes a failed line. */
  const annotateLine = async (line: BodyLine): Promise<string> => {
    const failure = (id: unknown, code: string, error: string): string => {
      metrics.errors.inc({ code });
      return JSON.stringify({ id: typeof id === 'string' || typeof id === 'number' ? id : null, line: line.number, error, code }) + '\n';
    };
    if (line.text === null) return failure(null, 'BODY_TOO_LARGE', `line longer than ${options.maxBodyBytes} bytes`);
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (error) {
      return failure(null, 'INVALID_JSON', `not JSON: ${(error as Error).message}`);
    }
    const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : null;
    if (!validateRequest(record)) return failure(id, 'INVALID_REQUEST', describeValidation(validateRequest.errors ?? [], 'line'));
    const outcome = await annotateDocument(record);
    return outcome.ok ? outcome.json : failure(id, outcome.code, outcome.message);
  };

  let inFlight = 0;
  app.post(
    '/v1/annotate',
    {
      // Checked before the body is read: a full server does not read what it will refuse.
      onRequest: async (request, reply) => {
        if (inFlight >= options.maxInFlight) {
          reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
          return sendError(reply, { status: 503, code: 'BUSY', message: `busy: ${options.maxInFlight} requests in flight; retry after ${RETRY_AFTER_SECONDS} s` });
        }
        inFlight++;
        metrics.inFlight.inc();
        reply.raw.once('close', () => {
          inFlight--;
          metrics.inFlight.dec();
        });
        return undefined;
      },
      // A body of another type (a form, or none) has no schema to be checked against: refused here, before validation.
      preValidation: async (request, reply) => (mediaType(request) === JSON_TYPE || mediaType(request) === NDJSON ? undefined : sendError(reply, unsupportedMediaType())),
      schema: { body: { content: { [JSON_TYPE]: { schema: schemas.annotateRequest } } } },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (mediaType(request) === NDJSON) {
        const lines = bodyLines(request.body as IncomingMessage, options.maxBodyBytes);
        return reply.type(`${NDJSON}; charset=utf-8`).send(Readable.from(inOrder(lines, annotateLine, 2 * threads.jobs)));
      }
      const outcome = await annotateDocument(request.body as AnnotateRequest);
      if (outcome.ok) return reply.type('application/json; charset=utf-8').send(outcome.json);
      return sendError(reply, outcomeAnswer(outcome.code, outcome.message));
    },
  );
  app.get('/healthz', async () => ({ status: 'ok', jobs: threads.jobs, inFlight }));
  app.get('/version', async () => versions);
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(openApi));
  return app;
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function unsupportedMediaType(): ErrorAnswer {
  return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `Content-Type must be ${JSON_TYPE} or ${NDJSON}` };
}

/**
 * Each item's output, in input order, with at most `window` items being worked on at once: the
 * threads stay busy while the response is written strictly in order.
 */
async function* inOrder<T>(items: AsyncIterable<T>, work: (item: T) => Promise<string>, window: number): AsyncGenerator<string> {
  const pending: Promise<string>[] = [];
  for await (const item of items) {
    pending.push(work(item));
    if (pending.length >= window) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}

/** What is wrong with a request, in words: `body/text must be string`, `body has a field foo the request does not take`. */
function describeValidation(errors: readonly Partial<ErrorObject>[], dataVar: string): string {
  return errors
    .map((error) => {
      const where = `${dataVar}${error.instancePath ?? ''}`;
      const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty?: string } | undefined)?.additionalProperty : undefined;
      return extra !== undefined ? `${where} has a field "${extra}" the request does not take` : `${where} ${error.message ?? 'is not valid'}`;
    })
    .join('; ');
}

/** A document that was not annotated: the caller's mistake (4xx) or the service's (5xx). */
function outcomeAnswer(code: ErrorCode, message: string): ErrorAnswer {
  if (code === 'TIMEOUT') return { status: 503, code, message };
  if (code === 'USAGE' || code.startsWith('INPUT_')) return { status: 400, code, message };
  return { status: 500, code, message };
}

/** Fastify's errors (parsing, validation, limits) as the service's answers. */
function errorAnswer(error: FastifyError): ErrorAnswer {
  if (error.validation) return { status: 400, code: 'INVALID_REQUEST', message: error.message };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'INVALID_JSON', message: `body is not JSON: ${error.message}` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'INVALID_JSON', message: 'body is empty; expected a JSON object {"text": ...}' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', message: `body larger than the limit (--max-body)` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType();
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message: error.message };
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}
