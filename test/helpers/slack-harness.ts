import { join } from 'node:path';
import { startSlackApp, type SlackBot } from '../../src/adapters/slack/slack-app.js';
import type { ChatEvent } from '../../src/chat/chat-event.js';
import { ChatRateLimiter } from '../../src/chat/rate-limiter.js';
import type { Reply } from '../../src/chat/reply.js';
import { respondToEvent } from '../../src/chat/respond-to-event.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { APP_TOKEN, BOT_TOKEN, BOT_USER_ID, FakeSlackApi, signSlackRequest } from '../fakes/fake-slack-api.js';
import { fixturesDir } from './paths.js';
import { tempDir } from './temp-db.js';
import { ingestInto, ingestSharedCorpus, openTestEngine } from './test-index.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackHarness {
  api: FakeSlackApi;
  bot: SlackBot;
  /** The answer memory and votes (the knowledge tables). */
  feedback: LanceKnowledge;
  /** Every ChatEvent the adapter handed to the chat flow, in order. */
  events: ChatEvent[];
  /** The HTTP receiver's URL (HTTP mode only). */
  receiverUrl: string;
  stop(): Promise<void>;
}

export interface SlackHarnessOptions {
  socketMode?: boolean;
  /** Replaces the engine's reply for some events (e.g. a model answer with a token in it). */
  override?: (event: ChatEvent) => Reply | undefined;
  logger?: Logger;
}

/**
 * The real Bolt app over the real engine (shared corpus plus the untrusted-text fixture),
 * against a fresh fake Slack API: HTTP receiver by default, Socket Mode on request.
 */
export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const dir = tempDir();
  await ingestSharedCorpus(dir.path);
  await ingestInto(dir.path, [join(fixturesDir, 'untrusted-threads.jsonl')]);
  const opened = await openTestEngine(dir.path);
  const logger = options.logger ?? createLogger('silent');
  // Generous limits: the rate-limit behaviour has its own tests; here every question is answered.
  const rateLimiter = new ChatRateLimiter({ perUser: 10_000, perChannel: 100_000, windowSeconds: 60 });
  const events: ChatEvent[] = [];
  const respond = async (event: ChatEvent): Promise<Reply> => {
    events.push(event);
    return options.override?.(event) ?? respondToEvent({ engine: opened.engine, logger, rateLimiter, memory: opened.knowledge }, event);
  };
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const slack = {
    botToken: BOT_TOKEN,
    appToken: options.socketMode ? APP_TOKEN : undefined,
    signingSecret: options.socketMode ? undefined : SIGNING_SECRET,
    port: 0,
    apiUrl,
  };
  const bot = await startSlackApp({ slack, respond, logger });
  return {
    api,
    bot,
    feedback: opened.knowledge,
    events,
    receiverUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    stop: async () => {
      await bot.stop();
      await api.stop();
      await opened.close();
      dir.remove();
    },
  };
}

/** A signed POST to the receiver, as Slack sends it. */
export function sendSigned(harness: SlackHarness, body: string, contentType: string, headers: Record<string, string> = signSlackRequest(SIGNING_SECRET, body)): Promise<Response> {
  return fetch(harness.receiverUrl, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
}

let eventCounter = 0;

/** An event_callback body around `event`, with a fresh event_id unless one is given. */
export function eventCallback(event: unknown, eventId = `Ev${(eventCounter += 1)}${Math.random().toString(36).slice(2, 8)}`): Record<string, unknown> {
  return {
    token: 'x',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true }],
    event,
  };
}

/** A slash command's form fields, as Slack posts them. */
export function slashCommandFields(command: string, text: string, responseUrl: string, user = 'U0001'): Record<string, string> {
  return { token: 'x', team_id: 'T0001', team_domain: 'drivers', channel_id: 'C0001', channel_name: 'driver-help', user_id: user, user_name: 'alice', command, text, api_app_id: 'A0001', response_url: responseUrl, trigger_id: '1.2.3' };
}

/** A block_actions payload for one button click. */
export function blockActionPayload(actionId: string, value: string, responseUrl: string, channel = 'C0001', user = 'U0002'): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user, username: 'bob', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    team: { id: 'T0001', domain: 'drivers' },
    channel: { id: channel, name: 'driver-help' },
    container: { type: 'message', message_ts: '1.1', channel_id: channel, is_ephemeral: true },
    trigger_id: '1.2.3',
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.2' }],
  };
}

let tsCounter = 0;
/** A fresh Slack message timestamp. */
export const nextTs = () => `1700000000.${String((tsCounter += 1)).padStart(6, '0')}`;
