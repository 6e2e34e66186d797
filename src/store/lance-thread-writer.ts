import { fileURLToPath } from 'node:url';
import { acquireIndexWriterLock, type IndexWriterLock } from './index-writer-lock.js';
import { LanceCatalog } from './lance-catalog.js';
import { writeTermStats } from './lance-term-stats.js';
import { LanceThreadsTable } from './lance-threads-table.js';
import type { ChunkRow, EmbedderIdentity, IndexCheck, OpenWritableIndex, OpenWritableOptions, StoredChunk, StoredPostKey, ThreadQuery, WritableThreadIndex } from './thread-index.js';

/** Where the index is, and when a table gets its vector index. */
export interface LanceWriterOptions {
  /** LanceDB URI: a local folder or s3://… */
  uri: string;
  /** Chunks at which a vector index is built; below it exact search is fast and exact. @default Infinity */
  vectorIndexMinRows?: number;
}

/** The factory ingest receives: opens writers on the LanceDB index at `options.uri`. */
export function lanceWriterOpener(options: LanceWriterOptions): OpenWritableIndex {
  return (open) => LanceThreadWriter.open({ ...options, ...open });
}

/**
 * The write side of a LanceDB index. On a local folder it holds the index's writer lock while
 * open, so batches are plain appends of ids compared beforehand. On object storage there is no
 * lock (see README "Several ingests"): appends are merge-inserts on chunk_id, and each write
 * removes the extra copies a concurrent writer may have committed for the same threads.
 */
export class LanceThreadWriter implements WritableThreadIndex {
  private fresh: boolean;

  private constructor(
    private readonly catalog: LanceCatalog,
    private readonly threads: LanceThreadsTable,
    private readonly embedder: EmbedderIdentity,
    private readonly lock: IndexWriterLock | undefined,
    private readonly vectorIndexMinRows: number,
    fresh: boolean,
  ) {
    this.fresh = fresh;
  }

  /**
   * Takes the writer lock, drops tables left by killed rebuilds, and opens the active table, or
   * (with `rebuild`, or when there is no index yet) a new one that `activate()` switches to.
   */
  static async open(options: LanceWriterOptions & OpenWritableOptions): Promise<LanceThreadWriter> {
    const folder = localFolder(options.uri);
    const lock = folder
      ? await acquireIndexWriterLock(folder, {
          ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
          ...(options.onWait && { onWait: options.onWait }),
        })
      : undefined;
    let catalog: LanceCatalog | undefined;
    try {
      // Writers always read the latest commit.
      catalog = await LanceCatalog.open(options.uri, 0);
      const meta = await catalog.readMeta({ checkTable: true });
      await catalog.dropUnused({ exclusive: Boolean(lock) });
      const minRows = options.vectorIndexMinRows ?? Number.POSITIVE_INFINITY;
      if (meta && !options.rebuild) {
        catalog.checkCompatible(meta, options.embedder);
        const table = await catalog.openTable(meta.active_table);
        const threads = new LanceThreadsTable(table, meta.active_table, options.uri, options.embedder.dimension);
        return new LanceThreadWriter(catalog, threads, options.embedder, lock, minRows, false);
      }
      const { name, table } = await catalog.createTable(options.embedder.dimension);
      const threads = new LanceThreadsTable(table, name, options.uri, options.embedder.dimension);
      return new LanceThreadWriter(catalog, threads, options.embedder, lock, minRows, true);
    } catch (error) {
      catalog?.close();
      await lock?.release();
      throw error;
    }
  }

  get isFresh(): boolean {
    return this.fresh;
  }

  /** Without a lock another writer may be at work: compare and dedupe as if it were. */
  private get exclusive(): boolean {
    return this.lock !== undefined;
  }

  chunkIdsOf(threadKeys: string[]): Promise<Map<string, string[]>> {
    return this.threads.chunkIdsOf(threadKeys);
  }

  findThreads(query: ThreadQuery): Promise<StoredChunk[]> {
    return this.threads.findThreads(query);
  }

  postKeys(): Promise<StoredPostKey[]> {
    return this.threads.postKeys();
  }

  setAliases(threadKey: string, aliases: string[]): Promise<void> {
    this.lock?.check();
    return this.threads.setAliases(threadKey, aliases);
  }

  async addThreads(rows: ChunkRow[]): Promise<void> {
    this.lock?.check();
    if (this.exclusive) {
      await this.threads.add(rows);
      return;
    }
    await this.threads.addMissing(rows);
    await this.threads.removeDuplicates(threadKeysOf(rows));
  }

  async replaceThreads(threadKeys: string[], rows: ChunkRow[]): Promise<void> {
    this.lock?.check();
    await this.threads.replace(threadKeys, rows);
    if (!this.exclusive) await this.threads.removeDuplicates(threadKeys);
  }

  removeThreads(threadKeys: string[]): Promise<number> {
    this.lock?.check();
    return this.threads.remove(threadKeys);
  }

  removeDuplicates(threadKeys?: string[]): Promise<number> {
    this.lock?.check();
    return this.threads.removeDuplicates(threadKeys);
  }

  ensureIndexes(options: { fold?: boolean; onStep?: (step: string) => void } = {}): Promise<IndexCheck> {
    this.lock?.check();
    return this.threads.ensureIndexes({
      fold: options.fold ?? true,
      vectorIndexMinRows: this.vectorIndexMinRows,
      ...(options.onStep && { onStep: options.onStep }),
    });
  }

  async activate(): Promise<void> {
    if (!this.fresh) return;
    this.lock?.check();
    await this.catalog.activate(this.threads.name, this.embedder, { exclusive: this.exclusive });
    this.fresh = false;
  }

  version(): Promise<number> {
    return this.threads.version();
  }

  async writeTermStats(): Promise<void> {
    this.lock?.check();
    await writeTermStats(this.catalog.connection, this.threads.name);
  }

  /** For benchmarks: the full-text and thread_key indexes now, whatever the table holds. */
  buildTextIndexes(): Promise<IndexCheck> {
    return this.threads.ensureIndexes({ fold: false, vectorIndexMinRows: Number.POSITIVE_INFINITY });
  }

  /** For benchmarks: the vector index now, whatever the table's size. */
  buildVectorIndex(): Promise<void> {
    return this.threads.buildVectorIndex();
  }

  async close(): Promise<void> {
    this.threads.close();
    // A new table never activated (nothing was ingested, or an error) is of no use to anyone.
    if (this.fresh && this.exclusive) await this.catalog.connection.dropTable(this.threads.name).catch(() => undefined);
    this.catalog.close();
    await this.lock?.release();
  }
}

function threadKeysOf(rows: ChunkRow[]): string[] {
  return [...new Set(rows.map((row) => row.thread_key))];
}

/** The folder of a local index (a path or file:// URI); undefined for object storage. */
function localFolder(uri: string): string | undefined {
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? undefined : uri;
}
