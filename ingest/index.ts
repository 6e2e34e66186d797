import { DriverdeskError } from '../src/errors.js';
import { IngestPipeline, type IngestTarget, writerOptions } from './ingest-pipeline.js';
import type { IngestSummary } from './ingest-summary.js';
import { listFiles, readSourceFile } from './read-sources.js';
import type { ThreadRecord } from './thread-record.js';

export type { IngestTarget } from './ingest-pipeline.js';
export type { IngestProgress, IngestSummary } from './ingest-summary.js';

/** What `runIngest` reads, and into which index. */
export interface RunIngestOptions extends IngestTarget {
  /** Files and folders to read. */
  paths: readonly string[];
  /** Build a fresh index from these paths only and switch to it at the end; @default false */
  rebuild?: boolean;
  /** Also look for duplicate chunks in threads these paths do not name; @default false */
  repair?: boolean;
  /** Called for each skipped line or file as it is found. */
  onSkip?: (skip: { file: string; line: number; reason: string }) => void;
  /** A Stack Exchange site's domain, for a Posts.xml whose folder does not name it. */
  site?: string;
}

/**
 * Reads sources and streams them into the index batch by batch: unchanged threads are not
 * touched (re-ingesting the same input changes nothing), changed ones are replaced, and every
 * index the table should have is there at the end. One writer at a time per index.
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const pipeline = await IngestPipeline.open(options);
  try {
    let files = 0;
    for await (const entry of listFiles(options.paths)) {
      files += 1;
      if (entry.error) {
        pipeline.skip(entry.file, 0, entry.error);
        continue;
      }
      for await (const result of readSourceFile(entry.file, { root: entry.root, site: options.site })) {
        if (result.success) await pipeline.add(result.value, result);
        else pipeline.skip(result.file, result.line, result.error);
      }
      options.onProgress?.({ phase: 'read', files, records: pipeline.kept });
    }
    if (pipeline.kept === 0) {
      throw new DriverdeskError({
        code: 'ingest_nothing_ingested',
        message: `nothing could be ingested from ${options.paths.join(', ')} (${pipeline.skipped.length} skipped)`,
        details: { skipped: pipeline.skipped.length },
      });
    }
    return await pipeline.finish(files);
  } finally {
    await pipeline.close();
  }
}

/** What `ingestRecords` needs: the same target as a file ingest. */
export type IngestRecordsOptions = IngestTarget;

/**
 * Ingests records the caller already has (a chat thread the bot learned), with the same lock,
 * chunking and idempotency as files. Quick for a few records: no index is rebuilt, and the new
 * rows are searchable at once (LanceDB scans rows its indexes do not cover yet).
 */
export async function ingestRecords(records: Iterable<ThreadRecord> | AsyncIterable<ThreadRecord>, options: IngestRecordsOptions): Promise<IngestSummary> {
  const pipeline = await IngestPipeline.open({ ...options, fold: false });
  try {
    let position = 0;
    for await (const record of records) {
      position += 1;
      await pipeline.add(record, { file: 'records', line: position });
    }
    // No records and no index yet: nothing to create (closing drops the empty new table).
    if (pipeline.kept === 0 && pipeline.isFresh) return emptySummary();
    return await pipeline.finish(0);
  } finally {
    await pipeline.close();
  }
}

/** Removes threads (every chunk) from the index in one commit, under the writer lock. */
export async function forgetThreads(threadKeys: readonly string[], options: Omit<IngestTarget, 'batchSize' | 'onProgress'>): Promise<{ chunksRemoved: number }> {
  const index = await options.openIndex(writerOptions(options, false));
  try {
    return { chunksRemoved: await index.removeThreads([...new Set(threadKeys)]) };
  } finally {
    await index.close();
  }
}

function emptySummary(): IngestSummary {
  return {
    files: 0,
    recordsRead: 0,
    skipped: [],
    threadsWritten: 0,
    threadsUnchanged: 0,
    chunksWritten: 0,
    duplicatesRemoved: 0,
    indexesBuilt: [],
    rebuilt: false,
    vectorIndex: false,
    version: 0,
    seconds: 0,
  };
}
