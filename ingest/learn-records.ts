import type { Embedder } from '../src/models/embedder.js';
import type { WritableThreadIndex } from '../src/store/thread-index.js';
import { chunkThread, threadKey } from './chunk-thread.js';
import { normaliseRecord } from './normalise-record.js';
import type { ThreadRecord } from './thread-record.js';

// TODO(#11): replace with the store part's record-level `ingestRecords` / `forgetThreads` (same lock,
// chunking and idempotency as files) once it is on main; this interim writes through the index the bot
// searches, so what it writes is searchable by the very next query.

/** Chunks, embeds and writes records while the bot serves; an unchanged record changes nothing. */
export async function ingestLearnedRecords(index: WritableThreadIndex, embedder: Embedder, records: ThreadRecord[]): Promise<void> {
  // As file ingest does: entities and HTML decoded, then the same chunks.
  const chunks = records.map(normaliseRecord).flatMap(chunkThread);
  const vectors = await embedder.embeddings.embedDocuments(chunks.map((chunk) => chunk.embedText));
  const rows = chunks.map(({ embedText: _embedText, ...chunk }, position) => ({ ...chunk, vector: vectors[position] as number[] }));
  // One commit per call: the new chunks in, every other chunk of these threads out.
  await index.replaceThreads(records.map(threadKey), rows);
}

/** Removes threads (every chunk) from the index in one commit. */
export async function forgetIndexedThreads(index: WritableThreadIndex, threadKeys: string[]): Promise<void> {
  await index.replaceThreads(threadKeys, []);
}

/**
 * Ingests the learned records the index lacks (after a rebuild from files, which knows nothing of
 * chat); records whose thread is there, learned or imported, are left alone. Returns how many.
 */
export async function restoreLearnedRecords(index: WritableThreadIndex, embedder: Embedder, records: ThreadRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const present = new Set((await index.chunksOfThreads(records.map(threadKey))).map((chunk) => chunk.thread_key));
  const missing = records.filter((record) => !present.has(threadKey(record)));
  if (missing.length > 0) await ingestLearnedRecords(index, embedder, missing);
  return missing.length;
}
