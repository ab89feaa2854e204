import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';
import { startServer, stopServer, type RunningServer } from './serve-server.js';

/**
 * The per-document time limit of `arabic-ner serve`, on a server of its own whose limit (1 ms) no
 * document can meet: the answer is a 503 JSON error (an error line in NDJSON), the thread doing it
 * is replaced, and the server goes on. And a server whose gazetteers cannot load says so and exits 1.
 */

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(['--jobs', '1', '--timeout', '1']);
});

afterAll(async () => {
  if (server) await stopServer(server);
});

const ARTICLE = 'أعلن رئيس الوزراء العراقي حيدر العبادي في بغداد يوم الخميس 5 مارس 2015 عن خطة جديدة لإعادة إعمار مدينة تكريت. '.repeat(20);

describe('arabic-ner serve --timeout', () => {
  it('answers a document over the time limit with 503 TIMEOUT', async () => {
    const response = await fetch(`${server.url}/v1/annotate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: ARTICLE }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ code: 'TIMEOUT', error: expect.stringMatching(/time limit \(1 ms\)/) });
  });

  it('gives an NDJSON line over the limit an error line, and stays up', async () => {
    const response = await fetch(`${server.url}/v1/annotate`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.stringify({ id: 'slow', text: ARTICLE }) + '\n' });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({ id: 'slow', line: 1, code: 'TIMEOUT', error: expect.stringMatching(/time limit/) });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^arabic_ner_errors_total\{code="TIMEOUT"\} 2$/m);
    expect(await stopServer(server)).toBe(0);
  });
});

describe('arabic-ner serve with a broken gazetteer', () => {
  it('says which file is wrong and exits 1, without a crash', () => {
    const dir = tempDir('arabic-ner-serve-gazetteer-');
    writeFileSync(join(dir, 'people.xml'), '<gazetteer><entry');
    const result = runCli(['serve', '--port', '0', '--jobs', '2', '--gazetteers', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^arabic-ner serve: cannot load the annotator: .*people\.xml:1: malformed XML/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
