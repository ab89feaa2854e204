import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ROOT, runCli, schemaErrors } from './helpers.js';
import { heldRequest, startServer, stopServer, type RunningServer } from './serve-server.js';

/**
 * `arabic-ner serve`, the real process on a loopback port (started once for the file): every
 * route, the limits, each kind of bad input, and a graceful SIGTERM last.
 */

const MAX_BODY = 16384;
const MAX_IN_FLIGHT = 2;
const articles = readdirSync(CORPUS)
  .sort()
  .map((name) => readFileSync(join(CORPUS, name), 'utf8'));
const SENTENCE = 'زار وزير الخارجية الأمريكي جون كيري بغداد أمس والتقى رئيس الوزراء العراقي حيدر العبادي';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(['--jobs', '2', '--max-body', String(MAX_BODY), '--max-in-flight', String(MAX_IN_FLIGHT), '--timeout', '60000']);
});

afterAll(async () => {
  if (server) await stopServer(server);
});

async function post(body: string | Buffer, contentType?: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${server.url}/v1/annotate`, { method: 'POST', body, headers: contentType === undefined ? {} : { 'content-type': contentType } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const postJson = (value: unknown): ReturnType<typeof post> => post(JSON.stringify(value), 'application/json');

async function inFlight(): Promise<number> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { inFlight: number }).inFlight;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await condition()); tries++) {
    if (tries > 200) throw new Error('condition never met');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('arabic-ner serve', () => {
  it('answers POST /v1/annotate with the bytes arabic-ner jsonl writes for the same document', async () => {
    const documents = articles.map((text, i) => ({ id: `article-${i}`, text, ...(i % 2 === 0 ? { documentDate: '2015-03-05' } : {}) }));
    const cli = runCli(['jsonl', '--jobs', '1'], documents.map(({ id, text, documentDate }) => JSON.stringify({ id, text, ...(documentDate ? { date: documentDate } : {}) })).join('\n'));
    expect(cli.status).toBe(0);
    const served = [];
    for (const document of documents) served.push(await postJson(document)); // one at a time: --max-in-flight is 2
    for (const answer of served) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(served.map((answer) => answer.text).join('')).toBe(cli.stdout);
    const first = JSON.parse(served[0]!.text) as { document: { id: string; documentDate: string }; entities: unknown[] };
    expect(schemaErrors(first)).toBe('');
    expect(first.document).toMatchObject({ id: 'article-0', documentDate: '2015-03-05' });
    expect(first.entities.length).toBeGreaterThan(0);
  });

  it('takes a body without id or date, and names the people and places in it', async () => {
    const answer = await postJson({ text: SENTENCE });
    expect(answer.status).toBe(200);
    const annotation = JSON.parse(answer.text) as { document: { id: string }; entities: { text: string; type: string }[] };
    expect(annotation.document.id).toBe('-');
    expect(annotation.entities).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'جون كيري', type: 'PERSON' }), expect.objectContaining({ text: 'بغداد', type: 'LOCATION' })]));
  });

  it('streams NDJSON in and out in order, an error line in place of each bad line', async () => {
    const good = articles.map((text, i) => ({ id: `n${i}`, text }));
    const lines = [JSON.stringify(good[0]), '', 'not json', JSON.stringify({ id: 'no-text' }), JSON.stringify({ id: 'bad-date', text: 'بغداد', documentDate: '2015-02-30' }), ...good.slice(1).map((d) => JSON.stringify(d)), 'x'.repeat(MAX_BODY + 10), JSON.stringify({ id: 'last', text: 'في القاهرة' })];
    const answer = await post(lines.join('\r\n') + '\n', 'application/x-ndjson');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const out = answer.text.split('\n').filter((line) => line !== '');
    const records = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => (r['document'] as { id?: string } | undefined)?.id ?? `${String(r['code'])}@${String(r['line'])}`)).toEqual([
      'n0', 'INVALID_JSON@3', 'INVALID_REQUEST@4', 'USAGE@5', 'n1', 'n2', 'n3', 'n4', 'BODY_TOO_LARGE@10', 'last',
    ]);
    expect(records[2]).toMatchObject({ id: 'no-text', error: expect.stringMatching(/text/) });
    expect(records[3]).toMatchObject({ id: 'bad-date', error: expect.stringMatching(/2015-02-30/) });
    // The annotations are the single-document answers, byte for byte.
    expect(out[4] + '\n').toBe((await postJson({ id: 'n1', text: articles[1] })).text);
  });

  it.each([
    ['invalid JSON', '{"text": "بغداد"', 'application/json', 400, 'INVALID_JSON', /not JSON/],
    ['an empty body', '', 'application/json', 400, 'INVALID_JSON', /empty/],
    ['no text', '{"id": "a"}', 'application/json', 400, 'INVALID_REQUEST', /required property 'text'/],
    ['a text that is a number', '{"text": 42}', 'application/json', 400, 'INVALID_REQUEST', /body\/text must be string/],
    ['a text that is null', '{"text": null}', 'application/json', 400, 'INVALID_REQUEST', /body\/text must be string/],
    ['an array', '["بغداد"]', 'application/json', 400, 'INVALID_REQUEST', /must be object/],
    ['a field it does not take', '{"text": "بغداد", "date": "2015-01-01"}', 'application/json', 400, 'INVALID_REQUEST', /field "date"/],
    ['an empty id', '{"text": "بغداد", "id": ""}', 'application/json', 400, 'INVALID_REQUEST', /body\/id/],
    ['a date in words', '{"text": "بغداد", "documentDate": "yesterday"}', 'application/json', 400, 'INVALID_REQUEST', /documentDate must match pattern/],
    ['a day that does not exist', '{"text": "بغداد", "documentDate": "2015-02-30"}', 'application/json', 400, 'USAGE', /2015-02-30/],
    ['a form', 'text=x', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE', /Content-Type/],
    ['plain text', 'بغداد', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', /Content-Type/],
    ['no content type', '{"text": "بغداد"}', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', /Content-Type/],
    ['a body over the limit', JSON.stringify({ text: 'ب'.repeat(MAX_BODY) }), 'application/json', 413, 'BODY_TOO_LARGE', /limit/],
  ])('answers %s with a 4xx JSON error', async (_name, body, contentType, status, code, message) => {
    // fetch sets text/plain for a string body unless told: no content type is sent as bytes.
    const answer = await post(contentType === undefined ? Buffer.from(body) : body, contentType);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({ code, error: expect.stringMatching(message) });
  });

  it('answers unknown routes with a 404 JSON error', async () => {
    const answer = await fetch(`${server.url}/v2/annotate`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ code: 'NOT_FOUND', error: expect.stringMatching(/v2\/annotate/) });
  });

  it('serves /healthz and /version', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok', jobs: 2, inFlight: 0 });
    const version = (await (await fetch(`${server.url}/version`)).json()) as Record<string, unknown>;
    const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version).toEqual({
      tool: 'arabic-ner',
      version: packageVersion,
      schema: 'arabic-ner/annotation/v1',
      gazetteers: { files: readdirSync(join(ROOT, 'gazetteers')).filter((name) => name.endsWith('.xml')).length, sha256: expect.stringMatching(/^[0-9a-f]{16}$/) },
      models: { tagger: expect.stringMatching(/^[0-9a-f]{16}$/), segmenter: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
  });

  it('serves an OpenAPI document whose schemas are the annotation schema', async () => {
    const openApi = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, Record<string, unknown>> } };
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'annotation.v1.json'), 'utf8')) as { properties: Record<string, unknown>; definitions: Record<string, unknown>; required: string[] };
    expect(openApi.openapi).toBe('3.1.0');
    expect(Object.keys(openApi.paths).sort()).toEqual(['/healthz', '/metrics', '/openapi.json', '/v1/annotate', '/version']);
    const annotation = openApi.components.schemas['Annotation']!;
    expect(annotation['required']).toEqual(schema.required);
    expect(Object.keys(annotation['properties'] as object)).toEqual(Object.keys(schema.properties));
    for (const name of Object.keys(schema.definitions)) expect(openApi.components.schemas[name]).toBeDefined();
    // Every reference points inside the document.
    const refs = JSON.stringify(openApi).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(openApi.components.schemas[ref.slice('"$ref":"#/components/schemas/'.length, -1)]).toBeDefined();
    const request = openApi.components.schemas['AnnotateRequest']!;
    expect(request['required']).toEqual(['text']);
    expect((request['properties'] as Record<string, { pattern?: string }>)['documentDate']?.pattern).toBe((schema.properties['document'] as { properties: { documentDate: { pattern: string } } }).properties.documentDate.pattern);
  });

  it('counts requests, latency, documents, bytes and errors on /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(/^arabic_ner_http_requests_total\{method="POST",route="\/v1\/annotate",status="200"\} (\d+)$/m)).toBeGreaterThanOrEqual(8);
    expect(value(/^arabic_ner_http_requests_total\{method="POST",route="\/v1\/annotate",status="400"\} (\d+)$/m)).toBe(10);
    expect(value(/^arabic_ner_http_request_duration_seconds_count\{route="\/v1\/annotate"\} (\d+)$/m)).toBeGreaterThanOrEqual(20);
    expect(value(/^arabic_ner_documents_total\{outcome="ok"\} (\d+)$/m)).toBe(13);
    expect(value(/^arabic_ner_documents_total\{outcome="failed"\} (\d+)$/m)).toBe(2);
    expect(value(/^arabic_ner_document_bytes_total (\d+)$/m)).toBeGreaterThan(articles.reduce((sum, a) => sum + Buffer.byteLength(a), 0));
    expect(value(/^arabic_ner_errors_total\{code="INVALID_JSON"\} (\d+)$/m)).toBe(3);
    expect(value(/^arabic_ner_errors_total\{code="BODY_TOO_LARGE"\} (\d+)$/m)).toBe(2);
  });

  it('writes one JSON log line per request, with its id, status and time', () => {
    const logs = server.stdout().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = logs.filter((log) => log['msg'] === 'request completed');
    expect(completed.length).toBeGreaterThan(20);
    expect(completed[0]).toMatchObject({ level: 30, reqId: expect.any(String), res: { statusCode: expect.any(Number) }, responseTime: expect.any(Number) });
  });

  it('refuses requests beyond --max-in-flight with 503 and Retry-After, and takes them again once one ends', async () => {
    const held = Array.from({ length: MAX_IN_FLIGHT }, () => heldRequest(server.url));
    await until(async () => (await inFlight()) === MAX_IN_FLIGHT);
    const refused = await postJson({ text: SENTENCE });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(refused.text)).toEqual({ code: 'BUSY', error: expect.stringMatching(/busy/) });
    held[0]!.finish(JSON.stringify({ id: 'held', text: SENTENCE }) + '\n');
    const done = await held[0]!.response;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toMatchObject({ document: { id: 'held' } });
    await until(async () => (await inFlight()) === MAX_IN_FLIGHT - 1);
    expect((await postJson({ text: SENTENCE })).status).toBe(200);
    held[1]!.finish('');
    expect((await held[1]!.response).body).toBe('');
  });

  it('on SIGTERM finishes the request in flight, refuses new ones and exits 0', async () => {
    const held = heldRequest(server.url);
    await until(async () => (await inFlight()) === 1);
    server.child.kill('SIGTERM');
    await until(async () => server.stderr().includes('SIGTERM'));
    const after = Date.now();
    const refused = await fetch(`${server.url}/healthz`).then((response) => response.status, () => 'connection refused');
    expect([503, 'connection refused']).toContain(refused);
    held.finish(JSON.stringify({ id: 'last-one', text: SENTENCE }) + '\n');
    const answer = await held.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ document: { id: 'last-one' } });
    expect(await server.exited).toBe(0);
    expect(Date.now() - after).toBeLessThan(4000);
    expect(server.stderr()).toMatch(/stopped/);
  });
});
