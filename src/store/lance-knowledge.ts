import { createHmac, randomBytes } from 'node:crypto';
import type * as lancedb from '@lancedb/lancedb';
import type { AnswerStore, FeedbackStore, FeedbackVote, GivenAnswer } from '../engine/feedback.js';
import { sumVotes } from '../engine/feedback.js';
import type { Answer, Vote } from '../engine/answer.js';
import type { LearnedThread, LearnedThreadStore } from '../learn/learned-threads.js';
import { ANSWERS_TABLE, KNOWLEDGE_META_TABLE, LEARNED_TABLE, answersSchema, knowledgeMetaSchema, learnedSchema } from './knowledge-schema.js';
import { groupGatedQuestions, type KnowledgeStats } from './knowledge-stats.js';
import { arrowRows, Compactor, connectKnowledge, listOf, openOrCreateTable, sqlString } from './lance-tables.js';
import { LanceVoteTable } from './lance-vote-table.js';
import type { EmbedderIdentity } from './thread-index.js';

export interface OpenKnowledgeOptions {
  /** LanceDB URI: the same as the index's. */
  uri: string;
  /** The embedder questions are embedded with; needed to take votes, not to read stats. */
  embedder?: { identity: EmbedderIdentity; embedDocuments: (texts: string[]) => Promise<number[][]> } | undefined;
  /** Answers older than this many days are deleted when the store opens and once a day; @default 90 */
  retentionDays?: number;
  onBackgroundError?: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60_000;
const USER_KEY = 'user_key';

/**
 * The knowledge tables beside the index (see knowledge-schema.ts): the one answer memory, votes
 * with question-aware weights, learned threads, and the counts behind `driverdesk stats`. Any bot
 * process opening the same URI sees what the others wrote.
 */
export class LanceKnowledge implements AnswerStore, FeedbackStore, LearnedThreadStore {
  private readonly compactor: Compactor;
  private pruneTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly connection: lancedb.Connection,
    private readonly answers: lancedb.Table,
    private readonly learned: lancedb.Table,
    private readonly votes: LanceVoteTable,
    private readonly userKey: Buffer,
    private readonly embedderId: string,
    onBackgroundError: (error: unknown) => void,
  ) {
    this.compactor = new Compactor(onBackgroundError);
  }

  static async open(options: OpenKnowledgeOptions): Promise<LanceKnowledge> {
    const connection = await connectKnowledge(options.uri);
    const answers = await openOrCreateTable(connection, ANSWERS_TABLE, answersSchema);
    const learned = await openOrCreateTable(connection, LEARNED_TABLE, learnedSchema);
    const userKey = await readOrCreateUserKey(connection);
    const votes = await LanceVoteTable.open(connection, options.embedder);
    const onError = options.onBackgroundError ?? (() => undefined);
    const identity = options.embedder?.identity;
    const store = new LanceKnowledge(connection, answers, learned, votes, userKey, identity ? embedderKey(identity) : '', onError);
    const retentionMs = (options.retentionDays ?? 90) * DAY_MS;
    await store.pruneAnswers(Date.now() - retentionMs);
    store.pruneTimer = setInterval(() => void store.pruneAnswers(Date.now() - retentionMs).catch(onError), DAY_MS).unref();
    return store;
  }

  hashUser(userId: string): string {
    return createHmac('sha256', this.userKey).update(userId).digest('hex').slice(0, 32);
  }

  async saveAnswer(given: GivenAnswer): Promise<void> {
    const row = {
      answer_id: given.answerId,
      mode: given.mode,
      question: given.question,
      vector: given.vector,
      embedder: this.embedderId,
      thread_keys: given.threadKeys,
      confidence: given.confidence,
      created_at: given.time,
      platform: given.origin?.platform ?? null,
      channel: given.origin?.channel ?? null,
      body: given.answer ? JSON.stringify(given.answer) : '',
    };
    await this.answers.add(arrowRows([row], answersSchema));
    this.compactor.wrote(this.answers);
  }

  async findAnswer(answerId: string): Promise<GivenAnswer | undefined> {
    const [row] = await this.answers.query().where(`answer_id = ${sqlString(answerId)}`).limit(1).toArray();
    if (!row) return undefined;
    const platform = row.platform === null || row.platform === undefined ? undefined : String(row.platform);
    return {
      answerId: String(row.answer_id),
      question: String(row.question),
      // A vector from another embedder cannot be compared with today's: the caller embeds again.
      vector: String(row.embedder) === this.embedderId ? listOf<number>(row.vector) : [],
      threadKeys: listOf<string>(row.thread_keys).map(String),
      mode: String(row.mode) as GivenAnswer['mode'],
      confidence: Number(row.confidence),
      time: Number(row.created_at),
      ...(platform !== undefined && { origin: { platform, channel: String(row.channel ?? '') } }),
      ...(row.body ? { answer: JSON.parse(String(row.body)) as Answer } : {}),
    };
  }

  async recordVote(vote: FeedbackVote): Promise<void> {
    await this.votes.record({ ...vote, userHash: this.hashUser(vote.userId) });
  }

  /** The vote a user gave an answer, if any (for tests and admin tools). */
  voteOf(answerId: string, userId: string): Promise<Vote | undefined> {
    return this.votes.voteOf(answerId, this.hashUser(userId));
  }

  async boostsFor(vector: number[]): Promise<Map<string, number>> {
    return sumVotes(await this.votes.nearest(vector));
  }

  async recordLearned(thread: LearnedThread): Promise<void> {
    const row = {
      thread_key: thread.threadKey,
      platform: thread.platform,
      channel: thread.channel,
      asker_hash: thread.askerHash,
      marked_by_hash: thread.markedByHash,
      learned_at: thread.learnedAt,
      record: JSON.stringify(thread.record),
    };
    await this.learned.mergeInsert('thread_key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(arrowRows([row], learnedSchema));
  }

  async findLearned(threadKey: string): Promise<LearnedThread | undefined> {
    const [row] = await this.learned.query().where(`thread_key = ${sqlString(threadKey)}`).limit(1).toArray();
    return row ? toLearned(row) : undefined;
  }

  async removeLearned(threadKey: string): Promise<void> {
    await this.learned.delete(`thread_key = ${sqlString(threadKey)}`);
  }

  /** Every learned thread (to ingest them again into a rebuilt index). */
  async learnedThreads(): Promise<LearnedThread[]> {
    return (await this.learned.query().toArray()).map(toLearned);
  }

  /** Counts for `driverdesk stats`: questions since `since` (ms since the epoch). */
  async stats(since: number, topGated = 10): Promise<KnowledgeStats> {
    const learned = await this.learned.query().select(['platform']).toArray();
    const byPlatform: Record<string, number> = {};
    for (const row of learned) byPlatform[String(row.platform)] = (byPlatform[String(row.platform)] ?? 0) + 1;
    const asked = await this.answers
      .query()
      .where(`created_at >= ${since} AND mode <> 'lookup'`)
      .select(['mode', 'question', 'vector', 'embedder', 'created_at'])
      .toArray();
    const gated = asked.filter((row) => row.mode === 'no-match');
    return {
      learned: { total: learned.length, byPlatform },
      votes: await this.votes.counts(),
      questions: { since, asked: asked.length, answered: asked.length - gated.length, gated: gated.length },
      gatedQuestions: groupGatedQuestions(
        gated.map((row) => ({
          question: String(row.question),
          // Only vectors of one embedder are comparable; stats may be read without one, so use the newest's.
          vector: String(row.embedder) === String(gated.at(-1)?.embedder) ? listOf<number>(row.vector) : [],
          time: Number(row.created_at),
        })),
        topGated,
      ),
    };
  }

  /** Deletes answers (and DM lookups) given before `before`; votes and learned threads stay. */
  async pruneAnswers(before: number): Promise<void> {
    await this.answers.delete(`created_at < ${before}`);
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.compactor.settle();
    await this.votes.close();
    this.answers.close();
    this.learned.close();
    this.connection.close();
  }
}

function embedderKey(identity: EmbedderIdentity): string {
  return `${identity.id}:${identity.dimension}`;
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

/**
 * The key user ids are hashed with, made once per index and kept in it, so every process hashes
 * the same id the same way and nobody without the index can map hashes back to ids by trying them.
 */
async function readOrCreateUserKey(connection: lancedb.Connection): Promise<Buffer> {
  const table = await openOrCreateTable(connection, KNOWLEDGE_META_TABLE, knowledgeMetaSchema);
  try {
    const read = async () => (await table.query().where(`key = '${USER_KEY}'`).toArray()).map((row) => String(row.value)).sort()[0];
    let value = await read();
    if (!value) {
      const row = { key: USER_KEY, value: randomBytes(32).toString('hex') };
      await table.mergeInsert('key').whenNotMatchedInsertAll().execute(arrowRows([row], knowledgeMetaSchema));
      // Two processes starting at once may both insert: every process takes the smallest value.
      value = (await read()) as string;
    }
    return Buffer.from(value, 'hex');
  } finally {
    table.close();
  }
}
