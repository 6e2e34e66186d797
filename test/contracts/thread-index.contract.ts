import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkThread } from '../../ingest/chunk-thread.js';
import { forgetThreads, ingestRecords, runIngest } from '../../ingest/index.js';
import type { ThreadRecord } from '../../ingest/thread-record.js';
import { HashingEmbeddings } from '../../src/models/offline-embeddings.js';
import type { ChunkRow, OpenWritableIndex, ThreadIndex } from '../../src/store/thread-index.js';
import { tempDir } from '../helpers/temp-db.js';

/** One implementation of both index seams, fresh for each test. */
export interface IndexUnderTest {
  openIndex: OpenWritableIndex;
  /** The search side, opened now; it must follow later writes and rebuilds. */
  openReader(embedder: { id: string; dimension: number }): Promise<ThreadIndex>;
  closeReader(reader: ThreadIndex): void;
  cleanup(): void;
}

const embeddings = new HashingEmbeddings();
const embedder = embeddings.asEmbedder();

const thread = (id: string, title: string, question: string, answers: string[] = []): ThreadRecord => ({
  id,
  title,
  question,
  answers: answers.map((text) => ({ text })),
  url: `https://example.org/${id}`,
  source: 'contract',
  tags: [],
  metadata: {},
});

const records = [
  thread('usb', 'USB webcam disconnects after sleep', 'My UVC webcam vanishes from IORegistry after the Mac wakes.', ['Reset the port in willTerminate.', 'Update the firmware.']),
  thread('pcie', 'PCIe BAR mapping fails', 'IOPCIDevice mapDeviceMemoryWithIndex returns null on Apple silicon.'),
  thread('hid', 'HID gamepad rumble', 'How do I send an output report to a gamepad from a dext?', ['Use SetReport on the interface.']),
];

/** The behaviour every ThreadIndex / WritableThreadIndex pair must show, whatever stores it. */
export function describeThreadIndexContract(name: string, create: () => Promise<IndexUnderTest>): void {
  describe(`${name}: the ThreadIndex and WritableThreadIndex contract`, () => {
    let store: IndexUnderTest;
    const target = () => ({ openIndex: store.openIndex, embedder });
    const withReader = async <T>(use: (reader: ThreadIndex) => Promise<T>): Promise<T> => {
      const reader = await store.openReader(embedder.identity);
      try {
        return await use(reader);
      } finally {
        store.closeReader(reader);
      }
    };

    beforeEach(async () => {
      store = await create();
    });
    afterEach(() => store.cleanup());

    it('refuses to search before anything was ingested, saying the index is missing', async () => {
      await expect(store.openReader(embedder.identity)).rejects.toMatchObject({ code: 'index_missing' });
    });

    it('finds a thread by its words and by its vector, and returns its chunks in order', async () => {
      const summary = await ingestRecords(records, target());
      expect(summary).toMatchObject({ threadsWritten: 3, chunksWritten: 6 });
      await withReader(async (reader) => {
        expect((await reader.searchText('gamepad rumble output report', 3))[0]?.chunk.thread_id).toBe('hid');
        const [vector] = await embeddings.embedDocuments(['PCIe BAR mapping fails on Apple silicon']);
        expect((await reader.searchVector(vector as number[], 3))[0]?.chunk.thread_id).toBe('pcie');
        const chunks = await reader.chunksOfThreads(['contract::hid', 'contract::usb']);
        expect(chunks.map((chunk) => [chunk.thread_id, chunk.position])).toEqual([
          ['hid', 0],
          ['hid', 1],
          ['usb', 0],
          ['usb', 1],
          ['usb', 2],
        ]);
        expect(await reader.searchText('sourdough', 3)).toEqual([]);
      });
    });

    it('finds threads by url, id, alias or title, and sets aliases without rewriting a thread', async () => {
      await ingestRecords(records, target());
      const index = await store.openIndex({ embedder: embedder.identity });
      await index.setAliases('contract::pcie', ['listing-pcie']);
      await index.close();
      await withReader(async (reader) => {
        const threadsOf = async (query: Parameters<ThreadIndex['findThreads']>[0]) => [...new Set((await reader.findThreads(query)).map((chunk) => chunk.thread_id))];
        expect(await threadsOf({ urls: ['https://example.org/hid'] })).toEqual(['hid']);
        expect(await threadsOf({ ids: ['usb', 'listing-pcie'] })).toEqual(['pcie', 'usb']);
        expect(await threadsOf({ titles: ['hid GAMEPAD rumble'] })).toEqual(['hid']);
        expect(await threadsOf({ titles: ['HID gamepad rumble'], titlesWithoutUrl: true })).toEqual([]);
        expect(await threadsOf({ ids: ['listing'] })).toEqual([]);
      });
    });

    it('counts the threads holding each term, for the gate', async () => {
      // A file ingest counts them (ingestRecords, for a few learned threads, leaves them for the next one).
      const folder = tempDir('driverdesk-contract-');
      try {
        const file = join(folder.path, 'threads.jsonl');
        writeFileSync(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
        await runIngest({ paths: [file], ...target() });
      } finally {
        folder.remove();
      }
      await withReader(async (reader) => {
        const stats = await reader.termStats();
        expect(stats.documents).toBe(3);
        expect(stats.frequencies.get('gamepad')).toBe(1);
        expect(stats.frequencies.get('iopcidevice')).toBe(1);
        expect(stats.frequencies.get('udev')).toBeUndefined();
      });
    });

    it('writes nothing when the same records come again', async () => {
      const first = await ingestRecords(records, target());
      const again = await ingestRecords(records, target());
      expect(again).toMatchObject({ threadsWritten: 0, threadsUnchanged: 3, chunksWritten: 0, version: first.version });
    });

    it('replaces a changed thread whole, leaving none of its old chunks', async () => {
      await ingestRecords(records, target());
      const changed = thread('usb', 'USB webcam disconnects after sleep', 'My UVC webcam vanishes from IORegistry after the Mac wakes.', ['Only one answer now.']);
      expect(await ingestRecords([changed], target())).toMatchObject({ threadsWritten: 1 });
      await withReader(async (reader) => {
        const texts = (await reader.chunksOfThreads(['contract::usb'])).map((chunk) => chunk.text);
        expect(texts).toEqual(['My UVC webcam vanishes from IORegistry after the Mac wakes.', 'Only one answer now.']);
      });
    });

    it('forgets threads: they leave every search', async () => {
      await ingestRecords(records, target());
      await withReader(async (reader) => {
        expect(await forgetThreads(['contract::hid'], target())).toEqual({ chunksRemoved: 2 });
        expect(await reader.chunksOfThreads(['contract::hid'])).toEqual([]);
        const hits = await reader.searchText('gamepad rumble output report', 3);
        expect(hits.map((hit) => hit.chunk.thread_id)).not.toContain('hid');
      });
    });

    it('a reader opened before a rebuild searches the rebuilt index', async () => {
      await ingestRecords(records, target());
      await withReader(async (reader) => {
        const index = await store.openIndex({ embedder: embedder.identity, rebuild: true });
        const rows = await embed([thread('serial', 'Serial modem drops carrier', 'The serial modem drops carrier under load.')]);
        await index.addThreads(rows);
        await index.ensureIndexes();
        // Before the switch, searches still see the old index.
        expect((await reader.searchText('gamepad rumble', 3)).length).toBeGreaterThan(0);
        await index.activate();
        await index.close();
        expect(await reader.searchText('gamepad rumble', 3)).toEqual([]);
        expect((await reader.searchText('serial modem carrier', 3))[0]?.chunk.thread_id).toBe('serial');
      });
    });

    it('allows one writer at a time: a second is refused at once, or waits for the first to close', async () => {
      const first = await store.openIndex({ embedder: embedder.identity });
      await expect(store.openIndex({ embedder: embedder.identity })).rejects.toMatchObject({ code: 'index_locked' });
      const waited: string[] = [];
      const second = store.openIndex({ embedder: embedder.identity, waitMs: 60_000, onWait: (holder) => waited.push(holder) });
      await first.close();
      await (await second).close();
      expect(waited).toHaveLength(1);
    });

    it('keeps one copy of a chunk stored twice: the next ingest of its thread removes the other', async () => {
      await ingestRecords(records, target());
      const index = await store.openIndex({ embedder: embedder.identity });
      await index.addThreads(await embed([records[1] as ThreadRecord]));
      expect((await index.chunkIdsOf(['contract::pcie'])).get('contract::pcie')).toHaveLength(2);
      await index.close();
      expect(await ingestRecords(records, target())).toMatchObject({ threadsWritten: 0, duplicatesRemoved: 1 });
      const after = await store.openIndex({ embedder: embedder.identity });
      expect((await after.chunkIdsOf(['contract::pcie'])).get('contract::pcie')).toHaveLength(1);
      expect(await after.removeDuplicates()).toBe(0);
      await after.close();
    });

    it('lists the key, url, title and aliases of every stored thread once (the same-post merge checks them first)', async () => {
      await ingestRecords(records, target());
      const index = await store.openIndex({ embedder: embedder.identity });
      const keys = await index.postKeys();
      await index.close();
      expect(keys.map((key) => key.threadKey).sort()).toEqual(['contract::hid', 'contract::pcie', 'contract::usb']);
      expect(keys.find((key) => key.threadKey === 'contract::usb')).toMatchObject({ title: 'USB webcam disconnects after sleep', aliases: '' });
    });

    it('builds missing indexes once: a second check builds nothing', async () => {
      await ingestRecords(records, target());
      const index = await store.openIndex({ embedder: embedder.identity });
      expect((await index.ensureIndexes()).built).toEqual([]);
      await index.close();
    });

    it('refuses an embedder of another dimension until a rebuild with it', async () => {
      await ingestRecords(records, target());
      const other = new HashingEmbeddings({ dimensions: 64 }).asEmbedder();
      await expect(store.openIndex({ embedder: other.identity })).rejects.toMatchObject({ code: 'index_embedder_mismatch' });
      const index = await store.openIndex({ embedder: other.identity, rebuild: true });
      await index.addThreads(await embed([records[0] as ThreadRecord], other.embeddings));
      await index.ensureIndexes();
      await index.activate();
      await index.close();
      await expect(store.openReader(embedder.identity)).rejects.toMatchObject({ code: 'index_embedder_mismatch' });
    });
  });
}

async function embed(threads: ThreadRecord[], using: EmbeddingsInterface = embeddings): Promise<ChunkRow[]> {
  const chunks = threads.flatMap(chunkThread);
  const vectors = await using.embedDocuments(chunks.map((chunk) => chunk.embedText));
  return chunks.map(({ embedText: _embedText, ...chunk }, index) => ({ ...chunk, vector: vectors[index] as number[] }));
}
