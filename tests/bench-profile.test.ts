import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stageOf } from '../src/bench/cpu-profile.js';
import { tempDir } from './helpers.js';

// Call stacks, leaf first, as V8's CPU profiler writes their frames (file URLs of the built package).
const dist = (path: string): string => `file:///home/u/arabic-ner/dist/${path}`;
const frame = (functionName: string, url = '', lineNumber = 10) => ({ functionName, url, lineNumber });

describe('bench: the stage of a profiled sample', () => {
  it('reads the stage from the innermost module of the package', () => {
    expect(stageOf([frame('emissions', dist('tagger/tagger.js')), frame('recognize', dist('recognizers/model.js')), frame('extract', dist('pipeline/extract.js'))])).toBe('learned tagger');
    expect(stageOf([frame('findLongestAt', dist('gazetteer/phrase-trie.js')), frame('recognize', dist('recognizers/gazetteer.js'))])).toBe('recognisers (rules, gazetteers, dates)');
    expect(stageOf([frame('fsync'), frame('writeBytesAtomic', dist('io/write.js')), frame('renderFile', dist('batch/render-file.js'))])).toBe('writing (open, write, fsync, rename)');
    expect(stageOf([frame('digest'), frame('sha256', dist('io/hash.js')), frame('renderFile', dist('batch/render-file.js'))])).toBe('hashing');
  });

  it('keeps what V8 inlined into the pipeline apart from the file driving around it', () => {
    expect(stageOf([frame('extract', dist('pipeline/extract.js')), frame('annotate', dist('pipeline/extract.js')), frame('annotateBytes', dist('annotator/bytes.js')), frame('renderFile', dist('batch/render-file.js'))])).toBe(
      'pipeline glue (stages V8 inlined into extract)',
    );
    expect(stageOf([frame('postMessage'), frame('send', dist('batch/worker.js'))])).toBe('driving each file, worker messages, scheduling');
  });

  it('tells the serialiser from the building of the annotation in the same module', () => {
    expect(stageOf([frame('stringify'), frame('serializeAnnotation', dist('output/annotation.js'))])).toBe('serialising');
    expect(stageOf([frame('toEntities', dist('output/annotation.js')), frame('extract', dist('pipeline/extract.js'))])).toBe('building the annotation');
    expect(stageOf([frame('createFromString', 'node:buffer'), frame('fromStringFast', 'node:buffer'), frame('renderFile', dist('batch/render-file.js'))])).toBe('serialising');
    expect(stageOf([frame('encodeUtf8String'), frame('encode', 'node:internal/encoding'), frame('renderFile', dist('batch/render-file.js'))])).toBe('serialising');
  });

  it('counts resource loading and the worker warm-up as start-up, even inside a document stage', () => {
    const segmenterBuild = [frame('CharModel', dist('text/segment/char-model.js')), frame('createSegmenter', dist('text/segment/segmenter.js')), frame('get runSplitter', dist('pipeline/extract.js'))];
    expect(stageOf(segmenterBuild)).toBe('start-up: gazetteer, word list, segmenter and tagger load, warm-up');
    expect(stageOf([frame('normalize', dist('text/normalize.js')), frame('', dist('batch/worker.js'), 0), frame('run', 'node:internal/modules/esm/module_job')])).toBe(
      'start-up: gazetteer, word list, segmenter and tagger load, warm-up',
    );
    expect(stageOf([frame('compileSourceTextModule', 'node:internal/modules/esm/utils')])).toBe('start-up: module loading');
  });

  it('reads the module of a frame in the bundled command line from the bundle\'s module markers', () => {
    const root = tempDir('arabic-ner-bundle-');
    try {
      mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
      const bundle = join(root, 'dist', 'cli', 'main-chunk-AB12CD.js');
      writeFileSync(bundle, ['// node_modules/commander/lib/command.js', 'var Command = class {};', '// dist/io/write.js', 'function writeBytesAtomic() {}', '// dist/batch/process-file.js', 'async function processFile() {}', ''].join('\n'));
      const url = pathToFileURL(bundle).href;
      expect(stageOf([frame('fsync'), frame('writeBytesAtomic', url, 3), frame('processFile', url, 5)])).toBe('writing (open, write, fsync, rename)');
      expect(stageOf([frame('parseOptions', url, 1), frame('processFile', url, 5)])).toBe('driving each file, worker messages, scheduling');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps idle time and the garbage collector apart', () => {
    expect(stageOf([frame('(idle)')])).toBe('idle');
    expect(stageOf([frame('(garbage collector)')])).toBe('garbage collector');
  });
});
