import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';

/** A question, and the same problem in other words (cosine 0.46 with the offline embedder: a vote counts about half). */
const QUESTION = 'our usb serial dext loses the port after the mac sleeps and wakes';
const PARAPHRASE = 'my rs232 adapter driver loses the port after the mac wakes up';
/**
 * Unrelated questions (cosine 0.24 and below: under the threshold) whose rankings also hold B, so a
 * vote that counted for every question would show: B is first for UNRELATED, lower for UNRELATED_TOO.
 */
const UNRELATED = 'USB CDC ACM device not showing up as /dev/cu';
const UNRELATED_TOO = 'emulated scsi host adapter without any hardware behind it';
/** A: first for QUESTION. B: also cited by its answer, and second for PARAPHRASE. */
const A = '763288';
const B = '678938';

const ids = async (engine: Engine, text: string) => (await engine.similar({ text, k: 10 })).results.map((thread) => thread.id);

describe('feedback in the index: shared, durable and question-aware', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  /** A fresh index with the shared corpus; engines on it are opened with `open` and closed after the test. */
  const freshIndex = async () => {
    const dir = tempDir();
    cleanup.push(dir.remove);
    await ingestSharedCorpus(dir.path);
    return async () => {
      const opened = await openTestEngine(dir.path);
      cleanup.push(opened.close);
      return { ...opened, dir: dir.path };
    };
  };

  it('a 👍 on B for a question ranks B first for its paraphrase, leaves an unrelated ranking alone, and is seen by a second engine and after a restart', async () => {
    const open = await freshIndex();
    const first = await open();
    // Opened before the vote: it must see a vote another engine records later.
    const second = await open();
    const answer = await first.engine.ask({ question: QUESTION });
    expect(answer.similar[0]?.id).toBe(A);
    expect(answer.citations.map((citation) => citation.id)).toContain(B);
    const paraphraseBefore = await ids(first.engine, PARAPHRASE);
    expect(paraphraseBefore.indexOf(B)).toBeGreaterThan(0);
    const unrelatedBefore = await ids(first.engine, UNRELATED_TOO);
    expect(unrelatedBefore.indexOf(B)).toBeGreaterThan(0);

    expect(await first.engine.recordFeedback({ answerId: answer.answerId, userId: 'u1', vote: 'up', threadIds: [B] })).toEqual({ recorded: true });

    expect((await ids(first.engine, PARAPHRASE))[0]).toBe(B);
    expect(await ids(first.engine, UNRELATED_TOO)).toEqual(unrelatedBefore);
    expect((await ids(second.engine, PARAPHRASE))[0]).toBe(B);
    // Another process, the CLI, ranks with the same votes.
    const cli = await runCli(['similar', PARAPHRASE, '--json', '-k', '10'], { DRIVERDESK_DB: first.dir });
    expect(JSON.parse(cli.stdout).results[0].id).toBe(B);

    await first.close();
    await second.close();
    const restarted = await open();
    expect((await ids(restarted.engine, PARAPHRASE))[0]).toBe(B);
    expect(await ids(restarted.engine, UNRELATED_TOO)).toEqual(unrelatedBefore);
    // The answer was given before the restart: a vote on it still counts (here it takes the 👍 back).
    expect(await restarted.engine.recordFeedback({ answerId: answer.answerId, userId: 'u1', vote: 'down', threadIds: [B] })).toEqual({ recorded: true });
    expect(await restarted.knowledge.voteOf(answer.answerId, 'u1')).toBe('down');
    expect((await ids(restarted.engine, PARAPHRASE))[0]).not.toBe(B);
  });

  it('a 👎 on a thread moves it down for a question like the voted one, not for an unrelated one', async () => {
    const { engine } = await (await freshIndex())();
    const answer = await engine.ask({ question: QUESTION });
    const paraphraseBefore = await ids(engine, PARAPHRASE);
    const unrelatedBefore = await ids(engine, UNRELATED);
    expect(unrelatedBefore[0]).toBe(B);
    const votes = ['u1', 'u2', 'u3'].map((userId) => engine.recordFeedback({ answerId: answer.answerId, userId, vote: 'down', threadIds: [B] }));
    expect(await Promise.all(votes)).toEqual([{ recorded: true }, { recorded: true }, { recorded: true }]);
    expect((await ids(engine, PARAPHRASE)).indexOf(B)).toBeGreaterThan(paraphraseBefore.indexOf(B));
    expect(await ids(engine, UNRELATED)).toEqual(unrelatedBefore);
  });

  it('CLI ask and similar rank with the votes but write nothing: no knowledge table appears', async () => {
    const dir = tempDir();
    cleanup.push(dir.remove);
    await ingestSharedCorpus(dir.path);
    const before = readdirSync(dir.path).sort();
    for (const command of ['ask', 'similar']) expect((await runCli([command, QUESTION, '--json'], { DRIVERDESK_DB: dir.path })).code).toBe(0);
    expect(readdirSync(dir.path).sort()).toEqual(before);
  });

  it('a vote on an answer it does not know, or on a thread the answer did not cite, is not recorded', async () => {
    const { engine } = await (await freshIndex())();
    const answer = await engine.ask({ question: QUESTION });
    expect(await engine.recordFeedback({ answerId: 'no-such-answer', userId: 'u1', vote: 'up' })).toEqual({ recorded: false });
    expect(await engine.recordFeedback({ answerId: answer.answerId, userId: 'u1', vote: 'up', threadIds: ['not-cited'] })).toEqual({ recorded: false });
  });
});
