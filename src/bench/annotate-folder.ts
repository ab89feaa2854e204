import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { annotateBytes } from '../annotator/bytes.js';
import { loadResources } from '../pipeline/extract.js';
import { serializeAnnotation } from '../output/annotation.js';

/**
 * `node dist/bench/annotate-folder.js <dir>`: the in-process annotator over a folder's .txt
 * files, in a fresh process as the CLI runs, so both see every word for the first time. Every
 * file is read into memory before the clock starts; the resources are loaded (and timed) before
 * the first document. Prints one JSON line: bytes, load, annotation (decode, hash, annotate)
 * and serialisation (pretty JSON, as extract writes) seconds, and the CPU seconds the process
 * spent annotating (all its threads: V8's helpers work for the annotation too), which a busy
 * host does not stretch as it stretches the wall clock.
 */

export interface InProcessRun {
  readonly files: number;
  readonly bytes: number;
  readonly loadSeconds: number;
  readonly annotateSeconds: number;
  /** CPU seconds (user and system, every thread of the process) while annotating. */
  readonly annotateCpuSeconds: number;
  readonly serializeSeconds: number;
}

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: annotate-folder.js <dir>');
const inputs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.txt'))
  .sort()
  .map((path) => ({ path, bytes: readFileSync(join(dir, path)) }));

let started = performance.now();
const resources = loadResources();
void resources.recognizers;
void resources.runSplitter;
void resources.model;
const loadSeconds = (performance.now() - started) / 1000;
let annotateMs = 0;
let annotateCpuMicros = 0;
let serializeMs = 0;
for (const input of inputs) {
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  const annotation = annotateBytes(input.bytes, input.path, input.path, resources, {});
  const annotated = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  annotateCpuMicros += cpu.user + cpu.system;
  serializeAnnotation(annotation);
  serializeMs += performance.now() - annotated;
  annotateMs += annotated - started;
}
const run: InProcessRun = {
  files: inputs.length,
  bytes: inputs.reduce((sum, input) => sum + input.bytes.length, 0),
  loadSeconds,
  annotateSeconds: annotateMs / 1000,
  annotateCpuSeconds: annotateCpuMicros / 1e6,
  serializeSeconds: serializeMs / 1000,
};
process.stdout.write(JSON.stringify(run) + '\n');
