import type { StoredChunk } from '../../store/thread-index.js';

/** One thread found by the search, with what each method said about it. */
export interface RetrievedThread {
  key: string;
  id: string;
  title: string;
  url: string | null;
  /** Fused score: reciprocal-rank fusion plus exact-symbol boosts; orders the results. */
  fused: number;
  /** Best cosine similarity of its chunks to the question (0 when the vector side missed it). */
  cosine: number;
  /** Rank of the thread (0 = best) in the full-text list, or undefined when full text missed it. */
  textRank?: number | undefined;
  /** Rank of the thread (0 = best) in the vector list, or undefined when the vector side missed it. */
  vectorRank?: number | undefined;
  /** Exact technical symbols of the question found in this thread. */
  symbolMatches: string[];
  /** Its chunks that the search returned, best first. */
  hits: StoredChunk[];
}
