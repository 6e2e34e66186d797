import { App, type BlockAction, type ButtonAction, type RespondFn, type SlackActionMiddlewareArgs } from '@slack/bolt';
import { type ChatPostMessageArguments, WebClient, type WebClientOptions } from '@slack/web-api';
import type { ChatEvent } from '../../chat/chat-event.js';
import { COMMANDS } from '../../chat/commands.js';
import { RecentMap } from '../../chat/recent-map.js';
import type { Reply } from '../../chat/reply.js';
import { fireAndForget, SIDE_CALL_TIMEOUT_MS } from '../../chat/side-call.js';
import { untilAborted } from '../../chat/until-aborted.js';
import type { Config } from '../../config/types.js';
import type { ConversationTurn } from '../../engine/answer.js';
import type { Logger } from '../../logger.js';
import { actionIds, renderSlack } from './render-slack.js';
import { boltLogger } from './slack-logger.js';
import { GuardedSlackReceiver } from './slack-receiver.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  respond: (event: ChatEvent) => Promise<Reply>;
  logger: Logger;
  /** Aborting it gives up starting: the app is stopped and the start rejects. */
  signal?: AbortSignal;
}

export interface SlackBot {
  app: App;
  /** The HTTP receiver's port (useful with SLACK_PORT=0); undefined in Socket Mode. */
  port: number | undefined;
  /** "Socket Mode" or "HTTP on port N", for the start-up line. */
  mode: string;
  stop(): Promise<void>;
}

const CONTEXT_MESSAGES = 12;
/** Posted when the answer itself cannot be (Slack refused its blocks, or its size). */
const CANNOT_POST = 'Sorry, I could not post the answer here. The maintainers have the details in the log.';

/**
 * The Slack adapter on Bolt: Socket Mode when an app token is set, else the HTTP receiver
 * (every request signature-checked). Slash commands are acknowledged at once and answered
 * through response_url, visible to the caller with a "Share in channel" button; mentions are
 * answered in their thread; a DM is a lookup of similar threads. Resolves once Slack accepted
 * the bot token (auth.test) and the receiver is listening or connected; rejects otherwise.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<SlackBot> {
  const { slack } = options;
  const logger = options.logger.child({ platform: 'slack' });
  const api = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  // Answers may retry a little; a request that hangs is abandoned rather than held forever.
  const clientOptions: WebClientOptions = { ...api, timeout: 20_000, retryConfig: { retries: 2, factor: 2 } };
  const receiver = new GuardedSlackReceiver(slack, logger);
  const app = new App({ token: slack.botToken, receiver, deferInitialization: true, logger: boltLogger(logger), clientOptions });
  /** Reactions and thread reads: one short try each, so they never hold up an answer. */
  const quick = new WebClient(slack.botToken, { ...api, timeout: SIDE_CALL_TIMEOUT_MS, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(logger) });
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
    if (event.bot_id) return;
    if (typeof event.user !== 'string' || typeof event.channel !== 'string' || typeof event.ts !== 'string') {
      logger.warn({ user: typeof event.user, channel: typeof event.channel }, 'ignored an app_mention without user, channel or ts');
      return;
    }
    const { channel, ts, user } = event;
    // The 👀 is a courtesy: the answer never waits for it.
    fireAndForget('reactions.add', () => quick.reactions.add({ channel, timestamp: ts, name: 'eyes' }), logger);
    const context = event.thread_ts ? await threadContext(channel, event.thread_ts, ts) : [];
    const text = typeof event.text === 'string' ? event.text : '';
    const reply = await options.respond({ kind: 'ask', text, user, channel, ...(context.length > 0 && { context }) });
    remember(reply);
    await post(client, { channel, thread_ts: event.thread_ts ?? ts, unfurl_links: false, ...renderSlack(reply) });
  });

  app.message(async ({ message, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || typeof message.user !== 'string') return;
    if (typeof message.channel !== 'string' || typeof message.ts !== 'string') return;
    const text = 'text' in message && typeof message.text === 'string' ? message.text : '';
    const reply = await options.respond({ kind: 'similar', text, user: message.user, channel: message.channel });
    drafts.set(message.ts, text);
    await post(client, { channel: message.channel, unfurl_links: false, ...renderSlack(reply, { draftKey: message.ts }) });
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
    await post(client, { channel: body.channel.id, unfurl_links: false, ...renderSlack(reply) });
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
    await post(client, { channel: body.channel.id, unfurl_links: false, ...renderSlack(reply) });
  }));

  app.error(async (error) => {
    logger.error({ err: error }, 'slack handler failed');
  });

  async function expired(respond: RespondFn): Promise<void> {
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'That button has expired; please ask again.' });
  }

  /** Posts a reply; when Slack refuses it, a short notice says so in the same place, and the log has why. */
  async function post(client: WebClient, message: ChatPostMessageArguments): Promise<void> {
    try {
      await client.chat.postMessage(message);
    } catch (error) {
      logger.error({ err: error, channel: message.channel }, 'cannot post the reply; posting a short notice instead');
      const thread = 'thread_ts' in message && message.thread_ts ? { thread_ts: message.thread_ts } : {};
      await client.chat
        .postMessage({ channel: message.channel, text: CANNOT_POST, ...thread })
        .catch((notice: unknown) => logger.error({ err: notice, channel: message.channel }, 'cannot post to the channel'));
    }
  }

  async function threadContext(channel: string, threadTs: string, currentTs: string): Promise<ConversationTurn[]> {
    try {
      const result = await quick.conversations.replies({ channel, ts: threadTs, limit: 50 });
      return (result.messages ?? [])
        .filter((message) => message.ts !== currentTs && typeof message.text === 'string' && message.text !== '')
        .slice(-CONTEXT_MESSAGES)
        .map((message) => ({ role: message.bot_id ? 'assistant' : 'user', text: message.text ?? '' }));
    } catch (error) {
      logger.warn({ err: error, channel }, 'cannot read the thread; answering without context');
      return [];
    }
  }

  let port: number | undefined;
  const start = async () => {
    // auth.test: a bad or revoked bot token fails here, not on the first question.
    await app.init();
    // Socket Mode: resolves on Slack's "hello"; HTTP: once the port is listening.
    const started = (await app.start(...(slack.appToken ? [] : [slack.port]))) as { address?(): { port: number } | string | null };
    const address = started.address?.();
    port = slack.appToken ? undefined : typeof address === 'object' && address ? address.port : slack.port;
  };
  try {
    await untilAborted(start(), options.signal);
  } catch (error) {
    await Promise.resolve()
      .then(() => app.stop())
      .catch(() => undefined);
    throw error;
  }
  const mode = slack.appToken ? 'Socket Mode' : `HTTP on port ${port}`;
  logger.info({ mode }, 'connected to Slack');
  return { app, port, mode, stop: () => app.stop() as Promise<void> };
}
