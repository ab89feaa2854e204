import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ArabicNerError } from '../errors.js';
import { ioReason } from '../io/files.js';
import { sha256OfFile } from '../io/hash.js';
import { removeIfPresent, writeSmallFileAtomicSync, type RunPaths } from '../io/run-folder.js';
import { TOOL_VERSION } from '../version.js';
import type { RecordedOutput } from './protocol.js';

/**
 * What `--resume` relies on, and what says which outputs are the tool's own: a ledger of the
 * output folder, `<out>/.arabic-ner/outputs.jsonl`, mapping each output file (relative path) to
 * the SHA-256 of its input, the SHA-256 of the output bytes, and the pipeline fingerprint that
 * made it. Per-document files stay free of tool versions (their bytes must not change with them),
 * so the ledger holds that fact instead.
 *
 * A document is skipped only when all three still hold: the input hashes the same, the current
 * pipeline has the same fingerprint, and the output file on disk is the very file recorded
 * (its hash matches), so a file replaced or half-restored by hand is redone.
 *
 * The ledger is a journal: one JSON line per event, appended as it happens (a later line for a
 * key replaces an earlier one), flushed to disk at most every FSYNC_MS, and rewritten compactly
 * when the next run opens it. Before the tool first writes an output path it appends a claim
 * (`{"key"}` alone): a run killed between the rename and the record still knows the file is its
 * own. A path holding a file that is neither claimed nor recorded was not written by the tool,
 * and is left alone (see owns).
 */

const FSYNC_MS = 1000;
/** The ledger of versions before the tool's own folder, imported once (the outputs it lists are the tool's). */
const LEGACY_LEDGER = '.arabic-ner-outputs.json';
const LEGACY_MANIFEST = '.arabic-ner-run.json';

interface LedgerEntry {
  readonly input: string;
  readonly output: string;
  readonly pipeline: string;
  /** The document date the output was made with (a sidecar's, else --doc-date), when there was one. */
  readonly documentDate?: string;
}

export class ResumeLedger {
  private lastSync = Date.now();
  /** A failed append may have left part of a line: the next one starts on a line of its own. */
  private torn = false;
  /** The first append that failed, reported by close. */
  private failure: ArabicNerError | undefined;
  private closed = false;

  private constructor(
    private readonly outDir: string,
    private readonly pipeline: string,
    private readonly entries: Map<string, LedgerEntry>,
    /** Output paths the tool is writing or wrote, with nothing recorded (yet). */
    private readonly claimed: Set<string>,
    private readonly fd: number,
  ) {}

  /**
   * The ledger of `outDir` for a run of `pipeline` (see pipelineFingerprint), compacted and open
   * for appending. A missing ledger is empty; damaged lines are skipped with a warning through
   * `warn`. Throws OUTPUT_WRITE when the ledger cannot be written.
   */
  static open(outDir: string, paths: RunPaths, pipeline: string, warn: (message: string) => void): ResumeLedger {
    const entries = new Map<string, LedgerEntry>();
    const claimed = new Set<string>();
    let text: string | undefined;
    try {
      text = readFileSync(paths.ledger, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') warn(`${paths.ledger}: cannot read the resume ledger (${ioReason(error)}): every document is redone`);
    }
    const legacy = text === undefined ? readLegacyLedger(outDir) : undefined;
    if (text !== undefined) {
      const damaged = readJournal(text, entries, claimed);
      if (damaged > 0) warn(`${paths.ledger}: ${damaged} damaged line(s) of the resume ledger skipped: their documents are redone`);
    } else if (legacy) {
      for (const [key, entry] of legacy) entries.set(key, entry);
    }
    const lines = [...[...entries].map(([key, entry]) => journalLine(key, entry)), ...[...claimed].filter((key) => !entries.has(key)).map((key) => journalLine(key))].sort();
    let fd: number;
    try {
      writeSmallFileAtomicSync(paths.ledger, lines.join(''), paths.temporary);
      fd = openSync(paths.ledger, 'a');
    } catch (cause) {
      throw new ArabicNerError('OUTPUT_WRITE', `cannot write the resume ledger: ${ioReason(cause)}`, { file: paths.ledger, cause });
    }
    if (legacy) {
      removeIfPresent(join(outDir, LEGACY_LEDGER));
      if (isLegacyManifest(join(outDir, LEGACY_MANIFEST))) removeIfPresent(join(outDir, LEGACY_MANIFEST));
    }
    return new ResumeLedger(outDir, pipeline, entries, claimed, fd);
  }

  /** What was recorded for the output `key` when this pipeline made it; it is current while both hashes hold. */
  recorded(key: string): RecordedOutput | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.pipeline !== this.pipeline) return undefined;
    return { input: entry.input, output: entry.output, ...(entry.documentDate !== undefined ? { documentDate: entry.documentDate } : {}) };
  }

  /** True when the output `key` was made by this pipeline from these input bytes with this document date, and is still intact. */
  async isCurrent(key: string, inputSha256: string, documentDate: string | undefined): Promise<boolean> {
    const entry = this.recorded(key);
    if (!madeFrom(entry, inputSha256, documentDate)) return false;
    try {
      return (await sha256OfFile(join(this.outDir, key))) === entry.output;
    } catch {
      return false; // no output file (deleted or never renamed into place): redo it
    }
  }

  /** True when the tool wrote (or was about to write) the output `key`: a file there is its own to replace. */
  owns(key: string): boolean {
    return this.entries.has(key) || this.claimed.has(key);
  }

  /**
   * Notes that the tool is about to write the output `key`, before it does. Throws OUTPUT_WRITE
   * when the note cannot be written: the output is not written either, so every file the tool
   * leaves is one its ledger knows.
   */
  claim(key: string): void {
    if (this.owns(key)) return;
    const failure = this.append(journalLine(key));
    if (failure) throw failure;
    this.claimed.add(key);
  }

  /** Records an output just written. An append that fails is reported by close. */
  record(key: string, inputSha256: string, outputSha256: string, documentDate: string | undefined): void {
    const entry: LedgerEntry = { input: inputSha256, output: outputSha256, pipeline: this.pipeline, ...(documentDate !== undefined ? { documentDate } : {}) };
    this.entries.set(key, entry);
    this.append(journalLine(key, entry));
  }

  /**
   * Flushes the journal to disk and closes it (blocking calls: a signal handler may call it right
   * before exiting). Throws the first append that failed, if any.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      fsyncSync(this.fd);
    } catch (cause) {
      this.failure ??= ledgerWriteError(cause);
    } finally {
      closeSync(this.fd);
    }
    if (this.failure) throw this.failure;
  }

  /** Appends a line; returns the error when it cannot be written. */
  private append(line: string): ArabicNerError | undefined {
    if (this.closed) return ledgerWriteError(new Error('the ledger is closed: the run is ending'));
    try {
      const bytes = Buffer.from(this.torn ? `\n${line}` : line, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
      this.torn = false;
      if (Date.now() - this.lastSync >= FSYNC_MS) {
        this.lastSync = Date.now();
        fsyncSync(this.fd);
      }
      return undefined;
    } catch (cause) {
      this.torn = true;
      const failure = ledgerWriteError(cause);
      this.failure ??= failure;
      return failure;
    }
  }
}

function ledgerWriteError(cause: unknown): ArabicNerError {
  return new ArabicNerError('OUTPUT_WRITE', `cannot write the resume ledger: ${ioReason(cause)}`, { cause });
}

/** One journal line: an entry, or a claim when `entry` is absent. */
function journalLine(key: string, entry?: LedgerEntry): string {
  return JSON.stringify({ key, ...entry }) + '\n';
}

/** Reads journal lines into the maps (a later line wins); returns how many lines were damaged. */
function readJournal(text: string, entries: Map<string, LedgerEntry>, claimed: Set<string>): number {
  let damaged = 0;
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      damaged++;
      continue;
    }
    const { key, input, output, pipeline, documentDate } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof LedgerEntry | 'key', unknown>>;
    if (typeof key !== 'string') damaged++;
    else if (typeof input === 'string' && typeof output === 'string' && typeof pipeline === 'string') {
      entries.set(key, { input, output, pipeline, ...(typeof documentDate === 'string' ? { documentDate } : {}) });
    } else claimed.add(key);
  }
  return damaged;
}

/**
 * Two of the three resume checks, shared by the ledger and the worker that reads the input: the
 * recorded output was made from these input bytes with this document date. The caller then
 * compares the output on disk with `recorded.output`.
 */
export function madeFrom(recorded: RecordedOutput | undefined, inputSha256: string, documentDate: string | undefined): recorded is RecordedOutput {
  return recorded !== undefined && recorded.input === inputSha256 && recorded.documentDate === documentDate;
}

/** The entries of a ledger written by a version before the tool's own folder, if there is one. */
function readLegacyLedger(outDir: string): Map<string, LedgerEntry> | undefined {
  try {
    const outputs = (JSON.parse(readFileSync(join(outDir, LEGACY_LEDGER), 'utf8')) as { outputs?: unknown }).outputs;
    if (typeof outputs !== 'object' || outputs === null) return undefined;
    const entries = new Map<string, LedgerEntry>();
    for (const [key, value] of Object.entries(outputs)) {
      const { input, output, pipeline, documentDate } = (value ?? {}) as Partial<Record<keyof LedgerEntry, unknown>>;
      if (typeof input !== 'string' || typeof output !== 'string' || typeof pipeline !== 'string') continue;
      entries.set(key, { input, output, pipeline, ...(typeof documentDate === 'string' ? { documentDate } : {}) });
    }
    return entries;
  } catch {
    return undefined;
  }
}

/** A run manifest written by a version before the tool's own folder (not a user's file of that name). */
function isLegacyManifest(path: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { tool?: unknown; finishedAt?: unknown };
    return manifest.tool === 'arabic-ner' && typeof manifest.finishedAt === 'string';
  } catch {
    return false;
  }
}

/**
 * Everything besides the input bytes that decides an output's bytes: the tool version, the
 * gazetteer files (names and contents) and the run settings (document date, format, ...).
 */
export function pipelineFingerprint(gazetteerDir: string, settings: Readonly<Record<string, unknown>>, modelFiles: readonly string[] = []): string {
  const hash = createHash('sha256').update(`arabic-ner ${TOOL_VERSION}\n${JSON.stringify(settings, Object.keys(settings).sort())}\n`);
  for (const name of readdirSync(gazetteerDir).filter((n) => n.endsWith('.xml')).sort()) {
    hash.update(`${name}\n`).update(readFileSync(join(gazetteerDir, name))).update('\n');
  }
  // A retrained model changes outputs as surely as an edited gazetteer.
  for (const file of modelFiles) hash.update(`${file}\n`).update(readFileSync(file)).update('\n');
  return hash.digest('hex').slice(0, 16);
}
