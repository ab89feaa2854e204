#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runExtract } from './extract.js';
import { runJsonl } from './jsonl.js';
import { runEval } from './eval.js';
import { runDiff } from './diff.js';
import { runReport } from './report.js';
import { EXIT_OK, EXIT_USAGE, processIO, type CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';

/** The only place that prints and exits: commands return exit codes so tests can call them. */

const HELP = `Usage: arabic-ner <command> [options]

Commands:
  extract <file-or-folder>... --out <dir>   annotate Arabic .txt files (or - for stdin)
  jsonl                                     annotate {"id","text"} lines on stdin, one annotation per line out
  eval <gold-dir> <run-dir>                 precision, recall, F1 and value accuracy against gold
  diff <run-a> <run-b>                      entities added, removed and changed between two runs
  report <run-dir> --out <file.html>        an HTML page of a run (--against <run> for a diff view)

Run "arabic-ner <command> --help" for a command's options.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  extract: runExtract,
  jsonl: runJsonl,
  eval: runEval,
  diff: runDiff,
  report: runReport,
};

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`arabic-ner: unknown command "${name}"\n${HELP}`);
    return EXIT_USAGE;
  }
  return command(rest, io);
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`arabic-ner: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
