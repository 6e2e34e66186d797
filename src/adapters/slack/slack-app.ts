import { App, type BlockAction, type ButtonAction } from '@slack/bolt';
import { type ChatPostMessageArguments, WebClient, type WebClientOptions } from '@slack/web-api';
import { ACTION_ID_PATTERN } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import { commandsFor } from '../../chat/commands.js';
import { RecentMap } from '../../chat/recent-map.js';
import type { Reply } from '../../chat/reply.js';
import { fireAndForget, SIDE_CALL_TIMEOUT_MS } from '../../chat/side-call.js';
import { untilAborted } from '../../chat/until-aborted.js';
import type { Config } from '../../config/types.js';
import type { ConversationTurn } from '../../engine/answer.js';
import type { Logger } from '../../logger.js';
import { renderSlack } from './render-slack.js';
import { respondToButton } from './slack-actions.js';
import { forgetCommandEvent, registerSolvedReaction } from './slack-learning.js';
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
const FORGET_USAGE: Reply = { kind: 'notice', text: 'Usage: /forget followed by a link to the thread (Copy link on its first message).' };
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
    const reply = await options.respond({ kind: 'ask', text, user, channel, platform, ...(context.length > 0 && { context }) });
    await post(client, { channel, thread_ts: event.thread_ts ?? ts, unfurl_links: false, ...renderSlack(reply) });
  });

  app.message(async ({ message, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || typeof message.user !== 'string') return;
    if (typeof message.channel !== 'string') return;
    const text = 'text' in message && typeof message.text === 'string' ? message.text : '';
    const reply = await options.respond({ kind: 'similar', text, user: message.user, channel: message.channel, platform, offerDraft: true });
    await post(client, { channel: message.channel, unfurl_links: false, ...renderSlack(reply) });
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
