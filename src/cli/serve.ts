import type { Command } from 'commander';
import { describeError } from '../errors.js';
import type { ServiceOptions } from '../serve/app.js';
import { parseJobs } from './extract.js';
import { quitOnInterrupt } from './interrupt.js';
import { EXIT_FAILURES, EXIT_OK, type CliIO } from './io.js';
import { type CliCommand, usageError } from './command.js';

/** The options as commander parses them (see declare). */
interface ServeFlags {
  readonly port: string;
  readonly host: string;
  readonly jobs?: string;
  readonly maxBody: string;
  readonly timeout: string;
  readonly maxInFlight?: string;
  readonly gazetteers?: string;
  readonly logLevel: string;
}

interface ServeArgs {
  readonly port: number;
  readonly host: string;
  readonly service: ServiceOptions;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const serveCommand: CliCommand = {
  name: 'serve',
  ownsInterrupts: true, // SIGTERM/SIGINT: the requests in flight finish first
  declare: (command) =>
    command
      .summary('an HTTP service: POST /v1/annotate, /healthz, /version, /metrics, /openapi.json')
      .description(
        'Serves annotation over HTTP, the gazetteers and model loaded once per worker thread. POST /v1/annotate with a JSON ' +
          'body {"text", "id"?, "documentDate"?} answers the annotation `arabic-ner jsonl` writes for that document; with ' +
          'Content-Type application/x-ndjson it streams one such object per line in and one annotation (or error) per line ' +
          'out, in order. Logs are JSON lines on stdout. SIGTERM or Ctrl-C: new requests are refused, those in flight finish.',
      )
      .option('--port <n>', 'TCP port (0: any free port)', '8080')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option('--jobs <n>', 'worker threads annotating in parallel (default: the number of cores)')
      .option('--max-body <bytes>', 'largest JSON body and largest NDJSON line (413 beyond)', String(1024 * 1024))
      .option('--timeout <ms>', 'longest a document may wait and run (503 TIMEOUT beyond)', '30000')
      .option('--max-in-flight <n>', 'POST /v1/annotate requests served at once; more get 503 + Retry-After (default: 8 per job)')
      .option('--gazetteers <dir>', "gazetteer folder (default: the package's gazetteers/)")
      .option('--log-level <level>', `${LOG_LEVELS.join(', ')}`, 'info'),
  run: async (command, io) => runServe(serveArgs(command, io), io),
};

function serveArgs(command: Command, io: CliIO): ServeArgs {
  const flags = command.opts<ServeFlags>();
  const whole = (name: string, value: string | undefined, min: number, max: number): number => {
    const n = value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) usageError(command, `${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
  const jobs = parseJobs(flags.jobs);
  if (jobs === undefined) usageError(command, `--jobs must be a whole number from 1, got "${flags.jobs}"`);
  if (!LOG_LEVELS.includes(flags.logLevel)) usageError(command, `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${flags.logLevel}"`);
  return {
    port: whole('--port', flags.port, 0, 65535),
    host: flags.host,
    service: {
      jobs,
      maxBodyBytes: whole('--max-body', flags.maxBody, 1, 2 ** 31),
      timeoutMs: whole('--timeout', flags.timeout, 1, 2 ** 31),
      maxInFlight: flags.maxInFlight === undefined ? 8 * jobs : whole('--max-in-flight', flags.maxInFlight, 1, 1e6),
      ...(flags.gazetteers !== undefined ? { annotator: { gazetteerDir: flags.gazetteers } } : {}),
      log: { level: flags.logLevel, stream: io.stdout },
    },
  };
}

async function runServe(args: ServeArgs, io: CliIO): Promise<number> {
  let service;
  try {
    // Loaded here, not with the CLI: the service's libraries (Fastify, Ajv, prom-client) cost other commands a tenth of a second.
    const { createService } = await import('../serve/app.js');
    service = await createService(args.service);
  } catch (error) {
    io.stderr.write(`arabic-ner serve: cannot load the annotator: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  try {
    const address = await service.listen(args.port, args.host);
    io.stderr.write(`arabic-ner serve: listening on ${address}\n`);
  } catch (error) {
    await service.close();
    io.stderr.write(`arabic-ner serve: cannot listen on ${args.host}:${args.port}: ${describeError(error)}\n`);
    return EXIT_FAILURES;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(received);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  io.stderr.write(`arabic-ner serve: ${signal}: new requests refused, finishing those in flight\n`);
  // A second signal while waiting stops at once.
  const dispose = quitOnInterrupt(io, 'arabic-ner serve');
  try {
    await service.close();
  } finally {
    dispose();
  }
  io.stderr.write('arabic-ner serve: stopped\n');
  return EXIT_OK;
}
