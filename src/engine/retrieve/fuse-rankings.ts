import type { ChunkHit } from '../../store/thread-index.js';
import { isGenericSymbol, symbolWords } from '../../text/technical-tokens.js';
import type { RetrievedThread } from './retrieved-thread.js';

export interface FusionOptions {
  /** RRF constant: larger flattens the difference between ranks. */
  rrfK: number;
  textWeight: number;
  vectorWeight: number;
  /** Chunks each method fetches (more when more threads are wanted); @default 20 */
  depth?: number;
}

/** Tuned on shared/eval/dev-questions.jsonl (see README "Retrieval quality"). */
export const defaultFusion: FusionOptions = { rrfK: 20, textWeight: 1, vectorWeight: 1 };

/**
 * Reciprocal-rank fusion at thread level: each method's chunk list becomes a thread list (a
 * thread takes the rank of its best chunk), and a thread scores Σ weight / (k + rank).
 * Threads that contain the question's exact symbols (an entitlement key, a hex code, an
 * API name) are then lifted above all others, unless the symbol is a platform name
 * ("DriverKit", "macOS") or so common among the candidates that it does not tell them apart.
 */
export function fuseRankings(
  textHits: ChunkHit[],
  vectorHits: ChunkHit[],
  querySymbols: string[],
  options: FusionOptions = defaultFusion,
): RetrievedThread[] {
  const threads = new Map<string, RetrievedThread>();
  const addList = (hits: ChunkHit[], weight: number, isVector: boolean) => {
    let threadRank = 0;
    const seen = new Set<string>();
    for (const hit of hits) {
      const key = hit.chunk.thread_key;
      let thread = threads.get(key);
      if (!thread) {
        thread = {
          key,
          id: hit.chunk.thread_id,
          title: hit.chunk.title,
          url: hit.chunk.url,
          fused: 0,
          cosine: 0,
          symbolMatches: [],
          hits: [],
        };
        threads.set(key, thread);
      }
      if (!thread.hits.some((chunk) => chunk.chunk_id === hit.chunk.chunk_id)) thread.hits.push(hit.chunk);
      if (isVector) thread.cosine = Math.max(thread.cosine, hit.score);
      if (seen.has(key)) continue;
      seen.add(key);
      if (isVector) thread.vectorRank = threadRank;
      else thread.textRank = threadRank;
      thread.fused += weight / (options.rrfK + threadRank + 1);
      threadRank += 1;
    }
  };
  addList(textHits, options.textWeight, false);
  addList(vectorHits, options.vectorWeight, true);

  const candidates = [...threads.values()];
  if (querySymbols.length > 0) {
    const symbolsByThread = new Map(
      candidates.map((thread) => [
        thread.key,
        new Set(symbolWords(`${thread.title}\n${thread.hits.map((chunk) => chunk.text).join('\n')}`).split(' ')),
      ]),
    );
    const maxRrf = (options.textWeight + options.vectorWeight) / (options.rrfK + 1);
    for (const symbol of querySymbols) {
      if (isGenericSymbol(symbol)) continue;
      const holders = candidates.filter((thread) => symbolsByThread.get(thread.key)?.has(symbol));
      // A symbol most candidates share says little about which one is right.
      if (holders.length === 0 || holders.length > Math.max(10, candidates.length / 2)) continue;
      for (const thread of holders) {
        thread.symbolMatches.push(symbol);
        thread.fused += maxRrf;
      }
    }
  }
  return candidates.sort((a, b) => b.fused - a.fused);
}

/** The largest fused score a thread can get without symbol boosts: used to scale scores to 0..1. */
export function maxFusedScore(options: FusionOptions = defaultFusion): number {
  return (options.textWeight + options.vectorWeight) / (options.rrfK + 1);
}
