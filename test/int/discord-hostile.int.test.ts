import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, AUTO_CHANNEL, BOT_TOKEN, FakeDiscordServer, GUILD_ID, nextId, userOf } from '../fakes/fake-discord-server.js';
import { hostileTexts } from '../fakes/hostile-texts.js';
import { type CliProcess, startCli } from '../helpers/cli-process.js';
import { bundledListing } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

const dir = tempDir();
const discord = new FakeDiscordServer();
let bot: CliProcess;

beforeAll(async () => {
  const env = { DRIVERDESK_DB: join(dir.path, 'db') };
  expect((await runCli(['ingest', bundledListing], env)).code).toBe(0);
  const apiUrl = await discord.start();
  bot = startCli(['start'], { ...env, LOG_LEVEL: 'warn', DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: apiUrl, DISCORD_CHANNELS: AUTO_CHANNEL, RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_CHANNEL: '100000' });
  await bot.waitForStderr(/Discord connected/);
});

afterAll(async () => {
  const code = await bot.stop();
  await discord.stop();
  dir.remove();
  expect(code).toBe(0);
});

/** A question in the auto channel whose answer must arrive. */
async function answered(content: string) {
  const question = discord.userMessage({ channelId: AUTO_CHANNEL, content, author: userOf('800000000000000777', 'prober') });
  return discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
}

const dispatch = (type: string, data: unknown) => discord.sendRaw(JSON.stringify({ op: 0, t: type, s: 9000 + Number(nextId().slice(-3)), d: data }));
const member = { user: userOf('800000000000000002', 'bob'), roles: [], permissions: '0', joined_at: new Date().toISOString() };

describe('the real `driverdesk start` process survives hostile Discord gateway payloads', () => {
  it('malformed, partial and oversized payloads and interactions never crash it; the next question is answered', async () => {
    discord.sendRaw('this is not JSON');
    discord.sendRaw('[1, 2, 3]');
    discord.sendRaw(JSON.stringify({ op: 99, d: {} }));
    dispatch('MESSAGE_CREATE', null);
    dispatch('MESSAGE_CREATE', { id: nextId(), channel_id: AUTO_CHANNEL, content: 'why does my dext crash? (no author)' });
    dispatch('MESSAGE_CREATE', { id: nextId(), channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, author: userOf('800000000000000005'), content: null, type: 0 });
    dispatch('INTERACTION_CREATE', { id: nextId(), type: 2, application_id: APP_ID });
    dispatch('INTERACTION_CREATE', { id: nextId(), type: 3, application_id: APP_ID, token: 'x', channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, member, data: { custom_id: 'dd:vote', component_type: 2 }, version: 1 });
    dispatch('INTERACTION_CREATE', { id: nextId(), type: 2, application_id: APP_ID, token: 'y', channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, member, data: { id: '1', name: 'ask', type: 1, options: 'not a list' }, version: 1 });
    dispatch('UNKNOWN_EVENT', { anything: true });
    dispatch('GUILD_CREATE', { id: 'not-a-snowflake' });
    // An oversized message (5 MB of content) is still one question: it is cut, not fatal.
    dispatch('MESSAGE_CREATE', { id: nextId(), channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, author: userOf('800000000000000006'), content: `why does my dext crash? ${'x'.repeat(5_000_000)}`, timestamp: new Date().toISOString(), type: 0, mentions: [], attachments: [], embeds: [] });
    const answer = await answered('how do I block USB devices on macOS?');
    expect(String(answer.body?.content)).toContain('Blocking USB Devices on macOS');
    expect(bot.child.exitCode).toBeNull();
  });

  it('answers every hostile question in an auto channel once, with no mention parsed', async () => {
    // Every 12th of the hostile texts (the Slack suite sends all of them), at Discord's 4,000-character limit.
    const texts = hostileTexts(4000).filter((_, index) => index % 12 === 0);
    const ids: string[] = [];
    for (const text of texts) {
      // Only questions the auto channel answers: the rest are chatter by design.
      const content = `why does this fail? ${text}`;
      ids.push(discord.userMessage({ channelId: AUTO_CHANNEL, content, author: userOf('800000000000000888', 'hostile') }).id);
    }
    await Promise.all(ids.map((id) => discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${id}/messages`, { timeoutMs: 60_000 })));
    await answered('what replaced serviceMatching when porting IOKit code to DriverKit?');
    for (const id of ids) {
      const posts = discord.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${id}/messages`);
      // One reply: an answer (in pieces, the last with its buttons) or a single notice.
      const withButtons = posts.filter((call) => JSON.stringify(call.body?.components ?? []).includes('dd:'));
      expect(withButtons.length === 1 || (withButtons.length === 0 && posts.length === 1), `question ${id}`).toBe(true);
      for (const post of posts) expect(post.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    expect(bot.child.exitCode).toBeNull();
  });
});
