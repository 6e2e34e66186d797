import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../src/adapters/discord/discord-bot.js';
import { chatResponder, composeEngine, type ComposedEngine } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { AUTO_CHANNEL, BOT_USER, FakeDiscordServer, FORUM_CHANNEL, GUILD_ID, LEARN_CHANNEL, OTHER_CHANNEL, userOf, type RecordedCall } from '../fakes/fake-discord-server.js';
import { tempDir } from '../helpers/temp-db.js';
import { embeddings, ingestSharedCorpus } from '../helpers/test-index.js';

const discord = new FakeDiscordServer();
const dir = tempDir();
let composed: ComposedEngine;
let bot: DiscordBot;

const asker = userOf('800000000000000301', 'alice');
const helper = userOf('800000000000000302', 'bob');
const moderator = userOf('800000000000000303', 'mod');
const SAVED = 'Saved: future questions like this will find this thread.';

const postedTo = (channelId: string, text: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.path === `/channels/${channelId}/messages` && String(call.body?.content).includes(text);
const interactionReply = (token: string) => (call: RecordedCall) => call.method === 'PATCH' && call.path.includes(token);
const top = async (text: string) => (await composed.engine.similar({ text })).results[0];
const command = (name: 'solved' | 'forget', channelId: string, options: Array<{ name: string; type: 3; value: string }> = []) => ({
  type: 2 as const,
  data: { id: '9', name, type: 1, options },
  channelId,
});

beforeAll(async () => {
  await ingestSharedCorpus(dir.path);
  const config = loadConfig({ env: { DRIVERDESK_DB: dir.path, LEARN_CHANNELS: `${LEARN_CHANNEL},${FORUM_CHANNEL}` } });
  composed = await composeEngine(config, embeddings.asEmbedder(), { knowledge: 'serve' });
  const logger = createLogger('silent');
  const apiUrl = await discord.start();
  bot = await startDiscordBot({ token: 'fake-token', apiUrl, channels: [AUTO_CHANNEL], respond: chatResponder(config, composed, logger), logger });
});

afterAll(async () => {
  expect(discord.calls.filter((call) => call.status === 404).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  await bot?.stop();
  await discord.stop();
  await composed?.close();
  dir.remove();
});

describe('learning solved threads on Discord (real discord.js, fake Discord)', () => {
  it('a ✅ by the asker on the reply that solved a forum post makes it findable at once, with its jump URL', async () => {
    const { thread, starter } = discord.userThread({ parentId: FORUM_CHANNEL, forum: true, name: 'Gorgonzola dext stalls in ConfigRead32', question: 'My Gorgonzola capture dext stalls in ConfigRead32 after hot plug', author: asker });
    const reply = discord.userMessage({ channelId: thread.id, content: 'Register the Gorgonzola link-down handler before touching config space.', author: helper });
    discord.reaction({ channelId: thread.id, messageId: reply.id, user: asker });
    await discord.waitFor(postedTo(thread.id, SAVED));
    expect(await top('Gorgonzola dext stalls in ConfigRead32')).toMatchObject({ id: thread.id, url: `https://discord.com/channels/${GUILD_ID}/${thread.id}/${starter.id}` });
    const record = (await composed.knowledge?.findLearned(`discord::${thread.id}`))?.record;
    expect(record?.answers[0]).toMatchObject({ accepted: true, author: expect.stringMatching(/^member-[0-9a-f]{6}$/) });
    expect(record?.metadata).toMatchObject({ guild: 'Driver developers', channel: 'help-forum' });
  });

  it('stores nothing from a channel not listed, and does not even read its thread', async () => {
    const unlisted = discord.userThread({ parentId: OTHER_CHANNEL, name: 'Roquefort dext', question: 'My Roquefort dext panics on unload', author: asker });
    const unlistedReply = discord.userMessage({ channelId: unlisted.thread.id, content: 'Cancel the Roquefort timers in Stop.', author: helper });
    discord.reaction({ channelId: unlisted.thread.id, messageId: unlistedReply.id, user: asker });
    // A later positive event that must come after: a ✅ in a listed channel, confirmed.
    const listed = discord.userThread({ parentId: LEARN_CHANNEL, name: 'Stilton dext', question: 'My Stilton dext panics on unload', author: asker });
    const listedReply = discord.userMessage({ channelId: listed.thread.id, content: 'Cancel the Stilton timers in Stop.', author: helper });
    discord.reaction({ channelId: listed.thread.id, messageId: listedReply.id, user: asker });
    await discord.waitFor(postedTo(listed.thread.id, SAVED));
    expect((await top('Stilton dext panics on unload'))?.id).toBe(listed.thread.id);
    expect(discord.calls.filter((call) => call.path.startsWith(`/channels/${unlisted.thread.id}/`))).toEqual([]);
    expect((await top('Roquefort dext panics on unload'))?.id).not.toBe(unlisted.thread.id);
    expect(await composed.knowledge?.findLearned(`discord::${unlisted.thread.id}`)).toBeUndefined();
  });

  it('a ✅ by a bystander is ignored; one by a moderator counts', async () => {
    const { thread } = discord.userThread({ parentId: LEARN_CHANNEL, name: 'Brie dext', question: 'Brie dext never matches my PCI vendor id', author: asker });
    const reply = discord.userMessage({ channelId: thread.id, content: 'Brie: IOPCIMatch wants the vendor id in the low 16 bits.', author: helper });
    discord.reaction({ channelId: thread.id, messageId: reply.id, user: helper });
    // The bystander's mark is refused once the thread is read; the moderator's comes after that.
    await discord.waitFor((call) => call.method === 'GET' && call.path === `/channels/${thread.id}/messages`);
    discord.reaction({ channelId: thread.id, messageId: reply.id, user: moderator, moderator: true });
    await discord.waitFor(postedTo(thread.id, SAVED));
    expect(discord.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${thread.id}/messages`).map((call) => call.body?.content)).toEqual([SAVED]);
    expect((await composed.knowledge?.findLearned(`discord::${thread.id}`))?.markedByHash).toBe(composed.knowledge?.hashUser(moderator.id));
    expect((await top('Brie dext never matches my PCI vendor id'))?.id).toBe(thread.id);
  });

  it('/solved pointing at the answer, then /forget: only the asker or a moderator', async () => {
    const { thread } = discord.userThread({ parentId: LEARN_CHANNEL, name: 'Feta dext', question: 'Feta HID dext gets no input reports', author: asker });
    const reply = discord.userMessage({ channelId: thread.id, content: 'Feta: your report descriptor lacks the usage page.', author: helper });
    const link = `https://discord.com/channels/${GUILD_ID}/${thread.id}/${reply.id}`;
    const refused = discord.interaction({ ...command('solved', thread.id, [{ name: 'answer', type: 3, value: link }]), user: helper });
    expect(String((await discord.waitFor(interactionReply(refused.token))).body?.content)).toBe('Only the person who asked or a moderator can mark this thread solved.');
    const solved = discord.interaction({ ...command('solved', thread.id, [{ name: 'answer', type: 3, value: link }]), user: asker });
    expect(String((await discord.waitFor(interactionReply(solved.token))).body?.content)).toBe(SAVED);
    expect((await top('Feta HID dext gets no input reports'))?.id).toBe(thread.id);
    expect((await composed.knowledge?.findLearned(`discord::${thread.id}`))?.record.answers[0]?.accepted).toBe(true);

    const notYours = discord.interaction({ ...command('forget', thread.id), user: helper });
    expect(String((await discord.waitFor(interactionReply(notYours.token))).body?.content)).toBe('Only the person who asked or a moderator can forget this thread.');
    const forget = discord.interaction({ ...command('forget', OTHER_CHANNEL, [{ name: 'thread', type: 3, value: `https://discord.com/channels/${GUILD_ID}/${thread.id}` }]), user: moderator, moderator: true });
    expect(String((await discord.waitFor(interactionReply(forget.token))).body?.content)).toBe('Forgotten: future questions will no longer find this thread.');
    expect((await top('Feta HID dext gets no input reports'))?.id).not.toBe(thread.id);
  });

  it('learns in the bot’s own answer thread in any channel', async () => {
    const question = discord.userMessage({ channelId: OTHER_CHANNEL, content: `<@${BOT_USER.id}> Camembert dext: SetProperties never reaches my driver`, mentionsBot: true, author: asker });
    await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${question.id}/messages`);
    const fix = discord.userMessage({ channelId: question.id, content: 'Camembert: the user client must be opened with the right type first.', author: helper });
    // In its own thread the bot answers every message: the helper's too, as a follow-up.
    const answers = () => discord.calls.filter(postedTo(question.id, 'confidence'));
    await discord.waitFor(() => answers().length === 2);
    discord.reaction({ channelId: question.id, messageId: fix.id, user: asker });
    await discord.waitFor(postedTo(question.id, SAVED));
    expect((await top('Camembert dext SetProperties never reaches my driver'))?.id).toBe(question.id);
    // The bot's answer is not part of the learned thread.
    expect((await composed.knowledge?.findLearned(`discord::${question.id}`))?.record.answers.map((answer) => answer.text)).toEqual([
      'Camembert: the user client must be opened with the right type first.',
    ]);
  });
});
