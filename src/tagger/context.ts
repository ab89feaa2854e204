import type { Candidate, Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import type { ContextFeatures } from './features.js';

/**
 * What the document says at each position, as features: a gazetteer name covering the word (and
 * its type), a title, role or organisation prefix just before it, a nationality adjective on it or
 * after it (and that adjective's gender). These
 * are the rule recognisers' signals, given to the model to weigh rather than obeyed.
 */
export function contextFeatures(tokens: readonly Token[], text: string, gazetteer: CompiledGazetteer, candidates: readonly Candidate[] = []): (ContextFeatures | undefined)[] {
  // Most words have no context feature: their entry stays undefined (no array per token).
  const features: (string[] | undefined)[] = new Array<string[] | undefined>(tokens.length);
  const add = (index: number, feature: string): void => {
    if (index < 0 || index >= tokens.length) return;
    (features[index] ??= []).push(feature);
  };
  for (let i = 0; i < tokens.length; i++) {
    const name = gazetteer.names.longestAt(tokens, i, text);
    if (name) {
      const types = [...new Set(name.values.map((entry) => (entry.type === 'LOCATION' ? `LOC-${entry.subtype}` : entry.type)))].sort().join('|');
      for (let t = name.firstToken; t <= name.lastToken; t++) add(t, `gz=${t === name.firstToken ? 'B' : 'I'}-${types}`);
      add(name.firstToken - 1, `gz[+1]=${types}`);
      add(name.lastToken + 1, `gz[-1]=${types}`);
    }
    const trigger = gazetteer.triggers.longestAt(tokens, i, text);
    if (trigger) {
      const kinds = [...new Set(trigger.values.map((value) => value.kind))].sort().join('|');
      for (let t = trigger.firstToken; t <= trigger.lastToken; t++) add(t, `trigger=${kinds}`);
      add(trigger.lastToken + 1, `trigger[-1]=${kinds}`);
      add(trigger.lastToken + 2, `trigger[-2]=${kinds}`);
    }
    const adjective = gazetteer.adjectives.longestAt(tokens, i, text);
    if (adjective) {
      for (let t = adjective.firstToken; t <= adjective.lastToken; t++) add(t, 'nationality');
      // The adjective agrees with the name before it: masculine after a club, a team or a man
      // (`ليون الفرنسي`), feminine after a city or a company (`ليون الفرنسية`).
      const last = tokens[adjective.lastToken]?.key ?? '';
      add(adjective.firstToken - 1, `nationality[+1]=${last.endsWith('ي') ? 'm' : last.endsWith('يه') ? 'f' : 'pl'}`);
    }
  }
  addCandidates(tokens, candidates, add);
  return features;
}

/** Each rule or gazetteer candidate marks the tokens it covers with its source and type. */
function addCandidates(tokens: readonly Token[], candidates: readonly Candidate[], add: (index: number, feature: string) => void): void {
  if (candidates.length === 0) return;
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  let t = 0;
  for (const candidate of sorted) {
    while (t > 0 && (tokens[t - 1]?.end ?? 0) > candidate.start) t--;
    while (t < tokens.length && (tokens[t]?.end ?? 0) <= candidate.start) t++;
    const label = `${candidate.source}/${candidate.type}`;
    for (let i = t; i < tokens.length && (tokens[i]?.start ?? Infinity) < candidate.end; i++) add(i, `rule=${i === t ? 'B' : 'I'}-${label}`);
    add(t - 1, `rule[+1]=${candidate.type}`);
  }
}
