import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabelledQuestions, runEval } from '../../src/eval/run-eval.js';
import { HashingEmbeddings } from '../../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { binPath, devQuestions, fixturesDir, sharedThreads } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, ingestInto, ingestSharedCorpus, openTestEngine } from '../helpers/test-index.js';

const record = (id: string, title: string, question: string, answers: string[] = []) =>
  JSON.stringify({ id, title, question, answers, url: `https://example.org/${id}` });

async function stats(db: string) {
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder });
  try {
    return await index.stats();
  } finally {
    index.close();
  }
}

describe('ingest into LanceDB', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('re-ingesting unchanged input writes nothing: same rows, same table version', async () => {
    const db = join(dir.path, 'idempotent');
    const first = await ingestSharedCorpus(db);
    // 185 records, of which 7 listing posts are copies of shared threads (one source per thread).
    expect(first.threadsWritten).toBe(178);
    const before = await stats(db);
    const second = await ingestSharedCorpus(db);
    expect(second).toMatchObject({ threadsWritten: 0, threadsUnchanged: 178, chunksWritten: 0 });
    expect(await stats(db)).toEqual(before);
  });

  it('a changed thread replaces its old chunks, leaving none behind', async () => {
    const db = join(dir.path, 'changed');
    const file = join(dir.path, 'threads.jsonl');
    writeFileSync(file, [record('a', 'Serial port vanishes', 'After sleep the tty is gone.', ['Old answer one.', 'Old answer two.']), record('b', 'Other', 'Unrelated thread text.')].join('\n'));
    await ingestInto(db, [file]);
    expect((await stats(db)).rows).toBe(4);
    writeFileSync(file, [record('a', 'Serial port vanishes', 'After sleep the tty is gone.', ['A single new answer.']), record('b', 'Other', 'Unrelated thread text.')].join('\n'));
    const summary = await ingestInto(db, [file]);
    expect(summary).toMatchObject({ threadsWritten: 1, threadsUnchanged: 1 });
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder });
    const chunks = await index.chunksOfThreads([`threads.jsonl::a`]);
    index.close();
    expect(chunks.map((chunk) => chunk.text)).toEqual(['After sleep the tty is gone.', 'A single new answer.']);
    expect((await stats(db)).rows).toBe(3);
  });

  it('reports bad lines and files with path:line, ingests the rest, and counts what was skipped', async () => {
    const db = join(dir.path, 'bad');
    const skips: string[] = [];
    const summary = await ingestInto(db, [join(fixturesDir, 'bad')], {
      onSkip: (skip) => skips.push(`${skip.file.replace(fixturesDir, '')}:${skip.line}`),
    });
    expect(summary.threadsWritten).toBe(3);
    expect(summary.skipped).toHaveLength(7);
    expect(skips).toEqual(['/bad/binary.dat:0', '/bad/empty.jsonl:0', '/bad/mixed.jsonl:2', '/bad/mixed.jsonl:3', '/bad/mixed.jsonl:6', '/bad/mixed.jsonl:7', '/bad/notes.txt:0']);
  });

  it('fails with a clear error when nothing at all could be ingested, and keeps the index', async () => {
    const db = join(dir.path, 'bad');
    const before = await stats(db);
    await expect(ingestInto(db, [join(fixturesDir, 'bad', 'empty.jsonl')])).rejects.toMatchObject({ code: 'ingest_nothing_ingested' });
    expect(await stats(db)).toEqual(before);
  });

  it('refuses to open an index built by another embedder and says to rebuild', async () => {
    const db = join(dir.path, 'bad');
    const other = new HashingEmbeddings({ dimensions: 256 });
    const error = await LanceThreadIndex.openForSearch({ uri: db, embedder: other.asEmbedder().identity }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'index_embedder_mismatch' });
    expect(error.message).toContain('ingest --rebuild');
    // --rebuild builds a new table for the new embedder and switches to it.
    await ingestInto(db, [join(fixturesDir, 'bad')], { embedder: other.asEmbedder(), rebuild: true });
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder: other.asEmbedder().identity });
    expect((await index.stats()).threads).toBe(3);
    index.close();
  });
});

describe('an ingest killed part-way', () => {
  const dir = tempDir();
  const db = join(dir.path, 'db');
  const big = join(dir.path, 'big.jsonl');
  let before: Awaited<ReturnType<typeof stats>>;

  beforeAll(async () => {
    await ingestInto(db, [sharedThreads]);
    before = await stats(db);
    const lines = Array.from({ length: 6000 }, (_, n) =>
      record(`big-${n}`, `Synthetic thread ${n} about IOUSBHostInterface`, `Question ${n}: the dext stops after ${n} transfers. `.repeat(20), [`Answer ${n}.`]),
    );
    writeFileSync(big, lines.join('\n'));
  });
  afterAll(dir.remove);

  /** Runs the real CLI and SIGKILLs it as soon as it reports its first committed batch. */
  function ingestAndKill(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [binPath, 'ingest', ...args, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
      let killed = false;
      child.stderr.on('data', (data: Buffer) => {
        if (!killed && data.toString().includes('written')) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => (killed ? resolve() : reject(new Error('ingest finished before it could be killed'))));
    });
  }

  it('a killed --rebuild leaves the previous table version in place and readable', async () => {
    await ingestAndKill(['--rebuild', big]);
    expect(await stats(db)).toEqual(before);
    const { engine, index } = await openTestEngine(db);
    const { results } = await engine.similar({ text: 'IOServiceOpen returns kIOReturnError 0xE00002BC' });
    index.close();
    expect(results[0]?.id).toBe('825971');
  });

  it('a killed incremental ingest loses nothing already stored, and the next run completes it', async () => {
    await ingestAndKill([big]);
    const after = await stats(db);
    expect(after.threads).toBeGreaterThanOrEqual(before.threads);
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder });
    expect(await index.chunksOfThreads(['apple-developer-forums::825971'])).not.toHaveLength(0);
    index.close();
    const summary = await ingestInto(db, [big, sharedThreads]);
    expect(summary.threadsUnchanged).toBeGreaterThanOrEqual(165);
    expect((await stats(db)).threads).toBe(165 + 6000);
  });
});

describe('retrieval quality on the shared dev questions', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('hybrid beats full-text alone (the offline embedder must earn its place)', async () => {
    await ingestSharedCorpus(dir.path);
    const { engine, index } = await openTestEngine(dir.path);
    const dev = await readLabelledQuestions(devQuestions);
    // The dev questions mostly share words with their threads (full text alone finds them); these
    // paraphrases do not ("thumb drives" for USB storage, "touchpad" for trackpad), which is where
    // the vector side has to help.
    const paraphrases = await readLabelledQuestions(join(fixturesDir, 'paraphrase-questions.jsonl'));
    const report = async (questions: typeof dev) => ({ text: await runEval(engine, questions, 'text'), hybrid: await runEval(engine, questions, 'hybrid') });
    const onDev = await report(dev);
    const onParaphrases = await report(paraphrases);
    index.close();
    expect(onDev.hybrid.mrr).toBeGreaterThanOrEqual(onDev.text.mrr);
    expect(onDev.hybrid.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(onParaphrases.hybrid.mrr).toBeGreaterThan(onParaphrases.text.mrr);
    expect(onParaphrases.hybrid.recallAt5).toBeGreaterThan(onParaphrases.text.recallAt5);
  });
});
