import { readFileSync } from 'node:fs';
import { cachedValue, cacheKeyOf, codeFingerprint } from '../../io/binary-cache.js';
import { pairedCharModels, type CharModelData } from './char-model.js';
import { parseModel, type ModelParameters } from './model-file.js';
import { buildSegmenterTables, type SegmenterTables } from './segmenter.js';
import { WordTrie, type WordTrieData } from './word-trie.js';

/**
 * The segmenter's built tables between runs. Parsing the model file and building the word trie
 * and the character model's tables costs about half a second, in every process and every worker
 * thread; reading them back is a file read (io/binary-cache.ts: the arrays come back as views on
 * it). A cache file is named by a hash of all they depend on: the model file's bytes, the names
 * added to the trie, the package's code and the platform. A cache file that is missing, corrupt or
 * unwritable only costs that half second: the tables are built as before (and written when the
 * folder can be written).
 */

const FORMAT = 7;
const KIND = 'segmenter';

/** What is cached: the tables' parameters and the typed arrays behind the trie and the character model. */
interface CachedTables {
  readonly parameters: ModelParameters;
  readonly trie: WordTrieData;
  readonly chars: CharModelData;
  readonly nameChars: CharModelData;
}

export interface TableCacheOptions {
  /** Where cache files live. */
  readonly cacheDir: string;
  /** Count of a name the training text lacks (see buildSegmenterTables). */
  readonly nameCount?: number;
}

/** The tables for `modelFile` and `names`, from the cache when it holds them, else built (and cached). */
export function loadSegmenterTables(modelFile: string, names: readonly string[], options: TableCacheOptions): SegmenterTables {
  const modelBytes = readFileSync(modelFile);
  const key = cacheKey(modelBytes, names, options.nameCount);
  const stored = cachedValue(options.cacheDir, KIND, key, (): CachedTables => {
    const tables = buildSegmenterTables(parseModel(modelBytes.toString('utf8'), modelFile), names, options.nameCount);
    return { parameters: tables.parameters, trie: tables.trie.data, chars: tables.chars.data, nameChars: tables.nameChars.data };
  });
  const [chars, nameChars] = pairedCharModels(stored.parameters.order, stored.chars, stored.nameChars);
  return { parameters: stored.parameters, trie: WordTrie.fromData(stored.trie), chars, nameChars };
}

function cacheKey(modelBytes: Uint8Array, names: readonly string[], nameCount: number | undefined): string {
  // The names in one part: 13,000 small updates cost ~4 ms of every start.
  return cacheKeyOf([`format ${FORMAT} ${process.arch} ${nameCount ?? 'default'}`, codeFingerprint(), modelBytes, names.join('\n')]);
}
