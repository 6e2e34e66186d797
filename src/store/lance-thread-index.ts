import type { TermStats } from '../text/term-stats.js';
import { LanceCatalog } from './lance-catalog.js';
import { guarded, isNotFound } from './lance-errors.js';
import { TermStatsReader } from './lance-term-stats.js';
import { LanceThreadsTable } from './lance-threads-table.js';
import type { ChunkHit, EmbedderIdentity, IndexStats, StoredChunk, ThreadIndex, ThreadQuery } from './thread-index.js';

/** Where the index is and the embedder its questions are embedded with. */
export interface OpenIndexOptions {
  /** LanceDB URI: a local folder or s3://… */
  uri: string;
  embedder: EmbedderIdentity;
  /**
   * How often, at most, searches look for a new active table (a rebuild) and for rows other
   * processes committed (an ingest, a learned thread): every search pays one small read for
   * it. 0 checks on every search; @default 2
   */
  refreshSeconds?: number;
}

/** Searches see other processes' commits within this many seconds by default. */
export const DEFAULT_REFRESH_SECONDS = 2;

/**
 * The search side of a LanceDB index. It follows the catalog: after a rebuild switches the
 * active table, the next search that is due for a check opens the new table (the old one stays
 * on disk until the next rebuild, so a search already running on it finishes). A search that
 * still finds its table gone (two rebuilds within one refresh interval) re-reads the catalog
 * and runs again.
 */
export class LanceThreadIndex implements ThreadIndex {
  private checkedAt: number;
  private refreshing: Promise<void> | undefined;
  /** The handle replaced by the last switch, closed at the next one (a search may still use it). */
  private retired: LanceThreadsTable | undefined;
  private termStatsReader: TermStatsReader | undefined;

  private constructor(
    private readonly catalog: LanceCatalog,
    private current: LanceThreadsTable,
    private readonly embedder: EmbedderIdentity,
    private readonly refreshMs: number,
  ) {
    this.checkedAt = Date.now();
  }

  /** Opens the active index for searching; a missing index or another embedder is a clear error. */
  static async openForSearch(options: OpenIndexOptions): Promise<LanceThreadIndex> {
    const refreshSeconds = options.refreshSeconds ?? DEFAULT_REFRESH_SECONDS;
    const catalog = await LanceCatalog.open(options.uri, refreshSeconds);
    try {
      const meta = await catalog.requireMeta();
      catalog.checkCompatible(meta, options.embedder);
      const table = await catalog.openTable(meta.active_table);
      const threads = new LanceThreadsTable(table, meta.active_table, options.uri, options.embedder.dimension);
      return new LanceThreadIndex(catalog, threads, options.embedder, refreshSeconds * 1000);
    } catch (error) {
      catalog.close();
      throw error;
    }
  }

  /** Threads per source in the active table (`driverdesk stats`); no embedder needed. */
  static async threadsBySource(uri: string): Promise<Record<string, number>> {
    const catalog = await LanceCatalog.open(uri);
    try {
      const meta = await catalog.requireMeta();
      const table = await catalog.openTable(meta.active_table);
      try {
        const rows = await guarded('index_unavailable', 'counting threads failed', uri, () => table.query().where('position = 0').select(['source']).toArray());
        const counts: Record<string, number> = {};
        for (const row of rows) counts[String(row.source)] = (counts[String(row.source)] ?? 0) + 1;
        return counts;
      } finally {
        table.close();
      }
    } finally {
      catalog.close();
    }
  }

  /** The active table's name (tests and `start` show which table is served). */
  get tableName(): string {
    return this.current.name;
  }

  searchText(text: string, limit: number): Promise<ChunkHit[]> {
    return this.run((table) => table.searchText(text, limit));
  }

  /** `exact` skips the vector index: the recall reference for benchmarks (the engine never asks). */
  searchVector(vector: number[], limit: number, options: { exact?: boolean } = {}): Promise<ChunkHit[]> {
    return this.run((table) => table.searchVector(vector, limit, options));
  }

  chunksOfThreads(threadKeys: string[]): Promise<StoredChunk[]> {
    return this.run((table) => table.chunksOfThreads(threadKeys));
  }

  findThreads(query: ThreadQuery): Promise<StoredChunk[]> {
    return this.run((table) => table.findThreads(query));
  }

  /** Document frequencies of the active table's terms (lance-term-stats.ts). */
  termStats(): Promise<TermStats> {
    this.termStatsReader ??= new TermStatsReader(this.catalog.connection);
    const reader = this.termStatsReader;
    return this.run((table) => reader.read(table.name));
  }

  stats(): Promise<IndexStats> {
    return this.run((table) => table.stats(this.embedder));
  }

  /** Looks at the catalog and the table now: switches to a new active table, sees new rows. */
  async refresh(): Promise<void> {
    // Concurrent searches share one catalog read.
    this.refreshing ??= this.switchIfChanged().finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  close(): void {
    this.retired?.close();
    this.current.close();
    this.catalog.close();
  }

  private async run<T>(operation: (table: LanceThreadsTable) => Promise<T>): Promise<T> {
    if (Date.now() - this.checkedAt >= this.refreshMs) await this.refresh();
    const table = this.current;
    try {
      return await operation(table);
    } catch (error) {
      if (!isNotFound((error as Error).cause ?? error)) throw error;
      await this.refresh();
      if (this.current === table) throw error;
      return operation(this.current);
    }
  }

  private async switchIfChanged(): Promise<void> {
    // No table listing here: it would cost a request per check on object storage.
    const meta = await this.catalog.requireMeta({ checkTable: false });
    this.checkedAt = Date.now();
    if (meta.active_table === this.current.name) {
      // Rows other handles committed since (a learned thread) are seen now, not at the next interval.
      await guarded('index_unavailable', 'reading the index failed', this.catalog.uri, () => this.current.table.checkoutLatest());
      return;
    }
    // A rebuild with another embedder cannot be searched with this one: say so, keep serving nothing stale.
    this.catalog.checkCompatible(meta, this.embedder);
    const table = await this.catalog.openTable(meta.active_table);
    this.retired?.close();
    this.retired = this.current;
    this.current = new LanceThreadsTable(table, meta.active_table, this.catalog.uri, this.embedder.dimension);
  }
}
