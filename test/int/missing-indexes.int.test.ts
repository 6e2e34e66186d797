import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliChild } from '../helpers/cli-child.js';
import { inspectIndex } from '../helpers/inspect-index.js';
import { sharedThreads } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { ingestInto } from '../helpers/test-index.js';

const record = (n: number) =>
  JSON.stringify({ id: `more-${n}`, title: `Synthetic thread ${n} about PCIDriverKit`, question: `Question ${n}: the BAR mapping fails after ${n} resets.`, answers: [`Answer ${n}.`] });

describe('every index a table should have is there after the next run (issue 10, defect 3)', () => {
  const dir = tempDir();
  const db = join(dir.path, 'db');
  const more = join(dir.path, 'more.jsonl');
  // Small enough that this incremental ingest crosses it and builds the vector index at its end.
  const env = { DRIVERDESK_DB: db, VECTOR_INDEX_MIN_ROWS: '1000' };

  beforeAll(async () => {
    writeFileSync(more, Array.from({ length: 1500 }, (_, n) => record(n)).join('\n'));
    await ingestInto(db, [sharedThreads]);
  });
  afterAll(dir.remove);

  it('a run killed while building the vector index: the next run, with nothing new, builds it', async () => {
    const killed = new CliChild(['ingest', sharedThreads, more], env);
    // Older versions printed only "building the search indexes…" before the same step.
    await killed.waitForStderr(/building the (vector|search) index/);
    killed.signal('SIGKILL');
    await killed.exited();
    const left = await inspectIndex(db);
    expect(left.indexes).toEqual(['fts_text', 'thread_key']);
    expect(left.rows).toBeGreaterThan(1000);

    const next = await runCli(['ingest', sharedThreads, more, '--json'], env);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ threadsWritten: 0, indexesBuilt: ['vector'], vectorIndex: true });
    expect((await inspectIndex(db)).indexes).toEqual(['fts_text', 'thread_key', 'vector']);
  });

  it('a run with nothing new and every index present changes nothing', async () => {
    const before = await inspectIndex(db);
    const again = await runCli(['ingest', sharedThreads, more, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ threadsWritten: 0, indexesBuilt: [], vectorIndex: true });
    expect(await inspectIndex(db)).toEqual(before);
  });
});
