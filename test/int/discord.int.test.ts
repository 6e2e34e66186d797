import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBot, startDiscordBot } from '../../src/adapters/discord/discord-bot.js';
import type { ChatEvent } from '../../src/chat/chat-event.js';
import { ChatRateLimiter } from '../../src/chat/rate-limiter.js';
import type { Reply } from '../../src/chat/reply.js';
import { respondToEvent } from '../../src/chat/respond-to-event.js';
import { createLogger } from '../../src/logger.js';
import type { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { AUTO_CHANNEL, BOT_TOKEN, BOT_USER, DM_CHANNEL, FakeDiscordServer, OTHER_CHANNEL, type RecordedCall, userOf } from '../fakes/fake-discord-server.js';
import { fixturesDir } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestInto, ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';

const dir = tempDir();
const discord = new FakeDiscordServer();
let bot: DiscordBot;
let feedback: LanceKnowledge;
let close: () => Promise<void>;
let userCounter = 0;
/** A new user per test, so the per-user rate limit of one test never touches another. */
const freshUser = () => userOf(`80000000000000${String(100 + (userCounter += 1))}`, `dev${userCounter}`);

const postsTo = (channelId: string, after = 0) => discord.calls.slice(after).filter((call) => call.method === 'POST' && call.path === `/channels/${channelId}/messages`);
const withButtons = (call: RecordedCall) => JSON.stringify(call.body?.components ?? []).includes('dd:vote');

beforeAll(async () => {
  await ingestSharedCorpus(dir.path);
  await ingestInto(dir.path, [join(fixturesDir, 'untrusted-threads.jsonl')]);
  const opened = await openTestEngine(dir.path);
  feedback = opened.knowledge;
  close = opened.close;
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
  bot = await startDiscordBot({ token: BOT_TOKEN, apiUrl, channels: [AUTO_CHANNEL], respond, logger });
});

afterAll(async () => {
  // Every call the bot made must be one the fake (that is, Discord's API) knows.
  expect(discord.calls.filter((call) => call.status === 404 || call.status === 401).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  await bot?.stop();
  await discord.stop();
  await close?.();
  dir.remove();
});

/** Asks in the auto channel and resolves with the question and its answer in the new thread. */
async function askInAutoChannel(content: string): Promise<{ question: { id: string }; answer: RecordedCall }> {
  const question = discord.userMessage({ channelId: AUTO_CHANNEL, content, author: freshUser() });
  const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages` && withButtons(call));
  return { question, answer };
}

describe('the Discord bot, real discord.js against a local fake Discord', () => {
  it('answers a question in an auto channel: 👀, a thread, the answer with sources', async () => {
    const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'how do I block usb storage devices on macs now that kexts are deprecated?', author: freshUser() });
    const thread = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${AUTO_CHANNEL}/messages/${question.id}/threads`);
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
    const reaction = await discord.waitFor((call) => call.method === 'PUT' && call.path.startsWith(`/channels/${AUTO_CHANNEL}/messages/${question.id}/reactions/`));
    expect(reaction.path).toContain('👀');
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

  it('ignores chatter in an auto channel, messages from bots, and unmentioned questions elsewhere', async () => {
    const after = discord.calls.length;
    const ignored = [
      discord.userMessage({ channelId: AUTO_CHANNEL, content: 'thanks, that worked', author: freshUser() }),
      discord.userMessage({ channelId: AUTO_CHANNEL, content: 'why does my dext crash?', author: { ...freshUser(), bot: true } as ReturnType<typeof userOf> }),
      discord.userMessage({ channelId: OTHER_CHANNEL, content: 'why does my dext crash on wake?', author: freshUser() }),
    ];
    // The gateway delivers in order: once a later question is answered, the earlier ones were handled.
    await askInAutoChannel('what replaced serviceMatching when porting IOKit code to DriverKit?');
    const touched = discord.calls.slice(after).filter((call) => ignored.some((message) => call.path.includes(message.id)));
    expect(touched).toEqual([]);
    expect(postsTo(OTHER_CHANNEL, after)).toEqual([]);
  });

  it('answers a mention in any channel', async () => {
    const question = discord.userMessage({ channelId: OTHER_CHANNEL, content: `<@${BOT_USER.id}> dext won't load on macOS 26, says Exec format error`, mentionsBot: true, author: freshUser() });
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
    expect(String(answer.body?.content)).toContain('Exec format error');
  });

  it('answers a follow-up in its thread using the earlier turns', async () => {
    const { question } = await askInAutoChannel('how do I block usb storage devices on macs now that kexts are deprecated?');
    const after = discord.calls.length;
    discord.userMessage({ channelId: question.id, content: 'and which entitlement would that need?', author: freshUser() });
    const answer = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`, { after });
    expect(discord.calls.slice(after).some((call) => call.method === 'GET' && call.path === `/channels/${question.id}/messages`)).toBe(true);
    // The follow-up alone says nothing about USB storage; the earlier question does.
    expect(String(answer.body?.content)).toMatch(/USB/i);
  });

  it('/ask defers at once, then edits in the answer', async () => {
    const interaction = discord.interaction({ type: 2, data: { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'SCSI probe only finds target 0 in my IOUserSCSIParallelInterfaceController dext' }] } });
    const callback = await discord.waitFor((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback.body).toMatchObject({ type: 5 });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(interaction.token));
    expect(callback.at).toBeLessThan(edit.at);
    // A long answer continues in follow-ups; the sources come with the last piece, with the buttons.
    const last = await discord.waitFor((call) => call.path.includes(interaction.token) && withButtons(call));
    expect(String(last.body?.content)).toContain('**Sources**');
    for (const piece of discord.calls.filter((call) => call.path.includes(interaction.token) && call.body?.content)) {
      expect(piece.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });

  it('/similar private: true answers only to the caller', async () => {
    const interaction = discord.interaction({ type: 2, data: { id: '2', name: 'similar', type: 1, options: [{ name: 'text', type: 3, value: 'virtual serial port with SerialDriverKit' }, { name: 'private', type: 5, value: true }] } });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(interaction.token));
    const callback = await discord.waitFor((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(String(edit.body?.content)).toMatch(/^\*\*Similar threads\*\*\n1\. \[/);
  });

  it('a DM is a lookup: similar threads with links, and its "Draft a full answer" button drafts the answer', async () => {
    const after = discord.calls.length;
    discord.userMessage({ channelId: DM_CHANNEL, content: 'IOServiceOpen gives me 0xE00002BC', guild: false, author: freshUser() });
    const reply = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${DM_CHANNEL}/messages`, { after });
    expect(String(reply.body?.content)).toContain('(<https://developer.apple.com/forums/thread/825971>)');
    const customId = (JSON.stringify(reply.body?.components).match(/dd:draft:[\w-]+/) as RegExpMatchArray)[0];
    const interaction = discord.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, channelId: OTHER_CHANNEL, message: { ...reply.body, id: '2', channel_id: OTHER_CHANNEL, author: BOT_USER, timestamp: new Date().toISOString(), type: 0 } });
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(interaction.token));
    expect(String(edit.body?.content)).toContain('kIOReturnError');
    expect(String(edit.body?.content)).toContain('**Sources**');
  });

  it('a 👍 click is recorded through the engine, once per user, the last click winning', async () => {
    const { question, answer } = await askInAutoChannel('why does my usb serial dext lose its port when the mac sleeps and wakes?');
    const answerId = (JSON.stringify(answer.body).match(/dd:vote:up:([\w-]+)/) as RegExpMatchArray)[1] as string;
    for (const vote of ['down', 'up']) {
      const interaction = discord.interaction({ type: 3, data: { custom_id: `dd:vote:${vote}:${answerId}`, component_type: 2 }, channelId: question.id, message: { ...answer.body, id: '1', channel_id: question.id, author: BOT_USER, timestamp: new Date().toISOString(), type: 0 } });
      const callback = await discord.waitFor((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
      expect(callback.body).toMatchObject({ type: 4, data: { content: 'Thanks, your vote was recorded.', flags: 64 } });
      expect(await feedback.voteOf(answerId, '800000000000000002')).toBe(vote);
    }
  });

  it('forum text with @everyone and <@123> is sent with no mentions parsed and defused', async () => {
    const { answer } = await askInAutoChannel('why does the FPGA capture card watchdog reset every hour?');
    const content = String(answer.body?.content);
    expect(answer.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(content).toContain('disable ASPM');
    expect(content).not.toMatch(/@everyone|@here|<@123>|<!channel>/);
  });

  it('splits a 5,000-character answer within the limits, never inside a code block', async () => {
    const { question } = await askInAutoChannel('LONG ANSWER PLEASE: how do I open pipes?');
    const pieces = postsTo(question.id).map((call) => String(call.body?.content));
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces.join('\n')).toContain('**Sources**');
  });

  it('over the per-user limit (3), the fourth question gets a short notice, not silence, and the other three their answers', async () => {
    const author = freshUser();
    const questions = Array.from({ length: 4 }, (_, n) => discord.userMessage({ channelId: AUTO_CHANNEL, content: `why does my dext fail to load, attempt ${n}?`, author }));
    const replies = await Promise.all(questions.map((question) => discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`)));
    const notices = replies.filter((reply) => String(reply.body?.content).includes('asking faster than I can answer'));
    expect(notices).toHaveLength(1);
    expect(replies.filter(withButtons)).toHaveLength(3);
  });

  it('without permission to create threads, replies in the channel instead', async () => {
    discord.failThreadCreate = true;
    try {
      const question = discord.userMessage({ channelId: AUTO_CHANNEL, content: 'how do I handle interrupts from my PCIe card in a dext?', author: freshUser() });
      const reply = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${AUTO_CHANNEL}/messages` && (call.body?.message_reference as { message_id?: string } | undefined)?.message_id === question.id);
      expect(String(reply.body?.content)).toContain('[1]');
    } finally {
      discord.failThreadCreate = false;
    }
  });

  it.each([
    ['answers HTTP 500', 'http500'],
    ['resets the connection', 'reset'],
    // Last: a hung reaction holds the reaction queue (never the answers) until it is abandoned.
    ['never answers', 'hang'],
  ] as const)('a 👀 reaction that %s never holds up the answer, and is tried once', async (_name, fault) => {
    discord.faults.set('reaction', fault);
    try {
      const { question, answer } = await askInAutoChannel("dext won't load on macOS 26, says Exec format error");
      expect(String(answer.body?.content)).toContain('Exec format error');
      if (fault !== 'hang') {
        const marker = await askInAutoChannel('what replaced serviceMatching when porting IOKit code to DriverKit?');
        await discord.waitFor((call) => call.method === 'PUT' && call.path.includes(`/messages/${marker.question.id}/reactions/`));
        expect(discord.calls.filter((call) => call.method === 'PUT' && call.path.includes(`/messages/${question.id}/reactions/`))).toHaveLength(1);
      }
    } finally {
      discord.faults.delete('reaction');
    }
  });

  it('reconnects when the gateway drops the connection, and answers the next message', async () => {
    const sessionsBefore = discord.identifies + discord.resumes;
    discord.dropConnection(4000);
    await discord.waitForSessions(sessionsBefore + 1);
    const { answer } = await askInAutoChannel('what replaced serviceMatching when porting IOKit code to DriverKit?');
    expect(String(answer.body?.content)).toContain('[1]');
  });
});

describe('driverdesk register', () => {
  it('PUTs /ask, /similar, /solved and /forget to the guild given by DISCORD_GUILD_ID', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const after = discord.calls.length;
    const result = await runCli(['register'], { DISCORD_TOKEN: BOT_TOKEN, DISCORD_APP_ID: '900000000000000002', DISCORD_GUILD_ID: '900000000000000010', DISCORD_API_URL: `${discord.baseUrl}/api` });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('registered 4 commands in guild 900000000000000010');
    const put = discord.calls.slice(after).find((call) => call.method === 'PUT');
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
