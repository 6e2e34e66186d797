import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkThread } from '../../ingest/chunk-thread.js';
import { ingestRecords } from '../../ingest/index.js';
import type { ThreadRecord } from '../../ingest/thread-record.js';
import { lanceWriterOpener } from '../../src/store/lance-thread-writer.js';
import type { ChunkRow } from '../../src/store/thread-index.js';
import { CliChild } from '../helpers/cli-child.js';
import { duplicateEveryRow, inspectIndex } from '../helpers/inspect-index.js';
import { sharedThreads } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, embeddings, ingestInto } from '../helpers/test-index.js';

const thread = (id: string): ThreadRecord => ({ id, title: `Thread ${id}`, question: `Question of ${id}.`, answers: [], url: null, source: 'test', tags: [], metadata: {} });

async function embed(threads: ThreadRecord[]): Promise<ChunkRow[]> {
  const chunks = threads.flatMap(chunkThread);
  const vectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.embedText));
  return chunks.map(({ embedText: _embedText, ...chunk }, index) => ({ ...chunk, vector: vectors[index] as number[] }));
}

const record = (n: number) =>
  JSON.stringify({ id: `many-${n}`, title: `Synthetic thread ${n} about IOUSBHostPipe`, question: `Question ${n}: the pipe stalls after ${n} transfers.`, answers: [`Answer ${n}.`] });

describe('one writer at a time per index (issue 10, defect 2)', () => {
  const dir = tempDir();
  const many = join(dir.path, 'many.jsonl');
  beforeAll(() => {
    writeFileSync(many, Array.from({ length: 1200 }, (_, n) => record(n)).join('\n'));
  });
  afterAll(dir.remove);

  it('a second ingest while one is writing refuses with one line naming the first run; no chunk is stored twice', async () => {
    const db = join(dir.path, 'refuse');
    const first = new CliChild(['ingest', many, '--db', db]);
    // Frozen right after its first commit, it holds the lock at a known point.
    await first.waitForStderr(/written/);
    first.signal('SIGSTOP');
    const second = await runCli(['ingest', many, '--db', db]);
    first.signal('SIGCONT');
    expect(second.code).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`another ingest is writing to .*: pid ${first.pid} on \\S+, started \\d{4}-\\d\\d-\\d\\dT`));
    expect((await first.exited()).code).toBe(0);
    const contents = await inspectIndex(db);
    expect(contents.rows).toBe(contents.distinctChunks);
    expect(contents.rows).toBe(2400);
  });

  it('with --wait the second ingest waits for the first, then finds everything unchanged', async () => {
    const db = join(dir.path, 'wait');
    const first = new CliChild(['ingest', many, '--db', db]);
    await first.waitForStderr(/written/);
    first.signal('SIGSTOP');
    const second = new CliChild(['ingest', many, '--db', db, '--wait', '600', '--json']);
    await second.waitForStderr(new RegExp(`waiting for another ingest writing to this index: pid ${first.pid}`));
    first.signal('SIGCONT');
    expect((await first.exited()).code).toBe(0);
    expect((await second.exited()).code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ threadsWritten: 0, threadsUnchanged: 1200, duplicatesRemoved: 0 });
  });

  it('a killed writer does not block the next one: its lock is seen to be dead at once', async () => {
    const db = join(dir.path, 'killed');
    const first = new CliChild(['ingest', many, '--db', db]);
    await first.waitForStderr(/written/);
    first.signal('SIGKILL');
    await first.exited();
    expect(existsSync(join(db, '.driverdesk-writer.lock'))).toBe(true);
    const next = await runCli(['ingest', many, '--db', db]);
    expect(next.code, next.stderr).toBe(0);
    const contents = await inspectIndex(db);
    expect(contents.rows).toBe(contents.distinctChunks);
  });

  it('on object storage (no lock) two writers adding the same threads at once leave one copy of each chunk', async () => {
    // file-object-store:// is LanceDB's object-store code path on a local folder: no writer lock.
    const db = join(dir.path, 'object-store');
    const uri = `file-object-store://${db}`;
    await ingestRecords([thread('seed')], { openIndex: lanceWriterOpener({ uri }), embedder: embeddings.asEmbedder() });
    const rows = await embed(Array.from({ length: 300 }, (_, n) => thread(`same-${n}`)));
    const [one, two] = await Promise.all([0, 1].map(() => lanceWriterOpener({ uri })({ embedder })));
    await Promise.all([one?.addThreads(rows), two?.addThreads(rows)]);
    await Promise.all([one?.close(), two?.close()]);
    const contents = await inspectIndex(uri);
    expect(contents.rows).toBe(rows.length + 1);
    expect(contents.distinctChunks).toBe(contents.rows);
  });

  it('duplicate chunks left by overlapping runs are removed by the next run, elsewhere in the index by --repair', async () => {
    const db = join(dir.path, 'duplicates');
    await ingestInto(db, [sharedThreads, many]);
    const copied = await duplicateEveryRow(db);
    expect((await inspectIndex(db)).rows).toBe(2 * copied);
    // Only the shared threads are read again: their copies go, the others' stay until --repair.
    const rerun = await runCli(['ingest', sharedThreads, '--db', db, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({ threadsWritten: 0, threadsUnchanged: 165 });
    expect(summary.duplicatesRemoved).toBeGreaterThan(0);
    expect((await inspectIndex(db)).rows).toBe(copied + 2400);
    const repair = await runCli(['ingest', sharedThreads, '--db', db, '--repair', '--json']);
    expect(JSON.parse(repair.stdout).duplicatesRemoved).toBe(2400);
    const contents = await inspectIndex(db);
    expect(contents.rows).toBe(copied);
    expect(contents.distinctChunks).toBe(copied);
  });
});
