import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, type Random } from '../learn/random.js';

/**
 * A synthetic entities gazetteer of any size, written as valid gazetteer XML split over several
 * files (as a large real import would be), to measure load time and memory at scale. Names are
 * built like real ones: a first word from a small set (given names, place words) followed by
 * words from a larger vocabulary, so words repeat across entries as they do in real gazetteers.
 */

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const SUBTYPES = [
  ['LOCATION', 'region'],
  ['LOCATION', 'site'],
  ['ORGANIZATION', 'company'],
  ['ORGANIZATION', 'other'],
  ['PERSON', 'person'],
] as const;
const COUNTRIES = ['IQ', 'SY', 'EG', 'SA', 'JO', 'LB', 'MA', 'TN', 'DZ', 'YE'];

function word(random: Random): string {
  let out = '';
  const length = 3 + random.int(4);
  for (let i = 0; i < length; i++) out += random.pick([...LETTERS]);
  return out;
}

interface Vocabulary {
  readonly heads: readonly string[];
  readonly words: readonly string[];
}

function vocabulary(random: Random): Vocabulary {
  return { heads: Array.from({ length: 5_000 }, () => word(random)), words: Array.from({ length: 100_000 }, () => word(random)) };
}

function phrase(random: Random, vocabulary: Vocabulary): string {
  const rest = 1 + random.int(2);
  return [random.pick(vocabulary.heads), ...Array.from({ length: rest }, () => random.pick(vocabulary.words))].join(' ');
}

function entryXml(index: number, random: Random, vocabulary: Vocabulary): string {
  const [type, subtype] = random.pick(SUBTYPES);
  const variant = random.chance(0.5) ? `<variant>${phrase(random, vocabulary)}</variant>` : '';
  return `<entry id="syn:e${index}" type="${type}" subtype="${subtype}" country="${random.pick(COUNTRIES)}"><ar>${phrase(random, vocabulary)}</ar><en>Synthetic ${index}</en>${variant}</entry>\n`;
}

/** Writes `entries` entries into `dir` as files of at most `perFile` entries; returns the names written. */
export function writeSyntheticGazetteer(dir: string, entries: number, seed = 1, perFile = 100_000): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const words = vocabulary(random);
  const names: string[] = [];
  for (let first = 0, file = 0; first < entries; first += perFile, file++) {
    const id = `synthetic-${String(file).padStart(3, '0')}`;
    const parts = [`<?xml version="1.0" encoding="UTF-8"?>\n<gazetteer id="${id}" kind="entities">\n<source name="synthetic benchmark gazetteer" generated="src/bench/synthetic-gazetteer.ts"/>\n`];
    for (let i = first; i < Math.min(entries, first + perFile); i++) parts.push(entryXml(i, random, words));
    parts.push('</gazetteer>\n');
    const name = `${id}.xml`;
    writeFileSync(join(dir, name), parts.join(''));
    names.push(name);
  }
  return names;
}
