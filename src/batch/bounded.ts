/**
 * Runs `task` over the items with at most `limit` running at once, pulling the next item only
 * when a task finishes: unlike mapping every item to a promise up front, memory does not grow
 * with the number of items, and an async source (a stream of lines) is read no faster than it
 * is processed.
 */
export async function runBounded<T>(items: Iterable<T> | AsyncIterable<T>, limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const run: Promise<void> = task(item).finally(() => running.delete(run));
    running.add(run);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}
