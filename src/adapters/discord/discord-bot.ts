import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  REST,
  Routes,
  type SendableChannels,
  type ThreadChannel,
} from 'discord.js';
import { decodeAction } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import { commandsFor, PRIVATE_OPTION } from '../../chat/commands.js';
import { looksLikeQuestion } from '../../chat/filters.js';
import { stripMentions } from '../../chat/untrusted-text.js';
import { redactSecrets } from '../../chat/redact-secrets.js';
import type { Reply } from '../../chat/reply.js';
import { fireAndForget, SIDE_CALL_TIMEOUT_MS } from '../../chat/side-call.js';
import { untilAborted } from '../../chat/until-aborted.js';
import type { ConversationTurn } from '../../engine/answer.js';
import type { Logger } from '../../logger.js';
import { handleLearningCommand, registerSolvedReaction } from './discord-learning.js';
import { NO_MENTIONS, renderDiscord, type DiscordPayload } from './render-discord.js';

export interface DiscordBotOptions {
  token: string;
  /** REST base URL; the gateway URL comes from its /gateway/bot. */
  apiUrl?: string | undefined;
  /** Channels where questions are answered without a mention. */
  channels: readonly string[];
  respond: (event: ChatEvent) => Promise<Reply>;
  logger: Logger;
  /** Aborting it gives up connecting: the client is destroyed and the start rejects. */
  signal?: AbortSignal;
}

export interface DiscordBot {
  client: Client;
  /** The bot user's tag, for the start-up line. */
  tag: string;
  stop(): Promise<void>;
}

/** Earlier turns read from a thread for a follow-up. */
const CONTEXT_MESSAGES = 12;
const THREAD_NAME_MAX = 90;

/**
 * The Discord adapter: messages and interactions become ChatEvents, Replies become messages.
 * It answers in a thread started from the question, reacts 👀 at once, and never lets a
 * message mention anyone.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const logger = options.logger.child({ platform: 'discord' });
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
      // ✅ on the message that solved a thread marks it solved.
      GatewayIntentBits.GuildMessageReactions,
    ],
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: NO_MENTIONS,
    ...(options.apiUrl && { rest: { api: options.apiUrl } }),
  });
  /** Reactions go through their own REST client: one short try, no retries, a queue of their own. */
  const sideRest = new REST({ ...(options.apiUrl && { api: options.apiUrl }), retries: 0, timeout: SIDE_CALL_TIMEOUT_MS }).setToken(options.token);
  const autoChannels = new Set(options.channels);
  const platform = 'discord';

  client.on(Events.MessageCreate, (message) => {
    handleMessage(message).catch((error: unknown) => logger.error({ err: error, channel: message.channelId }, 'message handler failed'));
  });
  client.on(Events.InteractionCreate, (interaction) => {
    const work = interaction.isChatInputCommand()
      ? handleCommand(interaction)
      : interaction.isButton()
        ? handleButton(interaction)
        : Promise.resolve();
    work.catch((error: unknown) => logger.error({ err: error, channel: interaction.channelId }, 'interaction handler failed'));
  });
  registerSolvedReaction(client, options.respond, logger);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardReconnecting, () => logger.warn('discord gateway reconnecting'));

  async function handleMessage(message: Message): Promise<void> {
    const me = client.user;
    // A partial or malformed gateway payload can lack its author: nothing to answer.
    if (!me || !message.author || message.author.bot || message.author.id === me.id || message.system) return;
    const text = typeof message.content === 'string' ? message.content : '';
    const base = { user: message.author.id, channel: message.channelId, platform } as const;

    if (!message.inGuild()) {
      // A DM is a lookup: similar threads, with a button to draft the full answer.
      const reply = await options.respond({ kind: 'similar', text, ...base, offerDraft: true });
      await sendAll(message.channel as SendableChannels, renderDiscord(reply));
      return;
    }

    const channel = message.channel;
    const inOwnThread = channel.isThread() && channel.ownerId === me.id;
    const mentioned = message.mentions.users.has(me.id) || message.mentions.repliedUser?.id === me.id;
    const auto = autoChannels.has(message.channelId) || (channel.isThread() && autoChannels.has(channel.parentId ?? ''));
    if (!mentioned && !inOwnThread && !(auto && looksLikeQuestion(text))) return;

    // The 👀 is a courtesy: the answer never waits for it, and it gets one short try.
    fireAndForget('add the 👀 reaction', (signal) => sideRest.put(Routes.channelMessageOwnReaction(message.channelId, message.id, encodeURIComponent('👀')), { signal }), logger);
    const context = channel.isThread() ? await threadContext(channel, message.id) : [];
    const reply = await options.respond({ kind: 'ask', text, ...base, ...(context.length > 0 && { context }) });
    const target = channel.isThread() ? channel : await startThread(message, reply);
    const payloads = renderDiscord(reply);
    if (target) await sendAll(target, payloads);
    else await replyAll(message, payloads);
  }

  /** A thread named after the question; undefined when the bot may not create one here. */
  async function startThread(message: Message, reply: Reply): Promise<ThreadChannel | undefined> {
    const question = reply.kind === 'answer' ? reply.answer.question : message.content;
    const name = redactSecrets(stripMentions(question)).replace(/\s+/g, ' ').trim().slice(0, THREAD_NAME_MAX) || 'driverdesk answer';
    try {
      return await message.startThread({ name });
    } catch (error) {
      logger.warn({ err: error, channel: message.channelId }, 'cannot start a thread; replying in the channel');
      return undefined;
    }
  }

  async function threadContext(thread: ThreadChannel, beforeId: string): Promise<ConversationTurn[]> {
    const me = client.user?.id;
    const turns: ConversationTurn[] = [];
    try {
      const starter = await thread.fetchStarterMessage().catch(() => null);
      if (starter?.content) turns.push({ role: starter.author.id === me ? 'assistant' : 'user', text: starter.content });
      const history = await thread.messages.fetch({ limit: CONTEXT_MESSAGES, before: beforeId });
      for (const message of [...history.values()].reverse()) {
        if (message.id === starter?.id || !message.content) continue;
        turns.push({ role: message.author.id === me ? 'assistant' : 'user', text: message.content });
      }
    } catch (error) {
      logger.warn({ err: error, channel: thread.id }, 'cannot read the thread history; answering without context');
    }
    return turns.slice(-CONTEXT_MESSAGES);
  }

  async function sendAll(channel: SendableChannels | ThreadChannel, payloads: DiscordPayload[]): Promise<void> {
    for (const payload of payloads) {
      try {
        await channel.send(payload);
      } catch (error) {
        logger.error({ err: error, channel: channel.id }, 'cannot send to the channel');
        return;
      }
    }
  }

  async function replyAll(message: Message, payloads: DiscordPayload[]): Promise<void> {
    for (const [index, payload] of payloads.entries()) {
      try {
        if (index === 0) await message.reply(payload);
        else await (message.channel as SendableChannels).send(payload);
      } catch (error) {
        logger.error({ err: error, channel: message.channelId }, 'cannot reply in the channel');
        return;
      }
    }
  }

  async function handleCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    // Command and option names come from the shared definitions, as Slack reads them.
    const command = commandsFor('discord').find((candidate) => candidate.name === interaction.commandName);
    if (!command) return;
    if (command.kind === 'solved' || command.kind === 'forget') {
      await handleLearningCommand(interaction, command.kind, options.respond);
      return;
    }
    const ephemeral = interaction.options.getBoolean(PRIVATE_OPTION.name) ?? false;
    const deferred = acknowledge(interaction, ephemeral);
    const text = interaction.options.getString(command.textOption.name) ?? '';
    const reply = await options.respond({ kind: command.kind, text, user: interaction.user.id, channel: interaction.channelId, platform });
    if (await deferred) await deliverDeferred(interaction, renderDiscord(reply), ephemeral);
  }

  /** Every button carries an id from the action-id codec; what it refers to is in the answer memory. */
  async function handleButton(interaction: ButtonInteraction): Promise<void> {
    const action = decodeAction(interaction.customId);
    if (!action || action.kind === 'solved') return;
    const event: ChatEvent = { kind: 'action', action, user: interaction.user.id, channel: interaction.channelId, platform };
    if (action.kind === 'vote') {
      const reply = await options.respond(event);
      await interaction.reply({ ...(renderDiscord(reply)[0] as DiscordPayload), flags: MessageFlags.Ephemeral });
      return;
    }
    // "Similar threads" answers the one who clicked; "Draft a full answer" answers in the DM.
    const ephemeral = action.kind !== 'draft';
    const deferred = acknowledge(interaction, ephemeral);
    const reply = await options.respond(event);
    if (await deferred) await deliverDeferred(interaction, renderDiscord(reply), ephemeral);
  }

  /**
   * Defers the interaction (Discord's "thinking…") while the answer is drafted alongside, so
   * the answer never waits on the acknowledgement. Resolves false, logged, when it failed:
   * without it Discord accepts no answer to the interaction.
   */
  function acknowledge(interaction: ChatInputCommandInteraction | ButtonInteraction, ephemeral: boolean): Promise<boolean> {
    return interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}).then(
      () => true,
      (error: unknown) => {
        logger.error({ err: error, channel: interaction.channelId }, 'cannot acknowledge the interaction; its answer cannot be delivered');
        return false;
      },
    );
  }

  async function deliverDeferred(interaction: ChatInputCommandInteraction | ButtonInteraction, payloads: DiscordPayload[], ephemeral: boolean) {
    const [first, ...rest] = payloads;
    if (!first) return;
    await interaction.editReply(first);
    for (const payload of rest) await interaction.followUp({ ...payload, ...(ephemeral && { flags: MessageFlags.Ephemeral }) });
  }

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await untilAborted(
      client.login(options.token).then(() => ready),
      options.signal,
    );
  } catch (error) {
    sideRest.clearHashSweeper();
    sideRest.clearHandlerSweeper();
    await client.destroy().catch(() => undefined);
    throw error;
  }
  logger.info({ user: client.user?.tag }, 'connected to Discord');
  return {
    client,
    tag: client.user?.tag ?? 'the bot',
    stop: async () => {
      sideRest.clearHashSweeper();
      sideRest.clearHandlerSweeper();
      await client.destroy();
    },
  };
}
