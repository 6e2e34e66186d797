import { DriverdeskError } from '../errors.js';
import type {
  ChunkHit,
  ChunkRow,
  EmbedderIdentity,
  IndexCheck,
  OpenWritableIndex,
  OpenWritableOptions,
  StoredChunk,
  ThreadIndex,
  ThreadQuery,
  WritableThreadIndex,
} from './thread-index.js';
import { TermStatsCounter, type TermStats } from '../text/term-stats.js';
import { byThreadThenPosition, inThreadOrder, matchesThreadQuery } from './thread-query.js';

interface Table {
  rows: ChunkRow[];
  version: number;
  /** As of the last `writeTermStats`; counted on demand for a table that has none. */
  termStats?: TermStats;
}

/**
 * An index held in memory: both seams (search and write) with the same behaviour as the
 * LanceDB index (one writer at a time, rebuilds switched in at the end), for tests and for
 * scripts that need no disk. Full-text search is a plain BM25 over words; vector search is exact.
 */
export class MemoryThreadStore {
  private active: Table | undefined;
  private embedder: EmbedderIdentity | undefined;
  private writer: Promise<void> | undefined;

  /** The search side; it always reads the active table, so it follows rebuilds at once. */
  openReader(embedder: EmbedderIdentity): ThreadIndex {
    if (!this.active || !this.embedder) {
      throw new DriverdeskError({ code: 'index_missing', message: 'no index in memory: ingest something first' });
    }
    checkEmbedder(this.embedder, embedder);
    const table = () => this.active as Table;
    return {
      // Full text matches only rows that share a word; vector search ranks every row.
      searchText: async (text, limit) => rank(table().rows, bm25(text, table().rows), limit, 0),
      searchVector: async (vector, limit) => rank(table().rows, (row) => cosine(vector, row.vector), limit, Number.NEGATIVE_INFINITY),
      chunksOfThreads: async (threadKeys) => {
        const keys = new Set(threadKeys);
        return table()
          .rows.filter((row) => keys.has(row.thread_key))
          .map(stored)
          .sort(inThreadOrder(threadKeys));
      },
      findThreads: async (query) => findIn(table().rows, query),
      termStats: async () => table().termStats ?? countTerms(table().rows),
    };
  }

  /** The factory ingest receives. */
  readonly openWritable: OpenWritableIndex = async (options: OpenWritableOptions) => {
    const deadline = Date.now() + (options.waitMs ?? 0);
    if (this.writer) options.onWait?.('another writer in this process');
    // A loop: when the writer closes, another waiter may take the index first.
    while (this.writer) {
      const left = deadline - Date.now();
      if (left <= 0) throw new DriverdeskError({ code: 'index_locked', message: 'another writer is open on this in-memory index' });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.writer, new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    if (this.active && this.embedder && !options.rebuild) checkEmbedder(this.embedder, options.embedder);
    let release = () => undefined as void;
    this.writer = new Promise((resolve) => {
      release = resolve;
    });
    const fresh = !this.active || (options.rebuild ?? false);
    return this.writerOn(fresh ? { rows: [], version: 0 } : (this.active as Table), fresh, options.embedder, () => {
      this.writer = undefined;
      release();
    });
  };

  private writerOn(table: Table, fresh: boolean, embedder: EmbedderIdentity, release: () => void): WritableThreadIndex {
    const commit = (rows: ChunkRow[]) => {
      table.rows = rows;
      table.version += 1;
    };
    const store = this;
    let closed = false;
    return {
      get isFresh() {
        return fresh;
      },
      async chunkIdsOf(threadKeys) {
        const keys = new Set(threadKeys);
        const byThread = new Map<string, string[]>();
        for (const row of table.rows) if (keys.has(row.thread_key)) byThread.set(row.thread_key, [...(byThread.get(row.thread_key) ?? []), row.chunk_id]);
        return byThread;
      },
      async findThreads(query) {
        return findIn(table.rows, query);
      },
      async postKeys() {
        return table.rows
          .filter((row) => row.position === 0)
          .map((row) => ({ threadKey: row.thread_key, url: row.url, title: row.title, aliases: row.aliases }));
      },
      async setAliases(threadKey, aliases) {
        commit(table.rows.map((row) => (row.thread_key === threadKey ? { ...row, aliases: aliases.join(' ') } : row)));
      },
      async addThreads(rows) {
        if (rows.length > 0) commit([...table.rows, ...rows]);
      },
      async replaceThreads(threadKeys, rows) {
        if (threadKeys.length === 0) return;
        const keys = new Set(threadKeys);
        commit([...table.rows.filter((row) => !keys.has(row.thread_key)), ...rows]);
      },
      async removeThreads(threadKeys) {
        const keys = new Set(threadKeys);
        const kept = table.rows.filter((row) => !keys.has(row.thread_key));
        const removed = table.rows.length - kept.length;
        if (removed > 0) commit(kept);
        return removed;
      },
      async removeDuplicates(threadKeys) {
        const keys = threadKeys && new Set(threadKeys);
        const seen = new Set<string>();
        const kept = table.rows.filter((row) => {
          if (keys && !keys.has(row.thread_key)) return true;
          if (seen.has(row.chunk_id)) return false;
          seen.add(row.chunk_id);
          return true;
        });
        const removed = table.rows.length - kept.length;
        if (removed > 0) commit(kept);
        return removed;
      },
      async ensureIndexes(): Promise<IndexCheck> {
        return { built: [], vectorIndex: false, folded: false };
      },
      async activate() {
        if (!fresh) return;
        store.active = table;
        store.embedder = embedder;
        fresh = false;
      },
      async version() {
        return table.version;
      },
      async writeTermStats() {
        table.termStats = countTerms(table.rows);
      },
      async close() {
        if (closed) return;
        closed = true;
        release();
      },
    };
  }
}

/** Threads per term, counted chunk by chunk as the LanceDB store counts them. */
function countTerms(rows: ChunkRow[]): TermStats {
  const counter = new TermStatsCounter();
  for (const row of rows) counter.addChunk(row);
  return counter.result();
}

function findIn(rows: ChunkRow[], query: ThreadQuery): StoredChunk[] {
  return rows.map(stored).filter((chunk) => matchesThreadQuery(chunk, query)).sort(byThreadThenPosition);
}

function checkEmbedder(built: EmbedderIdentity, current: EmbedderIdentity): void {
  if (built.id !== current.id || built.dimension !== current.dimension) {
    throw new DriverdeskError({
      code: 'index_embedder_mismatch',
      message: `the in-memory index was built with embedder "${built.id}" but this one is "${current.id}": rebuild it`,
    });
  }
}

function rank(rows: ChunkRow[], score: (row: ChunkRow) => number, limit: number, above: number): ChunkHit[] {
  return rows
    .map((row) => ({ row, score: score(row) }))
    .filter((entry) => entry.score > above)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((entry, index) => ({ chunk: stored(entry.row), rank: index, score: entry.score }));
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

/**
 * BM25 (k1 1.2, b 0.75) of each row's full-text column for the query's words. The rows are
 * split into words, and each term's document frequency counted, once per search, not per row.
 */
function bm25(query: string, rows: ChunkRow[]): (row: ChunkRow) => number {
  const wordsOf = new Map(rows.map((row) => [row, words(row.fts_text)]));
  const averageLength = rows.reduce((sum, row) => sum + (wordsOf.get(row) ?? []).length, 0) / Math.max(1, rows.length);
  const terms = [...new Set(words(query))].map((term) => {
    const containing = rows.filter((row) => (wordsOf.get(row) ?? []).includes(term)).length;
    return { term, idf: Math.log(1 + (rows.length - containing + 0.5) / (containing + 0.5)) };
  });
  return (row) => {
    const own = wordsOf.get(row) ?? [];
    let score = 0;
    for (const { term, idf } of terms) {
      const frequency = own.filter((word) => word === term).length;
      if (frequency === 0) continue;
      score += (idf * frequency * 2.2) / (frequency + 1.2 * (0.25 + (0.75 * own.length) / averageLength));
    }
    return score;
  };
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function stored(row: ChunkRow): StoredChunk {
  const { vector: _vector, fts_text: _ftsText, ...chunk } = row;
  return chunk;
}
