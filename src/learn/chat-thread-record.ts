import type { ThreadAnswer, ThreadRecord } from '../../ingest/thread-record.js';
import { stripControlCharacters, stripMentions } from '../text/mentions.js';
import type { ChatThread, ChatThreadMessage } from '../chat/chat-thread.js';
import type { ChatPlatform } from './learned-threads.js';

const TITLE_MAX = 120;

/**
 * The record id of a chat thread, the same the importers give: a Discord thread's id, or a
 * Slack `CHANNEL:THREAD_TS`. So an imported thread and a learned one are the same thread.
 */
export function chatThreadId(platform: ChatPlatform, channelId: string, threadId: string): string {
  return platform === 'discord' ? threadId : `${channelId}:${threadId}`;
}

/** `source::id`, as ingest's threadKey (ingest/chunk-thread.ts) makes it. */
export function chatThreadKey(platform: ChatPlatform, channelId: string, threadId: string): string {
  return `${platform}::${chatThreadId(platform, channelId, threadId)}`;
}

/** A stable pseudonym for a user: "member-" and six hex digits of the keyed hash of their id. */
export function pseudonym(userHash: string): string {
  return `member-${userHash.slice(0, 6)}`;
}

export interface RecordOptions {
  /** The message marked as the one that solved it (quoted first, as accepted). */
  answerMessageId?: string | undefined;
  /** The name a user appears under in the record: a pseudonym unless authors are kept. */
  nameOf: (message: Pick<ChatThreadMessage, 'authorId' | 'authorName'>) => string;
}

/**
 * A chat thread → a ThreadRecord: the opening message is the question, the marked answer comes
 * first (accepted), then the other replies in order. Bot messages are left out: the bot's own
 * answers quote threads the index already has, and quoting them again would make the bot cite
 * itself. User mentions become the names the record uses; other mentions are removed.
 */
export function chatThreadRecord(thread: ChatThread, options: RecordOptions): ThreadRecord {
  const [opening, ...replies] = thread.messages;
  if (!opening) throw new Error('a chat thread needs its opening message');
  const names = new Map(thread.messages.map((message) => [message.authorId, options.nameOf(message)]));
  const clean = (text: string) => cleanText(text, thread.botUserId, (id) => names.get(id) ?? options.nameOf({ authorId: id, authorName: '' }));
  const toAnswer = (message: ChatThreadMessage, accepted: boolean): ThreadAnswer => ({
    text: clean(message.text),
    author: names.get(message.authorId) as string,
    ...(accepted && { accepted: true }),
  });
  const human = replies.filter((message) => !message.isBot);
  const marked = human.find((message) => message.id === options.answerMessageId);
  const answers = [...(marked ? [toAnswer(marked, true)] : []), ...human.filter((message) => message !== marked).map((message) => toAnswer(message, false))];
  const question = clean(opening.text);
  const title = oneLine(thread.title ? stripControlCharacters(thread.title) : question) || 'Chat thread';
  return {
    id: chatThreadId(thread.platform, thread.channelId, thread.threadId),
    title,
    question: question || title,
    answers: answers.filter((answer) => answer.text !== ''),
    url: thread.url,
    source: thread.platform,
    tags: [],
    metadata: {
      ...(thread.workspaceName && { [thread.platform === 'discord' ? 'guild' : 'workspace']: thread.workspaceName }),
      ...(thread.channelName && { channel: thread.channelName }),
      learned_from_chat: true,
    },
  };
}

/** Discord `<@123>` / `<@!123>` and Slack `<@U123>` / `<@U123|name>` user mentions. */
const USER_MENTION = /<@!?([A-Z0-9]+)(?:\|[^<>\n]*)?>/g;

function cleanText(text: string, botUserId: string | undefined, nameOf: (userId: string) => string): string {
  const named = text.replace(USER_MENTION, (_, id: string) => (id === botUserId ? ' ' : `@${nameOf(id)}`));
  return stripControlCharacters(stripMentions(named))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function oneLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}
