import type { ThreadRecord } from '../../ingest/thread-record.js';

import type { ChatPlatform } from '../chat/chat-thread.js';

export type { ChatPlatform };

/** A thread learned from chat, as the knowledge store keeps it beside the index. */
export interface LearnedThread {
  /** `discord::THREAD_ID` or `slack::CHANNEL_ID:THREAD_TS`, as in the threads table. */
  threadKey: string;
  platform: ChatPlatform;
  /** The channel the thread belongs to (a Discord thread's parent channel). */
  channel: string;
  /** Keyed hashes of the asker's and the marker's user ids: enough to check who may forget it. */
  askerHash: string;
  markedByHash: string;
  /** Milliseconds since the epoch. */
  learnedAt: number;
  /** The record as ingested, so it can be ingested again after a rebuild. */
  record: ThreadRecord;
}

/** Where learned threads are listed; the threads themselves live in the index. */
export interface LearnedThreadStore {
  /** A stable keyed hash of a user id: the same id gives the same hash in every process on this index. */
  hashUser(userId: string): string;
  recordLearned(thread: LearnedThread): Promise<void>;
  findLearned(threadKey: string): Promise<LearnedThread | undefined>;
  removeLearned(threadKey: string): Promise<void>;
}
