import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { DriverdeskError } from '../src/errors.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import type { Embedder } from '../src/models/embedder.js';
import type { ChunkRow } from '../src/store/thread-index.js';
import { chunkIds, chunkThread, threadKey, type UnembeddedChunk } from './chunk-thread.js';
import type { IngestProgress, IngestSummary } from './ingest-summary.js';
import { normaliseRecord } from './normalise-record.js';
import { listFiles, readSourceFile } from './read-sources.js';
import { mergeSamePosts } from './same-post.js';
import type { ThreadRecord } from './thread-record.js';

export type { IngestProgress, IngestSummary } from './ingest-summary.js';

export interface RunIngestOptions {
  /** Files and folders to read. */
  paths: readonly string[];
  /** LanceDB URI. */
  db: string;
  /** The embedder and its identity, which is written into a new index. */
  embedder: Embedder;
  /** Build a fresh index from these paths only and switch to it at the end; @default false */
  rebuild?: boolean;
  /** Threads embedded and committed together; @default 1000 */
  batchSize?: number;
  vectorIndexMinRows?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Called for each skipped line or file as it is found. */
  onSkip?: (skip: { file: string; line: number; reason: string }) => void;
  /** A Stack Exchange site's domain, for a Posts.xml whose folder does not name it. */
  site?: string;
}

/**
 * Reads sources, chunks and embeds changed threads, and commits them batch by batch.
 * Unchanged threads are not touched, so re-ingesting the same input changes nothing.
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const skipped: IngestSummary['skipped'] = [];
  const skip = (file: string, line: number, reason: string) => {
    const entry = { file, line, reason };
    skipped.push(entry);
    options.onSkip?.(entry);
  };

  const records = new Map<string, { record: ThreadRecord; file: string; line: number }>();
  let files = 0;
  let recordsRead = 0;
  for await (const entry of listFiles(options.paths)) {
    files += 1;
    if (entry.error) {
      skip(entry.file, 0, entry.error);
      continue;
    }
    for await (const result of readSourceFile(entry.file, { root: entry.root, site: options.site })) {
      if (!result.success) {
        skip(result.file, result.line, result.error);
        continue;
      }
      recordsRead += 1;
      const key = threadKey(result.value);
      const first = records.get(key);
      if (first) {
        skip(result.file, result.line, `duplicate id "${result.value.id}" (first at ${first.file}:${first.line}); kept the first`);
        continue;
      }
      records.set(key, { record: normaliseRecord(result.value), file: result.file, line: result.line });
    }
    options.onProgress?.({ phase: 'read', files, records: recordsRead });
  }

  if (records.size === 0) {
    throw new DriverdeskError({
      code: 'ingest_nothing_ingested',
      message: `nothing could be ingested from ${options.paths.join(', ')} (${skipped.length} skipped)`,
      details: { skipped: skipped.length },
    });
  }

  const index = await LanceThreadIndex.openForIngest({
    uri: options.db,
    embedder: options.embedder.identity,
    rebuild: options.rebuild ?? false,
    ...(options.vectorIndexMinRows !== undefined && { vectorIndexMinRows: options.vectorIndexMinRows }),
  });
  try {
    // Copies of one post (a listing and its thread) become one thread, also across runs.
    const posts = await mergeSamePosts([...records.values()].map((entry) => entry.record), index);
    const existing = index.isFresh ? new Map<string, Set<string>>() : await index.chunkIdsByThread();
    // New threads are appended; changed ones are merged so their old chunks go in the same commit.
    // Only ids are compared here: chunk texts are built batch by batch, to keep memory flat.
    const added: ThreadRecord[] = [];
    const replaced: ThreadRecord[] = [];
    let unchanged = 0;
    for (const record of posts.records) {
      const ids = chunkIds(record);
      const stored = existing.get(threadKey(record));
      if (!stored) added.push(record);
      else if (stored.size === ids.length && ids.every((id) => stored.has(id))) unchanged += 1;
      else replaced.push(record);
    }
    records.clear();
    existing.clear();

    const batchSize = options.batchSize ?? 1000;
    const total = added.length + replaced.length;
    let done = 0;
    let chunksWritten = 0;
    for (const [threads, replace] of [
      [added, false],
      [replaced, true],
    ] as const) {
      for (let start = 0; start < threads.length; start += batchSize) {
        const batch = threads.slice(start, start + batchSize);
        const rows = await embedChunks(batch.flatMap(chunkThread), options.embedder.embeddings);
        if (replace) await index.replaceThreads(batch.map(threadKey), rows);
        else await index.addThreads(rows);
        done += batch.length;
        chunksWritten += rows.length;
        options.onProgress?.({ phase: 'write', done, total, chunks: chunksWritten });
      }
    }

    await posts.finish(index);
    let vectorIndex = false;
    if (total > 0 || index.isFresh || posts.changesStored) {
      options.onProgress?.({ phase: 'index' });
      vectorIndex = (await index.buildIndexes()).vectorIndex;
      await index.activate();
    }
    return {
      files,
      recordsRead,
      skipped,
      threadsWritten: total,
      threadsUnchanged: unchanged,
      chunksWritten,
      rebuilt: options.rebuild ?? false,
      vectorIndex,
      version: await index.version(),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    index.close();
  }
}

async function embedChunks(chunks: UnembeddedChunk[], embeddings: EmbeddingsInterface): Promise<ChunkRow[]> {
  const vectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.embedText));
  return chunks.map(({ embedText: _embedText, ...chunk }, index) => ({ ...chunk, vector: vectors[index] as number[] }));
}
