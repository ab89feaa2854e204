#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { extractCommand } from './extract.js';
import { jsonlCommand } from './jsonl.js';
import { evalCommand } from './eval.js';
import { diffCommand } from './diff.js';
import { reportCommand } from './report.js';
import { explainCommand } from './explain.js';
import { evalConllCommand } from './eval-conll.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';
import { plainError, type CliCommand } from './command.js';
import { EXIT_OK, EXIT_USAGE, processIO, type CliIO } from './io.js';
import { exitQuietlyWhenReaderLeaves } from './pipe.js';
import { quitOnInterrupt } from './interrupt.js';
import { TOOL_VERSION } from '../version.js';

/** The only place that prints and exits: commands return exit statuses so tests can call them. */

const COMMANDS: readonly CliCommand[] = [extractCommand, jsonlCommand, evalCommand, evalConllCommand, explainCommand, diffCommand, reportCommand, exportCommand, serveCommand];

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = new Command('arabic-ner')
    .description('Finds people, places, organisations, dates and country counts in Arabic text.')
    .version(TOOL_VERSION, '--version', 'the version of arabic-ner')
    .helpOption('-h, --help', 'this help')
    .helpCommand('help [command]', "a command's help")
    .exitOverride() // errors and --help come back here as CommanderError, never process.exit
    .addHelpText('after', '\nRun "arabic-ner <command> --help" for a command\'s options.');
  speakPlainly(program, io, 'arabic-ner', 'Run "arabic-ner --help" for the commands.');
  let status = EXIT_OK;
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).helpOption('-h, --help', 'this help');
    spec.declare(command);
    speakPlainly(command, io, `arabic-ner ${spec.name}`, `Run "arabic-ner ${spec.name} --help" for its options.`);
    command.action(async () => {
      const dispose = spec.ownsInterrupts ? undefined : quitOnInterrupt(io, `arabic-ner ${spec.name}`);
      try {
        status = await spec.run(command, io);
      } finally {
        dispose?.();
      }
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // --help and --version end with status 0; every parsing or usage error with 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return status;
}

/** Help to stdout, errors to stderr as one plain line after the command's name, then a hint. */
function speakPlainly(command: Command, io: CliIO, name: string, hint: string): void {
  command
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${name}: ${plainError(text)}\n`),
    })
    .showHelpAfterError(hint);
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  exitQuietlyWhenReaderLeaves();
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
