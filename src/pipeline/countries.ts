import type { Candidate, CountryCount, Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';

/**
 * The document's country table: direct mentions (LOCATION entities linked to a country entry)
 * and, separately, mentions through nationality adjectives (`البريطاني` -> GB) outside entities.
 */
export function countCountries(candidates: readonly Candidate[], tokens: readonly Token[], text: string, gazetteer: CompiledGazetteer): CountryCount[] {
  const direct = new Map<string, number>();
  const adjectival = new Map<string, number>();
  for (const candidate of candidates) {
    const code = candidate.link?.country;
    if (candidate.type === 'LOCATION' && code && candidate.link?.gazetteer === 'countries') direct.set(code, (direct.get(code) ?? 0) + 1);
  }
  // Candidates are sorted by position: one pointer walks them beside the tokens.
  let next = 0;
  const covered = (token: Token): boolean => {
    while (next < candidates.length && (candidates[next]?.end ?? 0) <= token.start) next++;
    const candidate = candidates[next];
    return candidate !== undefined && candidate.start < token.end;
  };
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    const match = token && !covered(token) ? gazetteer.adjectives.longestAt(tokens, i, text) : undefined;
    const code = match?.values[0]?.country;
    if (match && code) {
      adjectival.set(code, (adjectival.get(code) ?? 0) + 1);
      i = match.lastToken + 1;
    } else i++;
  }
  const codes = [...new Set([...direct.keys(), ...adjectival.keys()])].sort();
  return codes.map((code) => ({
    code,
    name: gazetteer.countriesByCode.get(code)?.en ?? code,
    mentions: direct.get(code) ?? 0,
    adjectiveMentions: adjectival.get(code) ?? 0,
  }));
}
