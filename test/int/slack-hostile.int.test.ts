import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_MAX_BODY_BYTES } from '../../src/adapters/slack/slack-receiver.js';
import { BOT_USER_ID, type SlackCall, signSlackRequest } from '../fakes/fake-slack-api.js';
import { hostileTexts } from '../fakes/hostile-texts.js';
import { blockActionPayload, eventCallback, nextTs, SIGNING_SECRET, sendSigned, type SlackHarness, slashCommandFields, startSlackHarness } from '../helpers/slack-harness.js';

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness();
});

afterAll(async () => {
  expect(slack.api.refused().map((call) => `${call.method}: ${call.error}`)).toEqual([]);
  await slack.stop();
});

const json = (value: unknown) => JSON.stringify(value);
const textOf = (call: SlackCall) => JSON.stringify(call.params.blocks ?? '') + String(call.params.text ?? '');
const postsTo = (ts: string) => slack.api.calls.filter((call) => call.method === 'chat.postMessage' && (call.params.thread_ts === ts || call.params.timestamp === ts));

/** A well-formed mention whose answer must arrive: the positive event a negative check waits for. */
async function answeredMarker(channel = 'C0100'): Promise<void> {
  const ts = nextTs();
  await sendSigned(slack, json(eventCallback({ type: 'app_mention', user: 'U0100', text: `<@${BOT_USER_ID}> what is a dext?`, ts, channel, event_ts: ts })), 'application/json');
  await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
}

/** Sends a raw body with node:http and resolves with the status, or the socket error's code. */
function rawPost(body: Buffer, headers: Record<string, string>, chunked = false): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(slack.receiverUrl, { method: 'POST', headers: { ...headers, ...(!chunked && { 'content-length': String(body.length) }) } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    if (chunked) {
      for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
      request.end();
    } else {
      request.end(body);
    }
  });
}

describe('hostile Slack payloads against the real Bolt HTTP receiver', () => {
  it.each([
    ['an event_callback whose event is null', null],
    ['an event_callback whose event is a string', 'app_mention'],
    ['an app_mention without user', { type: 'app_mention', text: `<@${BOT_USER_ID}> hi`, ts: '1.1', channel: 'C0101' }],
    ['an app_mention without channel', { type: 'app_mention', text: `<@${BOT_USER_ID}> hi`, ts: '1.2', user: 'U0101' }],
    ['an app_mention whose user is an object', { type: 'app_mention', text: 'hi', ts: '1.3', user: { id: 'U1' }, channel: 'C0101' }],
  ])('%s is acknowledged (200, never a 5xx) and ignored', async (_name, event) => {
    const before = slack.events.length;
    const response = await sendSigned(slack, json(eventCallback(event)), 'application/json');
    expect(response.status).toBe(200);
    await answeredMarker();
    // Only the marker reached the chat flow.
    expect(slack.events.slice(before)).toHaveLength(1);
    expect(slack.api.calls.filter((call) => call.params.channel === 'C0101' || call.params.timestamp === '1.2')).toEqual([]);
  });

  it.each([
    ['block_actions without actions', 'application/x-www-form-urlencoded', () => new URLSearchParams({ payload: json({ ...blockActionPayload('dd:vote:up', 'x', slack.api.responseUrl()), actions: null }) }).toString()],
    ['a slash command without user_id', 'application/x-www-form-urlencoded', () => new URLSearchParams({ ...slashCommandFields('/ask', 'hi', slack.api.responseUrl()), user_id: '' }).toString().replace('user_id=&', '')],
    ['a JSON body of unknown shape', 'application/json', () => json({ hello: 'world' })],
    ['a deeply nested JSON body', 'application/json', () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
  ])('%s is acknowledged at once without reaching a handler', async (_name, contentType, bodyOf) => {
    const before = slack.events.length;
    const response = await sendSigned(slack, bodyOf(), contentType);
    expect(response.status).toBe(200);
    await answeredMarker();
    expect(slack.events.slice(before)).toHaveLength(1);
  });

  it('a malformed JSON body gets a 400', async () => {
    const response = await sendSigned(slack, '{"type": "event_callback", "event": {', 'application/json');
    expect(response.status).toBe(400);
  });

  it.each([
    ['with a content-length', false],
    ['chunked', true],
  ])('a 9 MB deeply nested body (%s) is refused with 413 without resetting the connection', async (_name, chunked) => {
    const list = Array.from({ length: 40_000 }, (_, depth) => `${'  '.repeat(depth % 100)}- item ${depth}`).join('\n');
    const body = Buffer.from(json(eventCallback({ type: 'app_mention', user: 'U0102', text: list.repeat(2), ts: nextTs(), channel: 'C0102' })));
    expect(body.length).toBeGreaterThan(8 * SLACK_MAX_BODY_BYTES);
    const result = await rawPost(body, { 'content-type': 'application/json', ...signSlackRequest(SIGNING_SECRET, body.toString()) }, chunked);
    expect(result).toEqual({ status: 413 });
    await answeredMarker();
  });
});

describe('every hostile question gets exactly one reply', () => {
  it('answers ~1,000 hostile texts sent as mentions inside threads, each once, with nothing unescaped or leaked', { timeout: 300_000 }, async () => {
    const texts = hostileTexts();
    const roots: string[] = [];
    const queue = texts.map((text, index) => ({ text, index }));
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const root = nextTs();
        const ts = nextTs();
        roots[item.index] = root;
        // Earlier turns, read through conversations.replies, are hostile too.
        slack.api.threads.set(root, [
          { type: 'message', user: 'U0200', text: texts[(item.index + 1) % texts.length], ts: root },
          { type: 'message', bot_id: 'B0001', text: '<!channel> earlier bot turn', ts: nextTs() },
          { type: 'message', user: 'U0200', text: item.text, ts },
        ]);
        const body = json(eventCallback({ type: 'app_mention', user: `U${item.index % 40}`, text: `<@${BOT_USER_ID}|driverdesk> ${item.text}`, ts, thread_ts: root, channel: 'C0200', event_ts: ts }));
        const response = await sendSigned(slack, body, 'application/json');
        expect(response.status, `text #${item.index}`).toBe(200);
        // Generous: on a busy machine a thousand answers queue behind each other.
        await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root, { timeoutMs: 120_000 });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await answeredMarker('C0200');
    const replies = roots.map((root) => postsTo(root));
    expect(replies.filter((posts) => posts.length !== 1).length).toBe(0);
    const posted = replies.flat().map(textOf).join('\n');
    expect(posted).not.toMatch(/<!(channel|here|everyone)|<@U|@everyone|@here/);
    expect(posted).not.toMatch(/xoxb-\d|sk-proj-|ghp_[a-z0-9]{20}|AKIAIOSFODNN7EXAMPLE|MTAyNDk4NzY1NDMyMTAxMjM0NQ\./);
  });
});

describe('a failing side call never blocks the answer', () => {
  it.each([
    ['never answers', 'hang'],
    ['answers HTTP 500', 'http500'],
    ['resets the connection', 'reset'],
  ] as const)('reactions.add that %s: the answer still arrives', async (_name, fault) => {
    slack.api.faults.set('reactions.add', fault);
    try {
      const ts = nextTs();
      await sendSigned(slack, json(eventCallback({ type: 'app_mention', user: 'U0300', text: `<@${BOT_USER_ID}> dext won't load on macOS 26, says Exec format error`, ts, channel: 'C0300', event_ts: ts })), 'application/json');
      const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
      expect(textOf(post)).toContain('Exec format error');
      // One try, no retries.
      expect(slack.api.calls.filter((call) => call.method === 'reactions.add' && call.params.timestamp === ts)).toHaveLength(1);
    } finally {
      slack.api.faults.delete('reactions.add');
    }
  });

  it('a thread that cannot be read (conversations.replies answers 500) is answered without its context', async () => {
    slack.api.faults.set('conversations.replies', 'http500');
    try {
      const root = nextTs();
      const ts = nextTs();
      await sendSigned(slack, json(eventCallback({ type: 'app_mention', user: 'U0301', text: `<@${BOT_USER_ID}> how do I block usb storage on macOS?`, ts, thread_ts: root, channel: 'C0301', event_ts: ts })), 'application/json');
      const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root);
      expect(textOf(post)).toMatch(/USB/i);
    } finally {
      slack.api.faults.delete('conversations.replies');
    }
  });
});
