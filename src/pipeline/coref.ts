import type { Candidate, TextView, Token } from '../types.js';
import { procliticReadingsOf } from '../text/clitics.js';

/**
 * Surname coreference: after a full name (`فيليب هاموند`), a later mention of its last word alone
 * (`هاموند`, `وهاموند`) is the same person. Those mentions become PERSON candidates carrying the
 * antecedent's link; one-word mentions the gazetteer already found are tied to it too.
 */

export interface CorefResult {
  /** The input candidates plus the new surname mentions, sorted by position. */
  readonly candidates: Candidate[];
  /** Mention -> its antecedent (the full name). */
  readonly antecedents: Map<Candidate, Candidate>;
}

function wordsOf(view: TextView, candidate: Candidate): string[] {
  return view.key.slice(candidate.start, candidate.end).split(' ').filter(Boolean);
}

export function linkSurnames(view: TextView, tokens: readonly Token[], resolved: readonly Candidate[]): CorefResult {
  const covered = new Uint8Array(view.text.length);
  for (const c of resolved) covered.fill(1, c.start, c.end);
  const antecedents = new Map<Candidate, Candidate>();
  const bySurname = new Map<string, Candidate>();
  const byLink = new Map<string, Candidate>();
  const added: Candidate[] = [];
  const relinked = new Map<Candidate, Candidate>();

  // Walk candidates and tokens together, in text order, so only earlier names are antecedents.
  let next = 0;
  const absorbUpTo = (position: number): void => {
    for (; next < resolved.length && (resolved[next]?.start ?? Infinity) < position; next++) {
      const candidate = resolved[next];
      if (!candidate || candidate.type !== 'PERSON') continue;
      const words = wordsOf(view, candidate);
      if (words.length >= 2) {
        const surname = words[words.length - 1];
        if (surname && surname.length >= 3) bySurname.set(surname, candidate);
        if (candidate.link) byLink.set(candidate.link.id, candidate);
      } else {
        // A one-word name: the document's own full name with that surname wins over the
        // gazetteer's default reading of the surname (`باباندريو` after `كوستاس باباندريو`).
        const inDocument = words[0] ? bySurname.get(words[0]) : undefined;
        const antecedent = inDocument ?? (candidate.link ? byLink.get(candidate.link.id) : undefined);
        if (antecedent && antecedent.link?.id !== candidate.link?.id) relinked.set(candidate, antecedent);
        else if (antecedent) antecedents.set(candidate, antecedent);
      }
    }
  };

  // Per word type of the document: may one of its readings be a surname the walk can meet? The
  // surnames of every full name in the document bound the ones known at any point, so a word
  // none of whose readings is one is passed over at its later occurrences without a lookup.
  const surnames = new Set<string>();
  for (const candidate of resolved) {
    if (candidate.type !== 'PERSON') continue;
    const words = wordsOf(view, candidate);
    const surname = words[words.length - 1];
    if (words.length >= 2 && surname && surname.length >= 3) surnames.add(surname);
  }
  const mayRefer = new Int8Array(tokens.reduce((most, token) => Math.max(most, token.word + 1), 0)); // 0: not asked yet, 1: yes, -1: no
  const mayReferToName = (token: Token): boolean => {
    if (mayRefer[token.word] === 0) mayRefer[token.word] = procliticReadingsOf(token).some((reading) => surnames.has(reading.stem)) ? 1 : -1;
    return mayRefer[token.word] === 1;
  };

  for (const token of tokens) {
    absorbUpTo(token.end);
    if (token.kind !== 'arabic' || covered[token.start] === 1 || bySurname.size === 0 || !mayReferToName(token)) continue;
    for (const reading of procliticReadingsOf(token)) {
      const antecedent = bySurname.get(reading.stem);
      if (!antecedent || reading.restoredArticle || covered[token.start + reading.prefixLength] === 1) continue;
      const mention: Candidate = {
        type: 'PERSON',
        start: token.start + reading.prefixLength,
        end: token.end,
        source: 'coref:surname',
        confidence: Math.min(0.85, antecedent.confidence),
        ...(antecedent.link ? { link: antecedent.link } : {}),
      };
      added.push(mention);
      antecedents.set(mention, antecedent);
      break;
    }
  }
  absorbUpTo(Infinity);
  const kept = resolved.map((candidate) => {
    const antecedent = relinked.get(candidate);
    if (!antecedent) return candidate;
    const { link: _gazetteerReading, ...rest } = candidate;
    const mention: Candidate = { ...rest, source: 'coref:surname', ...(antecedent.link ? { link: antecedent.link } : {}) };
    antecedents.set(mention, antecedent);
    return mention;
  });
  const candidates = [...kept, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
  return { candidates, antecedents };
}
