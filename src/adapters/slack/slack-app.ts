import { App, LogLevel, type BlockAction, type ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ACTION_ID_PATTERN } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import { commandsFor } from '../../chat/commands.js';
import { RecentMap } from '../../chat/recent-map.js';
import type { Reply } from '../../chat/reply.js';
import type { Config } from '../../config/types.js';
import type { ConversationTurn } from '../../engine/answer.js';
import type { Logger } from '../../logger.js';
import { renderSlack } from './render-slack.js';
import { respondToButton } from './slack-actions.js';
import { forgetCommandEvent, registerSolvedReaction } from './slack-learning.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  respond: (event: ChatEvent) => Promise<Reply>;
  logger: Logger;
}

export interface SlackBot {
  app: App;
  /** The HTTP receiver's port (useful with SLACK_PORT=0); undefined in Socket Mode. */
  port: number | undefined;
  stop(): Promise<void>;
}

const CONTEXT_MESSAGES = 12;
const FORGET_USAGE: Reply = { kind: 'notice', text: 'Usage: /forget followed by a link to the thread (Copy link on its first message).' };

/**
 * The Slack adapter on Bolt: Socket Mode when an app token is set, else the HTTP receiver
 * (every request signature-checked). Slash commands are acknowledged at once and answered
 * through response_url, visible to the caller with a "Share in channel" button; mentions are
 * answered in their thread; a DM is a lookup of similar threads.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<SlackBot> {
  const { slack } = options;
  const logger = options.logger.child({ platform: 'slack' });
  const app = new App({
    token: slack.botToken,
    ...(slack.appToken ? { appToken: slack.appToken, socketMode: true } : { signingSecret: slack.signingSecret ?? '' }),
    ...(slack.apiUrl && { clientOptions: { slackApiUrl: slack.apiUrl } }),
    logLevel: LogLevel.ERROR,
  });
  /** Event ids already handled: Slack redelivers events it thinks were missed. */
  const seenEvents = new RecentMap<string, true>(5000);
  const platform = 'slack';

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId) {
      if (seenEvents.has(eventId)) return;
      seenEvents.set(eventId, true);
    }
    await next();
  });

  for (const command of commandsFor('slack')) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      await ack();
      const base = { user: payload.user_id, channel: payload.channel_id, platform } as const;
      const text = payload.text ?? '';
      const reply =
        command.kind === 'forget'
          ? await forgetCommandEvent(client, text, base).then((event) => (event ? options.respond(event) : FORGET_USAGE))
          : await options.respond({ kind: command.kind, text, ...base });
      await respond({ response_type: 'ephemeral', ...renderSlack(reply, { shareable: reply.kind === 'answer' }) });
    });
  }

  app.event('app_mention', async ({ event, client }) => {
    if (!event.user || event.bot_id) return;
    await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: 'eyes' }).catch((error: unknown) => logger.warn({ err: error }, 'cannot add the eyes reaction'));
    const context = event.thread_ts ? await threadContext(client, event.channel, event.thread_ts, event.ts) : [];
    const reply = await options.respond({ kind: 'ask', text: event.text, user: event.user, channel: event.channel, platform, ...(context.length > 0 && { context }) });
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, unfurl_links: false, ...renderSlack(reply) });
  });

  app.message(async ({ message, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user || !('text' in message)) return;
    const text = message.text ?? '';
    const reply = await options.respond({ kind: 'similar', text, user: message.user, channel: message.channel, platform, offerDraft: true });
    await client.chat.postMessage({ channel: message.channel, unfurl_links: false, ...renderSlack(reply) });
  });

  // Every button carries an id from the action-id codec; the answer it refers to is in the answer memory.
  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async (args) => {
    await args.ack();
    await respondToButton({ ...args, respondToEvent: options.respond, logger });
  });
  registerSolvedReaction(app, options.respond, logger);

  app.error(async (error) => {
    logger.error({ err: error }, 'slack handler failed');
  });

  async function threadContext(client: WebClient, channel: string, threadTs: string, currentTs: string): Promise<ConversationTurn[]> {
    try {
      const result = await client.conversations.replies({ channel, ts: threadTs, limit: 50 });
      return (result.messages ?? [])
        .filter((message) => message.ts !== currentTs && message.text)
        .slice(-CONTEXT_MESSAGES)
        .map((message) => ({ role: message.bot_id ? 'assistant' : 'user', text: message.text ?? '' }));
    } catch (error) {
      logger.warn({ err: error, channel }, 'cannot read the thread; answering without context');
      return [];
    }
  }

  let port: number | undefined;
  if (slack.appToken) {
    await app.start();
  } else {
    const server = (await app.start(slack.port)) as { address(): { port: number } | string | null };
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : slack.port;
  }
  logger.info({ mode: slack.appToken ? 'socket' : `http:${port}` }, 'Slack app started');
  return { app, port, stop: () => app.stop() as Promise<void> };
}
