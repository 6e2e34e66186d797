import type { Embedder } from '../src/models/embedder.js';
import type { ChunkRow, OpenWritableIndex, OpenWritableOptions, WritableThreadIndex } from '../src/store/thread-index.js';
import { chunkIds, chunkThread, threadKey, type UnembeddedChunk } from './chunk-thread.js';
import type { IngestProgress, IngestSummary } from './ingest-summary.js';
import { normaliseRecord } from './normalise-record.js';
import { mergeSamePosts, StoredPostKeys } from './same-post.js';
import type { ThreadRecord } from './thread-record.js';

/** What every ingest needs, from files or from records. */
export interface IngestTarget {
  /** Opens the index's write side: the composition root passes e.g. `lanceWriterOpener({ uri })`. */
  openIndex: OpenWritableIndex;
  /** The embedder and its identity, which is written into a new index. */
  embedder: Embedder;
  /** Threads compared, embedded and committed together; @default 1000 */
  batchSize?: number;
  /** How long to wait for another run writing to the same index before refusing; @default 0 */
  waitMs?: number;
  /** Called once if this run has to wait for another, naming it. */
  onWait?: (holder: string) => void;
  onProgress?: (progress: IngestProgress) => void;
}

/** A target plus how this run writes (`runIngest` and `ingestRecords` set these). */
export interface PipelineOptions extends IngestTarget {
  rebuild?: boolean;
  /** Look for duplicate chunks in the whole table, not only in the threads this run reads. */
  repair?: boolean;
  /** Fold new rows into the indexes whatever their number (file ingests); a few learned rows are found unindexed. */
  fold?: boolean;
  onSkip?: (skip: { file: string; line: number; reason: string }) => void;
}

/**
 * The ingest pipeline, streamed: records go in one at a time (first id wins), and every
 * `batchSize` threads are compared with the chunk ids the index stores, embedded if new or
 * changed, and committed. Memory holds one batch and the keys of the threads seen so far.
 */
export class IngestPipeline {
  readonly skipped: IngestSummary['skipped'] = [];
  private readonly started = performance.now();
  /** Thread key → where it was first read, to report later copies of the same id. */
  private readonly seen = new Map<string, string>();
  private batch: ThreadRecord[] = [];
  private counts = { read: 0, compared: 0, written: 0, unchanged: 0, chunks: 0, duplicates: 0 };

  private constructor(
    private readonly index: WritableThreadIndex,
    private readonly options: PipelineOptions,
    /** Url and title of every thread stored, this run's batches included. */
    private readonly postKeys: StoredPostKeys,
  ) {}

  /** Takes the index's writer lock and opens it (a new table for a rebuild). */
  static async open(options: PipelineOptions): Promise<IngestPipeline> {
    const index = await options.openIndex(writerOptions(options, options.rebuild ?? false));
    try {
      return new IngestPipeline(index, options, await StoredPostKeys.load(index));
    } catch (error) {
      await index.close();
      throw error;
    }
  }

  /** True while a new table (a rebuild, or a first ingest) is being filled. */
  get isFresh(): boolean {
    return this.index.isFresh;
  }

  /** Records kept so far (read, minus duplicate ids). */
  get kept(): number {
    return this.seen.size;
  }

  skip(file: string, line: number, reason: string): void {
    const entry = { file, line, reason };
    this.skipped.push(entry);
    this.options.onSkip?.(entry);
  }

  async add(record: ThreadRecord, where: { file: string; line: number }): Promise<void> {
    this.counts.read += 1;
    const key = threadKey(record);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.skip(where.file, where.line, `duplicate id "${record.id}" (first at ${first}); kept the first`);
      return;
    }
    this.seen.set(key, `${where.file}:${where.line}`);
    // Entities, HTML and replies merged into the question are resolved before chunk ids exist.
    this.batch.push(normaliseRecord(record));
    if (this.batch.length >= (this.options.batchSize ?? 1000)) await this.flush();
  }

  /**
   * Writes what is left, removes duplicates (the whole table with `repair`), builds missing
   * indexes and, for a new table, makes it active. Returns the summary.
   */
  async finish(files: number): Promise<IngestSummary> {
    await this.flush();
    if (this.options.repair && !this.index.isFresh) {
      this.options.onProgress?.({ phase: 'repair' });
      this.counts.duplicates += await this.index.removeDuplicates();
    }
    this.options.onProgress?.({ phase: 'index' });
    // Every run checks the indexes, also with nothing new: a killed run may have left one missing.
    const indexes = await this.index.ensureIndexes({
      fold: this.options.fold ?? true,
      onStep: (step) => this.options.onProgress?.({ phase: 'index', step }),
    });
    // The gate weighs question terms by how many threads hold them: counted again when threads
    // changed. A few learned threads (no fold) leave the counts as they are until the next file ingest.
    const changed = this.counts.written > 0 || this.counts.duplicates > 0;
    if (this.index.isFresh || (changed && (this.options.fold ?? true))) await this.index.writeTermStats();
    await this.index.activate();
    return {
      files,
      recordsRead: this.counts.read,
      skipped: this.skipped,
      threadsWritten: this.counts.written,
      threadsUnchanged: this.counts.unchanged,
      chunksWritten: this.counts.chunks,
      duplicatesRemoved: this.counts.duplicates,
      indexesBuilt: indexes.built,
      rebuilt: this.options.rebuild ?? false,
      vectorIndex: indexes.vectorIndex,
      version: await this.index.version(),
      seconds: (performance.now() - this.started) / 1000,
    };
  }

  /** Releases the writer lock; a new table that was not activated is dropped. */
  close(): Promise<void> {
    return this.index.close();
  }

  private async flush(): Promise<void> {
    const read = this.batch;
    this.batch = [];
    if (read.length === 0) return;
    // Copies of one post (a listing and its thread) become one thread: within the batch, and
    // against the index, which holds the earlier batches already.
    const posts = await mergeSamePosts(read, this.index, this.postKeys);
    const batch = posts.records;
    const stored = this.index.isFresh ? new Map<string, string[]>() : await this.index.chunkIdsOf(batch.map(threadKey));
    // New threads are appended; changed ones are merged so their old chunks go in the same commit.
    const added: ThreadRecord[] = [];
    const replaced: ThreadRecord[] = [];
    const duplicated: string[] = [];
    for (const record of batch) {
      const have = stored.get(threadKey(record));
      if (!have) {
        added.push(record);
        continue;
      }
      // Planning a thread's chunks hashes it and splits its long posts: only for threads to compare.
      const ids = chunkIds(record);
      const haveSet = new Set(have);
      if (haveSet.size !== have.length) duplicated.push(threadKey(record));
      if (haveSet.size === ids.length && ids.every((id) => haveSet.has(id))) this.counts.unchanged += 1;
      else replaced.push(record);
    }
    // Copies left by overlapping runs of older versions: the ids match, so without this they would stay.
    if (duplicated.length > 0) this.counts.duplicates += await this.index.removeDuplicates(duplicated);

    const addedChunks = added.flatMap(chunkThread);
    const rows = await embedChunks([...addedChunks, ...replaced.flatMap(chunkThread)], this.options.embedder);
    await this.index.addThreads(rows.slice(0, addedChunks.length));
    await this.index.replaceThreads(replaced.map(threadKey), rows.slice(addedChunks.length));
    // Stored copies the batch superseded go only now, so a post is never absent in between.
    await posts.finish(this.index);
    for (const record of batch) this.postKeys.add(threadKey(record), record.url, record.title, record.aliases);
    this.counts.compared += read.length;
    this.counts.written += added.length + replaced.length;
    this.counts.chunks += rows.length;
    this.options.onProgress?.({ phase: 'write', threads: this.counts.compared, written: this.counts.written, chunks: this.counts.chunks });
  }
}

/** What opening the index's write side takes from an ingest's target. */
export function writerOptions(target: Pick<IngestTarget, 'embedder' | 'waitMs' | 'onWait'>, rebuild: boolean): OpenWritableOptions {
  return {
    embedder: target.embedder.identity,
    rebuild,
    ...(target.waitMs !== undefined && { waitMs: target.waitMs }),
    ...(target.onWait && { onWait: target.onWait }),
  };
}

async function embedChunks(chunks: UnembeddedChunk[], embedder: Embedder): Promise<ChunkRow[]> {
  if (chunks.length === 0) return [];
  const vectors = await embedder.embeddings.embedDocuments(chunks.map((chunk) => chunk.embedText));
  return chunks.map(({ embedText: _embedText, ...chunk }, index) => ({ ...chunk, vector: vectors[index] as number[] }));
}
