import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { ExtractiveDrafter } from '../../src/engine/draft/extractive-drafter.js';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { runCli } from '../helpers/run-cli.js';
import { inspectIndex } from '../helpers/inspect-index.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, embeddings, ingestInto } from '../helpers/test-index.js';

const thread = (id: string, title: string, question: string) => JSON.stringify({ id, title, question, answers: [`The fix for ${title} is in the reply.`] });

/** Thread ids `similar` lists for a text, as the bot would answer. */
async function similarIds(index: LanceThreadIndex, text: string): Promise<string[]> {
  const engine = createEngine({ index, embeddings, drafter: new ExtractiveDrafter(), minConfidence: 0.4 });
  return (await engine.similar({ text, k: 3 })).results.map((result) => result.id);
}

describe('a bot serving while another process rebuilds or ingests (issue 10, defect 1)', () => {
  const dir = tempDir();
  const db = join(dir.path, 'db');
  const files = {
    first: join(dir.path, 'first.jsonl'),
    second: join(dir.path, 'second.jsonl'),
    third: join(dir.path, 'third.jsonl'),
    extra: join(dir.path, 'extra.jsonl'),
  };
  const env = { DRIVERDESK_DB: db };

  beforeAll(async () => {
    writeFileSync(files.first, [thread('alpha', 'Thunderbolt dock resets the dext', 'The thunderbolt dock resets my dext after sleep.'), thread('filler-1', 'Filler', 'Nothing to see.')].join('\n'));
    writeFileSync(files.second, [thread('beta', 'Gamepad rumble through HIDDriverKit', 'How do I send rumble reports to a gamepad?'), thread('filler-2', 'Filler', 'Nothing to see.')].join('\n'));
    writeFileSync(files.third, [thread('delta', 'Serial modem drops carrier', 'The serial modem drops carrier under load.'), thread('filler-3', 'Filler', 'Nothing to see.')].join('\n'));
    writeFileSync(files.extra, thread('gamma', 'Audio interface clock drift', 'My audio interface clock drifts against the host.'));
    await ingestInto(db, [files.first]);
  });
  afterAll(dir.remove);

  it('answers from the new table after `ingest --rebuild` in another process, without a restart', async () => {
    // Checks the catalog on every search, so the switch is seen by the next question.
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder, refreshSeconds: 0 });
    try {
      expect(await similarIds(index, 'thunderbolt dock resets dext')).toContain('alpha');
      const rebuild = await runCli(['ingest', '--rebuild', files.second], env);
      expect(rebuild.code, rebuild.stderr).toBe(0);
      expect(await similarIds(index, 'gamepad rumble reports')).toContain('beta');
      expect(await similarIds(index, 'thunderbolt dock resets dext')).not.toContain('alpha');
    } finally {
      index.close();
    }
  });

  it('keeps answering when its table was dropped by two rebuilds since its last look at the catalog', async () => {
    // A refresh interval longer than the test: only the "table gone" path can make it switch.
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder, refreshSeconds: 3600 });
    try {
      const servedBefore = index.tableName;
      expect(await similarIds(index, 'gamepad rumble reports')).toContain('beta');
      expect((await runCli(['ingest', '--rebuild', files.third], env)).code).toBe(0);
      expect((await runCli(['ingest', '--rebuild', files.second], env)).code).toBe(0);
      expect((await inspectIndex(db)).tables).not.toContain(servedBefore);
      expect(await similarIds(index, 'gamepad rumble reports')).toContain('beta');
      expect(index.tableName).not.toBe(servedBefore);
    } finally {
      index.close();
    }
  });

  it('keeps the table a rebuild replaced until the next rebuild, then drops it', async () => {
    const before = (await inspectIndex(db)).active;
    expect((await runCli(['ingest', '--rebuild', files.third], env)).code).toBe(0);
    const after = await inspectIndex(db);
    expect(after.tables.sort()).toEqual([before, after.active].sort());
    expect((await runCli(['ingest', '--rebuild', files.second], env)).code).toBe(0);
    expect((await inspectIndex(db)).tables).not.toContain(before);
  });

  it('sees threads another process adds to the same table', async () => {
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder, refreshSeconds: 0 });
    try {
      expect(await similarIds(index, 'audio interface clock drift')).not.toContain('gamma');
      const ingest = await runCli(['ingest', files.extra], env);
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(await similarIds(index, 'audio interface clock drift')).toContain('gamma');
    } finally {
      index.close();
    }
  });
});
