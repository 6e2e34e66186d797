import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../src/adapters/discord/discord-bot.js';
import { ChatRateLimiter } from '../../src/chat/rate-limiter.js';
import { respondToEvent } from '../../src/chat/respond-to-event.js';
import type { ChatEvent } from '../../src/chat/chat-event.js';
import type { Reply } from '../../src/chat/reply.js';
import type { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { AUTO_CHANNEL, BOT_USER, DM_CHANNEL, FakeDiscordServer, OTHER_CHANNEL, userOf, type RecordedCall } from '../fakes/fake-discord-server.js';
import { fixturesDir } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestInto, ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';
import { join } from 'node:path';

const dir = tempDir();
const discord = new FakeDiscordServer();
let bot: DiscordBot;
let index: LanceThreadIndex;
let feedback: LanceKnowledge;
let userCounter = 0;
/** A new user per test, so the per-user rate limit of one test never touches another. */
const freshUser = () => userOf(`80000000000000${String(100 + (userCounter += 1))}`, `dev${userCounter}`);

const messagesTo = (channelId: string, from: number) =>
  discord.callsSince(from).filter((call) => call.method === 'POST' && call.path === `/channels/${channelId}/messages`);

beforeAll(async () => {
  await ingestSharedCorpus(dir.path);
  await ingestInto(dir.path, [join(fixturesDir, 'untrusted-threads.jsonl')]);
  const opened = await openTestEngine(dir.path);
  index = opened.index;
  feedback = opened.feedback;
  const logger = createLogger('silent');
  const rateLimiter = new ChatRateLimiter({ perUser: 3, perChannel: 1000, windowSeconds: 60 });
  const respond = (event: ChatEvent): Promise<Reply> => {
    if (event.kind === 'ask' && event.text.includes('LONG ANSWER PLEASE')) {
      const paragraph = 'Check the `IOUSBHostInterface` open options before you call CopyPipe [1]. '.repeat(9);
      const answer = `${Array.from({ length: 7 }, () => paragraph).join('\n\n')}\n\n\`\`\`cpp\n${'kern_return_t ret = ivars->interface->Open(this, 0, nullptr);\n'.repeat(40)}\`\`\``;
      return Promise.resolve({
        kind: 'answer',
        answer: { answerId: 'long-1', question: event.text, answer, mode: 'extractive', confidence: 0.9, citations: [{ id: '1', title: 'Pipes', url: 'https://example.org/1' }], similar: [], searchedFor: '', decodedCodes: [], drafter: 'extractive' },
      });
    }
    return respondToEvent({ engine: opened.engine, logger, rateLimiter, memory: opened.knowledge }, event);
  };
  const apiUrl = await discord.start();
  bot = await startDiscordBot({ token: 'fake-token', apiUrl, channels: [AUTO_CHANNEL], respond, logger });
});

afterAll(async () => {
  // Every call the bot made must be one the fake (that is, Discord's API) knows.
  expect(discord.calls.filter((call) => call.status === 404).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  await bot?.stop();
  await discord.stop();
  index?.close();
  dir.remove();
});

describe('the Discord bot, real discord.js against a local fake Discord', () => {
  let threadId: string;

  it('answers a question in an auto channel: 👀 at once, a thread, the answer with sources', async () => {
    const from = discord.calls.length;
    const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'how do I block usb storage devices on macs now that kexts are deprecated?', author: freshUser() });
    const thread = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${AUTO_CHANNEL}/messages/${question.id}/threads`);
    threadId = question.id;
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages`);
    const reaction = discord.callsSince(from).find((call) => call.method === 'PUT' && call.path.includes('/reactions/'));
    expect(decodeURIComponent(reaction?.path ?? '')).toContain('👀');
    expect(reaction!.at).toBeLessThan(thread.at);
    expect(String(thread.body?.name)).toBe('how do I block usb storage devices on macs now that kexts are deprecated?');
    const content = String(answer.body?.content);
    expect(content).toContain('[1]');
    expect(content).toMatch(/\*\*Sources\*\*\n\[1\] /);
    // Sources with a URL are clickable links (without an unfurled preview).
    expect(content).toMatch(/\n\[\d\] \[.+\]\(<https:\/\/developer\.apple\.com\/forums\/thread\/\d+>\)/);
    expect(answer.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const buttons = JSON.stringify(answer.body?.components);
    expect(buttons).toContain('dd:vote:up:');
    expect(buttons).toContain('Similar threads');
  });

  it('ignores chatter in an auto channel and messages from bots', async () => {
    const from = discord.calls.length;
    discord.userMessage({ channelId: AUTO_CHANNEL, content: 'thanks, that worked', author: freshUser() });
    discord.userMessage({ channelId: AUTO_CHANNEL, content: 'why does my dext crash?', author: { ...freshUser(), bot: true } as ReturnType<typeof userOf> });
    discord.userMessage({ channelId: OTHER_CHANNEL, content: 'why does my dext crash on wake?', author: freshUser() });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(discord.callsSince(from)).toEqual([]);
  });

  it('answers a mention in any channel', async () => {
    const question = discord.userMessage({ channelId: OTHER_CHANNEL, content: `<@${BOT_USER.id}> dext won't load on macOS 26, says Exec format error`, mentionsBot: true, author: freshUser() });
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
    expect(String(answer.body?.content)).toContain('Exec format error');
  });

  it('answers a follow-up in its thread using the earlier turns', async () => {
    const from = discord.calls.length;
    discord.userMessage({ channelId: threadId, content: 'and which entitlement would that need?', author: freshUser() });
    const answer = await discord.waitFor((call) => call.at > (discord.calls[from - 1]?.at ?? 0) && call.method === 'POST' && call.path === `/channels/${threadId}/messages`);
    expect(discord.callsSince(from).some((call) => call.method === 'GET' && call.path === `/channels/${threadId}/messages`)).toBe(true);
    // The follow-up alone says nothing about USB storage; the earlier question does.
    expect(String(answer.body?.content)).toMatch(/USB/i);
  });

  it('/ask defers at once, then edits in the answer', async () => {
    const from = discord.calls.length;
    const interaction = discord.interaction({ type: 2, data: { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'SCSI probe only finds target 0 in my IOUserSCSIParallelInterfaceController dext' }] } });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(`/webhooks/`) && call.path.includes(interaction.token));
    const callback = discord.callsSince(from).find((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback?.body).toMatchObject({ type: 5 });
    expect(callback!.at).toBeLessThan(edit.at);
    // A long answer continues in follow-ups; the sources come with the last piece, with the buttons.
    const last = await discord.waitFor((call) => call.path.includes(interaction.token) && JSON.stringify(call.body?.components ?? []).includes('dd:vote'));
    expect(String(last.body?.content)).toContain('**Sources**');
    for (const piece of discord.callsSince(from).filter((call) => call.path.includes(interaction.token) && call.body?.content)) {
      expect(piece.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });

  it('/similar private: true answers only to the caller', async () => {
    const from = discord.calls.length;
    const interaction = discord.interaction({ type: 2, data: { id: '2', name: 'similar', type: 1, options: [{ name: 'text', type: 3, value: 'virtual serial port with SerialDriverKit' }, { name: 'private', type: 5, value: true }] } });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(interaction.token));
    const callback = discord.callsSince(from).find((call) => call.path.endsWith('/callback'));
    expect(callback?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(String(edit.body?.content)).toMatch(/^\*\*Similar threads\*\*\n1\. \[/);
  });

  it('a DM is a lookup: similar threads with links, and a button to draft the answer', async () => {
    discord.userMessage({ channelId: DM_CHANNEL, content: 'IOServiceOpen gives me 0xE00002BC', guild: false, author: freshUser() });
    const reply = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${DM_CHANNEL}/messages`);
    expect(String(reply.body?.content)).toContain('(<https://developer.apple.com/forums/thread/825971>)');
    expect(JSON.stringify(reply.body?.components)).toContain('dd:draft:');
  });

  it('the DM\'s "Draft a full answer" button drafts the answer', async () => {
    const reply = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${DM_CHANNEL}/messages`);
    const customId = (JSON.stringify(reply.body?.components).match(/dd:draft:[\w-]+/) as RegExpMatchArray)[0];
    const interaction = discord.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, channelId: OTHER_CHANNEL, message: { ...reply.body, id: '2', channel_id: OTHER_CHANNEL, author: BOT_USER, timestamp: new Date().toISOString(), type: 0 } });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(interaction.token));
    expect(String(edit.body?.content)).toContain('kIOReturnError');
    expect(String(edit.body?.content)).toContain('**Sources**');
  });

  it('a 👍 click is recorded through the engine, once per user, the last click winning', async () => {
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages` && JSON.stringify(call.body).includes('dd:vote:up:'));
    const answerId = (JSON.stringify(answer.body).match(/dd:vote:up:([\w-]+)/) as RegExpMatchArray)[1] as string;
    for (const vote of ['down', 'up']) {
      const interaction = discord.interaction({ type: 3, data: { custom_id: `dd:vote:${vote}:${answerId}`, component_type: 2 }, channelId: threadId, message: { ...answer.body, id: '1', channel_id: threadId, author: BOT_USER, timestamp: new Date().toISOString(), type: 0 } });
      const callback = await discord.waitFor((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
      expect(callback.body).toMatchObject({ type: 4, data: { content: 'Thanks, your vote was recorded.', flags: 64 } });
    }
    expect(await feedback.voteOf(answerId, '800000000000000002')).toBe('up');
  });

  it('forum text with @everyone and <@123> is sent with no mentions parsed and defused', async () => {
    discord.userMessage({ channelId: AUTO_CHANNEL, content: 'why does the FPGA capture card watchdog reset every hour?', author: freshUser() });
    const answer = await discord.waitFor((call) => call.method === 'POST' && String(call.body?.content).includes('FPGA'));
    const content = String(answer.body?.content);
    expect(answer.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(content).toContain('disable ASPM');
    expect(content).not.toMatch(/@everyone|@here|<@123>|<!channel>/);
  });

  it('splits a 5,000-character answer within the limits, never inside a code block', async () => {
    const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'LONG ANSWER PLEASE: how do I open pipes?', author: freshUser() });
    await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages` && JSON.stringify(call.body).includes('dd:vote'));
    const pieces = discord.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`).map((call) => String(call.body?.content));
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces.join('\n')).toContain('**Sources**');
  });

  it('over the per-user limit, the user gets a short notice, not silence', async () => {
    const author = freshUser();
    const from = discord.calls.length;
    for (let n = 0; n < 4; n += 1) discord.userMessage({ channelId: AUTO_CHANNEL, content: `why does my dext fail to load, attempt ${n}?`, author });
    await discord.waitFor((call) => call.method === 'POST' && String(call.body?.content).includes('asking faster than I can answer'));
    expect(messagesTo(OTHER_CHANNEL, from)).toEqual([]);
  });

  it('without permission to create threads, replies in the channel instead', async () => {
    discord.failThreadCreate = true;
    const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'how do I handle interrupts from my PCIe card in a dext?', author: freshUser() });
    const reply = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${AUTO_CHANNEL}/messages` && (call.body?.message_reference as { message_id?: string } | undefined)?.message_id === question.id);
    discord.failThreadCreate = false;
    expect(String(reply.body?.content)).toContain('[1]');
  });

  it('reconnects when the gateway drops the connection, and answers the next message', async () => {
    const sessionsBefore = discord.identifies + discord.resumes;
    discord.dropConnection(4000);
    await waitUntil(() => discord.identifies + discord.resumes > sessionsBefore);
    const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'what replaced serviceMatching when porting IOKit code to DriverKit?', author: freshUser() });
    const answer: RecordedCall = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
    expect(String(answer.body?.content)).toContain('[1]');
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('driverdesk register', () => {
  it('PUTs /ask, /similar, /solved and /forget to the guild given by DISCORD_GUILD_ID', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const from = discord.calls.length;
    const result = await runCli(['register'], { DISCORD_TOKEN: 'fake-token', DISCORD_APP_ID: '900000000000000002', DISCORD_GUILD_ID: '900000000000000010', DISCORD_API_URL: `${discord.baseUrl}/api` });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('registered 4 commands in guild 900000000000000010');
    const put = discord.callsSince(from).find((call) => call.method === 'PUT');
    expect(put?.path).toBe('/applications/900000000000000002/guilds/900000000000000010/commands');
    const commands = put?.body as unknown as Array<{ name: string; options: Array<{ name: string; required?: boolean }> }>;
    expect(commands.map((command) => command.name)).toEqual(['ask', 'similar', 'solved', 'forget']);
    expect(commands[0]?.options.map((option) => option.name)).toEqual(['question', 'private']);
    expect(commands[2]?.options).toEqual([expect.objectContaining({ name: 'answer', required: false })]);
    expect(commands[3]?.options).toEqual([expect.objectContaining({ name: 'thread', required: false })]);
  });

  it('names the missing variables instead of calling Discord', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const result = await runCli(['register'], {});
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('driverdesk: DISCORD_TOKEN and DISCORD_APP_ID must be set to register slash commands');
  });
});
