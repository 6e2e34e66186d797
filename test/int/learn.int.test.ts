import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/chat/chat-event.js';
import type { Reply } from '../../src/chat/reply.js';
import { chatResponder, composeEngine, type ComposedEngine } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ChatThread, ChatThreadMessage, SolvedRequest } from '../../src/chat/chat-thread.js';
import { createLogger } from '../../src/logger.js';
import { tempDir } from '../helpers/temp-db.js';
import { embeddings, ingestInto, ingestSharedCorpus } from '../helpers/test-index.js';
import { bundledListing } from '../helpers/paths.js';

const LISTED = '700000000000000001';
const UNLISTED = '700000000000000002';
const BOT = '900000000000000001';
const ASKER = { id: '800000000000000001', name: 'alice' };
const HELPER = { id: '800000000000000002', name: 'bob' };
const STRANGER = '800000000000000003';

const message = (id: string, author: { id: string; name: string }, text: string, extra: Partial<ChatThreadMessage> = {}): ChatThreadMessage => ({
  id,
  authorId: author.id,
  authorName: author.name,
  isBot: author.id === BOT,
  text,
  ...extra,
});

/** A Discord thread in `channelId` about a problem named by `word` (so `similar` can find exactly it). */
function thread(threadId: string, channelId: string, word: string, extra: ChatThreadMessage[] = []): ChatThread {
  return {
    platform: 'discord',
    threadId,
    channelId,
    channelName: 'driver-help',
    workspaceName: 'Driver developers',
    title: `${word} dext hangs in ConfigRead32 after hot plug`,
    url: `https://discord.com/channels/900000000000000010/${channelId}/${threadId}`,
    botUserId: BOT,
    messages: [
      message(threadId, ASKER, `<@${BOT}> my ${word} PCIe capture card dext hangs in IOPCIDevice::ConfigRead32 after a hot plug, any idea?`),
      ...extra,
      message(`${threadId}9`, HELPER, `Thanks <@${ASKER.id}>: set the ${word} link-down handler before you touch config space; it fixed the hang for us.`),
    ],
  };
}

describe('learning solved chat threads (platform-free, as the bot composes it)', () => {
  const dir = tempDir();
  let composed: ComposedEngine;
  let respond: (event: ChatEvent) => Promise<Reply>;
  const loaded: string[] = [];

  const solved = (chatThread: ChatThread, by: string, extra: Partial<SolvedRequest> = {}): ChatEvent => ({
    kind: 'solved',
    user: by,
    channel: chatThread.threadId,
    platform: 'discord',
    request: {
      platform: 'discord',
      channelId: chatThread.channelId,
      threadChannelId: chatThread.threadId,
      isBotAnswerThread: false,
      markedBy: { userId: by, isModerator: false },
      answerMessageId: `${chatThread.threadId}9`,
      loadThread: async () => {
        loaded.push(chatThread.threadId);
        return chatThread;
      },
      ...extra,
    },
  });
  const forget = (chatThread: ChatThread, by: string, isModerator = false): ChatEvent => ({
    kind: 'forget',
    user: by,
    channel: chatThread.threadId,
    request: { platform: 'discord', channelId: chatThread.channelId, threadId: chatThread.threadId, requestedBy: { userId: by, isModerator } },
  });
  const found = async (word: string) => (await composed.engine.similar({ text: `${word} dext hangs in ConfigRead32 after hot plug` })).results[0];
  const notice = (text: string) => ({ kind: 'notice', text });
  const saved = { ...notice('Saved: future questions like this will find this thread.'), announce: true };

  beforeAll(async () => {
    await ingestSharedCorpus(dir.path);
    const config = loadConfig({ env: { DRIVERDESK_DB: dir.path, LEARN_CHANNELS: LISTED, LOG_LEVEL: 'silent' } });
    composed = await composeEngine(config, embeddings.asEmbedder(), { knowledge: 'serve' });
    respond = chatResponder(config, composed, createLogger('silent'));
  });
  afterAll(async () => {
    await composed.close();
    dir.remove();
  });

  it('learns a thread of a listed channel marked by its asker: searchable at once, answer first, authors pseudonymous', async () => {
    const chatThread = thread('710000000000000001', LISTED, 'Quokkafish');
    expect(await respond(solved(chatThread, ASKER.id))).toEqual(saved);
    const top = await found('Quokkafish');
    expect(top).toMatchObject({ id: chatThread.threadId, url: chatThread.url });

    const learned = await composed.knowledge?.findLearned(`discord::${chatThread.threadId}`);
    const record = learned?.record;
    expect(record?.question).toBe('my Quokkafish PCIe capture card dext hangs in IOPCIDevice::ConfigRead32 after a hot plug, any idea?');
    expect(record?.answers).toHaveLength(1);
    expect(record?.answers[0]).toMatchObject({ accepted: true, author: expect.stringMatching(/^member-[0-9a-f]{6}$/) });
    // The helper's mention of the asker names the asker's pseudonym, never their id or name.
    const asker = `member-${composed.knowledge?.hashUser(ASKER.id).slice(0, 6)}`;
    expect(record?.answers[0]?.text).toBe(`Thanks @${asker}: set the Quokkafish link-down handler before you touch config space; it fixed the hang for us.`);
    expect(JSON.stringify(record)).not.toMatch(/alice|bob|800000000000000/);
    expect(record?.metadata).toMatchObject({ guild: 'Driver developers', channel: 'driver-help' });
  });

  it('stores nothing from a channel not listed, without even reading the thread', async () => {
    const unlisted = thread('710000000000000002', UNLISTED, 'Wombatron');
    expect(await respond(solved(unlisted, ASKER.id))).toEqual(notice('Learning is off in this channel.'));
    // A later positive event, then the absence.
    const listed = thread('710000000000000003', LISTED, 'Numbatrix');
    expect(await respond(solved(listed, ASKER.id))).toEqual(saved);
    expect((await found('Numbatrix'))?.id).toBe(listed.threadId);
    expect(loaded).not.toContain(unlisted.threadId);
    expect((await found('Wombatron'))?.id).not.toBe(unlisted.threadId);
    expect(await composed.knowledge?.findLearned(`discord::${unlisted.threadId}`)).toBeUndefined();
  });

  it('learns in a bot answer thread of any channel, but only one that holds a bot answer', async () => {
    const claimed = thread('710000000000000004', UNLISTED, 'Platypulse');
    expect(await respond(solved(claimed, ASKER.id, { isBotAnswerThread: true }))).toEqual(notice('Learning is off in this channel.'));
    const botAnswer = message('710000000000000005', { id: BOT, name: 'driverdesk' }, 'Quoted threads say [1] …', { answerId: '0f6c2b1e-1111-4a4a-9b9b-123456789abc' });
    const answered = thread('710000000000000006', UNLISTED, 'Echidnator', [botAnswer]);
    expect(await respond(solved(answered, ASKER.id, { isBotAnswerThread: true }))).toEqual(saved);
    expect((await found('Echidnator'))?.id).toBe(answered.threadId);
    // The bot's own answer is not part of what was learned.
    expect(JSON.stringify((await composed.knowledge?.findLearned(`discord::${answered.threadId}`))?.record)).not.toContain('Quoted threads');
    expect((await found('Platypulse'))?.id).not.toBe(claimed.threadId);
  });

  it('lets only the asker or a moderator mark it solved, and forget it', async () => {
    const chatThread = thread('710000000000000007', LISTED, 'Bilbywave');
    expect(await respond(solved(chatThread, STRANGER))).toEqual(notice('Only the person who asked or a moderator can mark this thread solved.'));
    expect(await respond(solved(chatThread, STRANGER, { markedBy: { userId: STRANGER, isModerator: true } }))).toEqual(saved);
    expect((await found('Bilbywave'))?.id).toBe(chatThread.threadId);

    expect(await respond(forget(chatThread, HELPER.id))).toEqual(notice('Only the person who asked or a moderator can forget this thread.'));
    expect((await found('Bilbywave'))?.id).toBe(chatThread.threadId);
    expect(await respond(forget(chatThread, ASKER.id))).toEqual({ ...notice('Forgotten: future questions will no longer find this thread.'), announce: true });
    expect((await found('Bilbywave'))?.id).not.toBe(chatThread.threadId);
    expect(await composed.knowledge?.findLearned(`discord::${chatThread.threadId}`)).toBeUndefined();
    expect(await respond(forget(chatThread, ASKER.id))).toEqual(notice('Nothing was learned from this thread.'));
  });

  it('counts a ✅ on the bot’s own answer as a 👍 for what it cited', async () => {
    const reply = await respond({ kind: 'ask', text: 'how do I block usb storage devices on macs now that kexts are deprecated?', user: ASKER.id, channel: LISTED, platform: 'discord' });
    if (reply.kind !== 'answer') throw new Error(`expected an answer, got ${reply.kind}`);
    expect(reply.solvable).toBe(true);
    const botAnswer = message('710000000000000008', { id: BOT, name: 'driverdesk' }, reply.answer.answer, { answerId: reply.answer.answerId });
    const chatThread: ChatThread = { ...thread('710000000000000009', LISTED, 'Dingodrive'), messages: [message('710000000000000009', ASKER, 'usb storage blocking?'), botAnswer] };
    const event = solved(chatThread, ASKER.id, { answerMessageId: botAnswer.id });
    expect(await respond(event)).toEqual({ ...notice('Thanks: future questions like this will favour the threads this answer cited.'), announce: true });
    expect(await composed.knowledge?.voteOf(reply.answer.answerId, ASKER.id)).toBe('up');
    expect(await composed.knowledge?.findLearned(`discord::${chatThread.threadId}`)).toBeUndefined();
  });

  it('brings learned threads back after a rebuild from files, and not forgotten ones', async () => {
    const kept = thread('710000000000000010', LISTED, 'Kookaburrix');
    const forgotten = thread('710000000000000011', LISTED, 'Cassowarix');
    for (const chatThread of [kept, forgotten]) await respond(solved(chatThread, ASKER.id));
    await respond(forget(forgotten, ASKER.id));
    await composed.close();
    await ingestInto(dir.path, [bundledListing], { rebuild: true });
    const config = loadConfig({ env: { DRIVERDESK_DB: dir.path, LEARN_CHANNELS: LISTED } });
    composed = await composeEngine(config, embeddings.asEmbedder(), { knowledge: 'serve' });
    respond = chatResponder(config, composed, createLogger('silent'));
    expect((await found('Kookaburrix'))?.id).toBe(kept.threadId);
    expect((await found('Cassowarix'))?.id).not.toBe(forgotten.threadId);
  });
});
