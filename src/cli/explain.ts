import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeError } from '../errors.js';
import { decodeBytes } from '../io/decode.js';
import { isIsoDay } from '../io/document-date.js';
import { explainText, formatExplanations } from '../annotator/inspect.js';
import { EXIT_FAILURES, EXIT_OK, readAll, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';

interface ExplainFlags {
  readonly docDate?: string;
  readonly json?: boolean;
}

export const explainCommand: CliCommand = {
  name: 'explain',
  declare: (command) =>
    command
      .summary('why each entity of one document was found')
      .description(
        'Annotates one document and says, for every entity, which recogniser made it and how: the rule, the gazetteer ' +
          'entry it links to, or for the learned tagger (source model:ner) the features of its first word that weighed ' +
          'most for its tag, with their weights (positive for, negative against).',
      )
      .argument('<file>', 'a .txt file, or - for stdin')
      .option('--doc-date <YYYY-MM-DD>', "the document's date, for relative dates")
      .option('--json', 'the explanations as JSON')
      .addHelpText('after', '\nExit status: 0 explained; 1 the file could not be read; 2 usage error.'),
  run: async (command, io) => {
    const flags = command.opts<ExplainFlags>();
    const [file = '-'] = command.args;
    if (flags.docDate !== undefined && !isIsoDay(flags.docDate)) usageError(command, `--doc-date ${flags.docDate} is not a date (YYYY-MM-DD)`);
    let text: string;
    try {
      const bytes = file === '-' ? await readAll(io.stdin) : await readFile(file);
      text = decodeBytes(bytes, file).text;
    } catch (error) {
      io.stderr.write(`arabic-ner explain: ${file}: ${describeError(error)}\n`);
      return EXIT_FAILURES;
    }
    const explanations = explainText(text, flags.docDate ? { documentDate: flags.docDate } : {});
    io.stdout.write(flags.json ? `${JSON.stringify(explanations, null, 2)}\n` : `${formatExplanations(explanations)}\n`);
    return EXIT_OK;
  },
};
