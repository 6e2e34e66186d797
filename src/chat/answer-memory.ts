import type { AnswerStore, GivenAnswer } from '../engine/index.js';

/**
 * The one answer memory: every answer the bot gives (and every DM lookup whose "Draft a full
 * answer" button may be pressed later), by id. Buttons and votes refer to an answer by its id
 * alone; neither adapter keeps any per-answer state. The bot runs on the LanceDB-backed memory
 * (the `answers` table, shared by every process on the index, kept across restarts); tests may
 * use the in-memory one. The engine writes answers through the same interface (`AnswerStore`).
 */
export interface AnswerMemory extends AnswerStore {}

/** Answers an in-memory memory keeps before forgetting the oldest. */
const IN_MEMORY_LIMIT = 5000;

/** An AnswerMemory in a Map, for tests and scripts without an index; nothing survives the process. */
export class InMemoryAnswerMemory implements AnswerMemory {
  private readonly answers = new Map<string, GivenAnswer>();

  constructor(private readonly limit = IN_MEMORY_LIMIT) {}

  async saveAnswer(answer: GivenAnswer): Promise<void> {
    this.answers.delete(answer.answerId);
    this.answers.set(answer.answerId, answer);
    while (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value as string);
  }

  async findAnswer(answerId: string): Promise<GivenAnswer | undefined> {
    return this.answers.get(answerId);
  }
}
