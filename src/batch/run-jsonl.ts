/**
 * A `jsonl` run, without its command line: JSON Lines in, annotated on the worker pool a few at
 * a time, one compact annotation (or an error line) per input line out, in input order. It never
 * prints or exits: output pieces and failures go to the caller's JsonlSink.
 */
import { describeError } from '../errors.js';
import { loadResources, type ResourceOptions } from '../pipeline/extract.js';
import { createAnnotatorPool, type AnnotatorPool } from './worker-pool.js';
import type { DocumentJob } from './protocol.js';
import { runBounded } from './bounded.js';
import { idOf, nonBlankLines, parseRecord, toDocument } from '../io/jsonl.js';

export interface JsonlRun {
  /** Worker threads. */
  readonly jobs: number;
  /** Date for lines without "date". */
  readonly documentDate?: string;
  readonly resourceOptions: ResourceOptions;
}

/** Where a run's output goes. */
export interface JsonlSink {
  /** A piece of the output, in input order (each line whole, its newline included). */
  write(piece: string): void;
  /** A line failed: its number (from 1) and why; its error line is written in its place too. */
  lineFailed(line: number, reason: string): void;
}

/** A run whose gazetteers were found good: annotate a stream with it. */
export interface JsonlStream {
  /** Annotates every non-blank line of `input`; returns how many failed. */
  annotate(input: AsyncIterable<Buffer | string>, sink: JsonlSink): Promise<number>;
}

/** Checks the gazetteers load (a bad one is one error, not one per line); throws what loadResources throws. */
export function openJsonl(run: JsonlRun): JsonlStream {
  loadResources(run.resourceOptions);
  return {
    annotate: async (input, sink) => {
      const pool = createAnnotatorPool({ jobs: run.jobs, format: 'json-compact', resourceOptions: run.resourceOptions });
      try {
        return await annotateLines(input, sink, pool, run);
      } finally {
        await pool.close();
      }
    },
  };
}

/**
 * Lines are annotated concurrently, at most two per job in flight, and written strictly in input
 * order: results that finish early wait in `finished`, which therefore never holds more than
 * the in-flight limit.
 */
async function annotateLines(input: AsyncIterable<Buffer | string>, sink: JsonlSink, pool: AnnotatorPool, run: JsonlRun): Promise<number> {
  const finished = new Map<number, readonly string[]>();
  let nextToWrite = 0;
  let slot = 0;
  let failed = 0;
  const flush = (): void => {
    for (let out = finished.get(nextToWrite); out !== undefined; out = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      for (const piece of out) sink.write(piece);
    }
  };
  await runBounded(nonBlankLines(input), 2 * pool.jobs, async (line) => {
    const position = slot++;
    let id: unknown = null;
    try {
      const record = parseRecord(line);
      id = idOf(record);
      const job: DocumentJob = toDocument(record, run.documentDate);
      finished.set(position, (await pool.annotate(job)).pieces); // one line, newline included
    } catch (error) {
      failed++;
      const message = describeError(error);
      sink.lineFailed(line.number, message);
      finished.set(position, [JSON.stringify({ id, line: line.number, error: message }) + '\n']);
    }
    flush();
  });
  return failed;
}
