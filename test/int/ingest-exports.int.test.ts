import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../ingest/index.js';
import { fixturesDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { zipFolder } from '../helpers/zip-folder.js';

const exportsDir = join(fixturesDir, 'exports');
const discord = join(exportsDir, 'discord');
const slackFolder = join(exportsDir, 'slack');
const stackExchange = join(exportsDir, 'stackexchange');

const dir = tempDir();
const env = { DRIVERDESK_DB: join(dir.path, 'db') };
let slackZip: string;
let first: IngestSummary;

async function ingest(...args: string[]): Promise<IngestSummary> {
  const result = await runCli(['ingest', ...args, '--json'], env);
  expect(result.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as IngestSummary;
}

async function similar(text: string): Promise<Array<{ id: string; title: string; url: string | null; snippet: string }>> {
  const result = await runCli(['similar', text, '--json', '-k', '3'], env);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).results;
}

beforeAll(async () => {
  slackZip = await zipFolder(slackFolder, join(dir.path, 'Driver Devs Slack export.zip'));
  first = await ingest(discord, slackZip, stackExchange);
});
afterAll(dir.remove);

describe('ingesting community exports with the real CLI', () => {
  it('writes the threads of every export: 4 from Discord, 3 from Slack, 3 from Stack Exchange', () => {
    expect(first).toMatchObject({ recordsRead: 10, threadsWritten: 10, threadsUnchanged: 0 });
  });

  it('reports each malformed part as file:line, skips it, and ingests the rest', () => {
    const skipped = first.skipped.map((skip) => `${skip.file.replace(`${exportsDir}/`, '').replace(`${dir.path}/`, '')}:${skip.line}: ${skip.reason}`);
    expect(skipped).toEqual([
      'discord/Driver Devs - Driver development - usb-help [1104513000000000100].json:445: not a DiscordChatExporter message: "author" is missing',
      'Driver Devs Slack export.zip/groups.json:0: private channels are not imported (1 in the export)',
      'Driver Devs Slack export.zip/driverkit/2024-03-05.json:58: unexpected entry: "ts" is missing',
      'stackexchange/superuser.com/Posts.xml:9: post 7: no Title',
      'stackexchange/superuser.com/Posts.xml:12: answer 10: its question 7 is missing, skipped, or comes after it',
    ]);
  });

  it('makes Discord reply chains and forum posts searchable, linked to the message', async () => {
    const [chain] = await similar('My DriverKit dext matches the USB interface but Start() is never called');
    expect(chain).toMatchObject({ id: '1210000000000000002', url: 'https://discord.com/channels/1104512739211038720/1104513000000000100/1210000000000000002' });
    const [post] = await similar('serial dext crashes in TxFreeSpaceAvailable after the Mac wakes from sleep');
    expect(post).toMatchObject({ id: '1215000000000000500', title: 'Serial dext crashes after sleep/wake' });
  });

  it('makes Slack threads searchable, linked by a permalink that needs no workspace domain', async () => {
    const [thread] = await similar('system extension activation request fails with OSSystemExtensionErrorDomain error 8');
    expect(thread).toMatchObject({ id: 'C05DRVKIT1:1709546400.123456', url: 'https://slack.com/archives/C05DRVKIT1/p1709546400123456' });
  });

  it('makes Stack Exchange questions searchable, linked to the site', async () => {
    const [question] = await similar('FTDI USB serial adapter shows Code 10 on a USB 3.0 port');
    expect(question).toMatchObject({ id: '1', url: 'https://superuser.com/q/1' });
  });

  it('keeps broadcast and mention syntax from exports as plain data, never turning <!channel> into a live broadcast', async () => {
    const [slack] = await similar('after updating to macOS 14.4 our PCIe dext no longer matches IOPCIPrimaryMatch');
    expect(slack?.id).toBe('C05DRVKIT1:1709640000.000600');
    expect(slack?.title.startsWith('@channel heads up')).toBe(true);
    expect(JSON.stringify(slack)).not.toContain('<!channel>');
    const [discordThread] = await similar('IOUserClient external method returns kIOReturnNotPrivileged');
    expect(discordThread?.id).toBe('1210000000000000009');
  });

  it('changes nothing when the same exports are ingested again, or the Slack export unzipped', async () => {
    const again = await ingest(discord, slackZip, stackExchange);
    expect(again).toMatchObject({ threadsWritten: 0, threadsUnchanged: 10, chunksWritten: 0, version: first.version });
    const folder = await ingest(slackFolder);
    expect(folder).toMatchObject({ threadsWritten: 0, threadsUnchanged: 3, version: first.version });
  });

  it('links a Posts.xml outside a folder named after its site with --site, and says how when it is missing', async () => {
    const loose = join(dir.path, 'Posts.xml');
    copyFileSync(join(stackExchange, 'superuser.com', 'Posts.xml'), loose);
    const refused = await runCli(['ingest', loose, '--json'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing could be ingested');
    expect(refused.stderr).toContain('pass --site DOMAIN');
    await ingest(loose, '--site', 'electronics.stackexchange.com');
    const [question] = (await similar('FTDI USB serial adapter shows Code 10 on a USB 3.0 port')).filter((result) => result.url?.includes('electronics'));
    expect(question).toMatchObject({ id: '1', url: 'https://electronics.stackexchange.com/q/1' });
  });
});
