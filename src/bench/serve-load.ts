import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { measureCommand } from './measure.js';

/**
 * The service under load on loopback: `arabic-ner serve` started as its own process, autocannon
 * (in this process) posting one ~2 KB article for a fixed time at each concurrency; beside it what
 * a document costs through the CLI, started once per document (`extract -`) and as a stream
 * (`jsonl`, its start-up spread over many documents).
 */

export interface LoadRun {
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Answers that were not 200, and connection errors (both should be 0). */
  readonly failures: number;
}

export interface CliCost {
  /** Wall seconds of `arabic-ner extract -` on the article: start-up, loading, one document. */
  readonly perProcessSeconds: number;
  /** Wall seconds per document of `arabic-ner jsonl` over `documents` copies of it. */
  readonly jsonlSecondsPerDocument: number;
  readonly documents: number;
}

export interface ServeLoad {
  readonly articleBytes: number;
  readonly jobs: number;
  readonly seconds: number;
  readonly runs: readonly LoadRun[];
  readonly cli: CliCost;
}

/** A passage of about `bytes` UTF-8 bytes from the text, ended at a sentence. */
export function articleOfAbout(text: string, bytes: number): string {
  let article = '';
  for (const sentence of text.split(/(?<=[.!؟])\s+/)) {
    if (Buffer.byteLength(article + sentence, 'utf8') > bytes && article !== '') break;
    article += (article ? ' ' : '') + sentence;
  }
  return article;
}

export async function measureServeLoad(cli: string, article: string, jobs: number, connections: readonly number[], seconds: number): Promise<ServeLoad> {
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--jobs', String(jobs), '--log-level', 'warn', '--max-in-flight', String(Math.max(...connections) * 2)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await listeningAddress(server);
    const body = JSON.stringify({ id: 'bench', text: article });
    const runs: LoadRun[] = [];
    for (const count of connections) {
      const result = await autocannon({ url: `${url}/v1/annotate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: count, duration: seconds });
      runs.push({
        connections: count,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        failures: result.non2xx + result.errors + result.timeouts,
      });
    }
    return { articleBytes: Buffer.byteLength(article, 'utf8'), jobs, seconds, runs, cli: cliCost(cli, article, jobs) };
  } finally {
    server.kill('SIGTERM');
  }
}

function cliCost(cli: string, article: string, jobs: number): CliCost {
  const once = measureCommand(process.execPath, [cli, 'extract', '-'], article);
  const documents = 200;
  const lines = Array.from({ length: documents }, (_, i) => JSON.stringify({ id: `d${i}`, text: article })).join('\n');
  const stream = measureCommand(process.execPath, [cli, 'jsonl', '--jobs', String(jobs)], lines);
  return { perProcessSeconds: once.seconds, jsonlSecondsPerDocument: stream.seconds / documents, documents };
}

function listeningAddress(server: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`arabic-ner serve exited (${code}): ${stderr}`)));
  });
}

export function serveLoadReport(load: ServeLoad): string[] {
  const ms = (n: number): string => n.toFixed(1);
  return [
    `Service under load (\`arabic-ner serve --jobs ${load.jobs}\`, loopback; autocannon in the bench process on the same cores, ${load.seconds} s per row; one ${load.articleBytes}-byte article posted as JSON):`,
    '',
    '| connections | requests/s | p50 ms | p99 ms | requests | failures |',
    '|---|---|---|---|---|---|',
    ...load.runs.map((run) => `| ${run.connections} | ${run.requestsPerSecond.toFixed(0)} | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${run.requests} | ${run.failures} |`),
    '',
    `The same article through the CLI: \`arabic-ner extract -\`, one process per document, ${ms(load.cli.perProcessSeconds * 1000)} ms; ` +
      `\`arabic-ner jsonl --jobs ${load.jobs}\` over ${load.cli.documents} copies, ${ms(load.cli.jsonlSecondsPerDocument * 1000)} ms per document (its start-up included).`,
    '',
  ];
}
