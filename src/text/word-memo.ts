/**
 * Answers about a word type, remembered by its match key. News text repeats its words (a few
 * thousand types cover most tokens) and every recogniser asks the same questions of every token,
 * so each question is computed once per distinct key and then read back with one map probe.
 * Bounded: a full memo starts over, so memory stays flat on any corpus.
 */

const DEFAULT_LIMIT = 100_000;

export function memoizeByKey<T>(compute: (key: string) => T, limit = DEFAULT_LIMIT): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let answer = memo.get(key);
    if (answer === undefined && !memo.has(key)) {
      if (memo.size >= limit) memo.clear();
      answer = compute(key);
      memo.set(key, answer);
    }
    return answer as T;
  };
}
