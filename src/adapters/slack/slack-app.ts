import { App, LogLevel, type BlockAction, type ButtonAction, type RespondFn, type SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ChatEvent } from '../../chat/chat-event.js';
import { COMMANDS } from '../../chat/commands.js';
import { RecentMap } from '../../chat/recent-map.js';
import type { Reply } from '../../chat/reply.js';
import type { Config } from '../../config/types.js';
import type { ConversationTurn } from '../../engine/answer.js';
import type { Logger } from '../../logger.js';
import { actionIds, renderSlack } from './render-slack.js';

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
  /** Replies behind buttons: for "Share in channel" and "Similar threads". */
  const replies = new RecentMap<string, Reply & { kind: 'answer' }>(2000);
  const drafts = new RecentMap<string, string>(2000);
  /** Event ids already handled: Slack redelivers events it thinks were missed. */
  const seenEvents = new RecentMap<string, true>(5000);

  const remember = (reply: Reply) => {
    if (reply.kind === 'answer') replies.set(reply.answer.answerId, reply);
  };

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId) {
      if (seenEvents.has(eventId)) return;
      seenEvents.set(eventId, true);
    }
    await next();
  });

  for (const command of COMMANDS) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      await ack();
      const reply = await options.respond({ kind: command.kind, text: payload.text ?? '', user: payload.user_id, channel: payload.channel_id });
      remember(reply);
      await respond({ response_type: 'ephemeral', ...renderSlack(reply, { shareable: reply.kind === 'answer' }) });
    });
  }

  app.event('app_mention', async ({ event, client }) => {
    if (!event.user || event.bot_id) return;
    await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: 'eyes' }).catch((error: unknown) => logger.warn({ err: error }, 'cannot add the eyes reaction'));
    const context = event.thread_ts ? await threadContext(client, event.channel, event.thread_ts, event.ts) : [];
    const reply = await options.respond({ kind: 'ask', text: event.text, user: event.user, channel: event.channel, ...(context.length > 0 && { context }) });
    remember(reply);
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, unfurl_links: false, ...renderSlack(reply) });
  });

  app.message(async ({ message, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user || !('text' in message)) return;
    const text = message.text ?? '';
    const reply = await options.respond({ kind: 'similar', text, user: message.user, channel: message.channel });
    drafts.set(message.ts, text);
    await client.chat.postMessage({ channel: message.channel, unfurl_links: false, ...renderSlack(reply, { draftKey: message.ts }) });
  });

  const onButton = (handler: (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { client: WebClient }) => Promise<void>) =>
    async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { client: WebClient }) => {
      await args.ack();
      await handler(args);
    };

  for (const vote of ['up', 'down'] as const) {
    app.action<BlockAction<ButtonAction>>(actionIds.vote(vote), onButton(async ({ action, body, respond }) => {
      const reply = await options.respond({ kind: 'feedback', answerId: action.value ?? '', vote, user: body.user.id, channel: body.channel?.id ?? '' });
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) });
    }));
  }

  app.action<BlockAction<ButtonAction>>(actionIds.share, onButton(async ({ action, body, client, respond }) => {
    const reply = replies.get(action.value ?? '');
    if (!reply || !body.channel?.id) return expired(respond);
    await client.chat.postMessage({ channel: body.channel.id, unfurl_links: false, ...renderSlack(reply) });
    await respond({ delete_original: true });
  }));

  app.action<BlockAction<ButtonAction>>(actionIds.similar, onButton(async ({ action, body, respond }) => {
    const question = replies.get(action.value ?? '')?.answer.question;
    if (question === undefined) return expired(respond);
    const reply = await options.respond({ kind: 'similar', text: question, user: body.user.id, channel: body.channel?.id ?? '' });
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) });
  }));

  app.action<BlockAction<ButtonAction>>(actionIds.draft, onButton(async ({ action, body, client, respond }) => {
    const text = drafts.get(action.value ?? '');
    if (text === undefined || !body.channel?.id) return expired(respond);
    const reply = await options.respond({ kind: 'ask', text, user: body.user.id, channel: body.channel.id });
    remember(reply);
    await client.chat.postMessage({ channel: body.channel.id, unfurl_links: false, ...renderSlack(reply) });
  }));

  app.error(async (error) => {
    logger.error({ err: error }, 'slack handler failed');
  });

  async function expired(respond: RespondFn): Promise<void> {
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'That button has expired; please ask again.' });
  }

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
