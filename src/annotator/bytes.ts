import type { Annotation, ExtractOptions } from '../types.js';
import { decodeBytes } from '../io/decode.js';
import { sha256 } from '../io/hash.js';
import { annotate, type Resources } from '../pipeline/extract.js';

/** Bytes of one document -> its annotation; pass the bytes' SHA-256 when it is known already. */
export function annotateBytes(bytes: Uint8Array, id: string, source: string, resources: Resources, options: ExtractOptions, inputSha256 = sha256(bytes)): Annotation {
  const { text, encoding } = decodeBytes(bytes, source);
  return annotate(text, { id, source, sha256: inputSha256, encoding }, resources, options);
}
