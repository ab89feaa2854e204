import type { Command } from 'commander';
import { EXIT_USAGE, type CliIO } from './io.js';

/**
 * One command of the CLI, in a file of its own. `declare` names its arguments, options and help
 * text on a commander Command, so parsing, `--help` and "did you mean" come from that one
 * declaration; `run` gets the parsed command and returns the exit status. A new command is a
 * new file exporting one of these and one line in main.ts's list.
 */
export interface CliCommand {
  readonly name: string;
  /** The command handles SIGINT/SIGTERM itself (extract finishes the documents in flight); others quit at once with one line. */
  readonly ownsInterrupts?: boolean;
  declare(command: Command): void;
  run(command: Command, io: CliIO): Promise<number>;
}

/** An argument or option value the command cannot use: one line, a hint to --help, exit 2. */
export function usageError(command: Command, message: string): never {
  return command.error(message, { exitCode: EXIT_USAGE, code: 'arabic-ner.usage' });
}

/**
 * Commander's own error text ("error: unknown option '--ot'\n(Did you mean --out?)") as the one
 * plain line users read elsewhere in this tool: "unknown option --ot (did you mean --out?)".
 */
export function plainError(text: string): string {
  const line = text.trim();
  if (!line.startsWith('error: ')) return line;
  return line
    .slice('error: '.length)
    .replace(/'([^'\n]*)'/g, '$1')
    .replace(/\s*\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)');
}
