import * as lancedb from '@lancedb/lancedb';
import { guarded } from './lance-errors.js';
import type { IndexCheck } from './thread-index.js';

/**
 * Unindexed rows are still found (LanceDB scans them alongside the index), so a small write
 * (a learned chat thread) skips folding them in; past this backlog the scan costs more than a fold.
 */
const FOLD_BACKLOG_ROWS = 2000;

/**
 * Builds every index a threads table should have and lacks (full text, thread_key, and the
 * vector index from `vectorIndexMinRows` chunks on), then folds unindexed rows into them: see
 * WritableThreadIndex.ensureIndexes. Every LanceDB failure becomes a coded one-line error.
 */
export async function ensureTableIndexes(
  table: lancedb.Table,
  uri: string,
  options: { fold: boolean; vectorIndexMinRows: number; onStep?: (step: string) => void },
): Promise<IndexCheck> {
  const indices = await guarded('index_unavailable', 'listing indexes failed', uri, () => table.listIndices());
  const has = (column: string) => indices.some((index) => index.columns.includes(column));
  const built: string[] = [];
  if (!has('fts_text')) {
    options.onStep?.('fts_text');
    await buildFullTextIndex(table, uri);
    built.push('fts_text');
  }
  if (!has('thread_key')) {
    options.onStep?.('thread_key');
    // Fetching a thread's chunks filters on thread_key; a scalar index keeps that fast at 100k threads.
    await guarded('index_write_failed', 'building the thread_key index failed', uri, () =>
      table.createIndex('thread_key', { config: lancedb.Index.btree(), replace: true }),
    );
    built.push('thread_key');
  }
  let vectorIndex = has('vector');
  if (!vectorIndex && (await countRows(table, uri)) >= options.vectorIndexMinRows) {
    options.onStep?.('vector');
    await buildVectorIndex(table, uri);
    built.push('vector');
    vectorIndex = true;
  }
  let backlog = 0;
  for (const index of indices) {
    const stats = await guarded('index_unavailable', 'reading index statistics failed', uri, () => table.indexStats(index.name));
    backlog = Math.max(backlog, stats?.numUnindexedRows ?? 0);
  }
  // Compacts the files a batched ingest leaves and folds new rows into the existing indexes,
  // so an incremental ingest does not rebuild them.
  const fold = (options.fold && (backlog > 0 || built.length > 0)) || backlog >= FOLD_BACKLOG_ROWS;
  if (fold) options.onStep?.('fold');
  if (fold) await guarded('index_write_failed', 'updating the indexes failed', uri, () => table.optimize());
  return { built, vectorIndex, folded: fold };
}

/**
 * An HNSW graph over scalar-quantised vectors (IVF_HNSW_SQ), chosen over IVF-PQ for recall and
 * build time (bench/vector-index-settings.ts); one partition per 200k chunks, all of them probed.
 */
export async function buildVectorIndex(table: lancedb.Table, uri: string): Promise<void> {
  const rows = await countRows(table, uri);
  await guarded('index_write_failed', 'building the vector index failed', uri, () =>
    table.createIndex('vector', {
      config: lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(rows / 200_000)) }),
      replace: true,
    }),
  );
}

/** The full-text index over title + text + symbols. */
async function buildFullTextIndex(table: lancedb.Table, uri: string): Promise<void> {
  await guarded('index_write_failed', 'building the full-text index failed', uri, () =>
    table.createIndex('fts_text', {
      config: lancedb.Index.fts({
        baseTokenizer: 'simple',
        lowercase: true,
        stem: true,
        language: 'English',
        removeStopWords: true,
        asciiFolding: true,
        withPosition: false,
        maxTokenLength: 64,
      }),
      replace: true,
    }),
  );
}

function countRows(table: lancedb.Table, uri: string): Promise<number> {
  return guarded('index_unavailable', 'counting rows failed', uri, () => table.countRows());
}
