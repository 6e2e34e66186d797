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

export interface IndexStats {
  rows: number;
  threads: number;
  version: number;
  embedder: string;
  dimension: number;
  hasVectorIndex: boolean;
}

/**
 * What the engine and ingest need from the index. The engine uses only the search side;
 * ingest uses the write side. LanceThreadIndex is the one implementation.
 */
export interface ThreadIndex {
  searchText(text: string, limit: number): Promise<ChunkHit[]>;
  searchVector(vector: number[], limit: number, options?: { exact?: boolean }): Promise<ChunkHit[]>;
  /** Every chunk of the given threads, in thread order then position. */
  chunksOfThreads(threadKeys: string[]): Promise<StoredChunk[]>;
  /** Every chunk of the threads with one of these urls, ids (or aliases) or titles, in thread order then position. */
  findThreads(query: ThreadQuery): Promise<StoredChunk[]>;
  stats(): Promise<IndexStats>;
  close(): void;
}

/** The write side, used by ingest only. */
export interface WritableThreadIndex extends ThreadIndex {
  /** chunk ids currently stored, per thread key. */
  chunkIdsByThread(): Promise<Map<string, Set<string>>>;
  /** One atomic commit appending chunks of threads the index does not have yet. */
  addThreads(rows: ChunkRow[]): Promise<void>;
  /** One atomic commit: insert `rows` and delete every other chunk of `threadKeys`. */
  replaceThreads(threadKeys: string[], rows: ChunkRow[]): Promise<void>;
  /** Sets the aliases (other ids of the same post) of every chunk of a thread, without rewriting it. */
  setAliases(threadKey: string, aliases: string[]): Promise<void>;
  /** Rebuild the full-text index, and the vector index when the table is large enough. */
  buildIndexes(): Promise<{ vectorIndex: boolean }>;
  /** For a rebuild: make this table the one searches use (an atomic switch). */
  activate(): Promise<void>;
}
