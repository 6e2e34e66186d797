/**
 * Question-to-reply latency through the real platform libraries against the local fakes the
 * tests use: signed Slack events into Bolt's HTTP receiver, and Discord messages through the
 * fake gateway into discord.js. Extractive mode; the clock runs from sending the event to the
 * fake receiving the bot's answer.
 */
import { startDiscordBot } from '../src/adapters/discord/discord-bot.js';
import { startSlackApp } from '../src/adapters/slack/slack-app.js';
import type { ChatEvent } from '../src/chat/chat-event.js';
import { respondToEvent } from '../src/chat/respond-to-event.js';
import type { Engine } from '../src/engine/index.js';
import { createLogger } from '../src/logger.js';
import { AUTO_CHANNEL, BOT_TOKEN as DISCORD_TOKEN, FakeDiscordServer, userOf } from '../test/fakes/fake-discord-server.js';
import { BOT_TOKEN, BOT_USER_ID, FakeSlackApi, signSlackRequest } from '../test/fakes/fake-slack-api.js';
import { percentile, round, type Latency } from './stats.js';

const logger = createLogger('silent');

function summarise(samples: number[]): Latency {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

export async function slackLatency(engine: Engine, questions: string[]): Promise<Latency> {
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const secret = 'bench-secret';
  const respond = (event: ChatEvent) => respondToEvent({ engine, logger }, event);
  const bot = await startSlackApp({ slack: { botToken: BOT_TOKEN, appToken: undefined, signingSecret: secret, port: 0, apiUrl }, respond, logger });
  const samples: number[] = [];
  try {
    for (const [n, question] of questions.entries()) {
      const ts = `1700000000.${String(n).padStart(6, '0')}`;
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: 'T0001',
        api_app_id: 'A0001',
        event_id: `EvBench${n}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_mention', user: 'U0001', text: `<@${BOT_USER_ID}> ${question}`, ts, channel: 'C0001', event_ts: ts },
      });
      const started = performance.now();
      const answered = api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts);
      await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body) } });
      await answered;
      samples.push(performance.now() - started);
    }
  } finally {
    await bot.stop();
    await api.stop();
  }
  return summarise(samples);
}

export async function discordLatency(engine: Engine, questions: string[]): Promise<Latency> {
  const discord = new FakeDiscordServer();
  const apiUrl = await discord.start();
  const respond = (event: ChatEvent) => respondToEvent({ engine, logger }, event);
  const bot = await startDiscordBot({ token: DISCORD_TOKEN, apiUrl, channels: [AUTO_CHANNEL], respond, logger });
  const samples: number[] = [];
  try {
    for (const question of questions) {
      const text = question.endsWith('?') ? question : `${question}?`;
      // discord.js keeps to Discord's global limit of 50 requests a second and each answer
      // takes three (👀, thread, message): questions are paced below it, as in a real channel.
      await new Promise((resolve) => setTimeout(resolve, 80));
      const started = performance.now();
      const message = discord.userMessage({ channelId: AUTO_CHANNEL, content: text, author: userOf('800000000000000777', 'bench') });
      await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${message.id}/messages`);
      samples.push(performance.now() - started);
    }
  } finally {
    await bot.stop();
    await discord.stop();
  }
  return summarise(samples);
}
