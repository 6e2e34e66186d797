import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp, type SlackBot } from '../../src/adapters/slack/slack-app.js';
import { chatResponder, composeEngine, type ComposedEngine } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { createLogger } from '../../src/logger.js';
import { BOT_USER_ID, FakeSlackApi, signSlackRequest, type SlackCall } from '../fakes/fake-slack-api.js';
import { tempDir } from '../helpers/temp-db.js';
import { embeddings, ingestSharedCorpus, openTestKnowledge } from '../helpers/test-index.js';

const SECRET = 'test-signing-secret';
const LEARN = 'C0LEARN';
const UNLISTED = 'C0OTHER';
const SAVED = 'Saved: future questions like this will find this thread.';
const api = new FakeSlackApi();
const dir = tempDir();
const logger = createLogger('silent');
let config: Config;
let composed: ComposedEngine;
let bot: SlackBot;

async function start(): Promise<void> {
  composed = await composeEngine(config, embeddings.asEmbedder(), { knowledge: 'serve' });
  bot = await startSlackApp({ slack: config.slack, respond: chatResponder(config, composed, logger), logger });
}

async function stop(): Promise<void> {
  await bot.stop();
  await composed.close();
}

async function send(body: string, contentType: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST', body, headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body) } });
}

const event = (payload: Record<string, unknown>) =>
  send(
    JSON.stringify({ token: 'x', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `Ev${Math.random().toString(36).slice(2)}`, event_time: 1, authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true }], event: payload }),
    'application/json',
  );

const react = (channel: string, ts: string, user: string) => event({ type: 'reaction_added', user, reaction: 'white_check_mark', item: { type: 'message', channel, ts }, item_user: 'U0002', event_ts: `${Date.now() / 1000}` });

function click(actionId: string, user: string, channel: string, message?: Record<string, unknown>) {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user, team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    team: { id: 'T0001', domain: 'drivers' },
    channel: { id: channel, name: 'learn' },
    container: { type: 'message', message_ts: String(message?.ts ?? '1.1'), channel_id: channel, is_ephemeral: false },
    ...(message && { message }),
    trigger_id: '1.2.3',
    response_url: api.responseUrl(),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value: 'x', action_ts: '1.2' }],
  };
  return send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}

function slash(command: string, text: string, user: string) {
  const responseUrl = api.responseUrl();
  const body = new URLSearchParams({ token: 'x', team_id: 'T0001', team_domain: 'drivers', channel_id: LEARN, channel_name: 'learn', user_id: user, user_name: user, command, text, api_app_id: 'A0001', response_url: responseUrl, trigger_id: '1.2.3' }).toString();
  return { responseUrl, sent: send(body, 'application/x-www-form-urlencoded') };
}

/** A thread the fake serves (by ts, whatever the channel): the question by U0001 at `ts`, then replies. */
function thread(ts: string, question: string, replies: Array<{ user: string; text: string; ts: string }>) {
  const messages = [{ type: 'message', user: 'U0001', text: question, ts, thread_ts: ts, reply_count: replies.length }, ...replies.map((reply) => ({ type: 'message', ...reply, thread_ts: ts }))];
  api.threads.set(ts, messages);
  return messages;
}

const postedIn = (threadTs: string, text: string) => (call: SlackCall) => call.method === 'chat.postMessage' && call.params.thread_ts === threadTs && String(call.params.text).includes(text);
const top = async (text: string) => (await composed.engine.similar({ text })).results[0];

beforeAll(async () => {
  await ingestSharedCorpus(dir.path);
  const apiUrl = await api.start();
  for (const [user, name, isAdmin] of [['U0001', 'ada', false], ['U0002', 'grace', false], ['U0003', 'linus', false], ['U0009', 'admin', true]] as const) api.users.set(user, { name, isAdmin });
  api.channelNames.set(LEARN, 'driver-help');
  config = loadConfig({ env: { DRIVERDESK_DB: dir.path, LEARN_CHANNELS: LEARN, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: '1', SLACK_API_URL: apiUrl } });
  config = { ...config, slack: { ...config.slack, port: 0 } };
  await start();
});

afterAll(async () => {
  await stop();
  await api.stop();
  dir.remove();
});

describe('learning solved threads on Slack (real Bolt, fake Slack API)', () => {
  it('a ✅ by the asker on the reply that solved it makes the thread findable at once, with its permalink', async () => {
    thread('1700000100.000100', 'Our Manchego HID dext gets no input reports', [{ user: 'U0002', text: 'Manchego: add the usage page to the report descriptor.', ts: '1700000101.000100' }]);
    await react(LEARN, '1700000101.000100', 'U0001');
    await api.waitFor(postedIn('1700000100.000100', SAVED));
    expect(await top('Manchego HID dext gets no input reports')).toMatchObject({
      id: `${LEARN}:1700000100.000100`,
      url: `https://drivers.slack.com/archives/${LEARN}/p1700000100000100`,
    });
    const record = (await composed.knowledge?.findLearned(`slack::${LEARN}:1700000100.000100`))?.record;
    expect(record?.answers).toEqual([{ text: 'Manchego: add the usage page to the report descriptor.', author: expect.stringMatching(/^member-[0-9a-f]{6}$/), accepted: true }]);
    expect(record?.metadata).toMatchObject({ workspace: 'Drivers', channel: 'driver-help' });
  });

  it('stores nothing from a channel not listed, and does not read it', async () => {
    thread('1700000200.000100', 'Our Halloumi dext panics on unload', [{ user: 'U0002', text: 'Halloumi: cancel the timers in Stop.', ts: '1700000201.000100' }]);
    await react(UNLISTED, '1700000201.000100', 'U0001');
    thread('1700000300.000100', 'Our Pecorino dext panics on unload', [{ user: 'U0002', text: 'Pecorino: cancel the timers in Stop.', ts: '1700000301.000100' }]);
    await react(LEARN, '1700000301.000100', 'U0001');
    await api.waitFor(postedIn('1700000300.000100', SAVED));
    expect(api.calls.filter((call) => call.params.channel === UNLISTED)).toEqual([]);
    expect((await top('Halloumi dext panics on unload'))?.id).not.toBe(`${UNLISTED}:1700000200.000100`);
    expect(await composed.knowledge?.findLearned(`slack::${UNLISTED}:1700000200.000100`)).toBeUndefined();
  });

  it('"Mark solved" on the bot’s answer in a listed channel learns the thread; /forget by the asker removes it', async () => {
    const ts = '1700000400.000100';
    await event({ type: 'app_mention', user: 'U0001', text: `<@${BOT_USER_ID}> Gouda dext: IOServiceOpen returns 0xE00002BC from my app`, ts, channel: LEARN, event_ts: ts });
    const answer = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    const markSolved = (JSON.stringify(answer.params.blocks).match(/"action_id":"(dd:solved:[\w-]+)"/) as RegExpMatchArray)[1] as string;
    const botAnswer = { type: 'message', bot_id: 'B0001', user: BOT_USER_ID, text: String(answer.params.text), blocks: answer.params.blocks, ts: '1700000401.000100', thread_ts: ts };
    thread(ts, `<@${BOT_USER_ID}> Gouda dext: IOServiceOpen returns 0xE00002BC from my app`, [botAnswer as never, { user: 'U0003', text: 'Gouda: the app needs the user-client entitlement.', ts: '1700000402.000100' }]);

    await click(markSolved, 'U0002', LEARN, botAnswer);
    const refused = await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('Only the person who asked'));
    expect(refused.params).toMatchObject({ response_type: 'ephemeral' });
    await click(markSolved, 'U0001', LEARN, botAnswer);
    await api.waitFor(postedIn(ts, SAVED));
    expect((await top('Gouda dext IOServiceOpen returns 0xE00002BC'))?.id).toBe(`${LEARN}:${ts}`);
    const record = (await composed.knowledge?.findLearned(`slack::${LEARN}:${ts}`))?.record;
    expect(record?.question).toBe('Gouda dext: IOServiceOpen returns 0xE00002BC from my app');
    expect(record?.answers.map((reply) => reply.text)).toEqual(['Gouda: the app needs the user-client entitlement.']);

    const link = `https://drivers.slack.com/archives/${LEARN}/p${ts.replace('.', '')}`;
    const notYours = slash('/forget', link, 'U0002');
    await notYours.sent;
    await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('Only the person who asked or a moderator can forget'));
    const forget = slash('/forget', link, 'U0001');
    await forget.sent;
    await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('Forgotten'));
    expect((await top('Gouda dext IOServiceOpen returns 0xE00002BC'))?.id).not.toBe(`${LEARN}:${ts}`);
  });

  it('/forget without a link says how to use it', async () => {
    const usage = slash('/forget', 'that thread please', 'U0001');
    await usage.sent;
    await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('Usage: /forget'));
  });

  it('a vote on an answer given before a restart counts, and another process on the index sees it', async () => {
    const ts = '1700000500.000100';
    await event({ type: 'app_mention', user: 'U0001', text: `<@${BOT_USER_ID}> how do I block usb storage devices on macs now that kexts are deprecated?`, ts, channel: UNLISTED, event_ts: ts });
    const answer = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    const vote = (JSON.stringify(answer.params.blocks).match(/"action_id":"(dd:vote:up:([\w-]+))"/) as RegExpMatchArray).slice(1) as [string, string];
    expect(JSON.stringify(answer.params.blocks)).not.toContain('Mark solved');
    const other = await openTestKnowledge(dir.path);
    try {
      await stop();
      await start();
      await click(vote[0], 'U0003', UNLISTED);
      await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('Thanks, your vote was recorded.'));
      expect(await other.voteOf(vote[1], 'U0003')).toBe('up');
    } finally {
      await other.close();
    }
  });
});
