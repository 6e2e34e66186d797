import type { ThreadAnswer, ThreadRecord } from '../thread-record.js';
import { titleFromText } from './title-from-text.js';

/** A message as DiscordChatExporter writes it (the fields threads need). */
export interface DiscordMessage {
  id: string;
  type: string;
  timestamp: string;
  content: string;
  author: { id: string; name: string; nickname?: string | null | undefined; isBot?: boolean | undefined };
  reactions?: Array<{ emoji: { name?: string | null | undefined; code?: string | null | undefined }; users?: Array<{ id: string }> | undefined }> | undefined;
  mentions?: Array<{ id: string; name: string; nickname?: string | null | undefined }> | undefined;
  reference?: { type?: string | null | undefined; messageId?: string | null | undefined; channelId?: string | null | undefined } | null | undefined;
}

/** The exported channel: a text channel, or a thread / forum post (then `parentName` is its channel). */
export interface DiscordChannel {
  guildId: string;
  guildName: string;
  id: string;
  name: string;
  /** DiscordChatExporter's channel kind: `GuildTextChat`, `GuildPublicThread`, … */
  type: string;
  /** The exporter's `category`: the category of a channel, the parent channel of a thread. */
  parentName: string | undefined;
}

/**
 * Only people's own words make a thread: `Default` and `Reply` messages. System notices (joins,
 * pins, "started a thread", boosts, calls) have other types and are left out, as are bots.
 */
const CONVERSATION_TYPES = new Set(['Default', 'Reply']);
/** The notice a thread created from a channel message opens with; its text stays in the parent channel. */
const THREAD_STARTER_TYPES = new Set(['21', 'ThreadStarterMessage']);

/**
 * Messages → threads. A thread or forum-post export is one thread: its starter (the message
 * whose id is the thread's id, else its first message) is the question and the rest are the
 * answers. In a plain channel, reply chains form the threads: a message and every reply to it
 * (or to a reply of it). A thread whose question nobody else answered is left out.
 */
export function* discordThreads<Message extends DiscordMessage>(
  channel: DiscordChannel,
  messages: readonly Message[],
): Generator<{ record: ThreadRecord; first: Message }> {
  // Snowflake ids grow with time; an export made with --reverse lists the newest first.
  const ordered = [...messages].sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const spoken = ordered.filter((message) => CONVERSATION_TYPES.has(message.type) && !message.author.isBot && message.content.trim() !== '');
  if (/Thread$/.test(channel.type)) {
    const thread = threadExport(channel, ordered, spoken);
    if (thread) yield thread;
    return;
  }
  const rootOf = new Map<string, string>();
  const chains = new Map<string, Message[]>();
  for (const message of spoken) {
    const parent = message.reference?.type === 'Forward' ? undefined : message.reference?.messageId;
    const root = parent && (message.reference?.channelId ?? channel.id) === channel.id ? rootOf.get(parent) : undefined;
    rootOf.set(message.id, root ?? message.id);
    if (root) chains.get(root)?.push(message);
    else chains.set(message.id, [message]);
  }
  for (const [rootId, [root, ...replies]] of chains) {
    if (!root) continue;
    const record = toRecord(channel, { id: rootId, title: titleFromText(plainText(root)), question: root, replies });
    if (record) yield { record, first: root };
  }
}

function threadExport<Message extends DiscordMessage>(channel: DiscordChannel, all: readonly Message[], spoken: Message[]) {
  const first = all[0];
  if (!first) return undefined;
  const starter = spoken.find((message) => message.id === channel.id);
  // A thread started from a channel message opens with a notice pointing at that message,
  // which lives in the parent channel's export: the thread's name stands in for its text.
  const question = starter ?? (THREAD_STARTER_TYPES.has(first.type) ? undefined : spoken[0]);
  const replies = spoken.filter((message) => message !== question);
  const record = toRecord(channel, { id: channel.id, title: channel.name, question, replies });
  return record ? { record, first: question ?? first } : undefined;
}

function toRecord(
  channel: DiscordChannel,
  thread: { id: string; title: string; question: DiscordMessage | undefined; replies: DiscordMessage[] },
): ThreadRecord | undefined {
  const asker = thread.question?.author.id;
  if (!thread.replies.some((reply) => reply.author.id !== asker)) return undefined;
  const answers: ThreadAnswer[] = thread.replies.map((reply) => ({
    text: plainText(reply),
    author: reply.author.nickname || reply.author.name,
    ...(asker !== undefined && markedSolvedBy(reply, asker) && { accepted: true }),
  }));
  // Accepted first (stable sort keeps the rest in the order they were written).
  answers.sort((a, b) => Number(b.accepted ?? false) - Number(a.accepted ?? false));
  const isThread = /Thread$/.test(channel.type);
  const last = thread.replies.at(-1) ?? thread.question;
  return {
    id: thread.id,
    title: thread.title || channel.name,
    question: thread.question ? plainText(thread.question) : thread.title,
    answers,
    url: `https://discord.com/channels/${channel.guildId === '0' ? '@me' : channel.guildId}/${channel.id}/${thread.question?.id ?? thread.id}`,
    source: 'discord',
    tags: [],
    replies: answers.length,
    activity: last?.timestamp,
    metadata: isThread
      ? { guild: channel.guildName, channel: channel.parentName ?? null, thread: channel.name }
      : { guild: channel.guildName, channel: channel.name, category: channel.parentName ?? null },
  };
}

/** A ✅ on a reply counts only when the export lists who reacted and the asker is among them. */
function markedSolvedBy(reply: DiscordMessage, asker: string): boolean {
  return (reply.reactions ?? []).some(
    (reaction) => (reaction.emoji.name === '✅' || reaction.emoji.code === 'white_check_mark') && (reaction.users ?? []).some((user) => user.id === asker),
  );
}

/**
 * The exporter already writes mentions as `@name` unless run with markdown formatting off;
 * then raw `<@id>` mentions of users the message lists are given their names. Anything else
 * (`@everyone`, unknown ids) stays as written: it is data, and the renderers defuse it.
 */
function plainText(message: DiscordMessage): string {
  const names = new Map((message.mentions ?? []).map((user) => [user.id, user.nickname || user.name]));
  return message.content.replace(/<@!?(\d+)>/g, (mention, id: string) => (names.has(id) ? `@${names.get(id)}` : mention)).trim();
}
