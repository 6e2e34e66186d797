import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../../../../ingest/read-result.js';
import { readSourceFile } from '../../../../ingest/read-sources.js';
import { type DiscordChannel, type DiscordMessage, discordThreads } from '../../../../ingest/readers/discord-threads.js';
import { fixturesDir } from '../../../helpers/paths.js';
import { tempDir } from '../../../helpers/temp-db.js';

const exports = join(fixturesDir, 'exports', 'discord');
const textChannel = join(exports, 'Driver Devs - Driver development - usb-help [1104513000000000100].json');
const forumPost = join(exports, 'Driver Devs - dext-crashes - Serial dext crashes after sleep-wake [1215000000000000500].json');
const channelThread = join(exports, 'Driver Devs - usb-help - USB power state notifications in a dext [1210000000000000014].json');

async function readAll(file: string): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readSourceFile(file)) results.push(result);
  return results;
}
const records = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [result.value] : []));

describe('DiscordChatExporter exports', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('turns reply chains of a text channel into threads and leaves out system messages, bots and unanswered messages', async () => {
    const threads = records(await readAll(textChannel));
    // Joins, pins, "started a thread", the bot's build notice, a reply to the bot, a lone
    // question and a forwarded message make no thread; two reply chains do.
    expect(threads.map((thread) => thread.id)).toEqual(['1210000000000000002', '1210000000000000009']);
    expect(threads[0]).toMatchObject({
      source: 'discord',
      title: 'My DriverKit dext matches the USB device but Start() is never called.',
      question: expect.stringMatching(/^My DriverKit dext matches the USB device[\s\S]*Any idea\?$/),
      url: 'https://discord.com/channels/1104512739211038720/1104513000000000100/1210000000000000002',
      replies: 2,
      activity: '2024-03-04T10:15:00.000+00:00',
      metadata: { guild: 'Driver Devs', channel: 'usb-help', category: 'Driver development' },
    });
  });

  it('puts the reply the asker marked ✅ first, and names authors by their server nickname', async () => {
    const [thread] = records(await readAll(textChannel));
    expect(thread?.answers).toEqual([
      { text: expect.stringContaining('bInterfaceNumber, otherwise the interface never matches'), author: 'Bob K', accepted: true },
      { text: 'That was it: the personality had no bInterfaceNumber. Start() runs now, thanks!', author: 'Alice' },
    ]);
  });

  it('reports a message without the exporter shape by its line and reads the rest', async () => {
    const problems = (await readAll(textChannel)).filter((result) => !result.success);
    expect(problems).toEqual([{ success: false, file: textChannel, line: 445, error: 'not a DiscordChatExporter message: "author" is missing' }]);
    // The line is where that message starts in the file.
    expect(readFileSync(textChannel, 'utf8').split('\n')[445]).toContain('"id": "1210000000000000013"');
  });

  it('keeps @everyone, <@123> and <!channel> in the text as written: data, defused by the renderers', async () => {
    const thread = records(await readAll(textChannel))[1];
    expect(thread?.question).toContain('Hey @everyone <@123> <!channel> my IOUserClient');
  });

  it('makes a forum post one thread with the post id, its starter as the question and no bot replies', async () => {
    const [thread, ...rest] = records(await readAll(forumPost));
    expect(rest).toEqual([]);
    expect(thread).toMatchObject({
      id: '1215000000000000500',
      title: 'Serial dext crashes after sleep/wake',
      question: expect.stringContaining('EXC_BAD_ACCESS in IOUserSerial::TxFreeSpaceAvailable'),
      url: 'https://discord.com/channels/1104512739211038720/1215000000000000500/1215000000000000500',
      metadata: { guild: 'Driver Devs', channel: 'dext-crashes', thread: 'Serial dext crashes after sleep/wake' },
    });
    expect(thread?.answers.map((answer) => [answer.author, answer.accepted ?? false])).toEqual([
      ['Harry', true],
      ['ivan', false],
    ]);
  });

  it('gives a thread started from a channel message the starter message id, titled and asked by the thread name', async () => {
    const [thread] = records(await readAll(channelThread));
    expect(thread).toMatchObject({ id: '1210000000000000014', title: 'USB power state notifications in a dext', question: 'USB power state notifications in a dext' });
    expect(thread?.answers.map((answer) => answer.author)).toEqual(['Bob K', 'Harry']);
  });

  it('is recognised by its content, whatever the file is called', async () => {
    const renamed = join(dir.path, 'export.txt');
    copyFileSync(forumPost, renamed);
    expect(records(await readAll(renamed)).map((thread) => thread.id)).toEqual(['1215000000000000500']);
  });

  it('leaves a .json file of thread records to the JSONL reader', async () => {
    const threadsFile = join(dir.path, 'threads.json');
    writeFileSync(threadsFile, `${JSON.stringify({ id: 'a', title: 'T', question: 'Q', guild: 'kept as metadata', channel: 'too' })}\n`);
    expect(records(await readAll(threadsFile))).toMatchObject([{ id: 'a', metadata: { guild: 'kept as metadata', channel: 'too' } }]);
  });

  it('reports a cut-off export once, with the line where the JSON breaks', async () => {
    const truncated = join(dir.path, 'truncated.json');
    const lines = readFileSync(forumPost, 'utf8').split('\n');
    writeFileSync(truncated, lines.slice(0, 40).join('\n'));
    const results = await readAll(truncated);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ success: false, file: truncated, error: expect.stringMatching(/^invalid JSON: .* \(in a DiscordChatExporter export\)$/) });
    expect(results[0]?.line).toBeGreaterThanOrEqual(40);
  });
});

describe('discordThreads', () => {
  const channel: DiscordChannel = { guildId: '0', guildName: 'Direct Messages', id: '500', name: 'alice', type: 'DirectTextChat', parentName: undefined };
  const message = (id: string, author: string, content: string, replyTo?: string): DiscordMessage => ({
    id,
    type: replyTo ? 'Reply' : 'Default',
    timestamp: `2024-01-01T00:00:0${id.slice(-1)}Z`,
    content,
    author: { id: author, name: author },
    ...(replyTo && { reference: { messageId: replyTo, channelId: '500' } }),
  });

  it('needs a reply from someone other than the asker', () => {
    const threads = [...discordThreads(channel, [message('501', 'a', 'Question?'), message('502', 'a', 'bump', '501')])];
    expect(threads).toEqual([]);
  });

  it('follows a chain of replies to its first message and links DMs under @me', () => {
    const threads = [
      ...discordThreads(channel, [message('501', 'a', 'Question?'), message('502', 'b', 'Answer', '501'), message('503', 'a', 'Follow-up', '502'), message('504', 'b', 'Second answer', '503')]),
    ];
    expect(threads.map(({ record }) => [record.id, record.answers.map((answer) => answer.text), record.url])).toEqual([
      ['501', ['Answer', 'Follow-up', 'Second answer'], 'https://discord.com/channels/@me/500/501'],
    ]);
  });

  it('forms the same threads from an export written newest first (--reverse)', () => {
    const messages = [message('501', 'a', 'Question?'), message('502', 'b', 'Answer', '501'), message('503', 'a', 'Thanks', '502')];
    const forward = [...discordThreads(channel, messages)].map(({ record }) => record);
    expect([...discordThreads(channel, [...messages].reverse())].map(({ record }) => record)).toEqual(forward);
    expect(forward).toHaveLength(1);
  });

  it('gives raw <@id> mentions of users the message lists their names, and leaves unknown ones', () => {
    const question = { ...message('501', 'a', 'Ask <@77> or <@!88>, not <@99>'), mentions: [{ id: '77', name: 'bob', nickname: 'Bob' }, { id: '88', name: 'carol' }] };
    const [thread] = [...discordThreads(channel, [question, message('502', 'b', 'ok', '501')])];
    expect(thread?.record.question).toBe('Ask @Bob or @carol, not <@99>');
  });
});
