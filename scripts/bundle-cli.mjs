// Bundles the command line (dist/cli/main.js and everything it imports of the package and of its
// start-up dependencies) into one module in place, after tsc: Node 20 resolves, reads, compiles
// and links some 90 ES modules one by one at every launch, about 40 ms of one small file's
// half second. The annotator pool's worker (dist/batch/worker.js) is bundled the same way, into
// one file of its own: a worker loads its modules before its first document, and that load
// (some 70 ms) is on the way of every run annotated on a worker. The library (dist/index.js) and
// the service's workers stay tsc's modules.
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist') + sep;
const ENTRY = join(DIST, 'cli', 'main.js');
const WORKER_ENTRY = join(DIST, 'batch', 'worker.js');

// Bundled: what a run of `extract` loads. The rest (the service's libraries, the XML parser, the
// progress bar) loads when used only, from node_modules as before.
const BUNDLED = new Set(['commander', 'cspell-trie-lib', 'natural', 'diff', 'p-limit', 'yocto-queue', 'underscore', '@cspell/dict-ar']);

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Bare specifiers outside BUNDLED stay imports. */
const keepPackagesExternal = {
  name: 'keep-packages-external',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || BUNDLED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Each module finds the package's data (gazetteers, models, .cache, package.json) and its
 * worker threads by paths relative to its own file: in a bundle whose files sit beside `entry`,
 * import.meta.url of module dist/x/y.js becomes that file's URL again, resolved from the bundle's.
 */
const ownImportMetaUrl = (entry) => ({
  name: 'own-import-meta-url',
  setup(bundle) {
    bundle.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const own = relative(dirname(entry), args.path).split(sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'js' };
    });
  },
});

/** What both bundles share: ES modules for Node 20, the package's own dependencies as above. */
const COMMON = {
  allowOverwrite: true,
  absWorkingDir: ROOT, // module markers read `// dist/<path>` (src/bench/cpu-profile.ts reads them)
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, natural) call require(): ESM output needs one made here.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
};

// The pieces of an earlier bundle (their names carry a hash of their contents).
for (const name of await readdir(dirname(ENTRY))) if (/^main-.+\.js$/.test(name)) await rm(join(dirname(ENTRY), name));

await build({
  ...COMMON,
  entryPoints: [ENTRY],
  outdir: dirname(ENTRY),
  splitting: true, // `serve` imports the service when run: it stays a separate file, loaded then
  chunkNames: 'main-[name]-[hash]', // beside main.js, so the relative paths above hold in every output
  plugins: [keepPackagesExternal, ownImportMetaUrl(ENTRY)],
});

// The worker imports nothing when it runs: one file, no chunks.
await build({
  ...COMMON,
  entryPoints: [WORKER_ENTRY],
  outfile: WORKER_ENTRY,
  plugins: [keepPackagesExternal, ownImportMetaUrl(WORKER_ENTRY)],
});
