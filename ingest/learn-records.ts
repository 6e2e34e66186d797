import type { ThreadIndex } from '../src/store/thread-index.js';
import { threadKey } from './chunk-thread.js';
import { forgetThreads, type IngestTarget, ingestRecords } from './index.js';
import type { ThreadRecord } from './thread-record.js';

/**
 * How long learning waits for another run holding the index's writer lock (a file ingest)
 * before the user is told to try again: longer than any learned-thread write, shorter than a
 * chat user waits.
 */
const LEARN_WAIT_MS = 30_000;

/** Writes learned records while the bot serves (normalised and chunked as files are); an unchanged record changes nothing. */
export async function ingestLearnedRecords(target: IngestTarget, records: ThreadRecord[]): Promise<void> {
  await ingestRecords(records, { waitMs: LEARN_WAIT_MS, ...target });
}

/** Removes threads (every chunk) from the index in one commit. */
export async function forgetIndexedThreads(target: IngestTarget, threadKeys: string[]): Promise<void> {
  await forgetThreads(threadKeys, { waitMs: LEARN_WAIT_MS, ...target });
}

/**
 * Ingests the learned records the index lacks (after a rebuild from files, which knows nothing of
 * chat); records whose thread is there, learned or imported, are left alone. Returns how many.
 */
export async function restoreLearnedRecords(index: Pick<ThreadIndex, 'chunksOfThreads'>, target: IngestTarget, records: ThreadRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const present = new Set((await index.chunksOfThreads(records.map(threadKey))).map((chunk) => chunk.thread_key));
  const missing = records.filter((record) => !present.has(threadKey(record)));
  if (missing.length > 0) await ingestLearnedRecords(target, missing);
  return missing.length;
}
