/**
 * General Arabic word list, queried by match key.
 *
 * Words come from the Ayaspell Arabic spelling dictionary (https://github.com/linuxscout/ayaspell)
 * as packaged by @cspell/dict-ar (LGPL-3.0); it is a runtime dependency read from node_modules,
 * never copied into this repository.
 *
 * The list is fully inflected (hunspell affixes expanded: proclitics, article, suffixes, about
 * 60 million forms), far too many for a Set of keys. It is kept as cspell's compact trie instead
 * and searched with the key folding run backwards: a key letter may match any dictionary letter
 * that folds to it (ا matches ا أ إ آ ٱ, ي matches ي ى ئ, ه matches ه ة, و matches و ؤ).
 * Decoding the shipped text trie takes about a second, so the decoded trie is cached in cspell's
 * binary format (`.cache/lexicon-<hash>.btrie`, loads in a few ms) keyed by the dictionary
 * version; a cache the trie library cannot read (another library version) is rebuilt. Without a
 * writable cache directory the trie is decoded on every start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeTrie, encodeITrieToBTrie } from 'cspell-trie-lib';
import { normalize } from './normalize.js';
import { DEFAULT_CACHE_DIR } from '../io/binary-cache.js';

export interface Lexicon {
  /** True when the match key is a form in the general word list. */
  hasWord(key: string): boolean;
  /**
   * True when the display text, as written, is a form in the list: a letter the key folds (أ, ة,
   * ى) must be that letter, a plain one (ا, ه, ي) may stand for any that folds to it (writers drop
   * hamzas). `منأشد` is not `مناشد`.
   */
  hasWrittenForm(display: string): boolean;
  /** Names the word list (its package's version and the format here): what is derived from the list alone may be cached under it. */
  readonly version: string;
}

export interface LexiconOptions {
  /** Where the binary trie cache lives; default `.cache` at the package root. */
  readonly cacheDir?: string;
}

/** Bump when the cached file's layout or meaning changes. */
const CACHE_FORMAT = 1;

/** The part of cspell's trie node the search needs. */
interface TrieNode {
  readonly eow: boolean;
  get(char: string): TrieNode | undefined;
}

const require = createRequire(import.meta.url);

/** Letters whose key is `key`, derived from the normaliser itself so the folding cannot drift. */
const LETTERS_BY_KEY = buildLettersByKey();

/** Tanween written on the final letter of about a million forms (`آباءً`); keys drop it. */
const FINAL_TANWEEN = ['\u064b', '\u064c', '\u064d'];

function buildLettersByKey(): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (let cp = 0x0621; cp <= 0x06ff; cp++) {
    const letter = String.fromCharCode(cp);
    const key = normalize(letter).key;
    if (key.length !== 1) continue;
    const letters = byKey.get(key) ?? [];
    letters.push(letter);
    byKey.set(key, letters);
  }
  return byKey;
}

/** The key letter of each letter that folds to another (أ -> ا, ة -> ه): such letters are matched exactly. */
const FOLDED_LETTER_KEY = new Map([...LETTERS_BY_KEY].flatMap(([key, letters]) => letters.filter((letter) => letter !== key).map((letter) => [letter, key] as const)));

/**
 * True when some dictionary word is written as `text` up to the folds of its key letters:
 * asked of a match key, any word that folds to it; asked of display text, a folded letter
 * matches itself only (no folded letter is a key letter). Depth-first: most branches die in a letter.
 */
function trieHasForm(node: TrieNode, text: string, index: number): boolean {
  if (index === text.length) {
    return node.eow || FINAL_TANWEEN.some((mark) => node.get(mark)?.eow === true);
  }
  const ch = text[index] ?? '';
  for (const letter of FOLDED_LETTER_KEY.has(ch) ? [ch] : (LETTERS_BY_KEY.get(ch) ?? [ch])) {
    const child = node.get(letter);
    if (child !== undefined && trieHasForm(child, text, index + 1)) return true;
  }
  return false;
}

interface DictionaryFiles {
  readonly trieFile: string;
  readonly version: string;
}

function locateDictionary(): DictionaryFiles {
  const dictDir = dirname(require.resolve('@cspell/dict-ar/cspell-ext.json'));
  const { version } = JSON.parse(readFileSync(join(dictDir, 'package.json'), 'utf8')) as { version: string };
  return { trieFile: join(dictDir, 'ar.trie.gz'), version: `dict-ar@${version} format@${CACHE_FORMAT}` };
}

function cacheFileName(version: string): string {
  return `lexicon-${createHash('sha256').update(version).digest('hex').slice(0, 16)}.btrie`;
}

function readCache(file: string): TrieNode | undefined {
  try {
    const buffer = readFileSync(file);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>;
    return decodeTrie(bytes).data.getRoot();
  } catch {
    return undefined; // missing, or written by another library version
  }
}

/** Best effort: a read-only or missing cache directory only costs start-up time. */
function writeCache(file: string, data: Uint8Array): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file); // atomic, so a concurrent reader never sees half a file
  } catch {
    // no cache
  }
}

function loadTrieRoot(cacheDir: string): TrieNode {
  const { trieFile, version } = locateDictionary();
  const cacheFile = join(cacheDir, cacheFileName(version));
  const cached = readCache(cacheFile);
  if (cached !== undefined) return cached;
  const trie = decodeTrie(gunzipSync(readFileSync(trieFile)).toString('utf8'));
  writeCache(cacheFile, encodeITrieToBTrie(trie));
  return trie.data.getRoot();
}

const roots = new Map<string, TrieNode>();

/** Bound on remembered hasWord answers (cleared when full), so memory stays flat on any corpus. */
const WORD_MEMO_SIZE = 200_000;

/** The word trie, loaded on first use and shared by every lexicon using the same cache. */
function wordTrie(cacheDir: string): TrieNode {
  let root = roots.get(cacheDir);
  if (root === undefined) {
    root = loadTrieRoot(cacheDir);
    roots.set(cacheDir, root);
  }
  return root;
}

/** A lexicon. The word list is loaded lazily, on the first `hasWord`, and shared; repeated calls are cheap. */
export function loadLexicon(options: LexiconOptions = {}): Lexicon {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  // The folded trie search costs microseconds and news text repeats its words: remember answers.
  const wordMemo = new Map<string, boolean>();
  return {
    version: locateDictionary().version,
    hasWord: (key) => {
      let known = wordMemo.get(key);
      if (known === undefined) {
        known = key.length > 0 && trieHasForm(wordTrie(cacheDir), key, 0);
        if (wordMemo.size >= WORD_MEMO_SIZE) wordMemo.clear();
        wordMemo.set(key, known);
      }
      return known;
    },
    // Asked only of runs the segmenter would cut: rare, so not remembered.
    hasWrittenForm: (display) => display.length > 0 && trieHasForm(wordTrie(cacheDir), display, 0),
  };
}
