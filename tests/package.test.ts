import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

/**
 * The package as a downstream project gets it: `npm pack`, the tarball installed into a scratch
 * project, imported by name from TypeScript (type-checked by the repository's tsc, without
 * @types/node: the declarations need none) and from plain JavaScript, and its command run.
 * Installing takes the dependencies from npm's cache that `npm ci` filled (the registry only for
 * what is not there).
 */

const SENTENCE = 'زار وزير الخارجية الأمريكي جون كيري بغداد أمس';

const TYPESCRIPT_CONSUMER = `import { ANNOTATION_SCHEMA_PATH, ArabicNerError, createAnnotator, type Annotation, type EntityType } from 'arabic-ner';
declare const console: { log(text: string): void };
const annotator = createAnnotator();
const annotation: Annotation = annotator.annotate(${JSON.stringify(SENTENCE)}, { id: 'ts', documentDate: '2015-01-22' });
const types: EntityType[] = annotation.entities.map((entity) => entity.type);
let code: string | undefined;
try {
  annotator.annotate('بغداد', { documentDate: 'yesterday' });
} catch (error) {
  if (error instanceof ArabicNerError) code = error.code;
}
console.log(JSON.stringify({ types, texts: annotation.entities.map((entity) => entity.text), code, schema: ANNOTATION_SCHEMA_PATH }));
`;

const JAVASCRIPT_CONSUMER = `import { createAnnotator, toJson } from 'arabic-ner';
const annotation = createAnnotator().annotate(${JSON.stringify(SENTENCE)}, { id: 'js', documentDate: '2015-01-22' });
process.stdout.write(toJson(annotation));
`;

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, skipLibCheck: false, outDir: 'out' },
  files: ['consumer.ts'],
};

function run(command: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', input, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package', () => {
  it('installs from its tarball, and is imported by name from TypeScript and JavaScript', () => {
    const scratch = tempDir('arabic-ner-package-');
    try {
      // npm test has built dist/ already: no build again (--ignore-scripts).
      run(NPM, ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], ROOT);
      const [tarball] = readdirSync(scratch).filter((name) => name.endsWith('.tgz'));
      expect(tarball).toBeDefined();
      const project = join(scratch, 'project');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
      run(NPM, ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(scratch, tarball ?? '')], project);

      writeFileSync(join(project, 'consumer.ts'), TYPESCRIPT_CONSUMER);
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
      run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
      const fromTypeScript = JSON.parse(run(process.execPath, [join('out', 'consumer.js')], project).stdout) as { types: string[]; texts: string[]; code: string; schema: string };
      expect(fromTypeScript.texts).toEqual(['جون كيري', 'بغداد', 'أمس']);
      expect(fromTypeScript.types).toEqual(['PERSON', 'LOCATION', 'DATE']);
      expect(fromTypeScript.code).toBe('USAGE');
      expect(fromTypeScript.schema).toBe(join(project, 'node_modules', 'arabic-ner', 'schema', 'annotation.v1.json'));

      writeFileSync(join(project, 'consumer.mjs'), JAVASCRIPT_CONSUMER);
      const fromJavaScript = run(process.execPath, ['consumer.mjs'], project).stdout;
      // The installed command writes the same bytes for the same text.
      const fromCommand = run(join(project, 'node_modules', '.bin', 'arabic-ner'), ['extract', '-', '--id', 'js', '--doc-date', '2015-01-22'], project, SENTENCE).stdout;
      expect(fromJavaScript).toBe(fromCommand);
      expect(fromJavaScript).toContain('"value": "2015-01-21"');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 300_000);
});
