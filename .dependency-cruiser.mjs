/**
 * The import rules of src/ (dependency-cruiser; `npm run check:imports`, and tests/imports.test.ts):
 * no cycle, and the floors of ../shared/ARCHITECTURE.md that hold today.
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports run one way: a cycle means a piece is on the wrong floor (move the piece, not the rule).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment: 'src/cli/ parses arguments, prints and exits: nothing imports it.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-reaches-the-pipeline-through-the-annotator',
      severity: 'error',
      comment: 'A command parses, calls the annotator or a batch run, prints: it never loads resources or runs the pipeline itself.',
      from: { path: '^src/cli/' },
      to: { path: '^src/pipeline/' },
    },
    {
      name: 'serve-stands-on-the-library',
      severity: 'error',
      comment: 'The service is a thin layer over the public API: what it needs, a program using the package needs too.',
      from: { path: '^src/serve/' },
      to: { path: '^src/', pathNot: '^src/(serve/|index\\.ts$)' },
    },
    {
      name: 'batch-serves-the-cli',
      severity: 'error',
      comment: 'The worker pool, scheduling and signals are for the commands, not for the annotator.',
      from: { pathNot: '^src/(cli|batch)/' },
      to: { path: '^src/batch/' },
    },
    {
      name: 'annotator-has-callers-above-it',
      severity: 'error',
      comment: 'The annotator is called by the public API, the batch, the commands and the bench; the pipeline below never calls it back.',
      from: { pathNot: '^src/(annotator|batch|bench|cli|serve)/|^src/index[.]ts$' },
      to: { path: '^src/annotator/|^src/index[.]ts$' },
    },
    {
      name: 'recognizers-below-the-pipeline',
      severity: 'error',
      comment: 'The pipeline runs the recognisers; they know nothing of it.',
      from: { path: '^src/(recognizers|tagger|gazetteer|text|learn)/' },
      to: { path: '^src/pipeline/' },
    },
    {
      name: 'text-at-the-bottom',
      severity: 'error',
      comment: 'Text handling (normalisation, tokens, the word list, the segmenter) knows no gazetteer, recogniser or tagger.',
      from: { path: '^src/text/' },
      to: { path: '^src/(gazetteer|recognizers|tagger|pipeline)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // Type-only imports count: they are arrows between modules too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
