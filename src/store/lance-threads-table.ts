import * as lancedb from '@lancedb/lancedb';
import { guarded } from './lance-errors.js';
import { buildVectorIndex, ensureTableIndexes } from './lance-table-indexes.js';
import { sqlString } from './lance-tables.js';
import { RESULT_COLUMNS, threadsSchema } from './table-schema.js';
import { byThreadThenPosition, inThreadOrder, matchesThreadQuery } from './thread-query.js';
import type { ChunkHit, ChunkRow, IndexCheck, IndexStats, StoredChunk, StoredPostKey, ThreadQuery } from './thread-index.js';

/**
 * HNSW search breadth, partitions probed, and exact re-ranking of 2× the candidates: the
 * re-ranking makes up for the scalar quantisation. bench/vector-index-settings.ts compares these
 * settings with others and with IVF-PQ (build time, latency, recall@10 against exact search);
 * `npm run bench` reports their recall at 10k and 100k threads (docs/benchmarks.md).
 */
const VECTOR_EF = 100;
const VECTOR_NPROBES = 8;
const VECTOR_REFINE_FACTOR = 2;

/** Extra copies deleted per commit (the filter names each one). */
const DELETE_GROUP = 500;

/** Operations on one threads table; every LanceDB failure becomes a coded one-line error. */
export class LanceThreadsTable {
  constructor(
    readonly table: lancedb.Table,
    readonly name: string,
    private readonly uri: string,
    private readonly dimension: number,
  ) {}

  searchText(text: string, limit: number): Promise<ChunkHit[]> {
    if (text.trim() === '') return Promise.resolve([]);
    return this.read('full-text search failed', async () => {
      const rows = await this.table
        .query()
        .fullTextSearch(text, { columns: 'fts_text' })
        .select([...RESULT_COLUMNS, '_score'])
        .limit(limit)
        .toArray();
      return rows.map((row, rank) => ({ chunk: toStoredChunk(row), rank, score: Number(row._score ?? 0) }));
    });
  }

  /** `exact` skips the vector index (brute force over every vector): the recall reference. */
  searchVector(vector: number[], limit: number, options: { exact?: boolean } = {}): Promise<ChunkHit[]> {
    return this.read('vector search failed', async () => {
      // Without an index this is an exact scan; with one, these settings keep recall near exact.
      let query = this.table
        .query()
        .nearestTo(vector)
        .distanceType('cosine')
        .nprobes(VECTOR_NPROBES)
        .refineFactor(VECTOR_REFINE_FACTOR)
        // HNSW needs ef ≥ the candidates it is asked for.
        .ef(Math.max(VECTOR_EF, limit * VECTOR_REFINE_FACTOR));
      if (options.exact) query = query.bypassVectorIndex();
      const rows = await query
        .select([...RESULT_COLUMNS, '_distance'])
        .limit(limit)
        .toArray();
      return rows.map((row, rank) => ({ chunk: toStoredChunk(row), rank, score: 1 - Number(row._distance ?? 1) }));
    });
  }

  async chunksOfThreads(threadKeys: string[]): Promise<StoredChunk[]> {
    if (threadKeys.length === 0) return [];
    const rows = await this.read('reading threads failed', () =>
      this.table.query().where(inList('thread_key', threadKeys)).select(RESULT_COLUMNS).toArray(),
    );
    return rows.map(toStoredChunk).sort(inThreadOrder(threadKeys));
  }

  async findThreads(query: ThreadQuery): Promise<StoredChunk[]> {
    const { urls = [], ids = [] } = query;
    const titles = (query.titles ?? []).map((title) => title.toLowerCase());
    const conditions = [
      ...(urls.length > 0 ? [inList('url', urls)] : []),
      ...(ids.length > 0 ? [inList('thread_id', ids), ...ids.map((id) => `aliases LIKE ${sqlString(`%${id}%`)}`)] : []),
      ...(titles.length > 0 ? [`(lower(title) IN (${titles.map(sqlString).join(', ')})${query.titlesWithoutUrl ? ' AND url IS NULL' : ''})`] : []),
    ];
    if (conditions.length === 0) return [];
    const rows = await this.read('looking up threads failed', () => this.table.query().where(conditions.join(' OR ')).select(RESULT_COLUMNS).toArray());
    // LIKE also matches an alias that merely contains the id: keep exact matches only.
    return rows
      .map(toStoredChunk)
      .filter((chunk) => matchesThreadQuery(chunk, query))
      .sort(byThreadThenPosition);
  }

  /** Key, url, title and aliases of each thread's first chunk: one scan of small columns. */
  async postKeys(): Promise<StoredPostKey[]> {
    const rows = await this.read('reading thread keys failed', () =>
      this.table.query().where('position = 0').select(['thread_key', 'url', 'title', 'aliases']).toArray(),
    );
    return rows.map((row) => ({
      threadKey: String(row.thread_key),
      url: nullableString(row.url),
      title: String(row.title),
      aliases: String(row.aliases ?? ''),
    }));
  }

  async setAliases(threadKey: string, aliases: string[]): Promise<void> {
    await this.write('setting aliases failed', () =>
      this.table.update({ where: `thread_key = ${sqlString(threadKey)}`, values: { aliases: aliases.join(' ') } }),
    );
  }

  async chunkIdsOf(threadKeys: string[]): Promise<Map<string, string[]>> {
    const byThread = new Map<string, string[]>();
    if (threadKeys.length === 0) return byThread;
    const rows = await this.read('reading chunk ids failed', () =>
      this.table.query().where(inList('thread_key', threadKeys)).select(['chunk_id', 'thread_key']).toArray(),
    );
    for (const row of rows) {
      const key = String(row.thread_key);
      byThread.set(key, [...(byThread.get(key) ?? []), String(row.chunk_id)]);
    }
    return byThread;
  }

  /** A plain append: only for a writer that holds the writer lock and compared ids first. */
  async add(rows: ChunkRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write('writing chunks failed', () => this.table.add(this.arrow(rows)));
  }

  /** Appends chunks whose ids the table lacks (skips those another writer committed meanwhile). */
  async addMissing(rows: ChunkRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write('writing chunks failed', () => this.table.mergeInsert('chunk_id').whenNotMatchedInsertAll().execute(this.arrow(rows)));
  }

  async replace(threadKeys: string[], rows: ChunkRow[]): Promise<void> {
    if (threadKeys.length === 0) return;
    if (rows.length === 0) {
      await this.remove(threadKeys);
      return;
    }
    // Insert the new chunks and delete the threads' old ones in the same commit: no reader ever
    // sees a thread twice or not at all.
    await this.write('replacing threads failed', () =>
      this.table
        .mergeInsert('chunk_id')
        .whenNotMatchedInsertAll()
        .whenNotMatchedBySourceDelete({ where: inList('thread_key', threadKeys) })
        .execute(this.arrow(rows)),
    );
  }

  async remove(threadKeys: string[]): Promise<number> {
    if (threadKeys.length === 0) return 0;
    const result = await this.write('removing threads failed', () => this.table.delete(inList('thread_key', threadKeys)));
    return result.numDeletedRows;
  }

  /**
   * Deletes every copy of a chunk id but the first (lowest row id). Each extra copy is named by
   * its chunk id and row id together, so a copy is never confused with another chunk, and one
   * copy always stays, whatever another writer does meanwhile.
   */
  async removeDuplicates(threadKeys?: string[]): Promise<number> {
    if (threadKeys?.length === 0) return 0;
    const extras = await this.read('looking for duplicate chunks failed', async () => {
      let query = this.table.query().select(['chunk_id']).withRowId();
      if (threadKeys) query = query.where(inList('thread_key', threadKeys));
      const seen = new Set<string>();
      const found: string[] = [];
      // Batch by batch: the whole table's rows are never in memory at once, only its chunk ids.
      for await (const batch of query) {
        for (const row of batch.toArray()) {
          const id = String(row.chunk_id);
          if (!seen.has(id)) seen.add(id);
          else found.push(`(chunk_id = ${sqlString(id)} AND _rowid = ${String(row._rowid)})`);
        }
      }
      return found;
    });
    for (let start = 0; start < extras.length; start += DELETE_GROUP) {
      const group = extras.slice(start, start + DELETE_GROUP);
      await this.write('removing duplicate chunks failed', () => this.table.delete(group.join(' OR ')));
    }
    return extras.length;
  }

  /** See WritableThreadIndex.ensureIndexes; the vector index comes at `vectorIndexMinRows` chunks. */
  ensureIndexes(options: { fold: boolean; vectorIndexMinRows: number; onStep?: (step: string) => void }): Promise<IndexCheck> {
    return ensureTableIndexes(this.table, this.uri, options);
  }

  /** The vector index now, whatever the table's size (benchmarks). */
  buildVectorIndex(): Promise<void> {
    return buildVectorIndex(this.table, this.uri);
  }

  version(): Promise<number> {
    return this.read('reading the table version failed', () => this.table.version());
  }

  async stats(embedder: { id: string; dimension: number }): Promise<IndexStats> {
    return this.read('reading index statistics failed', async () => {
      const indices = await this.table.listIndices();
      return {
        rows: await this.table.countRows(),
        // One first chunk per thread (the writer commits no duplicate): counted, not read key by
        // key, since `start` waits for it.
        threads: await this.table.countRows('position = 0'),
        version: await this.table.version(),
        embedder: embedder.id,
        dimension: embedder.dimension,
        hasVectorIndex: indices.some((index) => index.columns.includes('vector')),
      };
    });
  }

  close(): void {
    this.table.close();
  }

  private arrow(rows: ChunkRow[]) {
    return lancedb.makeArrowTable(rows as unknown as Record<string, unknown>[], { schema: threadsSchema(this.dimension) });
  }

  private read<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return guarded('index_unavailable', what, this.uri, operation);
  }

  private write<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return guarded('index_write_failed', what, this.uri, operation);
  }
}

function inList(column: string, values: string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}

const nullableString = (value: unknown) => (value === null || value === undefined ? null : String(value));
const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toStoredChunk(row: Record<string, unknown>): StoredChunk {
  return {
    chunk_id: String(row.chunk_id),
    thread_key: String(row.thread_key),
    thread_id: String(row.thread_id),
    source: String(row.source),
    title: String(row.title),
    url: nullableString(row.url),
    kind: String(row.kind),
    position: Number(row.position),
    accepted: Boolean(row.accepted),
    author: nullableString(row.author),
    aliases: String(row.aliases ?? ''),
    text: String(row.text),
    tags: String(row.tags ?? ''),
    replies: nullableNumber(row.replies),
    boosts: nullableNumber(row.boosts),
    views: nullableNumber(row.views),
    activity: nullableString(row.activity),
  };
}
