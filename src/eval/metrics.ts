/** Rank (1-based) of the first relevant result, or undefined when none is relevant. */
export function firstRelevantRank(results: boolean[]): number | undefined {
  const index = results.indexOf(true);
  return index === -1 ? undefined : index + 1;
}

/**
 * recall@k as a hit rate: the share of questions with at least one relevant thread in the
 * top k (questions are labelled with every thread that would help; finding one answers it).
 */
export function recallAt(ranks: Array<number | undefined>, k: number): number {
  if (ranks.length === 0) return 0;
  return ranks.filter((rank) => rank !== undefined && rank <= k).length / ranks.length;
}

/** Mean reciprocal rank of the first relevant result (0 for a miss). */
export function meanReciprocalRank(ranks: Array<number | undefined>): number {
  if (ranks.length === 0) return 0;
  return ranks.reduce<number>((sum, rank) => sum + (rank === undefined ? 0 : 1 / rank), 0) / ranks.length;
}
