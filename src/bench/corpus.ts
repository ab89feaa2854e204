import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, type Random } from '../learn/random.js';

/**
 * A varied benchmark corpus from the sample articles: sentences shuffled across articles, names
 * swapped in from the gazetteers, and the noise real feeds carry (diacritics, tatweel, NBSP,
 * Arabic-Indic digits, CRLF line ends). Seeded, so every run measures the same bytes.
 */

export interface BenchCorpus {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

const DIACRITICS = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b'];
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!؟?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function perturbWord(word: string, random: Random, names: readonly string[]): string {
  if (names.length > 0 && random.chance(0.03)) return random.pick(names);
  if (random.chance(0.02)) return [...word].map((ch) => (/[\u0621-\u064a]/.test(ch) && random.chance(0.5) ? ch + random.pick(DIACRITICS) : ch)).join('');
  if (random.chance(0.01) && word.length > 3) return word.slice(0, 2) + '\u0640' + word.slice(2);
  if (/^\d+$/.test(word) && random.chance(0.5)) return word.replace(/\d/g, (d) => ARABIC_INDIC[Number(d)] ?? d);
  return word;
}

function article(sentences: readonly string[], random: Random, names: readonly string[]): string {
  const count = 10 + random.int(50);
  const lineEnd = random.chance(0.2) ? '\r\n' : '\n';
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = random.pick(sentences).split(' ').map((word) => perturbWord(word, random, names));
    paragraph.push(words.join(random.chance(0.01) ? '\u00a0' : ' '));
    if (random.chance(0.3)) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  paragraphs.push(paragraph.join(' '));
  return paragraphs.filter((p) => p !== '').join(lineEnd + lineEnd) + lineEnd;
}

/** Writes articles into `dir` (100 per sub-folder) until `targetBytes` are written. */
export function buildCorpus(sourceDir: string, dir: string, targetBytes: number, names: readonly string[], seed = 42): BenchCorpus {
  const sentences = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => sentencesOf(readFileSync(join(sourceDir, name), 'utf8')));
  const random = seededRandom(seed);
  let bytes = 0;
  let files = 0;
  while (bytes < targetBytes) {
    const folder = join(dir, String(Math.floor(files / 100)).padStart(4, '0'));
    if (files % 100 === 0) mkdirSync(folder, { recursive: true });
    const content = Buffer.from(article(sentences, random, names), 'utf8');
    writeFileSync(join(folder, `doc-${String(files).padStart(6, '0')}.txt`), content);
    bytes += content.length;
    files++;
  }
  return { dir, files, bytes };
}
