import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, type SlackCall } from '../fakes/fake-slack-api.js';
import { blockActionPayload, eventCallback, nextTs, type SlackHarness, slashCommandFields, startSlackHarness } from '../helpers/slack-harness.js';

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness({ socketMode: true });
});

afterAll(async () => {
  expect(slack.api.refused().map((call) => `${call.method}: ${call.error}`)).toEqual([]);
  // Every envelope was acknowledged once, and the client sent nothing else.
  expect(slack.api.socketMode.unexpected).toEqual([]);
  await slack.stop();
});

const textOf = (call: SlackCall) => JSON.stringify(call.params.blocks ?? '') + String(call.params.text ?? '');

async function mentionOverSocket(text: string): Promise<SlackCall> {
  const ts = nextTs();
  const ack = await slack.api.socketMode.send('events_api', eventCallback({ type: 'app_mention', user: 'U0400', text: `<@${BOT_USER_ID}> ${text}`, ts, channel: 'C0400', event_ts: ts }));
  expect(ack.payload ?? {}).toEqual({});
  return slack.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
}

describe('the Slack app in Socket Mode: the real Bolt SocketModeReceiver against a fake Socket Mode server', () => {
  it('connects with the app-level token through apps.connections.open and the hello message', async () => {
    expect(slack.bot.mode).toBe('Socket Mode');
    expect(slack.bot.port).toBeUndefined();
    expect(slack.api.socketMode.connections).toBe(1);
    expect(slack.api.calls.filter((call) => call.method === 'apps.connections.open')).toHaveLength(1);
  });

  it('an events_api envelope (app_mention) is acknowledged, then answered in its thread', async () => {
    const post = await mentionOverSocket("dext won't load on macOS 26, says Exec format error");
    expect(textOf(post)).toContain('Exec format error');
  });

  it('a slash_commands envelope is acknowledged, then answered on response_url', async () => {
    const responseUrl = slack.api.responseUrl();
    const ack = await slack.api.socketMode.send('slash_commands', slashCommandFields('/ask', 'how do I block usb storage devices on macs now that kexts are deprecated?', responseUrl));
    expect(ack.payload ?? {}).toEqual({});
    const reply = await slack.api.waitFor((call) => call.url === responseUrl);
    expect(reply.params.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('Sources');
  });

  it('an interactive envelope (a 👍 click) is acknowledged and recorded', async () => {
    const commandUrl = slack.api.responseUrl();
    await slack.api.socketMode.send('slash_commands', slashCommandFields('/ask', 'why does my usb serial dext lose its port when the mac sleeps and wakes?', commandUrl));
    const answer = await slack.api.waitFor((call) => call.url === commandUrl);
    const answerId = (JSON.stringify(answer.params.blocks).match(/"action_id":"dd:vote:up:([\w-]+)"/) as RegExpMatchArray)[1] as string;
    const clickUrl = slack.api.responseUrl();
    await slack.api.socketMode.send('interactive', blockActionPayload(`dd:vote:up:${answerId}`, answerId, clickUrl));
    const reply = await slack.api.waitFor((call) => call.url === clickUrl);
    expect(String(reply.params.text)).toContain('vote was recorded');
    expect(await slack.feedback.voteOf(answerId, 'U0002')).toBe('up');
  });

  it('an events_api envelope without an event, and a frame that is not JSON, are acknowledged or dropped, and the bot goes on', async () => {
    const before = slack.events.length;
    const ack = await slack.api.socketMode.send('events_api', { ...eventCallback(null), event: null });
    expect(ack.envelopeId).toBeTruthy();
    slack.api.socketMode.sendRaw('{"envelope_id": "x", "type": "events_api", "payload": ');
    const post = await mentionOverSocket('what replaced serviceMatching when porting IOKit code to DriverKit?');
    expect(textOf(post)).toContain('[1]');
    expect(slack.events.slice(before)).toHaveLength(1);
  });

  it('reconnects when Slack sends "disconnect", and answers over the new connection', async () => {
    const opened = slack.api.calls.filter((call) => call.method === 'apps.connections.open').length;
    slack.api.socketMode.disconnect();
    await slack.api.socketMode.waitForConnections(2);
    expect(slack.api.calls.filter((call) => call.method === 'apps.connections.open')).toHaveLength(opened + 1);
    const post = await mentionOverSocket('how do I handle interrupts from my PCIe card in a dext?');
    expect(textOf(post)).toContain('[1]');
  });
});
