import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetThreads, ingestRecords } from '../../ingest/index.js';
import type { ThreadRecord } from '../../ingest/thread-record.js';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { lanceWriterOpener } from '../../src/store/lance-thread-writer.js';
import { CliChild } from '../helpers/cli-child.js';
import { inspectIndex } from '../helpers/inspect-index.js';
import { sharedThreads } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, embeddings, ingestInto } from '../helpers/test-index.js';

const learned: ThreadRecord = {
  id: '1234567890',
  title: 'Thunderbolt dock resets the camera dext',
  question: 'Every time the thunderbolt dock wakes, the camera dext restarts and loses its stream.',
  answers: [{ text: 'Keep a power assertion while streaming; the dock cuts VBUS otherwise.', accepted: true }],
  url: 'https://discord.com/channels/1/2/1234567890',
  source: 'discord',
  tags: [],
  metadata: {},
};

describe('ingestRecords and forgetThreads: what the bot calls while it serves', () => {
  const dir = tempDir();
  const db = join(dir.path, 'db');
  // The vector index exists, as on a real index: the learned thread must be found without rebuilding it.
  const target = { openIndex: lanceWriterOpener({ uri: db, vectorIndexMinRows: 100 }), embedder: embeddings.asEmbedder() };
  let index: LanceThreadIndex;

  beforeAll(async () => {
    await ingestInto(db, [sharedThreads], { vectorIndexMinRows: 100 });
    expect((await inspectIndex(db)).indexes).toEqual(['fts_text', 'thread_key', 'vector']);
    index = await LanceThreadIndex.openForSearch({ uri: db, embedder, refreshSeconds: 0 });
  });
  afterAll(() => {
    index.close();
    dir.remove();
  });

  it('a learned thread is one commit, no index is rebuilt, and both searches find it at once', async () => {
    const before = await inspectIndex(db);
    const summary = await ingestRecords([learned], target);
    expect(summary).toMatchObject({ threadsWritten: 1, indexesBuilt: [], vectorIndex: true });
    expect((await inspectIndex(db)).version).toBe(before.version + 1);
    expect((await index.searchText('thunderbolt dock camera dext stream', 3))[0]?.chunk.thread_id).toBe(learned.id);
    const [vector] = await embeddings.embedDocuments(['thunderbolt dock wakes and the camera dext restarts']);
    const hits = await index.searchVector(vector as number[], 5);
    expect(hits.map((hit) => hit.chunk.thread_id)).toContain(learned.id);
  });

  it('learning the same thread again changes nothing', async () => {
    const before = await inspectIndex(db);
    expect(await ingestRecords([learned], target)).toMatchObject({ threadsWritten: 0, threadsUnchanged: 1 });
    expect(await inspectIndex(db)).toEqual(before);
  });

  it('forgetting it removes it from every search', async () => {
    expect(await forgetThreads([`discord::${learned.id}`], target)).toEqual({ chunksRemoved: 2 });
    expect(await index.chunksOfThreads([`discord::${learned.id}`])).toEqual([]);
    const hits = await index.searchText('thunderbolt dock camera dext stream', 3);
    expect(hits.map((hit) => hit.chunk.thread_id)).not.toContain(learned.id);
  });

  it('waits for a CLI ingest holding the writer lock, or says the index is busy', async () => {
    const cli = new CliChild(['ingest', sharedThreads, '--db', db]);
    await cli.waitForStderr(/checking the search indexes/);
    cli.signal('SIGSTOP');
    await expect(ingestRecords([learned], target)).rejects.toMatchObject({ code: 'index_locked' });
    let heardWait: (holder: string) => void = () => undefined;
    const waiting = new Promise<string>((resolve) => (heardWait = resolve));
    const learning = ingestRecords([learned], { ...target, waitMs: 600_000, onWait: (holder) => heardWait(holder) });
    expect(await waiting).toContain(`pid ${cli.pid}`);
    cli.signal('SIGCONT');
    expect((await cli.exited()).code).toBe(0);
    expect(await learning).toMatchObject({ threadsWritten: 1 });
  });
});
