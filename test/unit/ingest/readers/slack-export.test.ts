import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../../../../ingest/read-result.js';
import { listFiles, readSourceFile } from '../../../../ingest/read-sources.js';
import { fixturesDir } from '../../../helpers/paths.js';
import { tempDir } from '../../../helpers/temp-db.js';
import { zipFolder } from '../../../helpers/zip-folder.js';

const folder = join(fixturesDir, 'exports', 'slack');

async function readAll(file: string): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readSourceFile(file)) results.push(result);
  return results;
}
const records = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [result.value] : []));
const problems = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [] : [`${result.file}:${result.line}: ${result.error}`]));

describe('Slack exports', () => {
  const dir = tempDir();
  let zip: string;
  let nestedZip: string;
  beforeAll(async () => {
    zip = await zipFolder(folder, join(dir.path, 'Driver Devs Slack export Mar 1 2024 - Mar 31 2024.zip'));
    nestedZip = await zipFolder(folder, join(dir.path, 'nested.zip'), 'Driver Devs export/');
  });
  afterAll(dir.remove);

  it('lists an export folder as one source instead of walking its day files', async () => {
    const listed = [];
    for await (const entry of listFiles([join(fixturesDir, 'exports')])) listed.push(entry.file.slice(fixturesDir.length + 1));
    expect(listed).toContain('exports/slack');
    expect(listed.some((file) => file.startsWith('exports/slack/'))).toBe(false);
  });

  it('makes a thread of a parent and its replies by thread_ts, across day files, for each public channel', async () => {
    const threads = records(await readAll(folder));
    expect(threads.map((thread) => thread.id)).toEqual(['C05DRVKIT1:1709546400.123456', 'C05DRVKIT1:1709640000.000600', 'C05USBHLP2:1709553600.000800']);
    const [activation] = threads;
    expect(activation).toMatchObject({
      source: 'slack',
      url: 'https://slack.com/archives/C05DRVKIT1/p1709546400123456',
      replies: 2,
      activity: '2024-03-05T09:00:00.000Z',
      metadata: { channel: 'driverkit', channelId: 'C05DRVKIT1' },
    });
    // The second reply is in the next day's file; the asker's ✅ puts it first.
    expect(activation?.answers).toEqual([
      { text: expect.stringContaining('Contents/Library/SystemExtensions'), author: 'Carol Diaz', accepted: true },
      { text: expect.stringContaining('provisioning profile'), author: 'Bob K' },
    ]);
  });

  it('turns Slack markup into plain text with names, and titles a thread by its first line', async () => {
    const [activation] = records(await readAll(folder));
    expect(activation?.question).toBe(
      'System extension activation fails: OSSystemExtensionErrorDomain error 8 ("invalid code signature") when I submit the activation request for my dext. @Bob K any idea? Following the docs (https://developer.apple.com/documentation/systemextensions) & the notes in #usb.',
    );
    expect(activation?.title).toBe('System extension activation fails: OSSystemExtensionErrorDomain error 8 ("invalid code signature")…');
  });

  it('leaves out joins, leaves, bots, the bot user and messages nobody replied to; keeps a reply also sent to the channel', async () => {
    const usb = records(await readAll(folder)).find((thread) => thread.id.startsWith('C05USBHLP2'));
    expect(usb?.answers.map((answer) => answer.author)).toEqual(['alice', 'Bob K']);
    const texts = records(await readAll(folder)).flatMap((thread) => [thread.question, ...thread.answers.map((answer) => answer.text)]);
    expect(texts.join('\n')).not.toMatch(/has joined|has left|Nightly build|Similar threads|lunch anyone|iPadOS/);
  });

  it('never imports private channels or direct messages, and says so', async () => {
    const results = await readAll(folder);
    expect(records(results).some((thread) => /NDA|errata/.test(thread.question))).toBe(false);
    expect(problems(results)).toContain(`${join(folder, 'groups.json')}:0: private channels are not imported (1 in the export)`);
  });

  it('reports a message without a ts by its file and line, and reads on', async () => {
    expect(problems(await readAll(folder))).toContain(`${join(folder, 'driverkit', '2024-03-05.json')}:58: unexpected entry: "ts" is missing`);
  });

  it('reads the zip in place and gives the same threads, with paths inside the zip', async () => {
    const fromFolder = records(await readAll(folder));
    const results = await readAll(zip);
    expect(records(results)).toEqual(fromFolder);
    expect(problems(results)).toContain(`${zip}/driverkit/2024-03-05.json:58: unexpected entry: "ts" is missing`);
    expect(records(await readAll(nestedZip))).toEqual(fromFolder);
  });

  it('refuses a zip that is not a Slack export, and a broken one, in one line each', async () => {
    const other = await zipFolder(join(fixturesDir, 'bad'), join(dir.path, 'other.zip'));
    expect(problems(await readAll(other))).toEqual([`${other}:0: zip file that is not a Slack export (no channels.json and users.json)`]);
    const broken = join(dir.path, 'broken.zip');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]));
    expect(problems(await readAll(broken))).toEqual([expect.stringMatching(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:0: cannot read zip: `))]);
  });

  it('reports an unreadable day file with its line and keeps the other channels', async () => {
    const copy = join(dir.path, 'copy');
    cpSync(folder, copy, { recursive: true });
    writeFileSync(join(copy, 'usb', '2024-03-04.json'), '[\n  {"type": "message",\n');
    const results = await readAll(copy);
    expect(problems(results)).toContain(`${join(copy, 'usb', '2024-03-04.json')}:3: invalid JSON: property name expected`);
    expect(records(results).map((thread) => thread.id)).toEqual(['C05DRVKIT1:1709546400.123456', 'C05DRVKIT1:1709640000.000600']);
  });
});
