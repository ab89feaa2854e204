import type { Candidate, Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';

/** What the document says at one position: a gazetteer name, a title before it. */
export type ContextFeatures = readonly string[];

/** The same as ids of a `ContextVocabulary` (see `contextFeatureIds`). */
export type ContextIds = readonly number[];

/**
 * The names of context features (`gz=B-PER`, `trigger[-1]=title`, `before=...`), each given a
 * small id on first sight: a document's context is then a list of numbers per position, so the
 * tagger finds a feature's hash by an array read instead of building and hashing its name at
 * every position. Ids are the vocabulary's own (one per feature extractor), stable for its life.
 */
export class ContextVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per gazetteer match (the trie keeps one values array per phrase), the ids of its features. */
  private readonly byValues = new WeakMap<object, readonly number[]>();
  /** Per candidate source, then type: the ids of its features. */
  private readonly byCandidate = new Map<string, Map<string, readonly number[]>>();

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  nameOf(id: number): string {
    const name = this.names[id];
    if (name === undefined) throw new RangeError(`unknown context feature ${id}`);
    return name;
  }

  /** The ids `names` gives for the values of a match, computed once per values array (`names` is a plain function: no closure per match). */
  idsOfValues<T>(values: readonly T[], names: (values: readonly T[]) => readonly string[]): readonly number[] {
    let ids = this.byValues.get(values);
    if (ids === undefined) {
      ids = names(values).map((name) => this.idOf(name));
      this.byValues.set(values, ids);
    }
    return ids;
  }

  /** The ids of a candidate's features: `rule=B-`, `rule=I-` with its source and type, `rule[+1]=` with its type. */
  idsOfCandidate(source: string, type: string): readonly number[] {
    let byType = this.byCandidate.get(source);
    if (byType === undefined) {
      byType = new Map();
      this.byCandidate.set(source, byType);
    }
    let ids = byType.get(type);
    if (ids === undefined) {
      ids = [`rule=B-${source}/${type}`, `rule=I-${source}/${type}`, `rule[+1]=${type}`].map((name) => this.idOf(name));
      byType.set(type, ids);
    }
    return ids;
  }
}

/**
 * What the document says at each position, as features: a gazetteer name covering the word (and
 * its type), a title, role or organisation prefix just before it, a nationality adjective on it or
 * after it (and that adjective's gender). These
 * are the rule recognisers' signals, given to the model to weigh rather than obeyed.
 */
export function contextFeatures(tokens: readonly Token[], text: string, gazetteer: CompiledGazetteer, candidates: readonly Candidate[] = []): (ContextFeatures | undefined)[] {
  const vocabulary = new ContextVocabulary();
  return contextFeatureIds(tokens, text, gazetteer, candidates, vocabulary).map((ids) => ids?.map((id) => vocabulary.nameOf(id)));
}

/** `contextFeatures` as ids of `vocabulary`: per position, in the same order, or undefined when there are none. */
export function contextFeatureIds(tokens: readonly Token[], text: string, gazetteer: CompiledGazetteer, candidates: readonly Candidate[], vocabulary: ContextVocabulary): (number[] | undefined)[] {
  // Most words have no context feature: their entry stays undefined (no array per token).
  const features: (number[] | undefined)[] = new Array<number[] | undefined>(tokens.length);
  const add = (index: number, feature: number): void => {
    if (index < 0 || index >= tokens.length) return;
    (features[index] ??= []).push(feature);
  };
  const nationality = vocabulary.idOf('nationality');
  const nationalityBefore = { m: vocabulary.idOf('nationality[+1]=m'), f: vocabulary.idOf('nationality[+1]=f'), pl: vocabulary.idOf('nationality[+1]=pl') };
  for (let i = 0; i < tokens.length; i++) {
    const name = gazetteer.names.longestAt(tokens, i, text);
    if (name) {
      const [begin = 0, inside = 0, before = 0, after = 0] = vocabulary.idsOfValues(name.values, nameFeatures);
      for (let t = name.firstToken; t <= name.lastToken; t++) add(t, t === name.firstToken ? begin : inside);
      add(name.firstToken - 1, before);
      add(name.lastToken + 1, after);
    }
    const trigger = gazetteer.triggers.longestAt(tokens, i, text);
    if (trigger) {
      const [on = 0, oneAfter = 0, twoAfter = 0] = vocabulary.idsOfValues(trigger.values, triggerFeatures);
      for (let t = trigger.firstToken; t <= trigger.lastToken; t++) add(t, on);
      add(trigger.lastToken + 1, oneAfter);
      add(trigger.lastToken + 2, twoAfter);
    }
    const adjective = gazetteer.adjectives.longestAt(tokens, i, text);
    if (adjective) {
      for (let t = adjective.firstToken; t <= adjective.lastToken; t++) add(t, nationality);
      // The adjective agrees with the name before it: masculine after a club, a team or a man
      // (`ليون الفرنسي`), feminine after a city or a company (`ليون الفرنسية`).
      const last = tokens[adjective.lastToken]?.key ?? '';
      add(adjective.firstToken - 1, last.endsWith('ي') ? nationalityBefore.m : last.endsWith('يه') ? nationalityBefore.f : nationalityBefore.pl);
    }
  }
  addCandidates(tokens, candidates, vocabulary, add);
  return features;
}

/** The features of a gazetteer name on its first word, its other words, the word before it and the word after it. */
function nameFeatures(entries: readonly { readonly type: string; readonly subtype?: string }[]): string[] {
  const types = [...new Set(entries.map((entry) => (entry.type === 'LOCATION' ? `LOC-${entry.subtype}` : entry.type)))].sort().join('|');
  return [`gz=B-${types}`, `gz=I-${types}`, `gz[+1]=${types}`, `gz[-1]=${types}`];
}

/** The features of a trigger phrase on its words and on the two words after it. */
function triggerFeatures(values: readonly { readonly kind: string }[]): string[] {
  const kinds = [...new Set(values.map((value) => value.kind))].sort().join('|');
  return [`trigger=${kinds}`, `trigger[-1]=${kinds}`, `trigger[-2]=${kinds}`];
}

/** Each rule or gazetteer candidate marks the tokens it covers with its source and type. */
function addCandidates(tokens: readonly Token[], candidates: readonly Candidate[], vocabulary: ContextVocabulary, add: (index: number, feature: number) => void): void {
  if (candidates.length === 0) return;
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  let t = 0;
  for (const candidate of sorted) {
    while (t > 0 && (tokens[t - 1]?.end ?? 0) > candidate.start) t--;
    while (t < tokens.length && (tokens[t]?.end ?? 0) <= candidate.start) t++;
    const [begin = 0, inside = 0, before = 0] = vocabulary.idsOfCandidate(candidate.source, candidate.type);
    for (let i = t; i < tokens.length && (tokens[i]?.start ?? Infinity) < candidate.end; i++) add(i, i === t ? begin : inside);
    add(t - 1, before);
  }
}
