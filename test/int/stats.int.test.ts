import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponder, composeEngine, type ComposedEngine } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { embeddings, ingestSharedCorpus } from '../helpers/test-index.js';

describe('driverdesk stats', () => {
  const dir = tempDir();
  let composed: ComposedEngine;

  beforeAll(async () => {
    await ingestSharedCorpus(dir.path);
    const config = loadConfig({ env: { DRIVERDESK_DB: dir.path, LEARN_CHANNELS: 'C0DRIVERS' } });
    composed = await composeEngine(config, embeddings.asEmbedder(), { knowledge: 'serve' });
    const respond = chatResponder(config, composed, createLogger('silent'));
    const ask = async (text: string) => respond({ kind: 'ask', text, user: 'U1', channel: 'C0DRIVERS', platform: 'slack' });
    const answered = await ask('how do I block usb storage devices on macs now that kexts are deprecated?');
    if (answered.kind !== 'answer') throw new Error('expected an answer');
    await ask('how do I bake sourdough bread at home?');
    await ask('How do I bake sourdough   bread at home?');
    await ask('who won the football world cup in 2018');
    await respond({ kind: 'action', action: { kind: 'vote', vote: 'up', answerId: answered.answer.answerId }, user: 'U2', channel: 'C0DRIVERS' });
    const learned = await respond({
      kind: 'solved',
      user: 'U1',
      channel: 'C0DRIVERS',
      request: {
        platform: 'slack',
        channelId: 'C0DRIVERS',
        isBotAnswerThread: false,
        markedBy: { userId: 'U1', isModerator: false },
        loadThread: async () => ({
          platform: 'slack',
          threadId: '1700000000.000100',
          channelId: 'C0DRIVERS',
          url: 'https://acme.slack.com/archives/C0DRIVERS/p1700000000000100',
          messages: [
            { id: '1700000000.000100', authorId: 'U1', authorName: 'ada', isBot: false, text: 'HID dext gets no reports from the gamepad' },
            { id: '1700000001.000100', authorId: 'U2', authorName: 'grace', isBot: false, text: 'Fix the report descriptor usage page.' },
          ],
        }),
      },
    });
    expect(learned).toMatchObject({ kind: 'notice', text: 'Saved: future questions like this will find this thread.' });
  });
  afterAll(async () => {
    await composed.close();
    dir.remove();
  });

  it('--json: threads per source, learned threads, votes, answered and gated questions, the most asked gated ones', async () => {
    const result = await runCli(['stats', '--json'], { DRIVERDESK_DB: dir.path });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats.threads.bySource.slack).toBe(1);
    expect(stats.threads.total).toBeGreaterThan(100);
    expect(stats.learned).toEqual({ total: 1, byPlatform: { slack: 1 } });
    expect(stats.votes).toEqual({ up: 1, down: 0 });
    expect(stats.questions).toMatchObject({ days: 7, asked: 4, answered: 1, gated: 3 });
    expect(stats.gatedQuestions[0]).toMatchObject({ question: 'How do I bake sourdough   bread at home?', count: 2 });
    expect(stats.gatedQuestions[1]).toMatchObject({ question: 'who won the football world cup in 2018', count: 1 });
  });

  it('prints the same as text', async () => {
    const result = await runCli(['stats'], { DRIVERDESK_DB: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Threads: \d+$/m);
    expect(result.stdout).toContain('Learned from chat: 1 (slack 1)');
    expect(result.stdout).toContain('Votes: 1 up, 0 down');
    expect(result.stdout).toContain('Last 7 days: 4 questions, 1 answered, 3 gated (no close match)');
    expect(result.stdout).toMatch(/ {2}2× {2}How do I bake sourdough bread at home\?/);
  });

  it('says there is no index yet, in one line, and creates nothing', async () => {
    const empty = tempDir();
    try {
      const result = await runCli(['stats'], { DRIVERDESK_DB: empty.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`driverdesk: no index at ${empty.path}: run \`driverdesk ingest\` first\n`);
      expect(readdirSync(empty.path)).toEqual([]);
    } finally {
      empty.remove();
    }
  });

  it('refuses a bad --days with exit 2', async () => {
    const result = await runCli(['stats', '--days', '0'], { DRIVERDESK_DB: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--days.*whole number/);
  });
});
