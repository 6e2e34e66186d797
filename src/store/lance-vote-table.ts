import type * as lancedb from '@lancedb/lancedb';
import type { FeedbackVote } from '../engine/feedback.js';
import type { Vote } from '../engine/answer.js';
import { KNOWLEDGE_META_TABLE, VOTES_TABLE, knowledgeMetaSchema, votesSchema } from './knowledge-schema.js';
import { arrowRows, Compactor, listOf, openOrCreateTable, sqlString } from './lance-tables.js';
import type { EmbedderIdentity } from './thread-index.js';

/** Voted questions considered for one question: the nearest ones; farther ones weigh nothing anyway. */
const NEAREST_VOTES = 200;
const EMBEDDER_KEY = 'votes_embedder';

export interface VoteEmbedder {
  identity: EmbedderIdentity;
  embedDocuments: (texts: string[]) => Promise<number[][]>;
}

/**
 * Votes, one row per user per answer, each with the voted question's embedding so a question's
 * nearest votes are one vector search. The table is built for one embedder; opened with another,
 * its questions are embedded again (votes are few) so no vote is lost to an embedder change.
 */
export class LanceVoteTable {
  private readonly compactor = new Compactor();

  private constructor(
    private readonly table: lancedb.Table | undefined,
    private readonly dimension: number,
    private readonly readOnly = false,
  ) {}

  /**
   * Without an embedder the table is opened for counting only (stats). Read-only, it is searched
   * only when it was built for this embedder (votes of another read as none until the bot re-embeds them).
   */
  static async open(connection: lancedb.Connection, embedder: VoteEmbedder | undefined, readOnly = false): Promise<LanceVoteTable> {
    const exists = (await connection.tableNames()).includes(VOTES_TABLE);
    if (!embedder || readOnly) {
      const table = exists ? await connection.openTable(VOTES_TABLE) : undefined;
      const comparable = embedder && table && (await readEmbedder(connection)) === `${embedder.identity.id}:${embedder.identity.dimension}`;
      return new LanceVoteTable(table, comparable ? embedder.identity.dimension : 0, true);
    }
    const { dimension } = embedder.identity;
    const schema = votesSchema(dimension);
    const built = await readEmbedder(connection);
    const wanted = `${embedder.identity.id}:${dimension}`;
    let table = await openOrCreateTable(connection, VOTES_TABLE, schema);
    if (built !== wanted) {
      if (built !== undefined) table = await reembed(connection, table, embedder);
      await writeEmbedder(connection, wanted);
    }
    return new LanceVoteTable(table, dimension);
  }


  async record(vote: FeedbackVote & { userHash: string }): Promise<void> {
    const table = this.writable();
    const row = {
      vote_key: `${vote.answer.answerId}:${vote.userHash}`,
      answer_id: vote.answer.answerId,
      user_hash: vote.userHash,
      vote: vote.vote,
      question: vote.answer.question,
      thread_keys: vote.threadKeys,
      created_at: Date.now(),
      vector: vote.answer.vector,
    };
    // One row per user per answer: a later vote replaces the earlier in one commit.
    await table.mergeInsert('vote_key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(arrowRows([row], votesSchema(this.dimension)));
    this.compactor.wrote(table);
  }

  /** The votes whose questions are nearest to this embedding, with their cosine similarity. */
  async nearest(vector: number[]): Promise<Array<{ similarity: number; vote: Vote; threadKeys: string[] }>> {
    if (!this.table || vector.length !== this.dimension) return [];
    const rows = await this.table
      .query()
      .nearestTo(vector)
      .distanceType('cosine')
      .select(['vote', 'thread_keys', '_distance'])
      .limit(NEAREST_VOTES)
      .toArray();
    return rows.map((row) => ({
      similarity: 1 - Number(row._distance ?? 1),
      vote: String(row.vote) as Vote,
      threadKeys: listOf<string>(row.thread_keys).map(String),
    }));
  }

  /** The vote a user (by hash) gave an answer, if any. */
  async voteOf(answerId: string, userHash: string): Promise<Vote | undefined> {
    if (!this.table) return undefined;
    const [row] = await this.table.query().where(`vote_key = ${sqlString(`${answerId}:${userHash}`)}`).select(['vote']).limit(1).toArray();
    return row ? (String(row.vote) as Vote) : undefined;
  }

  async counts(): Promise<{ up: number; down: number }> {
    if (!this.table) return { up: 0, down: 0 };
    return { up: await this.table.countRows("vote = 'up'"), down: await this.table.countRows("vote = 'down'") };
  }

  async close(): Promise<void> {
    await this.compactor.settle();
    this.table?.close();
  }

  private writable(): lancedb.Table {
    if (!this.table || this.dimension === 0 || this.readOnly) throw new Error('the vote table was opened read-only or without an embedder');
    return this.table;
  }
}

async function reembed(connection: lancedb.Connection, table: lancedb.Table, embedder: VoteEmbedder): Promise<lancedb.Table> {
  const rows = await table.query().toArray();
  const vectors = rows.length > 0 ? await embedder.embedDocuments(rows.map((row) => String(row.question))) : [];
  const schema = votesSchema(embedder.identity.dimension);
  const data = rows.map((row, index) => ({
    vote_key: String(row.vote_key),
    answer_id: String(row.answer_id),
    user_hash: String(row.user_hash),
    vote: String(row.vote),
    question: String(row.question),
    thread_keys: listOf<string>(row.thread_keys).map(String),
    created_at: Number(row.created_at),
    vector: vectors[index] as number[],
  }));
  table.close();
  return connection.createTable(VOTES_TABLE, arrowRows(data, schema), { mode: 'overwrite' });
}

async function readEmbedder(connection: lancedb.Connection): Promise<string | undefined> {
  if (!(await connection.tableNames()).includes(KNOWLEDGE_META_TABLE)) return undefined;
  const table = await connection.openTable(KNOWLEDGE_META_TABLE);
  const [row] = await table.query().where(`key = '${EMBEDDER_KEY}'`).toArray();
  table.close();
  return row ? String(row.value) : undefined;
}

async function writeEmbedder(connection: lancedb.Connection, value: string): Promise<void> {
  const table = await openOrCreateTable(connection, KNOWLEDGE_META_TABLE, knowledgeMetaSchema);
  await table.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(arrowRows([{ key: EMBEDDER_KEY, value }], knowledgeMetaSchema));
  table.close();
}
