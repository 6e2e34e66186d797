import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import type { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { devQuestions } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';

const OFF_TOPIC = [
  'how do I bake bread',
  'how do I bake sourdough bread at home?',
  'who won the football world cup in 2018',
  'what is the capital of Australia',
  'how do I file my tax return',
  'recommend a good pasta recipe with tomatoes',
  'how do I center a div in CSS',
  'explain the rules of chess castling',
];

describe('the answer engine on the shared corpus', () => {
  const dir = tempDir();
  let engine: Engine;
  let knowledge: LanceKnowledge;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await ingestSharedCorpus(dir.path);
    ({ engine, knowledge, close } = await openTestEngine(dir.path));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  it('answers the on-topic dev questions with citations', async () => {
    const questions = readFileSync(devQuestions, 'utf8').trim().split('\n').map((line) => JSON.parse(line).question as string);
    for (const question of questions) {
      const answer = await engine.ask({ question });
      expect(answer.mode, question).toBe('extractive');
      expect(answer.citations.length, question).toBeGreaterThan(0);
      expect(answer.answer, question).toMatch(/\[1\]/);
    }
  });

  it.each(OFF_TOPIC)('says no close match for the off-topic "%s", never silently', async (question) => {
    const answer = await engine.ask({ question });
    expect(answer.mode).toBe('no-match');
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain('I found no thread that closely matches');
    expect(answer.answer).toContain('searched for:');
    expect(answer.similar.length).toBeGreaterThan(0);
  });

  it('states the decoding of an IOReturn code in the answer', async () => {
    const answer = await engine.ask({ question: 'IOServiceOpen gives me 0xE00002BC even though the dext matched' });
    expect(answer.answer.split('\n\n')[0]).toMatch(/^0xe00002bc is kIOReturnError: "general error"/);
    expect(answer.citations[0]?.id).toBe('825971');
  });

  it('uses the earlier turns of a conversation to search a follow-up', async () => {
    const alone = await engine.similar({ text: 'what about on iPad?' });
    const followUp = await engine.ask({
      question: 'what about on iPad?',
      context: [
        { role: 'user', text: 'my SCSI dext probe only finds target 0 with IOUserSCSIParallelInterfaceController' },
        { role: 'assistant', text: 'See the threads about SCSI target probing.' },
      ],
    });
    expect(followUp.similar.map((thread) => thread.id)).not.toEqual(alone.results.map((thread) => thread.id));
    expect(followUp.similar.slice(0, 5).some((thread) => ['807020', '805570'].includes(thread.id))).toBe(true);
  });

  it('records one vote per user per answer, the last click winning', async () => {
    const answer = await engine.ask({ question: 'how do I block usb storage devices on macs now that kexts are deprecated?' });
    expect(await engine.recordFeedback({ answerId: answer.answerId, userId: 'u1', vote: 'up' })).toEqual({ recorded: true });
    await engine.recordFeedback({ answerId: answer.answerId, userId: 'u1', vote: 'down' });
    await engine.recordFeedback({ answerId: answer.answerId, userId: 'u2', vote: 'down' });
    expect(await knowledge.voteOf(answer.answerId, 'u1')).toBe('down');
    expect(await knowledge.voteOf(answer.answerId, 'u2')).toBe('down');
    // Both users' last votes are 👎: for the same question every cited thread nets −2 full votes.
    const given = await knowledge.findAnswer(answer.answerId);
    const boosts = await knowledge.boostsFor(given?.vector ?? []);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(given?.threadKeys.map((key) => boosts.get(key))).toEqual(answer.citations.map(() => -2));
    expect(await engine.recordFeedback({ answerId: 'unknown', userId: 'u1', vote: 'up' })).toEqual({ recorded: false });
  });

  it('answers an empty question with guidance, not an error', async () => {
    const answer = await engine.ask({ question: '<@123> ' });
    expect(answer.mode).toBe('no-match');
    expect(answer.answer).toMatch(/Ask me a question/);
  });
});
