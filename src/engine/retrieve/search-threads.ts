import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { ThreadIndex } from '../../store/thread-index.js';
import { defaultFusion, fuseRankings, type FusionOptions } from './fuse-rankings.js';
import type { RetrievedThread } from './retrieved-thread.js';

export type SearchMode = 'hybrid' | 'text' | 'vector';

export interface SearchThreadsOptions {
  text: string;
  /** Exact symbols of the question (normalised), boosted when they are distinctive. */
  symbols: string[];
  /** Threads wanted; each method fetches more chunks so grouping still leaves enough threads. */
  k: number;
  mode?: SearchMode;
  fusion?: FusionOptions;
  /** The text's embedding when the caller already has it (one embedding call per question). */
  vector?: number[];
  /** Net feedback votes per thread key. */
  feedback?: Map<string, number>;
}

/** Hybrid search: full-text and vector queries run together, fused per thread. */
export async function searchThreads(
  index: ThreadIndex,
  embeddings: EmbeddingsInterface,
  options: SearchThreadsOptions,
): Promise<RetrievedThread[]> {
  const mode = options.mode ?? 'hybrid';
  const limit = Math.max(20, options.k * 4);
  // The full-text side gets plain words and symbol words only: query syntax in user text is data.
  const ftsQuery = [...(options.text.match(/[A-Za-z0-9]+/g) ?? []), ...options.symbols].join(' ');
  const [textHits, vectorHits] = await Promise.all([
    mode === 'vector' ? [] : index.searchText(ftsQuery, limit),
    mode === 'text' ? [] : (options.vector ? Promise.resolve(options.vector) : embeddings.embedQuery(options.text)).then((vector) => index.searchVector(vector, limit)),
  ]);
  const fused = fuseRankings(textHits, vectorHits, options.symbols, options.fusion ?? defaultFusion);
  if (options.feedback && options.feedback.size > 0) applyFeedback(fused, options.feedback, options.fusion ?? defaultFusion);
  return fused;
}

/** Votes nudge a thread by at most a few ranks: enough to break ties, never to override relevance. */
function applyFeedback(threads: RetrievedThread[], feedback: Map<string, number>, fusion: FusionOptions): void {
  const step = 0.1 / (fusion.rrfK + 1);
  for (const thread of threads) {
    const net = feedback.get(thread.key) ?? 0;
    thread.fused += Math.max(-3, Math.min(3, net)) * step;
  }
  threads.sort((a, b) => b.fused - a.fused);
}
