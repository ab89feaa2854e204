import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a run's CPU time goes, by stage, from the V8 CPU profiles `node --cpu-prof` writes (one
 * per thread: the main thread and each worker). A sampled profile sees what stage timers miss:
 * module loading, the garbage collector, native calls (open, fsync, postMessage), code inlined
 * into its caller. Each sample goes to the stage of its call stack (see stageOf).
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Stages in report order. */
export const STAGES = [
  'start-up: module loading',
  'start-up: gazetteer, word list, segmenter and tagger load, warm-up',
  'read and decode',
  'hashing',
  'normalise',
  'tokenise and word types',
  'segmenter (missing spaces)',
  'recognisers (rules, gazetteers, dates)',
  'learned tagger',
  'resolution and coreference',
  'building the annotation',
  'serialising',
  'writing (open, write, fsync, rename)',
  'driving each file, worker messages, scheduling',
  'resume ledger, listing, run folder',
  'garbage collector',
  'pipeline glue (stages V8 inlined into extract)',
  'other (V8, native)',
] as const;
export type Stage = (typeof STAGES)[number];

/** Busy seconds per stage of one thread, and its idle seconds. */
export interface ThreadTime {
  readonly busy: ReadonlyMap<Stage, number>;
  readonly idleSeconds: number;
}

/** Functions that only build resources (the first call of the lazy getters runs them). */
const LOADERS = new Set([
  'loadResources',
  'loadCompiledGazetteer',
  'loadLexicon',
  'loadTrieRoot',
  'createRunSplitter',
  'createSegmenter',
  'readModel',
  'loadSegmenterTables',
  'buildSegmenterTables',
  'splitterNames',
  'createGazetteerRecognizer',
  'createFuzzyPersonRecognizer',
  'createPersonRecognizer',
  'openTagger',
  'readTaggerFiles',
]);

/** By the compiled module a frame is in (path under dist/), first match. */
const MODULE_STAGES: readonly [RegExp, Stage][] = [
  [/^io\/(decode|files)\.js$/, 'read and decode'],
  [/^io\/hash\.js$/, 'hashing'],
  [/^text\/(normalize|charmap)\.js$/, 'normalise'],
  [/^text\/(tokenize|word-types|clitics|lexicon)\.js$/, 'tokenise and word types'],
  [/^text\/segment\//, 'segmenter (missing spaces)'],
  [/^(tagger|learn)\/|^recognizers\/model\.js$/, 'learned tagger'],
  [/^(recognizers|gazetteer)\//, 'recognisers (rules, gazetteers, dates)'],
  [/^pipeline\/(resolve|coref|countries)\.js$/, 'resolution and coreference'],
  [/^io\/write\.js$/, 'writing (open, write, fsync, rename)'],
  [/^batch\/(worker|worker-pool|protocol|bounded|process-file|render|render-file)\.js$|^cli\//, 'driving each file, worker messages, scheduling'],
  [/^batch\/resume\.js$|^io\/run-folder\.js$/, 'resume ledger, listing, run folder'],
  [/^pipeline\/extract\.js$|^annotator\//, 'pipeline glue (stages V8 inlined into extract)'],
];

/** Within output/annotation.js: the serialiser's functions; the rest builds the annotation. */
const SERIALIZERS = new Set(['serializeAnnotation', 'serializeCompact', 'ordered', 'orderedEntity', 'stringify']);

/**
 * The module of a frame, as its path under dist/; undefined outside the package's modules. In
 * the bundled command line and pool worker (scripts/bundle-cli.mjs) that is the module whose code
 * holds the frame's line: esbuild starts each module's code with a `// dist/<path>` line
 * (`// node_modules/...` for a dependency's). A bundle's body (every module's top-level code, run
 * at its import) is its entry's: the worker's body loads the resources and warms up.
 */
function distPath(frame: CallFrame): string | undefined {
  const at = frame.url.lastIndexOf('/dist/');
  if (at < 0) return undefined;
  const path = frame.url.slice(at + '/dist/'.length);
  if (!BUNDLE_FILE.test(path)) return path;
  const starts = moduleStartsOf(frame.url);
  if (starts.length === 0) return path; // not a bundle (tsc's own cli/main.js)
  if (isModuleBody(frame)) return path;
  let found: string | undefined;
  for (const start of starts) {
    if (start.line > frame.lineNumber) break;
    found = start.path;
  }
  return found;
}

/** The files of the bundled command line and of the pool's bundled worker. */
const BUNDLE_FILE = /^cli\/main(?:-[\w-]+)?\.js$|^batch\/worker\.js$/;
const moduleStarts = new Map<string, readonly { readonly line: number; readonly path: string | undefined }[]>();

/** Where each module's code starts in a bundle file (0-based lines); none when it has no markers or is gone. */
function moduleStartsOf(url: string): readonly { readonly line: number; readonly path: string | undefined }[] {
  let starts = moduleStarts.get(url);
  if (starts === undefined) {
    let lines: string[] = [];
    try {
      lines = readFileSync(fileURLToPath(url), 'utf8').split('\n');
    } catch {
      // removed since the profile was taken: its frames keep the file's own path
    }
    starts = lines.flatMap((text, line) => {
      const marker = /^\/\/ (?:node_modules\/.+|dist\/(.+\.js))$/.exec(text);
      return marker ? [{ line, path: marker[1] }] : [];
    });
    moduleStarts.set(url, starts);
  }
  return starts;
}

/** A module's own top-level code: it runs once, when the module is first imported. */
function isModuleBody(frame: CallFrame): boolean {
  return frame.functionName === '' && frame.lineNumber === 0 && frame.url.startsWith('file:');
}

/** The stage of a sample's stack, leaf first. */
export function stageOf(stack: readonly CallFrame[]): Stage | 'idle' {
  const leaf = stack[0];
  if (leaf?.functionName === '(idle)') return 'idle';
  if (leaf?.functionName === '(garbage collector)') return 'garbage collector';
  // The worker's body loads the resources and warms up; other module bodies only define things.
  if (stack.some((frame) => LOADERS.has(frame.functionName) || (isModuleBody(frame) && distPath(frame) === 'batch/worker.js'))) {
    return 'start-up: gazetteer, word list, segmenter and tagger load, warm-up';
  }
  if (stack.some((frame) => frame.url.startsWith('node:internal/modules/'))) return 'start-up: module loading';
  for (const frame of stack) {
    if (frame.functionName === 'stringify' && frame.url === '') return 'serialising';
    if (frame.url === 'node:buffer' && frame.functionName === 'fromStringFast') return 'serialising'; // the JSON to UTF-8 bytes
    if (frame.url === 'node:internal/encoding' && frame.functionName === 'encode') return 'serialising'; // the same, by TextEncoder
    const path = distPath(frame);
    if (path === undefined) continue;
    if (path === 'output/annotation.js') return SERIALIZERS.has(frame.functionName) ? 'serialising' : 'building the annotation';
    if (path === 'batch/render-file.js' && frame.functionName === 'readInput') return 'read and decode';
    const stage = MODULE_STAGES.find(([pattern]) => pattern.test(path))?.[1];
    if (stage) return stage;
    if (isModuleBody(frame)) return 'start-up: module loading';
  }
  if (stack.some((frame) => frame.functionName === 'postMessage' || frame.url.includes('messageport') || frame.url.includes('worker'))) return 'driving each file, worker messages, scheduling';
  return 'other (V8, native)';
}

export function threadTime(profile: CpuProfile): ThreadTime {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const microsByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => microsByNode.set(id, (microsByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const busy = new Map<Stage, number>();
  let idleSeconds = 0;
  for (const [id, micros] of microsByNode) {
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) stack.push(node.callFrame);
    }
    const stage = stageOf(stack);
    if (stage === 'idle') idleSeconds += micros / 1e6;
    else busy.set(stage, (busy.get(stage) ?? 0) + micros / 1e6);
  }
  return { busy, idleSeconds };
}

/** Every profile in `dir`, by thread: the main thread (thread id 0) first. */
export function readProfiles(dir: string): ThreadTime[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => threadIdOf(a) - threadIdOf(b))
    .map((name) => threadTime(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile));
}

/** CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile */
function threadIdOf(name: string): number {
  return Number(/\.(\d+)\.\d+\.cpuprofile$/.exec(name)?.[1] ?? 0);
}
