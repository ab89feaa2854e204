import { fileURLToPath } from 'node:url';
import { measureCommand, type Measured } from './measure.js';

/**
 * Load time and peak RSS of a large gazetteer folder, in a fresh process each time: cold (no
 * cache: XML parse, validation, compilation, cache write) and cached.
 */

const CACHE_MODULE = fileURLToPath(new URL('../gazetteer/cache.js', import.meta.url));

export interface ScaleResult {
  readonly cold: Measured & { readonly loadSeconds: number };
  readonly cached: Measured & { readonly loadSeconds: number };
}

function loadOnce(gazetteerDir: string, cacheDir: string): Measured & { readonly loadSeconds: number } {
  const script = `
    const started = performance.now();
    const { loadCompiledGazetteer } = await import(${JSON.stringify(CACHE_MODULE)});
    const gazetteer = loadCompiledGazetteer(${JSON.stringify(gazetteerDir)}, { cacheDir: ${JSON.stringify(cacheDir)} });
    console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, names: gazetteer.names.size }));`;
  const measured = measureCommand(process.execPath, ['--input-type=module', '-e', script]);
  const reported = /\{"seconds":([\d.]+)/.exec(measured.stdout);
  return { ...measured, loadSeconds: Number(reported?.[1] ?? NaN) };
}

export function measureGazetteerScale(gazetteerDir: string, cacheDir: string): ScaleResult {
  return { cold: loadOnce(gazetteerDir, cacheDir), cached: loadOnce(gazetteerDir, cacheDir) };
}
