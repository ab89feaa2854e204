import { createHash } from 'node:crypto';
import { LinearSequenceModel } from './linear-model.js';
import type { TrainedWeights } from './perceptron.js';

/**
 * The model file: a small JSON header (format, tags, quantisation scale, the body's SHA-256 and
 * whatever facts the caller adds) and a binary body: feature hashes (uint32, ascending), their
 * weights quantised to int16, and the transition matrix (float32). Same weights, same bytes.
 *
 *   "ANERLM01" | uint32 header length | header JSON (UTF-8, padded to 4 bytes) | body
 */

const MAGIC = 'ANERLM01';
const FORMAT = 1;

export interface ModelHeader {
  readonly format: number;
  readonly tags: readonly string[];
  readonly featureCount: number;
  /** A stored int16 weight times `scale` is the weight. */
  readonly scale: number;
  readonly bodySha256: string;
  /** Facts about the model (training data, licence, scores, feature set version): the caller's. */
  readonly meta: Readonly<Record<string, unknown>>;
}

export class ModelFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ModelFileError';
  }
}

/**
 * Serialises averaged weights. Rows whose every weight rounds to zero are dropped (most features
 * seen once end there after averaging), which keeps the file small.
 */
export function encodeModel(weights: TrainedWeights, tags: readonly string[], meta: Readonly<Record<string, unknown>>): Buffer {
  const tagCount = tags.length;
  let maxAbs = 0;
  for (const row of weights.rows.values()) for (const weight of row) maxAbs = Math.max(maxAbs, Math.abs(weight));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const kept = [...weights.rows.entries()]
    .filter(([, row]) => row.some((weight) => Math.round(weight / scale) !== 0))
    .sort((a, b) => a[0] - b[0]);
  const hashes = new Uint32Array(kept.map(([feature]) => feature));
  const quantised = new Int16Array(kept.length * tagCount);
  kept.forEach(([, row], index) => row.forEach((weight, tag) => (quantised[index * tagCount + tag] = Math.round(weight / scale))));
  const transitions = Float32Array.from(weights.transitions.weights);
  const body = Buffer.concat([bytesOf(hashes), pad4(bytesOf(quantised)), bytesOf(transitions)]);
  const header: ModelHeader = { format: FORMAT, tags, featureCount: kept.length, scale, bodySha256: sha256(body), meta };
  const headerBytes = pad4(Buffer.from(JSON.stringify(header), 'utf8'), 0x20);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, headerBytes, body]);
}

/** Reads a model file's bytes; `path` names it in errors. `allowed` is the tag set's transition mask. */
export function decodeModel(bytes: Buffer, path: string, allowed: (tags: readonly string[]) => Uint8Array): { model: LinearSequenceModel; header: ModelHeader } {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new ModelFileError(path, 'not an arabic-ner model file');
  const headerLength = bytes.readUInt32LE(8);
  const bodyStart = 12 + headerLength;
  if (bodyStart > bytes.length) throw new ModelFileError(path, 'truncated header');
  let header: ModelHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, bodyStart)) as ModelHeader;
  } catch (error) {
    throw new ModelFileError(path, `unreadable header (${(error as Error).message})`);
  }
  if (header.format !== FORMAT) throw new ModelFileError(path, `model format ${header.format}, this version reads ${FORMAT}: retrain with npm run train`);
  const body = bytes.subarray(bodyStart);
  if (sha256(body) !== header.bodySha256) throw new ModelFileError(path, 'checksum mismatch: the file is damaged');
  const tagCount = header.tags.length;
  const count = header.featureCount;
  const hashBytes = count * 4;
  const weightBytes = count * tagCount * 2;
  const weightEnd = hashBytes + weightBytes + ((4 - (weightBytes % 4)) % 4);
  const transitionCount = (tagCount + 1) * tagCount;
  if (body.length !== weightEnd + transitionCount * 4) throw new ModelFileError(path, 'body size does not match its header');
  const aligned = new Uint8Array(body); // a copy at offset 0: aligned for the typed array views
  const features = new Uint32Array(aligned.buffer, aligned.byteOffset, count);
  const quantised = new Int16Array(aligned.buffer, aligned.byteOffset + hashBytes, count * tagCount);
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = (quantised[i] ?? 0) * header.scale;
  const transitionWeights = new Float32Array(aligned.buffer, aligned.byteOffset + weightEnd, transitionCount);
  const model = new LinearSequenceModel(header.tags, features, weights, { tagCount, weights: transitionWeights, allowed: allowed(header.tags) });
  return { model, header };
}

function bytesOf(array: Uint32Array | Int16Array | Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function pad4(bytes: Buffer, fill = 0): Buffer {
  const padding = (4 - (bytes.length % 4)) % 4;
  return padding === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(padding, fill)]);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
