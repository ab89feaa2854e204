import distance from 'natural/lib/natural/distance/levenshtein_distance.js';
import type { Candidate, Recognizer, RecognizerContext, Token } from '../types.js';
import type { GazetteerEntry } from '../gazetteer/load.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import { linkOf, phraseKeys } from '../gazetteer/compile.js';
import { onlySpacesBetween } from '../gazetteer/phrase-trie.js';
import { FUNCTION_WORDS } from './function-words.js';
import { procliticReadings } from '../text/clitics.js';
import { NAME_WORD } from '../gazetteer/token-vocabulary.js';

/**
 * Near misses of multi-word people's names (`شنيزو أبي` for `شينزو آبي`): one edit (insert,
 * delete, substitute, or swap two neighbours, natural's Damerau-Levenshtein) over the whole name.
 * Candidates come from a symmetric-deletion index, so a lookup costs a few map probes.
 * Guards against hits on ordinary words: names of at least MIN_LENGTH letters, two or three
 * words, no function words, and at least one word of the window unknown to the word list
 * (a misspelt name is not a run of real words).
 */

const MIN_LENGTH = 8;
const WINDOW_SIZES = [2, 3];

export interface FuzzyLexicon {
  isCommonWord(key: string): boolean;
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] !== ' ') out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

export function buildFuzzyIndex(gazetteer: CompiledGazetteer): Map<string, { name: string; entry: GazetteerEntry }[]> {
  const index = new Map<string, { name: string; entry: GazetteerEntry }[]>();
  for (const entry of gazetteer.entriesById.ofType('PERSON')) {
    for (const variant of [entry.ar, ...entry.variants]) {
      const keys = phraseKeys(variant);
      const name = keys.join(' ');
      if (!WINDOW_SIZES.includes(keys.length) || name.replace(/ /g, '').length < MIN_LENGTH) continue;
      for (const probe of [name, ...deletions(name)]) {
        const bucket = index.get(probe) ?? [];
        if (!bucket.some((hit) => hit.entry === entry && hit.name === name)) bucket.push({ name, entry });
        index.set(probe, bucket);
      }
    }
  }
  return index;
}

export function createFuzzyPersonRecognizer(gazetteer: CompiledGazetteer, lexicon: FuzzyLexicon): Recognizer {
  const index = buildFuzzyIndex(gazetteer);
  const unknown = (token: Token): boolean => !lexicon.isCommonWord(token.key) && !gazetteer.words.has(token.key, NAME_WORD);

  const lookup = (window: string): { name: string; entry: GazetteerEntry } | undefined => {
    const seen = new Set<string>();
    for (const probe of [window, ...deletions(window)]) {
      for (const hit of index.get(probe) ?? []) {
        if (seen.has(hit.name)) continue;
        seen.add(hit.name);
        if (hit.name !== window && distance.DamerauLevenshteinDistance(hit.name, window, { restricted: true }) === 1) return hit;
      }
    }
    return undefined;
  };

  return {
    name: 'fuzzy-persons',
    recognize({ view, tokens }: RecognizerContext): Candidate[] {
      const candidates: Candidate[] = [];
      // Per token, once: may it be part of a name window, and is it unknown to the word list?
      const usable = tokens.map((t) => t.kind === 'arabic' && !FUNCTION_WORDS.has(t.key));
      const unknownAt = tokens.map((t, k) => usable[k] === true && unknown(t));
      for (let i = 0; i < tokens.length; i++) {
        if (!usable[i]) continue;
        for (const size of WINDOW_SIZES) {
          let fits = i + size <= tokens.length;
          let anyUnknown = false;
          for (let k = i; fits && k < i + size; k++) {
            fits = usable[k] === true && (k === i || onlySpacesBetween(view.text, tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0));
            anyUnknown ||= unknownAt[k] === true;
          }
          if (!fits || !anyUnknown) continue;
          const window = tokens.slice(i, i + size);
          const first = window[0];
          const last = window[window.length - 1];
          if (!first || !last) continue;
          // The first word may carry a proclitic (`وبوريس جونسن`): try its readings, bare first.
          const rest = window.slice(1).map((t) => t.key).join(' ');
          let hit: { name: string; entry: GazetteerEntry } | undefined;
          let prefixLength = 0;
          for (const reading of procliticReadings(first.key)) {
            const text = `${reading.stem} ${rest}`;
            if (reading.restoredArticle || text.replace(/ /g, '').length < MIN_LENGTH) continue;
            hit = lookup(text);
            prefixLength = reading.prefixLength;
            if (hit) break;
          }
          if (!hit) continue;
          candidates.push({
            type: 'PERSON',
            start: first.start + prefixLength,
            end: last.end,
            source: 'fuzzy:people',
            confidence: 0.7,
            link: linkOf(hit.entry),
          });
          i += size - 1;
          break;
        }
      }
      return candidates;
    },
  };
}
