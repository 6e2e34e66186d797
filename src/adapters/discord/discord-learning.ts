import {
  Events,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type Client,
  type Message,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type ThreadChannel,
  type User,
} from 'discord.js';
import { decodeAction } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import type { ChatThread, ChatThreadMessage } from '../../chat/chat-thread.js';
import { commandsFor } from '../../chat/commands.js';
import type { Reply } from '../../chat/reply.js';
import type { Logger } from '../../logger.js';
import { NO_MENTIONS, renderDiscord, type DiscordPayload } from './render-discord.js';

/** The reaction that marks the message that solved a thread. */
export const SOLVED_EMOJI = '✅';
/** Messages read from a thread being learned, at most (Discord pages by 100). */
const THREAD_MESSAGES = 500;

type Respond = (event: ChatEvent) => Promise<Reply>;

const optionName = (kind: 'solved' | 'forget') => (commandsFor('discord').find((command) => command.kind === kind) as { textOption: { name: string } }).textOption.name;

/**
 * A Discord thread as the learner reads it: the starter message (the question; for a forum post
 * it is the post itself), then the replies oldest first, bot messages marked and the bot's own
 * answers with the answer id their buttons carry.
 */
export async function readDiscordThread(thread: ThreadChannel, botUserId: string): Promise<ChatThread> {
  const starter = await thread.fetchStarterMessage().catch(() => null);
  const history: Message[] = [];
  let before: string | undefined;
  while (history.length < THREAD_MESSAGES) {
    const page = await thread.messages.fetch({ limit: 100, ...(before && { before }) });
    history.push(...page.values());
    if (page.size < 100) break;
    before = [...page.keys()].sort(bySnowflake)[0];
  }
  const messages = [...(starter ? [starter] : []), ...history.filter((message) => message.id !== starter?.id).sort((a, b) => bySnowflake(a.id, b.id))]
    .filter((message) => !message.system)
    .map(toThreadMessage);
  return {
    platform: 'discord',
    threadId: thread.id,
    channelId: thread.parentId ?? thread.id,
    channelName: thread.parent?.name,
    workspaceName: thread.guild.name,
    title: thread.name,
    url: starter?.url ?? thread.url,
    messages,
    botUserId,
  };
}

function bySnowflake(a: string, b: string): number {
  return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
}

function toThreadMessage(message: Message): ChatThreadMessage {
  const answerId = message.author.bot ? answerIdOf(message) : undefined;
  return {
    id: message.id,
    authorId: message.author.id,
    authorName: message.member?.displayName ?? message.author.globalName ?? message.author.username,
    isBot: message.author.bot,
    text: message.content,
    answerId,
  };
}

/** The answer id the buttons of one of this bot's answers carry. */
function answerIdOf(message: Message): string | undefined {
  for (const row of message.components) {
    for (const component of 'components' in row ? row.components : []) {
      const action = 'customId' in component && component.customId ? decodeAction(component.customId) : undefined;
      if (action) return action.answerId;
    }
  }
  return undefined;
}

/**
 * The event a solved mark in `thread` becomes. The thread is read only once the learner allows
 * its channel; whether the marker may moderate is asked only when they are not the asker.
 */
export function solvedEvent(
  thread: ThreadChannel,
  options: { userId: string; botUserId: string; answerMessageId?: string | undefined; isModerator?: boolean },
): ChatEvent & { kind: 'solved' } {
  const markedBy = { userId: options.userId, isModerator: options.isModerator ?? false };
  return {
    kind: 'solved',
    user: options.userId,
    channel: thread.id,
    platform: 'discord',
    request: {
      platform: 'discord',
      channelId: thread.parentId ?? thread.id,
      threadChannelId: thread.id,
      isBotAnswerThread: thread.ownerId === options.botUserId,
      markedBy,
      answerMessageId: options.answerMessageId,
      loadThread: async () => {
        const chatThread = await readDiscordThread(thread, options.botUserId);
        if (options.isModerator === undefined && chatThread.messages[0]?.authorId !== options.userId) {
          const member = await thread.guild.members.fetch(options.userId).catch(() => undefined);
          // A thread takes its parent channel's permissions.
          const channel = thread.parent ?? thread.guild.channels.cache.get(thread.parentId ?? '');
          markedBy.isModerator = (channel && member?.permissionsIn(channel).has(PermissionFlagsBits.ManageMessages)) ?? false;
        }
        return chatThread;
      },
    },
  };
}

/**
 * ✅ on a message in a thread marks the thread solved, with that message as the answer. Only a
 * confirmation is posted in the thread; refusals stay silent, since ✅ is also just agreement.
 */
export function registerSolvedReaction(client: Client, respond: Respond, logger: Logger): void {
  const onReaction = async (partial: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
    if (user.bot || partial.emoji.name !== SOLVED_EMOJI || !client.user) return;
    const channel = partial.message.channel.partial ? await partial.message.channel.fetch() : partial.message.channel;
    if (!channel.isThread()) return;
    const reply = await respond(solvedEvent(channel, { userId: user.id, botUserId: client.user.id, answerMessageId: partial.message.id }));
    if (reply.kind === 'notice' && reply.announce) await channel.send(renderDiscord(reply)[0] as DiscordPayload);
  };
  client.on(Events.MessageReactionAdd, (reaction, user) => {
    onReaction(reaction, user).catch((error: unknown) => logger.error({ err: error, channel: reaction.message.channelId }, 'solved reaction handler failed'));
  });
}

/** A message link (…/channels/GUILD/CHANNEL/MESSAGE) or a bare id → the last id in it. */
function lastSnowflake(text: string | null): string | undefined {
  return text?.match(/\d{15,25}/g)?.at(-1);
}

/** `/solved [answer]` and `/forget [thread]`: replied to where they were used, in public inside a thread. */
export async function handleLearningCommand(interaction: ChatInputCommandInteraction, kind: 'solved' | 'forget', respond: Respond): Promise<void> {
  const me = interaction.client.user.id;
  const isModerator = interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false;
  const thread = interaction.channel?.isThread() ? interaction.channel : undefined;
  const option = interaction.options.getString(optionName(kind));
  const reply = async (event: ChatEvent | undefined, usage: string) => {
    if (!event) {
      await interaction.reply({ content: usage, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.deferReply(thread ? {} : { flags: MessageFlags.Ephemeral });
    await interaction.editReply(renderDiscord(await respond(event))[0] as DiscordPayload);
  };
  const base = { user: interaction.user.id, channel: interaction.channelId, platform: 'discord' } as const;
  if (kind === 'solved') {
    await reply(thread && solvedEvent(thread, { userId: interaction.user.id, botUserId: me, answerMessageId: lastSnowflake(option), isModerator }), 'Use /solved inside the thread that was solved.');
    return;
  }
  const threadId = lastSnowflake(option) ?? thread?.id;
  await reply(
    threadId
      ? { kind: 'forget', ...base, request: { platform: 'discord', channelId: thread?.parentId ?? '', threadId, requestedBy: { userId: interaction.user.id, isModerator } } }
      : undefined,
    'Use /forget inside the thread to forget, or give a link to it.',
  );
}
