import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeError } from '../errors.js';
import { entityFinder } from '../annotator/inspect.js';
import { CONLL_CLASSES, evaluateConll } from '../qa/conll-eval.js';
import { EXIT_FAILURES, EXIT_OK, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';

interface EvalConllFlags {
  readonly sentences: string;
  readonly json?: boolean;
  readonly model: boolean;
}

export const evalConllCommand: CliCommand = {
  name: 'eval-conll',
  declare: (command) =>
    command
      .summary('score the pipeline on CoNLL-style gold (TOKEN TAG, IOB2)')
      .description(
        'Scores the whole pipeline on a corpus in the CoNLL format Arabic NER corpora ship in (ANERcorp and its kin): ' +
          'one "TOKEN TAG" a line, IOB2 tags over PERS, LOC, ORG (PER, PERSON, LOCATION, GPE, ORGANIZATION are read as ' +
          'these), a blank line or a ., ?, ! token ending a sentence. The tokens are joined by spaces into documents of ' +
          '--sentences sentences and annotated; every token an entity touches takes its class (a span without its ' +
          'proclitic still tags the whole token, as such corpora include clitics); then exact spans per class and ' +
          'micro-averaged, as conlleval counts them. Other classes (MISC) are not scored.',
      )
      .argument('<gold-file>', 'the CoNLL file')
      .option('--sentences <n>', 'sentences per document (the corpus has no document breaks)', '10')
      .option('--no-model', 'rules and gazetteers only, without the learned tagger')
      .option('--json', 'machine-readable result')
      .addHelpText('after', '\nExit status: 0 scored; 1 the file could not be read or is not CoNLL; 2 usage error.'),
  run: async (command, io) => runEvalConll(command, io),
};

async function runEvalConll(command: Command, io: CliIO): Promise<number> {
  const flags = command.opts<EvalConllFlags>();
  const [file = ''] = command.args;
  const sentences = Number(flags.sentences);
  if (!Number.isInteger(sentences) || sentences < 1) usageError(command, `--sentences ${flags.sentences} is not a positive whole number`);
  let evaluation;
  try {
    const text = await readFile(file, 'utf8');
    evaluation = evaluateConll(text, file, entityFinder({ model: flags.model }), sentences);
  } catch (error) {
    io.stderr.write(`arabic-ner eval-conll: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = [...CONLL_CLASSES, 'micro'].map((label) => {
    const score = evaluation.scores[label];
    const cell = (value: number | undefined): string => (value ?? 0).toFixed(3).padStart(9);
    return `${label.padEnd(6)}${String(score?.gold ?? 0).padStart(7)}${String(score?.predicted ?? 0).padStart(7)}${cell(score?.precision)}${cell(score?.recall)}${cell(score?.f1)}`;
  });
  io.stdout.write(`${evaluation.sentences} sentences, ${evaluation.tokens} tokens\nclass    gold   pred precision   recall       F1\n${rows.join('\n')}\n`);
  return EXIT_OK;
}
