import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArabicNerError } from '../errors.js';
import { ioReason } from '../io/files.js';
import { sha256OfFile } from '../io/hash.js';
import { writeFileAtomic } from '../io/write.js';
import { TOOL_VERSION } from '../version.js';
import type { RecordedOutput } from './protocol.js';

/**
 * What `--resume` relies on: a ledger of the output folder, `<out>/.arabic-ner-outputs.json`,
 * mapping each output file (relative path) to the SHA-256 of its input, the SHA-256 of the
 * output bytes, and the pipeline fingerprint that made it. Per-document files stay free of tool
 * versions (their bytes must not change with them), so the ledger holds that fact instead.
 *
 * A document is skipped only when all three still hold: the input hashes the same, the current
 * pipeline has the same fingerprint, and the output file on disk is the very file recorded
 * (its hash matches), so a file replaced or half-restored by hand is redone. The ledger is
 * kept across runs (entries of this run replace older ones), saved at the end and at most every
 * CHECKPOINT_MS during a run; a run killed outright loses at most that much resume
 * information, which only means redoing those documents.
 */

export const LEDGER_FILE = '.arabic-ner-outputs.json';
const CHECKPOINT_MS = 10_000;

interface LedgerEntry {
  readonly input: string;
  readonly output: string;
  readonly pipeline: string;
  /** The document date the output was made with (a sidecar's, else --doc-date), when there was one. */
  readonly documentDate?: string;
}

export class ResumeLedger {
  private readonly entries: Map<string, LedgerEntry>;
  private lastSave = Date.now();
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly outDir: string,
    private readonly pipeline: string,
    entries: Map<string, LedgerEntry>,
  ) {
    this.entries = entries;
  }

  /**
   * The ledger of `outDir` for a run of `pipeline` (see pipelineFingerprint). A missing ledger
   * is empty; an unreadable one is reported through `warn` and started afresh.
   */
  static async open(outDir: string, pipeline: string, warn: (message: string) => void): Promise<ResumeLedger> {
    const path = join(outDir, LEDGER_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') warn(`${path}: cannot read the resume ledger (${String(error)}): every document is redone`);
      return new ResumeLedger(outDir, pipeline, new Map());
    }
    const entries = parseEntries(text);
    if (!entries) warn(`${path}: the resume ledger is not valid JSON of the expected shape: every document is redone`);
    return new ResumeLedger(outDir, pipeline, entries ?? new Map());
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

  /** Records an output just written; saves a checkpoint when the last save is old enough. */
  record(key: string, inputSha256: string, outputSha256: string, documentDate: string | undefined): void {
    this.entries.set(key, { input: inputSha256, output: outputSha256, pipeline: this.pipeline, ...(documentDate !== undefined ? { documentDate } : {}) });
    if (Date.now() - this.lastSave >= CHECKPOINT_MS) void this.save().catch(() => undefined); // the final save reports errors
  }

  /** Writes the ledger atomically; saves never overlap. */
  save(): Promise<void> {
    this.lastSave = Date.now();
    const content = JSON.stringify({ tool: 'arabic-ner', outputs: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) }, null, 1) + '\n';
    const path = join(this.outDir, LEDGER_FILE);
    this.saving = this.saving
      .catch(() => undefined)
      .then(() => writeFileAtomic(path, content))
      .catch((cause: unknown) => {
        throw new ArabicNerError('OUTPUT_WRITE', `cannot save the resume ledger: ${ioReason(cause)}`, { cause });
      });
    return this.saving;
  }
}

/**
 * Two of the three resume checks, shared by the ledger and the worker that reads the input: the
 * recorded output was made from these input bytes with this document date. The caller then
 * compares the output on disk with `recorded.output`.
 */
export function madeFrom(recorded: RecordedOutput | undefined, inputSha256: string, documentDate: string | undefined): recorded is RecordedOutput {
  return recorded !== undefined && recorded.input === inputSha256 && recorded.documentDate === documentDate;
}

function parseEntries(text: string): Map<string, LedgerEntry> | undefined {
  try {
    const outputs = (JSON.parse(text) as { outputs?: unknown }).outputs;
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

/**
 * Everything besides the input bytes that decides an output's bytes: the tool version, the
 * gazetteer files (names and contents) and the run settings (document date, format, ...).
 */
export function pipelineFingerprint(gazetteerDir: string, settings: Readonly<Record<string, unknown>>): string {
  const hash = createHash('sha256').update(`arabic-ner ${TOOL_VERSION}\n${JSON.stringify(settings, Object.keys(settings).sort())}\n`);
  for (const name of readdirSync(gazetteerDir).filter((n) => n.endsWith('.xml')).sort()) {
    hash.update(`${name}\n`).update(readFileSync(join(gazetteerDir, name))).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}
