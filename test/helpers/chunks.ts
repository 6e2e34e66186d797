import type { ChunkHit, StoredChunk } from '../../src/store/thread-index.js';

/** A stored chunk for unit tests: thread `id` with its title and text, everything else plain. */
export function chunk(id: string, text: string, overrides: Partial<StoredChunk> = {}): StoredChunk {
  return {
    chunk_id: `${id}-${overrides.position ?? 0}`,
    thread_key: `test::${id}`,
    thread_id: id,
    source: 'test',
    title: `Thread ${id}`,
    url: null,
    kind: 'question',
    position: 0,
    accepted: false,
    author: null,
    aliases: '',
    text,
    tags: '',
    replies: null,
    boosts: null,
    views: null,
    activity: null,
    ...overrides,
  };
}

/** A ranked list of hits, best first, as one search method returns them. */
export function hits(chunks: StoredChunk[], scores: number[] = []): ChunkHit[] {
  return chunks.map((entry, rank) => ({ chunk: entry, rank, score: scores[rank] ?? 1 - rank / 10 }));
}
