/**
 * CoNLL-style IOB2 data (`TOKEN TAG` per line, as ANERcorp and WikiFANE ship), read into
 * sentences. A blank line ends a sentence; so does a `.`, `?` or `!` token, since ANERcorp has
 * no blank lines. Following conlleval, an I-X that does not continue an X starts one.
 */

export interface LabelledSentence {
  readonly tokens: readonly string[];
  /** IOB2 tags, as written (classes are the corpus's own: PERS, LOC, ...). */
  readonly tags: readonly string[];
}

export class ConllFormatError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    message: string,
  ) {
    super(`${path}:${line}: ${message}`);
    this.name = 'ConllFormatError';
  }
}

const SENTENCE_END = new Set(['.', '?', '!', '؟']);
const TAG = /^(O|[BI]-[A-Za-z_-]+)$/;

export function parseConll(text: string, path: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (tokens.length > 0) sentences.push({ tokens, tags: repairIob(tags) });
    tokens = [];
    tags = [];
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.replace(/\u200e/g, '').trim();
    if (trimmed === '' || trimmed.startsWith('-DOCSTART-')) {
      flush();
      return;
    }
    const fields = trimmed.split(/\s+/);
    const tag = fields[fields.length - 1] ?? '';
    const token = fields.slice(0, -1).join('');
    if (fields.length < 2 || !TAG.test(tag)) throw new ConllFormatError(path, index + 1, `expected "TOKEN TAG" with an IOB2 tag, got "${trimmed.slice(0, 60)}"`);
    tokens.push(token);
    tags.push(tag);
    if (SENTENCE_END.has(token)) flush();
  });
  flush();
  return sentences;
}

/** conlleval's reading: an I-X after anything but B-X/I-X starts an X. */
export function repairIob(tags: readonly string[]): string[] {
  return tags.map((tag, i) => {
    if (!tag.startsWith('I-')) return tag;
    const previous = tags[i - 1] ?? 'O';
    return previous === 'O' || previous.slice(2) !== tag.slice(2) ? `B-${tag.slice(2)}` : tag;
  });
}

/** Spans `[start, end, class]` over token indices (end exclusive) of an IOB2 tag list. */
export function spansOf(tags: readonly string[]): [number, number, string][] {
  const spans: [number, number, string][] = [];
  const repaired = repairIob(tags);
  repaired.forEach((tag, i) => {
    if (tag.startsWith('B-')) spans.push([i, i + 1, tag.slice(2)]);
    else if (tag.startsWith('I-')) {
      const last = spans[spans.length - 1];
      if (last) last[1] = i + 1;
    }
  });
  return spans;
}

export interface TypeScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
}

/** conlleval over corpus tokens: exact spans per class and micro-averaged over `classes`. */
export function scoreSpans(pairs: Iterable<{ gold: readonly string[]; predicted: readonly string[] }>, classes: readonly string[]): Record<string, TypeScore> {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (label: string, field: 'gold' | 'predicted' | 'correct'): void => {
    const entry = counts.get(label) ?? { gold: 0, predicted: 0, correct: 0 };
    entry[field]++;
    counts.set(label, entry);
  };
  for (const { gold, predicted } of pairs) {
    const goldSpans = spansOf(gold);
    const predictedSpans = spansOf(predicted);
    const goldKeys = new Set(goldSpans.map((span) => span.join(':')));
    for (const span of goldSpans) bump(span[2], 'gold');
    for (const span of predictedSpans) {
      bump(span[2], 'predicted');
      if (goldKeys.has(span.join(':'))) bump(span[2], 'correct');
    }
  }
  const result: Record<string, TypeScore> = {};
  const total = { gold: 0, predicted: 0, correct: 0 };
  for (const label of classes) {
    const entry = counts.get(label) ?? { gold: 0, predicted: 0, correct: 0 };
    total.gold += entry.gold;
    total.predicted += entry.predicted;
    total.correct += entry.correct;
    result[label] = scoreOf(entry);
  }
  result['micro'] = scoreOf(total);
  return result;
}

function scoreOf({ gold, predicted, correct }: { gold: number; predicted: number; correct: number }): TypeScore {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted };
}

