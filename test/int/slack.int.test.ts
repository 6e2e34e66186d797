import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, signSlackRequest, type SlackCall } from '../fakes/fake-slack-api.js';
import { blockActionPayload, eventCallback, nextTs, SIGNING_SECRET, sendSigned, type SlackHarness, slashCommandFields, startSlackHarness } from '../helpers/slack-harness.js';

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness();
});

afterAll(async () => {
  // Every call the bot made must be one Slack would accept.
  expect(slack.api.refused().map((call) => `${call.method}: ${call.error}`)).toEqual([]);
  await slack.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const textOf = (call: SlackCall) => JSON.stringify(call.params.blocks ?? call.params.text);

function slashCommand(command: string, text: string) {
  const responseUrl = slack.api.responseUrl();
  return { responseUrl, send: () => sendSigned(slack, form(slashCommandFields(command, text, responseUrl)), 'application/x-www-form-urlencoded') };
}

function click(actionId: string, value: string, channel = 'C0001') {
  const responseUrl = slack.api.responseUrl();
  const body = form({ payload: JSON.stringify(blockActionPayload(actionId, value, responseUrl, channel)) });
  return { responseUrl, send: () => sendSigned(slack, body, 'application/x-www-form-urlencoded') };
}

const mention = (event: Record<string, unknown>, eventId?: string) => sendSigned(slack, JSON.stringify(eventCallback(event, eventId)), 'application/json');

/** Asks with /ask and returns the answer's id (from its 👍 button) and the reply. */
async function askForAnswer(question: string): Promise<{ answerId: string; reply: SlackCall }> {
  const command = slashCommand('/ask', question);
  expect((await command.send()).status).toBe(200);
  const reply = await slack.api.waitFor((call) => call.url === command.responseUrl);
  expect(reply.params.response_type).toBe('ephemeral');
  expect(textOf(reply)).toContain('Sources');
  const answerId = (JSON.stringify(reply.params.blocks).match(/"action_id":"dd:vote:up:([\w-]+)"/) as RegExpMatchArray)[1] as string;
  return { answerId, reply };
}

describe('the Slack app, real Bolt HTTP receiver against a local fake Slack API', () => {
  it('/ask is acknowledged at once, then an ephemeral answer with sources arrives on response_url', async () => {
    const { reply } = await askForAnswer('how do I block usb storage devices on macs now that kexts are deprecated?');
    const blocks = JSON.stringify(reply.params.blocks);
    expect(blocks).toMatch(/\[1\] /);
    expect(blocks).toMatch(/\[\d\] <https:\/\/developer\.apple\.com\/forums\/thread\/\d+\|/);
    expect(blocks).toContain('Share in channel');
    expect(String(reply.params.text)).toContain('[1]');
  });

  it('"Share in channel" posts the answer for everyone', async () => {
    const { answerId } = await askForAnswer('how do I block usb storage devices on macs now that kexts are deprecated?');
    const after = slack.api.calls.length;
    expect((await click(`dd:share:${answerId}`, answerId).send()).status).toBe(200);
    const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === 'C0001' && textOf(call).includes('Sources'), { after });
    expect(textOf(post)).not.toContain('Share in channel');
    await slack.api.waitFor((call) => call.method === 'response_url' && call.params.delete_original === true, { after });
  });

  it('/similar lists similar threads', async () => {
    const command = slashCommand('/similar', 'virtual serial port with SerialDriverKit');
    await command.send();
    const reply = await slack.api.waitFor((call) => call.url === command.responseUrl);
    expect(textOf(reply)).toContain('*Similar threads*');
    expect(JSON.stringify(reply.params.blocks)).toMatch(/\d\. <https:\/\/developer\.apple\.com\/forums\/thread\/\d+\|/);
  });

  it('an empty command gets a short usage message', async () => {
    const command = slashCommand('/ask', '  ');
    await command.send();
    const reply = await slack.api.waitFor((call) => call.url === command.responseUrl);
    expect(reply.params.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('Usage');
  });

  it('an app_mention gets 👀 and the answer in its thread', async () => {
    const ts = nextTs();
    const response = await mention({ type: 'app_mention', user: 'U0003', text: `<@${BOT_USER_ID}> dext won't load on macOS 26, says Exec format error`, ts, channel: 'C0002', event_ts: ts });
    expect(response.status).toBe(200);
    const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    const reaction = await slack.api.waitFor((call) => call.method === 'reactions.add' && call.params.timestamp === ts);
    expect(reaction.params.name).toBe('eyes');
    expect(textOf(post)).toContain('Exec format error');
  });

  it('a mention inside a thread uses the earlier messages as context', async () => {
    const root = nextTs();
    const ts = nextTs();
    slack.api.threads.set(root, [
      { type: 'message', user: 'U0004', text: 'my SCSI dext probe only finds target 0 with IOUserSCSIParallelInterfaceController', ts: root },
      { type: 'message', bot_id: 'B0001', text: 'See the threads about SCSI target probing.', ts: nextTs() },
      { type: 'message', user: 'U0004', text: `<@${BOT_USER_ID}> what about on iPad?`, ts },
    ]);
    await mention({ type: 'app_mention', user: 'U0004', text: `<@${BOT_USER_ID}> what about on iPad?`, ts, thread_ts: root, channel: 'C0002', event_ts: ts });
    const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root);
    expect(slack.api.calls.some((call) => call.method === 'conversations.replies' && call.params.ts === root)).toBe(true);
    expect(textOf(post)).toMatch(/SCSI/);
  });

  it('a DM is a lookup: similar threads with links, and "Draft a full answer" drafts it', async () => {
    const ts = nextTs();
    const dm = `D${ts.replace('.', '')}`;
    await mention({ type: 'message', channel_type: 'im', user: 'U0005', text: 'IOServiceOpen gives me 0xE00002BC', ts, channel: dm, event_ts: ts });
    const post = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === dm);
    expect(textOf(post)).toContain('<https://developer.apple.com/forums/thread/825971|');
    expect(textOf(post)).toContain('Draft a full answer');
    const after = slack.api.calls.length;
    const draftId = (textOf(post).match(/dd:draft:([\w-]+)/) as RegExpMatchArray)[1] as string;
    await click(`dd:draft:${draftId}`, draftId, dm).send();
    const drafted = await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === dm, { after });
    expect(textOf(drafted)).toContain('Sources');
    expect(textOf(drafted)).toContain('kIOReturnError');
  });

  it('a 👍 click is recorded through the engine, once per user, the last click winning', async () => {
    const { answerId } = await askForAnswer('why does my usb serial dext lose its port when the mac sleeps and wakes?');
    for (const vote of ['down', 'up'] as const) {
      const action = click(`dd:vote:${vote}:${answerId}`, answerId);
      await action.send();
      // Only this click's own response_url can match: never the previous click's reply.
      const reply = await slack.api.waitFor((call) => call.url === action.responseUrl);
      expect(reply.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(reply.params.text)).toContain('vote was recorded');
      expect(await slack.feedback.voteOf(answerId, 'U0002')).toBe(vote);
    }
  });

  it('a redelivered event (X-Slack-Retry-Num) is answered exactly once', async () => {
    const ts = nextTs();
    const question = `<@${BOT_USER_ID}> why does my usb serial dext lose its port when the mac sleeps and wakes? (${ts})`;
    const body = JSON.stringify(eventCallback({ type: 'app_mention', user: 'U0006', text: question, ts, channel: 'C0003', event_ts: ts }, `EvRETRY${ts}`));
    await sendSigned(slack, body, 'application/json');
    await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
    for (const retry of ['1', '2']) {
      const response = await sendSigned(slack, body, 'application/json', { ...signSlackRequest(SIGNING_SECRET, body), 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' });
      expect(response.status).toBe(200);
    }
    // A later question's answer must come after anything the retries could have caused.
    const marker = nextTs();
    await mention({ type: 'app_mention', user: 'U0006', text: `<@${BOT_USER_ID}> what is a dext?`, ts: marker, channel: 'C0003', event_ts: marker });
    await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === marker);
    expect(slack.api.calls.filter((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts)).toHaveLength(1);
    expect(slack.events.filter((event) => 'text' in event && event.text === question)).toHaveLength(1);
  });

  it.each([
    ['a bad signature', (body: string) => ({ ...signSlackRequest('wrong-secret', body) })],
    ['a timestamp older than 5 minutes', (body: string) => signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60)],
  ])('rejects %s with 401 and posts nothing', async (_name, headersFor) => {
    const ts = nextTs();
    const body = JSON.stringify(eventCallback({ type: 'app_mention', user: 'U0007', text: `<@${BOT_USER_ID}> why does my dext crash?`, ts, channel: 'C0004', event_ts: ts }));
    const response = await sendSigned(slack, body, 'application/json', headersFor(body));
    expect(response.status).toBe(401);
    const marker = nextTs();
    await mention({ type: 'app_mention', user: 'U0007', text: `<@${BOT_USER_ID}> what is a dext?`, ts: marker, channel: 'C0004', event_ts: marker });
    await slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === marker);
    expect(slack.api.calls.filter((call) => call.params.timestamp === ts || call.params.thread_ts === ts)).toEqual([]);
  });

  it('escapes forum text so it can never become <!channel>, <@U…> or a link', async () => {
    const command = slashCommand('/ask', 'why does the FPGA capture card watchdog reset every hour?');
    await command.send();
    const reply = await slack.api.waitFor((call) => call.url === command.responseUrl);
    const text = JSON.stringify(reply.params.blocks) + String(reply.params.text);
    expect(text).toContain('disable ASPM');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@123&gt;');
    expect(text).not.toMatch(/<!channel>|<!here>|<@123>/);
  });
});
