import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { decodeAction } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import type { ChatThread, ChatThreadMessage, SolvedRequest } from '../../chat/chat-thread.js';
import type { Reply } from '../../chat/reply.js';
import type { Logger } from '../../logger.js';
import { renderSlack } from './render-slack.js';

/** The reaction that marks the message that solved a thread. */
export const SOLVED_REACTION = 'white_check_mark';
/** Messages read from a thread being learned, at most. */
const THREAD_MESSAGES = 500;

type Respond = (event: ChatEvent) => Promise<Reply>;

/**
 * A Slack thread as the learner reads it: its messages (bot messages marked, the bot's own
 * answers with their answer id), the permalink of its first message, and the channel and
 * workspace names. `ts` may be the thread's or any reply's.
 */
export async function readSlackThread(client: WebClient, channel: string, ts: string, botUserId: string | undefined): Promise<ChatThread> {
  const [reacted] = (await client.conversations.replies({ channel, ts, limit: 1, inclusive: true })).messages ?? [];
  const threadTs = reacted?.thread_ts ?? ts;
  const messages: ChatThreadMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.replies({ channel, ts: threadTs, limit: 200, ...(cursor && { cursor }) });
    for (const message of page.messages ?? []) {
      if (!message.ts) continue;
      const isBot = Boolean(message.bot_id) || (message as { subtype?: string }).subtype === 'bot_message' || (botUserId !== undefined && message.user === botUserId);
      messages.push({
        id: message.ts,
        authorId: message.user ?? message.bot_id ?? 'unknown',
        authorName: '',
        isBot,
        text: plainText(message.text ?? ''),
        answerId: isBot ? answerIdOf(message.blocks) : undefined,
      });
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && messages.length < THREAD_MESSAGES);

  const names = await displayNames(client, [...new Set(messages.filter((message) => !message.isBot).map((message) => message.authorId))]);
  for (const message of messages) message.authorName = names.get(message.authorId) ?? '';
  const [permalink, channelInfo, team] = await Promise.all([
    client.chat.getPermalink({ channel, message_ts: threadTs }).then((result) => result.permalink ?? null),
    client.conversations.info({ channel }).then((result) => result.channel?.name),
    client.team.info().then((result) => result.team?.name),
  ]);
  return { platform: 'slack', threadId: threadTs, channelId: channel, channelName: channelInfo, workspaceName: team, url: permalink, messages, botUserId };
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/**
 * Slack markup → the text a person reads: links keep their address (`label (https://…)`),
 * `<#C1|general>` becomes `#general`, broadcasts become plain words, `&lt; &gt; &amp;` are
 * unescaped last. User mentions `<@U1>` stay: the learner turns them into the record's names.
 */
export function plainText(text: string): string {
  const token = (inner: string): string => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `<${inner}>`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return ['channel', 'here', 'everyone'].includes(target.slice(1)) ? `@${target.slice(1)}` : (label ?? '');
    const address = target.replace(/^mailto:/, '');
    return label === undefined || label === address ? address : `${label} (${address})`;
  };
  return text.replace(/<([^<>\n]*)>/g, (_match, inner: string) => token(inner)).replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The answer id a bot message's buttons carry, if it is one of this bot's answers. */
function answerIdOf(blocks: unknown): string | undefined {
  for (const block of Array.isArray(blocks) ? blocks : []) {
    for (const element of (block as { elements?: Array<{ action_id?: string }> }).elements ?? []) {
      const action = element.action_id ? decodeAction(element.action_id) : undefined;
      if (action) return action.answerId;
    }
  }
  return undefined;
}

async function displayNames(client: WebClient, users: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    users.map(async (user) => {
      const info = await client.users.info({ user }).catch(() => undefined);
      const name = info?.user?.profile?.display_name || info?.user?.real_name || info?.user?.name;
      if (name) names.set(user, name);
    }),
  );
  return names;
}

/** A workspace admin or owner (Slack's moderators); a failed look-up counts as no. */
export async function isSlackAdmin(client: WebClient, user: string): Promise<boolean> {
  const info = await client.users.info({ user }).catch(() => undefined);
  return Boolean(info?.user?.is_admin || info?.user?.is_owner || info?.user?.is_primary_owner);
}

/** A message link ("Copy link") → its channel and thread: `…/archives/C123/p1700000000000100[?thread_ts=…]`. */
export function parseSlackPermalink(text: string): { channel: string; threadTs: string } | undefined {
  const match = text.trim().match(/^<?https:\/\/[\w.-]+\.slack\.com\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})([^\s>|]*)/);
  if (!match) return undefined;
  const threadTs = new URLSearchParams((match[4] ?? '').replace(/^[^?]*\?/, '')).get('thread_ts');
  return { channel: match[1] as string, threadTs: threadTs && /^\d{10}\.\d{6}$/.test(threadTs) ? threadTs : `${match[2]}.${match[3]}` };
}

/** The event a solved mark becomes; the thread is read only if the learner allows the channel. */
export function solvedEvent(
  client: WebClient,
  options: { channel: string; ts: string; user: string; answerMessageId?: string | undefined; botUserId: string | undefined; onThread?: (thread: ChatThread) => void },
): ChatEvent {
  const request: SolvedRequest = {
    platform: 'slack',
    channelId: options.channel,
    // Slack learns only in LEARN_CHANNELS: a bot answer thread elsewhere does not count.
    isBotAnswerThread: false,
    markedBy: { userId: options.user, isModerator: false },
    answerMessageId: options.answerMessageId,
    loadThread: async () => {
      const thread = await readSlackThread(client, options.channel, options.ts, options.botUserId);
      options.onThread?.(thread);
      // Only asked when the thread may be learned, and someone other than its asker marks it.
      if (thread.messages[0]?.authorId !== options.user) request.markedBy.isModerator = await isSlackAdmin(client, options.user);
      return thread;
    },
  };
  return { kind: 'solved', request, user: options.user, channel: options.channel, platform: 'slack' };
}

/**
 * ✅ on a message in a thread marks the thread solved, with that message as the answer. Only a
 * confirmation is posted (in the thread); refusals stay silent, since ✅ is also just agreement.
 */
export function registerSolvedReaction(app: App, respond: Respond, logger: Logger): void {
  app.event('reaction_added', async ({ event, client, context }) => {
    if (event.reaction !== SOLVED_REACTION || event.item.type !== 'message' || typeof event.user !== 'string') return;
    const { channel, ts } = event.item;
    let threadTs: string | undefined;
    const reply = await respond(
      solvedEvent(client, { channel, ts, user: event.user, answerMessageId: ts, botUserId: context.botUserId, onThread: (thread) => (threadTs = thread.threadId) }),
    );
    if (reply.kind !== 'notice' || !reply.announce || !threadTs) return;
    await client.chat
      .postMessage({ channel, thread_ts: threadTs, unfurl_links: false, ...renderSlack(reply) })
      .catch((error: unknown) => logger.error({ err: error, channel }, 'cannot confirm a solved thread'));
  });
}

/** `/forget LINK`: the thread the link points into; undefined when the text is not a message link. */
export async function forgetCommandEvent(client: WebClient, text: string, base: { user: string; channel: string; platform: 'slack' }): Promise<ChatEvent | undefined> {
  const target = parseSlackPermalink(text);
  if (!target) return undefined;
  const isModerator = await isSlackAdmin(client, base.user);
  return {
    kind: 'forget',
    ...base,
    request: { platform: 'slack', channelId: target.channel, threadId: target.threadTs, requestedBy: { userId: base.user, isModerator } },
  };
}
