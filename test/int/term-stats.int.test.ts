import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, describe, expect, it } from 'vitest';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, ingestInto } from '../helpers/test-index.js';

const dir = tempDir();
afterAll(dir.remove);

function corpus(name: string, threads: Array<{ id: string; title: string; question: string }>): string {
  const path = join(dir.path, name);
  writeFileSync(path, `${threads.map((thread) => JSON.stringify(thread)).join('\n')}\n`);
  return path;
}

async function termStatsOf(db: string) {
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder });
  try {
    return await index.termStats();
  } finally {
    index.close();
  }
}

const usb = { id: 'usb', title: 'USB dext does not match', question: 'My USB dext never matches the device.' };
const serial = { id: 'serial', title: 'Serial port dext', question: 'IOUserSerial and the USB adapter.' };
const audio = { id: 'audio', title: 'Audio dext crackles', question: 'AudioDriverKit output crackles.' };

describe('term statistics beside the threads table', () => {
  const db = join(dir.path, 'db');

  it('are written by an ingest: threads per term', async () => {
    await ingestInto(db, [corpus('first.jsonl', [usb, serial])]);
    const stats = await termStatsOf(db);
    expect(stats.documents).toBe(2);
    expect(stats.frequencies.get('usb')).toBe(2);
    expect(stats.frequencies.get('iouserserial')).toBe(1);
    expect(stats.frequencies.get('audiodriverkit')).toBeUndefined();
  });

  it('follow an incremental ingest', async () => {
    await ingestInto(db, [corpus('second.jsonl', [usb, serial, audio])]);
    const stats = await termStatsOf(db);
    expect(stats.documents).toBe(3);
    expect(stats.frequencies.get('audiodriverkit')).toBe(1);
  });

  it('switch with a rebuild, and a dropped table’s statistics go with it', async () => {
    await ingestInto(db, [corpus('rebuilt.jsonl', [audio])], { rebuild: true });
    expect((await termStatsOf(db)).documents).toBe(1);
    // A second rebuild drops the table two rebuilds old; its statistics go at the next count.
    await ingestInto(db, [corpus('rebuilt-again.jsonl', [audio, usb])], { rebuild: true });
    expect((await termStatsOf(db)).documents).toBe(2);
    await ingestInto(db, [corpus('and-more.jsonl', [audio, usb, serial])]);
    expect((await termStatsOf(db)).documents).toBe(3);
    const connection = await lancedb.connect(db);
    const names = await connection.tableNames();
    connection.close();
    const owners = names.filter((name) => name.startsWith('term_stats_')).map((name) => `threads_${name.slice('term_stats_'.length)}`);
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((owner) => names.includes(owner)), names.join(', ')).toBe(true);
  });

  it('are counted from the threads when an index has none (built before they existed)', async () => {
    const connection = await lancedb.connect(db);
    for (const name of await connection.tableNames()) if (name.startsWith('term_stats_')) await connection.dropTable(name);
    connection.close();
    const stats = await termStatsOf(db);
    expect(stats.documents).toBe(3);
    expect(stats.frequencies.get('usb')).toBe(2);
  });
});
