import type * as lancedb from '@lancedb/lancedb';
import type { LearnedThread } from '../learn/learned-threads.js';
import { learnedSchema } from './knowledge-schema.js';
import { arrowRows, sqlString, writable } from './lance-tables.js';

/** The threads learned from chat: one row per thread key (undefined table: opened read-only and not created yet). */
export class LanceLearnedTable {
  constructor(private readonly table: lancedb.Table | undefined) {}

  async record(thread: LearnedThread): Promise<void> {
    const row = {
      thread_key: thread.threadKey,
      platform: thread.platform,
      channel: thread.channel,
      asker_hash: thread.askerHash,
      marked_by_hash: thread.markedByHash,
      learned_at: thread.learnedAt,
      record: JSON.stringify(thread.record),
    };
    // Marked solved again (another answer, more replies): the row is replaced.
    await writable(this.table).mergeInsert('thread_key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(arrowRows([row], learnedSchema));
  }

  async find(threadKey: string): Promise<LearnedThread | undefined> {
    if (!this.table) return undefined;
    const [row] = await this.table.query().where(`thread_key = ${sqlString(threadKey)}`).limit(1).toArray();
    return row ? toLearned(row) : undefined;
  }

  async remove(threadKey: string): Promise<void> {
    await writable(this.table).delete(`thread_key = ${sqlString(threadKey)}`);
  }

  async all(): Promise<LearnedThread[]> {
    return this.table ? (await this.table.query().toArray()).map(toLearned) : [];
  }

  async countsByPlatform(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const row of this.table ? await this.table.query().select(['platform']).toArray() : []) {
      counts[String(row.platform)] = (counts[String(row.platform)] ?? 0) + 1;
    }
    return counts;
  }

  close(): void {
    this.table?.close();
  }
}

function toLearned(row: Record<string, unknown>): LearnedThread {
  return {
    threadKey: String(row.thread_key),
    platform: String(row.platform) as LearnedThread['platform'],
    channel: String(row.channel),
    askerHash: String(row.asker_hash),
    markedByHash: String(row.marked_by_hash),
    learnedAt: Number(row.learned_at),
    record: JSON.parse(String(row.record)) as LearnedThread['record'],
  };
}
