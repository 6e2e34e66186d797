import type { StoredChunk, ThreadQuery } from './thread-index.js';

/** Whether a chunk's thread is one a ThreadQuery asks for: the exact test every store applies. */
export function matchesThreadQuery(chunk: StoredChunk, query: ThreadQuery): boolean {
  const { urls = [], ids = [] } = query;
  const titles = (query.titles ?? []).map((title) => title.toLowerCase());
  return (
    (chunk.url !== null && urls.includes(chunk.url)) ||
    ids.includes(chunk.thread_id) ||
    chunk.aliases.split(' ').some((alias) => ids.includes(alias)) ||
    (titles.includes(chunk.title.toLowerCase()) && !(query.titlesWithoutUrl && chunk.url !== null))
  );
}

/** The order of `threadKeys`, then position: how chunks of given threads are returned. */
export function inThreadOrder(threadKeys: string[]): (a: StoredChunk, b: StoredChunk) => number {
  const order = new Map(threadKeys.map((key, index) => [key, index]));
  return (a, b) => (order.get(a.thread_key) ?? 0) - (order.get(b.thread_key) ?? 0) || a.position - b.position;
}

/** Thread order, then position: how found chunks are returned. */
export function byThreadThenPosition(a: StoredChunk, b: StoredChunk): number {
  return a.thread_key.localeCompare(b.thread_key) || a.position - b.position;
}
