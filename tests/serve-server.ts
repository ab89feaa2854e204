import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { CLI, ROOT } from './helpers.js';

/** A real `arabic-ner serve` process on a free loopback port, for the service's tests. */
export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit status once the process has ended. */
  readonly exited: Promise<number | null>;
}

export async function startServer(flags: readonly string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
  return { url, child, stdout: () => stdout, stderr: () => stderr, exited };
}

export async function stopServer(server: RunningServer): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/**
 * A POST /v1/annotate whose NDJSON body stays open until `finish` is called: a request held in
 * flight for as long as a test needs.
 */
export function heldRequest(url: string): { readonly response: Promise<{ status: number; headers: Record<string, unknown>; body: string }>; finish(lines: string): void } {
  const req = request(`${url}/v1/annotate`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } });
  const response = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { response, finish: (lines) => req.end(lines) };
}
