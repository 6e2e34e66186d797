import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import type { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';
import { splitLabelledQuestions } from '../../bench/labelled-split.js';
import { expectsNoAnswer } from '../../src/eval/labelled-questions.js';
import { runEval } from '../../src/eval/run-eval.js';

describe('hybrid search on the shared corpus', () => {
  const dir = tempDir();
  let engine: Engine;
  let index: LanceThreadIndex;

  beforeAll(async () => {
    await ingestSharedCorpus(dir.path);
    ({ engine, index } = await openTestEngine(dir.path));
  });
  afterAll(() => {
    index.close();
    dir.remove();
  });

  const top = async (text: string, k = 5) => (await engine.similar({ text, k })).results;

  it.each([
    ['Can I write a USB driver for iPhone with DriverKit?', ['IOS alternatives to DriverKit', 'Custom USB Network Device Driver on iPhone']],
    ['my virtual serial port driver: where to begin with SerialDriverKit', ['721543', '773636', '678938']],
    ['the mac crashes when it goes to sleep, which kext is to blame?', ['771812', '817993']],
  ])('finds the thread for the paraphrase "%s"', async (question, expected) => {
    const results = await top(question);
    expect(results.some((result) => expected.includes(result.id) || expected.includes(result.title))).toBe(true);
  });

  it('ranks threads containing an exact entitlement key first', async () => {
    const results = await top('com.apple.developer.driverkit.transport.usb', 3);
    for (const result of results) expect(['798049', '798056', '688141', '680284', '712035', '736357', '813880', 'driverkit-transport-usb', 'driverkit-transport-usb-2']).toContain(result.id);
  });

  it('ranks the thread with an exact hex code first', async () => {
    expect((await top('what does 0xe00002bc mean for my dext', 3))[0]?.id).toBe('825971');
  });

  it('ranks the thread naming an exact API symbol first', async () => {
    const results = await top('UserSendCDB', 3);
    expect(['800955', 'limitations-of-usersendcdb-in-scsiperipheralsdriverkit', '749459', '807362']).toContain(results[0]?.id);
  });

  it('returns results best first with scores between 0 and 1 and one-line snippets', async () => {
    const results = await top('dext fails to load with exec format error', 5);
    expect(results[0]?.id).toBe('813880');
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const result of results) {
      expect(result.score).toBeGreaterThan(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(result.snippet).not.toContain('\n');
      expect(result.snippet.length).toBeLessThanOrEqual(200);
    }
  });

  it('hybrid beats full text alone and vectors alone on every covered labelled question (each method must earn its place)', async () => {
    // The shared dev questions, the paraphrases (which avoid their threads' words) and the
    // covered chat questions in test/fixtures/eval; bench/tune-fusion.ts reports each half.
    const covered = (await splitLabelledQuestions()).filter((question) => !expectsNoAnswer(question));
    expect(covered.length).toBeGreaterThan(150);
    const [text, vector, hybrid] = await Promise.all((['text', 'vector', 'hybrid'] as const).map((mode) => runEval(engine, covered, mode)));
    expect(hybrid?.mrr).toBeGreaterThan(text?.mrr ?? 1);
    expect(hybrid?.mrr).toBeGreaterThan(vector?.mrr ?? 1);
    expect(hybrid?.recallAt5).toBeGreaterThanOrEqual(Math.max(text?.recallAt5 ?? 1, vector?.recallAt5 ?? 1));
  });
});
