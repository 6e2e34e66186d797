import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp, type SlackBot } from '../../src/adapters/slack/slack-app.js';
import type { ChatEvent } from '../../src/chat/chat-event.js';
import { ChatRateLimiter } from '../../src/chat/rate-limiter.js';
import { respondToEvent } from '../../src/chat/respond-to-event.js';
import type { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { BOT_USER_ID, FakeSlackApi, signSlackRequest, type SlackCall } from '../fakes/fake-slack-api.js';
import { fixturesDir } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestInto, ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';

const SECRET = 'test-signing-secret';
const dir = tempDir();
const api = new FakeSlackApi();
let bot: SlackBot;
let index: LanceThreadIndex;
let feedback: LanceKnowledge;
let answered = 0;
let receiverUrl: string;

beforeAll(async () => {
  await ingestSharedCorpus(dir.path);
  await ingestInto(dir.path, [join(fixturesDir, 'untrusted-threads.jsonl')]);
  const opened = await openTestEngine(dir.path);
  ({ index, feedback } = opened);
  const logger = createLogger('silent');
  const rateLimiter = new ChatRateLimiter({ perUser: 100, perChannel: 1000, windowSeconds: 60 });
  const respond = (event: ChatEvent) => {
    if (event.kind === 'ask') answered += 1;
    return respondToEvent({ engine: opened.engine, logger, rateLimiter, memory: opened.knowledge }, event);
  };
  const apiUrl = await api.start();
  bot = await startSlackApp({ slack: { botToken: 'xoxb-test', appToken: undefined, signingSecret: SECRET, port: 0, apiUrl }, respond, logger });
  receiverUrl = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await api.stop();
  index?.close();
  dir.remove();
});

async function send(body: string, contentType: string, headers: Record<string, string> = signSlackRequest(SECRET, body)): Promise<Response> {
  return fetch(receiverUrl, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
}

function slashCommand(command: string, text: string, responseUrl = api.responseUrl()) {
  const body = new URLSearchParams({ token: 'x', team_id: 'T0001', team_domain: 'drivers', channel_id: 'C0001', channel_name: 'driver-help', user_id: 'U0001', user_name: 'alice', command, text, api_app_id: 'A0001', response_url: responseUrl, trigger_id: '1.2.3' }).toString();
  return { body, responseUrl, send: () => send(body, 'application/x-www-form-urlencoded') };
}

function eventCallback(event: Record<string, unknown>, eventId = `Ev${Math.random().toString(36).slice(2)}`) {
  return JSON.stringify({ token: 'x', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true }], event });
}

function blockAction(actionId: string, value: string, responseUrl = api.responseUrl(), channel = 'C0001') {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0002', username: 'bob', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    team: { id: 'T0001', domain: 'drivers' },
    channel: { id: channel, name: 'driver-help' },
    container: { type: 'message', message_ts: '1.1', channel_id: channel, is_ephemeral: true },
    trigger_id: '1.2.3',
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.2' }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { responseUrl, send: () => send(body, 'application/x-www-form-urlencoded') };
}

const textOf = (call: SlackCall) => JSON.stringify(call.params.blocks ?? call.params.text);

describe('the Slack app, real Bolt HTTP receiver against a local fake Slack API', () => {
  let answerId: string;

  it('/ask is acknowledged at once, then an ephemeral answer with sources arrives on response_url', async () => {
    const command = slashCommand('/ask', 'how do I block usb storage devices on macs now that kexts are deprecated?');
    const ack = await command.send();
    expect(ack.status).toBe(200);
    const reply = await api.waitFor((call) => call.method === 'response_url' && call.params.response_type === 'ephemeral' && JSON.stringify(call.params).includes('Sources'));
    expect(reply.params.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(reply.params.blocks);
    expect(blocks).toMatch(/\[1\] /);
    expect(blocks).toMatch(/\[\d\] <https:\/\/developer\.apple\.com\/forums\/thread\/\d+\|/);
    expect(blocks).toContain('Share in channel');
    expect(String(reply.params.text)).toContain('[1]');
    answerId = (blocks.match(/"action_id":"dd:vote:up:([\w-]+)"/) as RegExpMatchArray)[1] as string;
  });

  it('"Share in channel" posts the answer for everyone', async () => {
    const action = blockAction(`dd:share:${answerId}`, answerId);
    expect((await action.send()).status).toBe(200);
    const post = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === 'C0001' && textOf(call).includes('Sources'));
    expect(textOf(post)).not.toContain('Share in channel');
    await api.waitFor((call) => call.method === 'response_url' && call.params.delete_original === true);
  });

  it('/similar lists similar threads', async () => {
    const command = slashCommand('/similar', 'virtual serial port with SerialDriverKit');
    await command.send();
    const reply = await api.waitFor((call) => call.method === 'response_url' && JSON.stringify(call.params).includes('*Similar threads*'));
    expect(JSON.stringify(reply.params.blocks)).toMatch(/\d\. <https:\/\/developer\.apple\.com\/forums\/thread\/\d+\|/);
  });

  it('an empty command gets a short usage message', async () => {
    const command = slashCommand('/ask', '  ');
    await command.send();
    const reply = await api.waitFor((call) => call.method === 'response_url' && JSON.stringify(call.params).includes('Usage'));
    expect(reply.params.response_type).toBe('ephemeral');
  });

  it('an app_mention gets 👀 at once and the answer in its thread', async () => {
    const ts = '1700000000.000100';
    const response = await send(eventCallback({ type: 'app_mention', user: 'U0003', text: `<@${BOT_USER_ID}> dext won't load on macOS 26, says Exec format error`, ts, channel: 'C0002', event_ts: ts }), 'application/json');
    expect(response.status).toBe(200);
    const post = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    const reaction = api.calls.find((call) => call.method === 'reactions.add' && call.params.timestamp === ts);
    expect(reaction?.params.name).toBe('eyes');
    expect(reaction!.at).toBeLessThan(post.at);
    expect(textOf(post)).toContain('Exec format error');
  });

  it('a mention inside a thread uses the earlier messages as context', async () => {
    const root = '1700000000.000200';
    const ts = '1700000000.000300';
    api.threads.set(root, [
      { type: 'message', user: 'U0004', text: 'my SCSI dext probe only finds target 0 with IOUserSCSIParallelInterfaceController', ts: root },
      { type: 'message', bot_id: 'B0001', text: 'See the threads about SCSI target probing.', ts: '1700000000.000250' },
      { type: 'message', user: 'U0004', text: `<@${BOT_USER_ID}> what about on iPad?`, ts },
    ]);
    await send(eventCallback({ type: 'app_mention', user: 'U0004', text: `<@${BOT_USER_ID}> what about on iPad?`, ts, thread_ts: root, channel: 'C0002', event_ts: ts }), 'application/json');
    const post = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root);
    expect(api.calls.some((call) => call.method === 'conversations.replies' && call.params.ts === root)).toBe(true);
    expect(textOf(post)).toMatch(/SCSI/);
  });

  it('a DM is a lookup: similar threads with links and a "Draft a full answer" button', async () => {
    const ts = '1700000000.000400';
    await send(eventCallback({ type: 'message', channel_type: 'im', user: 'U0005', text: 'IOServiceOpen gives me 0xE00002BC', ts, channel: 'D0001', event_ts: ts }), 'application/json');
    const post = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === 'D0001');
    expect(textOf(post)).toContain('<https://developer.apple.com/forums/thread/825971|');
    expect(textOf(post)).toContain('Draft a full answer');
    const draftId = (textOf(post).match(/dd:draft:([\w-]+)/) as RegExpMatchArray)[1] as string;
    await blockAction(`dd:draft:${draftId}`, draftId, api.responseUrl(), 'D0001').send();
    const drafted = await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === 'D0001' && textOf(call).includes('Sources'));
    expect(textOf(drafted)).toContain('kIOReturnError');
  });

  it('a 👍 click is recorded through the engine, once per user, the last click winning', async () => {
    const recorded = () => api.calls.filter((call) => call.method === 'response_url' && String(call.params.text).includes('vote was recorded'));
    for (const vote of ['down', 'up']) {
      const before = recorded().length;
      const action = blockAction(`dd:vote:${vote}:${answerId}`, answerId);
      await action.send();
      // This click's confirmation, not the previous one's.
      const reply = await api.waitFor((call) => call.method === 'response_url' && String(call.params.text).includes('vote was recorded') && recorded().length > before);
      expect(reply.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(await feedback.voteOf(answerId, 'U0002')).toBe(vote);
    }
    expect(await feedback.voteOf(answerId, 'U0002')).toBe('up');
  });

  it('a redelivered event (X-Slack-Retry-Num) is answered exactly once', async () => {
    const ts = '1700000000.000500';
    const body = eventCallback({ type: 'app_mention', user: 'U0006', text: `<@${BOT_USER_ID}> why does my usb serial dext lose the port after sleep?`, ts, channel: 'C0003', event_ts: ts }, 'EvRETRY1');
    const before = answered;
    await send(body, 'application/json');
    await api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    for (const retry of ['1', '2']) {
      const response = await send(body, 'application/json', { ...signSlackRequest(SECRET, body), 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' });
      expect(response.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.calls.filter((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts)).toHaveLength(1);
    expect(answered - before).toBe(1);
  });

  it.each([
    ['a bad signature', (body: string) => ({ ...signSlackRequest('wrong-secret', body) })],
    ['a timestamp older than 5 minutes', (body: string) => signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60)],
  ])('rejects %s with 401 and posts nothing', async (_name, headersFor) => {
    const before = api.calls.length;
    const ts = `1700000000.${Math.floor(Math.random() * 1e6)}`;
    const body = eventCallback({ type: 'app_mention', user: 'U0007', text: `<@${BOT_USER_ID}> why does my dext crash?`, ts, channel: 'C0004', event_ts: ts });
    const response = await send(body, 'application/json', headersFor(body));
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.calls.slice(before)).toEqual([]);
  });

  it('escapes forum text so it can never become <!channel>, <@U…> or a link', async () => {
    const command = slashCommand('/ask', 'why does the FPGA capture card watchdog reset every hour?');
    await command.send();
    const reply = await api.waitFor((call) => call.method === 'response_url' && JSON.stringify(call.params).includes('FPGA'));
    const text = JSON.stringify(reply.params.blocks) + String(reply.params.text);
    expect(text).toContain('disable ASPM');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@123&gt;');
    expect(text).not.toMatch(/<!channel>|<!here>|<@123>/);
  });
});
