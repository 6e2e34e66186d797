import { createHmac, randomBytes } from 'node:crypto';
import type * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import type { AnswerStore, FeedbackStore, FeedbackVote, GivenAnswer } from '../engine/feedback.js';
import { sumVotes } from '../engine/feedback.js';
import type { Answer, Vote } from '../engine/answer.js';
import type { LearnedThread, LearnedThreadStore } from '../learn/learned-threads.js';
import { ANSWERS_TABLE, KNOWLEDGE_META_TABLE, LEARNED_TABLE, answersSchema, knowledgeMetaSchema, learnedSchema } from './knowledge-schema.js';
import { groupGatedQuestions, type KnowledgeStats } from './knowledge-stats.js';
import { arrowRows, Compactor, connectKnowledge, listOf, openOrCreateTable, sqlString, writable } from './lance-tables.js';
import { LanceLearnedTable } from './lance-learned-table.js';
import { LanceVoteTable } from './lance-vote-table.js';
import type { EmbedderIdentity } from './thread-index.js';

export interface OpenKnowledgeOptions {
  /** LanceDB URI: the same as the index's. */
  uri: string;
  /** The embedder questions are embedded with; needed to take votes, not to read stats. */
  embedder?: { identity: EmbedderIdentity; embedDocuments: (texts: string[]) => Promise<number[][]> } | undefined;
  /** Answers older than this many days are deleted when the store opens and once a day; @default 90 */
  retentionDays?: number;
  /**
   * Only read (CLI `ask`, `similar`, `stats`): no table is created, migrated or pruned, and a
   * table that is not there reads as empty. Writing throws.
   */
  readOnly?: boolean;
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
    private readonly answers: lancedb.Table | undefined,
    private readonly learned: LanceLearnedTable,
    private readonly votes: LanceVoteTable,
    private readonly userKey: Buffer,
    private readonly embedderId: string,
    onBackgroundError: (error: unknown) => void,
  ) {
    this.compactor = new Compactor(onBackgroundError);
  }

  static async open(options: OpenKnowledgeOptions): Promise<LanceKnowledge> {
    const connection = await connectKnowledge(options.uri);
    const readOnly = options.readOnly ?? false;
    const names = await connection.tableNames();
    const table = (name: string, schema: Schema) =>
      readOnly ? (names.includes(name) ? connection.openTable(name) : Promise.resolve(undefined)) : openOrCreateTable(connection, name, schema);
    const answers = await table(ANSWERS_TABLE, answersSchema);
    const learned = new LanceLearnedTable(await table(LEARNED_TABLE, learnedSchema));
    const userKey = await readOrCreateUserKey(connection, readOnly);
    const votes = await LanceVoteTable.open(connection, options.embedder, readOnly);
    const onError = options.onBackgroundError ?? (() => undefined);
    const identity = options.embedder?.identity;
    const store = new LanceKnowledge(connection, answers, learned, votes, userKey, identity ? embedderKey(identity) : '', onError);
    if (!readOnly) {
      const retentionMs = (options.retentionDays ?? 90) * DAY_MS;
      await store.pruneAnswers(Date.now() - retentionMs);
      store.pruneTimer = setInterval(() => void store.pruneAnswers(Date.now() - retentionMs).catch(onError), DAY_MS).unref();
    }
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
    const answers = writable(this.answers);
    await answers.add(arrowRows([row], answersSchema));
    this.compactor.wrote(answers);
  }

  async findAnswer(answerId: string): Promise<GivenAnswer | undefined> {
    if (!this.answers) return undefined;
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

  recordLearned(thread: LearnedThread): Promise<void> {
    return this.learned.record(thread);
  }

  findLearned(threadKey: string): Promise<LearnedThread | undefined> {
    return this.learned.find(threadKey);
  }

  removeLearned(threadKey: string): Promise<void> {
    return this.learned.remove(threadKey);
  }

  /** Every learned thread (to ingest them again into a rebuilt index). */
  learnedThreads(): Promise<LearnedThread[]> {
    return this.learned.all();
  }

  /** Counts for `driverdesk stats`: questions since `since` (ms since the epoch). */
  async stats(since: number, topGated = 10): Promise<KnowledgeStats> {
    const byPlatform = await this.learned.countsByPlatform();
    const asked = this.answers
      ? await this.answers
          .query()
          .where(`created_at >= ${since} AND mode <> 'lookup'`)
          .select(['mode', 'question', 'vector', 'embedder', 'created_at'])
          .toArray()
      : [];
    const gated = asked.filter((row) => row.mode === 'no-match');
    return {
      learned: { total: Object.values(byPlatform).reduce((sum, count) => sum + count, 0), byPlatform },
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
    await writable(this.answers).delete(`created_at < ${before}`);
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.compactor.settle();
    await this.votes.close();
    this.answers?.close();
    this.learned.close();
    this.connection.close();
  }
}

function embedderKey(identity: EmbedderIdentity): string {
  return `${identity.id}:${identity.dimension}`;
}


/**
 * The key user ids are hashed with, made once per index and kept in it, so every process hashes
 * the same id the same way and nobody without the index can map hashes back to ids by trying them.
 */
async function readOrCreateUserKey(connection: lancedb.Connection, readOnly: boolean): Promise<Buffer> {
  // Read-only without a key yet: nothing was hashed with one, so any key finds nothing.
  if (readOnly && !(await connection.tableNames()).includes(KNOWLEDGE_META_TABLE)) return randomBytes(32);
  const table = await openOrCreateTable(connection, KNOWLEDGE_META_TABLE, knowledgeMetaSchema);
  try {
    const read = async () => (await table.query().where(`key = '${USER_KEY}'`).toArray()).map((row) => String(row.value)).sort()[0];
    let value = await read();
    if (!value && readOnly) return randomBytes(32);
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
