import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { ThreadIndex } from '../../store/thread-index.js';
import type { TermStats } from '../../text/term-stats.js';
import { distinctiveText } from './question-weights.js';

/** Chunks the distinctive text's vector search returns; a thread none of whose chunks is among them scores 0. */
const DISTINCTIVE_CHUNKS = 40;

/**
 * The best cosine similarity of each thread's chunks to the question's distinctive text (the
 * question without the words many threads share), in the order of `threadKeys`. One embedding
 * and one vector search: the chunks' own vectors are compared, so it works with any embedder.
 * All 0 when nothing distinctive is left ("my mac is slow after the update").
 */
export async function distinctiveCosines(
  index: ThreadIndex,
  embeddings: EmbeddingsInterface,
  question: string,
  stats: TermStats,
  threadKeys: string[],
  genericShare?: number,
): Promise<number[]> {
  const text = distinctiveText(question, stats, genericShare);
  if (text === '' || threadKeys.length === 0) return threadKeys.map(() => 0);
  const hits = await index.searchVector(await embeddings.embedQuery(text), DISTINCTIVE_CHUNKS);
  const best = new Map<string, number>();
  for (const hit of hits) best.set(hit.chunk.thread_key, Math.max(best.get(hit.chunk.thread_key) ?? 0, hit.score));
  return threadKeys.map((key) => best.get(key) ?? 0);
}
