import type { ThreadRecord } from '../../ingest/thread-record.js';
import type { ForgetRequest, SolvedRequest } from '../chat/chat-thread.js';
import { chatThreadKey, chatThreadRecord, pseudonym } from './chat-thread-record.js';
import type { LearnedThreadStore } from './learned-threads.js';

export interface LearnerDeps {
  /** LEARN_CHANNELS: the only channels (or threads) learned from, besides the bot's own answer threads. */
  learnChannels: ReadonlySet<string>;
  /** LEARN_KEEP_AUTHORS: keep display names instead of pseudonyms. */
  keepAuthors: boolean;
  store: LearnedThreadStore;
  /** Ingests records into the index the bot searches (searchable when it resolves). */
  ingest: (records: ThreadRecord[]) => Promise<void>;
  /** Removes threads from the index by thread key. */
  forget: (threadKeys: string[]) => Promise<void>;
  now?: () => number;
}

export type SolvedOutcome =
  | { kind: 'learned'; threadKey: string; record: ThreadRecord }
  /** The bot's own answer was marked: nothing new to store, but a vote for what it cited. */
  | { kind: 'bot-answer'; answerId: string }
  | { kind: 'refused'; reason: 'channel' | 'permission' | 'empty' };

export type ForgetOutcome = { kind: 'forgotten' } | { kind: 'not-learned' } | { kind: 'refused'; reason: 'permission' };

/** Whether a thread may be learned from: a bot answer thread, or a thread of a listed channel. */
export function learningAllowed(learnChannels: ReadonlySet<string>, request: Pick<SolvedRequest, 'channelId' | 'threadChannelId' | 'isBotAnswerThread'>): boolean {
  return request.isBotAnswerThread || learnChannels.has(request.channelId) || (request.threadChannelId !== undefined && learnChannels.has(request.threadChannelId));
}

/**
 * Learns a thread someone marked solved. The channel is checked before the thread is even read,
 * and nothing from a channel not allowed is stored. Only the asker or a moderator may mark it.
 */
export async function learnSolvedThread(deps: LearnerDeps, request: SolvedRequest): Promise<SolvedOutcome> {
  if (!learningAllowed(deps.learnChannels, request)) return { kind: 'refused', reason: 'channel' };
  const thread = await request.loadThread();
  // A thread claimed to be the bot's own answer thread must hold one of its answers.
  const holdsBotAnswer = thread.messages.some((message) => message.isBot && message.answerId !== undefined);
  if (!holdsBotAnswer && !learningAllowed(deps.learnChannels, { ...request, isBotAnswerThread: false })) return { kind: 'refused', reason: 'channel' };
  const asker = thread.messages[0];
  if (!asker) return { kind: 'refused', reason: 'empty' };
  if (asker.authorId !== request.markedBy.userId && !request.markedBy.isModerator) return { kind: 'refused', reason: 'permission' };

  const marked = thread.messages.find((message) => message.id === request.answerMessageId);
  if (marked?.isBot && marked.answerId) return { kind: 'bot-answer', answerId: marked.answerId };
  if (!thread.messages.slice(1).some((message) => !message.isBot && message.text.trim() !== '')) {
    // Nobody but the bot replied: its answer is what solved it.
    const botAnswer = thread.messages.findLast((message) => message.isBot && message.answerId !== undefined);
    return botAnswer?.answerId ? { kind: 'bot-answer', answerId: botAnswer.answerId } : { kind: 'refused', reason: 'empty' };
  }

  const record = chatThreadRecord(thread, {
    answerMessageId: request.answerMessageId,
    nameOf: (message) => (deps.keepAuthors && message.authorName ? message.authorName : pseudonym(deps.store.hashUser(message.authorId))),
  });
  const threadKey = chatThreadKey(thread.platform, thread.channelId, thread.threadId);
  await deps.ingest([record]);
  await deps.store.recordLearned({
    threadKey,
    platform: thread.platform,
    channel: thread.channelId,
    askerHash: deps.store.hashUser(asker.authorId),
    markedByHash: deps.store.hashUser(request.markedBy.userId),
    learnedAt: (deps.now ?? Date.now)(),
    record,
  });
  return { kind: 'learned', threadKey, record };
}

/**
 * Removes a learned thread from the index, for the person who asked it or a moderator. A
 * moderator may also remove a thread that was imported rather than learned (same thread key).
 */
export async function forgetThread(deps: LearnerDeps, request: ForgetRequest): Promise<ForgetOutcome> {
  const threadKey = chatThreadKey(request.platform, request.channelId, request.threadId);
  const learned = await deps.store.findLearned(threadKey);
  const isAsker = learned !== undefined && learned.askerHash === deps.store.hashUser(request.requestedBy.userId);
  if (!learned && !request.requestedBy.isModerator) return { kind: 'not-learned' };
  if (!isAsker && !request.requestedBy.isModerator) return { kind: 'refused', reason: 'permission' };
  await deps.forget([threadKey]);
  if (learned) await deps.store.removeLearned(threadKey);
  return { kind: 'forgotten' };
}
