import type { TermStats } from '../text/term-stats.js';

/** One stored chunk of a thread: the unit that is embedded, indexed and searched. */
export interface ChunkRow {
  chunk_id: string;
  /** `source::id`, unique across sources. */
  thread_key: string;
  thread_id: string;
  source: string;
  title: string;
  url: string | null;
  /** `question` or `answer`. */
  kind: string;
  position: number;
  accepted: boolean;
  /** The reply's author as the record gives it ("Apple DTS Engineer"); null for the question or when unknown. */
  author: string | null;
  /** Other ids of the same post (e.g. its listing copy), space-separated; they resolve to this thread. */
  aliases: string;
  text: string;
  /** Title, text and exact technical symbols: the column the full-text index covers. */
  fts_text: string;
  tags: string;
  replies: number | null;
  boosts: number | null;
  views: number | null;
  activity: string | null;
  vector: number[];
}

/** A chunk as searches return it: without its vector and full-text column. */
export type StoredChunk = Omit<ChunkRow, 'vector' | 'fts_text'>;

/** The embedder an index is (to be) built with; vectors from another cannot be compared. */
export interface EmbedderIdentity {
  id: string;
  dimension: number;
}

/** A chunk returned by one search method, with its rank in that method's list (0 = best). */
export interface ChunkHit {
  chunk: StoredChunk;
  rank: number;
  /** BM25 for full-text, cosine similarity for vector. */
  score: number;
}

/** Threads to find by what identifies them; a thread matches when any one field does. */
export interface ThreadQuery {
  urls?: string[];
  /** Thread ids, or aliases (other ids of the same post). */
  ids?: string[];
  /** Titles, compared without regard to case. */
  titles?: string[];
  /** Titles match only threads that have no URL (a listing copy), which keeps a lookup by title small. */
  titlesWithoutUrl?: boolean;
}

/** What identifies a stored thread as a post, without its text. */
export interface StoredPostKey {
  threadKey: string;
  url: string | null;
  title: string;
  /** Space-separated, as stored. */
  aliases: string;
}

/** What an index holds, for `start`'s banner, tests and benchmarks (not the engine). */
export interface IndexStats {
  rows: number;
  threads: number;
  version: number;
  embedder: string;
  dimension: number;
  hasVectorIndex: boolean;
}

/**
 * The search side, exactly what the engine calls. Implementations follow the index's active
 * table: after a rebuild or another process's ingest, the next searches see the new data.
 */
export interface ThreadIndex {
  searchText(text: string, limit: number): Promise<ChunkHit[]>;
  searchVector(vector: number[], limit: number): Promise<ChunkHit[]>;
  /** Every chunk of the given threads, in thread order then position. */
  chunksOfThreads(threadKeys: string[]): Promise<StoredChunk[]>;
  /** Every chunk of the threads with one of these urls, ids (or aliases) or titles, in thread order then position. */
  findThreads(query: ThreadQuery): Promise<StoredChunk[]>;
  /** How many threads contain each term: the confidence gate weights question terms by it. */
  termStats(): Promise<TermStats>;
}

/** The indexes a table has after `ensureIndexes`, and which of them this call (re)built. */
export interface IndexCheck {
  built: string[];
  vectorIndex: boolean;
  /** Rows that were not yet in the indexes and were folded in. */
  folded: boolean;
}

/**
 * The write side, used by ingest only. An open writer holds the index's writer lock (one writer
 * at a time per index) until `close()`.
 */
export interface WritableThreadIndex {
  /** True when a new, not yet active table is being filled (a rebuild or a first ingest). */
  readonly isFresh: boolean;
  /** Stored chunk ids per thread key, for the given threads only; a duplicated chunk id appears twice. */
  chunkIdsOf(threadKeys: string[]): Promise<Map<string, string[]>>;
  /** One atomic commit appending chunks of threads the index does not have yet. */
  addThreads(rows: ChunkRow[]): Promise<void>;
  /** One atomic commit: insert `rows` and delete every other chunk of `threadKeys`. */
  replaceThreads(threadKeys: string[], rows: ChunkRow[]): Promise<void>;
  /** Key, url, title and aliases of every stored thread: the small keys the same-post merge checks first. */
  postKeys(): Promise<StoredPostKey[]>;
  /** As ThreadIndex.findThreads, on the table being written (the same-post merge asks it). */
  findThreads(query: ThreadQuery): Promise<StoredChunk[]>;
  /** Sets the aliases (other ids of the same post) of every chunk of a thread, without rewriting it. */
  setAliases(threadKey: string, aliases: string[]): Promise<void>;
  /** Deletes every chunk of these threads in one commit; returns how many chunks went. */
  removeThreads(threadKeys: string[]): Promise<number>;
  /**
   * Deletes extra copies of a chunk id (one copy stays), for the given threads or, without
   * them, the whole table; returns how many rows went.
   */
  removeDuplicates(threadKeys?: string[]): Promise<number>;
  /**
   * Builds every index the table should have and lacks, and folds unindexed rows into the
   * existing ones (always when `fold` is true; only past a backlog otherwise). `onStep` hears
   * each slow step as it starts (an index name, or `fold`).
   */
  ensureIndexes(options?: { fold?: boolean; onStep?: (step: string) => void }): Promise<IndexCheck>;
  /** For a fresh table: make it the one searches use (an atomic switch). */
  activate(): Promise<void>;
  /** Counts the terms of the whole table and keeps them beside it (after the last batch, before `activate`). */
  writeTermStats(): Promise<void>;
  /** The table's version (commits so far). */
  version(): Promise<number>;
  /** Releases the writer lock; a fresh table that was never activated is left for cleanup. */
  close(): Promise<void>;
}

/** How ingest asks to open the write side. */
export interface OpenWritableOptions {
  embedder: EmbedderIdentity;
  /** Fill a new table that replaces the active one on `activate()`; @default false */
  rebuild?: boolean;
  /** How long to wait for another writer to finish before refusing; @default 0 */
  waitMs?: number;
  /** Called once when the writer has to wait, naming the other run. */
  onWait?: (holder: string) => void;
}

/**
 * How ingest opens the write side: a factory the composition root (or a script, or a test)
 * passes in, so ingest never knows which store it writes to.
 */
export type OpenWritableIndex = (options: OpenWritableOptions) => Promise<WritableThreadIndex>;
