/**
 * The tagger's labels: BIO over the training data's classes. MISC (nationalities, events) is
 * learned so those words do not pollute the other classes, and never emitted.
 */

export const TAGGER_CLASSES = ['PERS', 'LOC', 'ORG', 'MISC'] as const;
export const TAGS: readonly string[] = ['O', ...TAGGER_CLASSES.flatMap((name) => [`B-${name}`, `I-${name}`])];

/** The class of a tag index, or undefined for O. */
export function classOf(tag: number, tags: readonly string[] = TAGS): string | undefined {
  const name = tags[tag];
  return name === undefined || name === 'O' ? undefined : name.slice(2);
}

export function isBegin(tag: number, tags: readonly string[] = TAGS): boolean {
  return tags[tag]?.startsWith('B-') ?? false;
}

/** The BIO mask: I-X only after B-X or I-X (the start row included). Layout of viterbi's Transitions. */
export function bioTransitions(tags: readonly string[]): Uint8Array {
  const count = tags.length;
  const allowed = new Uint8Array((count + 1) * count);
  for (let from = -1; from < count; from++) {
    for (let to = 0; to < count; to++) {
      const target = tags[to] ?? 'O';
      const source = from === -1 ? 'O' : (tags[from] ?? 'O');
      const ok = !target.startsWith('I-') || (source !== 'O' && source.slice(2) === target.slice(2));
      allowed[(from + 1) * count + to] = ok ? 1 : 0;
    }
  }
  return allowed;
}
