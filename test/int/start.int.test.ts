import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN as DISCORD_TOKEN, FakeDiscordServer } from '../fakes/fake-discord-server.js';
import { APP_TOKEN, BOT_TOKEN, BOT_USER_ID, FakeSlackApi } from '../fakes/fake-slack-api.js';
import { startCli } from '../helpers/cli-process.js';
import { bundledListing } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { eventCallback } from '../helpers/slack-harness.js';
import { tempDir } from '../helpers/temp-db.js';

const dir = tempDir();
const base = { DRIVERDESK_DB: join(dir.path, 'db'), LOG_LEVEL: 'info' };
const slack = new FakeSlackApi();
const discord = new FakeDiscordServer();
let slackApi: string;
let discordApi: string;
/** Accepts connections and never answers: an API that is "up" but unreachable in practice. */
let blackhole: TcpServer;
let blackholeUrl: string;
const held: Socket[] = [];

beforeAll(async () => {
  expect((await runCli(['ingest', bundledListing], base)).code).toBe(0);
  slackApi = await slack.start();
  discordApi = await discord.start();
  blackhole = createTcpServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  blackholeUrl = `http://127.0.0.1:${(blackhole.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  blackhole.close();
  await slack.stop();
  await discord.stop();
  dir.remove();
});

/** Runs `start` to its exit and checks the contract: exit 1, and the user-facing line last, no stack trace, no token. */
async function failsToStart(env: Record<string, string>): Promise<string> {
  const result = await runCli(['start'], { ...base, ...env });
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const secret of [BOT_TOKEN, APP_TOKEN, DISCORD_TOKEN, 'xoxb-wrong', 'xapp-wrong', 'wrong-discord-token']) expect(result.stderr + result.stdout).not.toContain(secret);
  return result.stderr.trim().split('\n').at(-1) ?? '';
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('driverdesk start fails loudly when a platform cannot start', () => {
  it('Slack over HTTP with the port in use: exit 1, one line naming SLACK_PORT', async () => {
    const busy: Server = createHttpServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const line = await failsToStart({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 's', SLACK_PORT: String(port), SLACK_API_URL: slackApi });
      expect(line).toBe(`driverdesk: cannot start the Slack bot (check SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_PORT (${port})): listen EADDRINUSE: address already in use :::${port}`);
    } finally {
      busy.close();
    }
  });

  it('Slack with a bad bot token: exit 1 (auth.test says invalid_auth)', async () => {
    const port = await freePort();
    const line = await failsToStart({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: 's', SLACK_PORT: String(port), SLACK_API_URL: slackApi });
    expect(line).toMatch(/^driverdesk: cannot start the Slack bot \(check SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_PORT \(\d+\)\): .*invalid_auth$/);
  });

  it('Socket Mode with a bad app-level token: exit 1 (apps.connections.open says invalid_auth)', async () => {
    const line = await failsToStart({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-wrong', SLACK_API_URL: slackApi });
    expect(line).toMatch(/^driverdesk: cannot start the Slack bot \(check SLACK_BOT_TOKEN, SLACK_APP_TOKEN and the network\): .*invalid_auth$/);
  });

  it('Socket Mode with an API that never answers: exit 1 after PLATFORM_START_TIMEOUT_MS', async () => {
    const line = await failsToStart({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: `${blackholeUrl}/api/`, PLATFORM_START_TIMEOUT_MS: '1500' });
    expect(line).toBe('driverdesk: cannot start the Slack bot (check SLACK_BOT_TOKEN, SLACK_APP_TOKEN and the network): no connection within 1.5 s (PLATFORM_START_TIMEOUT_MS)');
  });

  it('Discord with a bad token: exit 1', async () => {
    const line = await failsToStart({ DISCORD_TOKEN: 'wrong-discord-token', DISCORD_API_URL: discordApi });
    expect(line).toMatch(/^driverdesk: cannot start the Discord bot \(check DISCORD_TOKEN, the Message Content intent and DISCORD_API_URL\): /);
  });

  it('Discord with an API that never answers: exit 1 after PLATFORM_START_TIMEOUT_MS', async () => {
    const line = await failsToStart({ DISCORD_TOKEN, DISCORD_API_URL: `${blackholeUrl}/api`, PLATFORM_START_TIMEOUT_MS: '1500' });
    expect(line).toBe('driverdesk: cannot start the Discord bot (check DISCORD_TOKEN, the Message Content intent and DISCORD_API_URL): no connection within 1.5 s (PLATFORM_START_TIMEOUT_MS)');
  });

  it('a platform that fails stops the one already connected: Discord up, Slack refused, exit 1', async () => {
    const line = await failsToStart({ DISCORD_TOKEN, DISCORD_API_URL: discordApi, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-wrong', SLACK_API_URL: slackApi });
    expect(line).toMatch(/^driverdesk: cannot start the Slack bot/);
  });
});

describe('driverdesk start with Discord and Slack (Socket Mode)', () => {
  it('says when each platform is connected, answers, and exits 0 on SIGTERM', async () => {
    const bot = startCli(['start'], { ...base, DISCORD_TOKEN, DISCORD_API_URL: discordApi, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slackApi });
    try {
      await bot.waitForStderr(/^Discord connected \(as driverdesk#?\d*\)\.$/m);
      await bot.waitForStderr(/^Slack connected \(Socket Mode\)\.$/m);
      await bot.waitForStderr(/driverdesk is running on Discord and Slack/);
      const ts = '1700000001.000001';
      await slack.socketMode.send('events_api', eventCallback({ type: 'app_mention', user: 'U0001', text: `<@${BOT_USER_ID}> how do I block USB devices on macOS?`, ts, channel: 'C0001', event_ts: ts }));
      const reply = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
      expect(JSON.stringify(reply.params.blocks)).toContain('Blocking USB Devices on macOS');
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  });
});
