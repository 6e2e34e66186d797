/**
 * The brute-force reference: cosine similarity against every vector, in plain TypeScript over
 * one Float32Array. Vectors are L2-normalised, so cosine is a dot product.
 */
export class ExactVectorSearch {
  private readonly vectors: Float32Array;
  private readonly ids: string[];
  readonly count: number;

  constructor(
    rows: Array<{ id: string; vector: ArrayLike<number> }>,
    private readonly dimension: number,
  ) {
    this.count = rows.length;
    this.vectors = new Float32Array(rows.length * dimension);
    this.ids = rows.map((row) => row.id);
    rows.forEach((row, index) => this.vectors.set(Array.from(row.vector), index * dimension));
  }

  /** Ids of the k nearest vectors, best first. */
  search(query: ArrayLike<number>, k: number): string[] {
    const { dimension, vectors } = this;
    const q = Float32Array.from(query);
    const bestScores = new Float32Array(k).fill(-Infinity);
    const bestIndices = new Int32Array(k).fill(-1);
    for (let row = 0; row < this.count; row += 1) {
      let dot = 0;
      const offset = row * dimension;
      for (let d = 0; d < dimension; d += 1) dot += (q[d] as number) * (vectors[offset + d] as number);
      if (dot <= (bestScores[k - 1] as number)) continue;
      let slot = k - 1;
      while (slot > 0 && dot > (bestScores[slot - 1] as number)) {
        bestScores[slot] = bestScores[slot - 1] as number;
        bestIndices[slot] = bestIndices[slot - 1] as number;
        slot -= 1;
      }
      bestScores[slot] = dot;
      bestIndices[slot] = row;
    }
    return [...bestIndices].filter((index) => index >= 0).map((index) => this.ids[index] as string);
  }
}
