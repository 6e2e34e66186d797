/**
 * Measures one corpus size in its own process (so peak RSS is this size's): ingest, search with
 * and without the vector index beside an exact baseline, and `ask`. Prints one JSON object.
 * Usage: tsx bench/run-size.ts SIZE WORKDIR [--adapters]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chunkThread } from '../ingest/chunk-thread.js';
import { createEngine } from '../src/engine/index.js';
import { ExtractiveDrafter } from '../src/engine/draft/extractive-drafter.js';
import { defaults } from '../src/config/defaults.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import { LanceThreadWriter } from '../src/store/lance-thread-writer.js';
import * as lancedb from '@lancedb/lancedb';
import { discordLatency, slackLatency } from './adapter-latency.js';
import { ExactVectorSearch } from './exact-baseline.js';
import { peakRssMb, round, timeEach, type Latency } from './stats.js';
import { loadSeedThreads, syntheticQuestions, syntheticThreads, writeJsonl } from './synthetic-corpus.js';
import { benchPaths, projectRoot } from './paths.js';

const size = Number(process.argv[2]);
const workdir = process.argv[3] as string;
const QUESTIONS = 500;

const embeddings = new HashingEmbeddings();
const embedder = embeddings.asEmbedder().identity;
const seeds = loadSeedThreads(benchPaths());
const threads = syntheticThreads(seeds, size);
const corpus = join(workdir, `corpus-${size}.jsonl`);
writeJsonl(corpus, threads);
const db = join(workdir, `db-${size}`);

// 1. End to end: parse → chunk → embed → write → full-text index (no vector index yet), in a
// process of its own so that its peak RSS is not this one's corpus generation.
const child = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'ingest-child.ts'), corpus, db], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (child.status !== 0) throw new Error(`ingest failed: ${child.stderr.slice(-2000)}`);
const ingest = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as { seconds: number; peak_rss_mb: number };
const ingestRss = ingest.peak_rss_mb;

// 2. The parts alone: embedding, LanceDB writes, full-text index.
const chunks = threads.flatMap(chunkThread);
let started = performance.now();
for (const chunk of chunks) embeddings.embed(chunk.embedText);
const embedSeconds = (performance.now() - started) / 1000;

const writeDb = join(workdir, `write-${size}`);
const writeIndex = await LanceThreadWriter.open({ uri: writeDb, embedder });
let writeSeconds = 0;
for (let start = 0; start < chunks.length; start += 2000) {
  const rows = chunks.slice(start, start + 2000).map(({ embedText, ...chunk }) => ({ ...chunk, vector: Array.from(embeddings.embed(embedText)) }));
  started = performance.now();
  await writeIndex.addThreads(rows);
  writeSeconds += (performance.now() - started) / 1000;
}
started = performance.now();
await writeIndex.buildTextIndexes();
const ftsSeconds = (performance.now() - started) / 1000;
await writeIndex.close();

// 3. Search without a vector index (LanceDB's exact vector search), and the TypeScript baseline.
// refreshSeconds 0: searches see the vector index built below at once.
const index = await LanceThreadIndex.openForSearch({ uri: db, embedder, refreshSeconds: 0 });
const engine = createEngine({ index, embeddings, drafter: new ExtractiveDrafter(), minConfidence: defaults.minConfidence });
const questions = syntheticQuestions(threads, QUESTIONS);
const queryVectors = questions.map((question) => Array.from(embeddings.embed(question)));

const connection = await lancedb.connect(db);
const tableName = (await connection.tableNames()).find((name) => name.startsWith('threads_')) as string;
const table = await connection.openTable(tableName);
const stored = await table.query().select(['chunk_id', 'vector']).toArray();
const exact = new ExactVectorSearch(stored.map((row) => ({ id: String(row.chunk_id), vector: row.vector.toArray() as Float32Array })), embedder.dimension);

const search = async (label: string, sample: string[]) => ({
  label,
  fts: await timeEach(sample, (question) => engine.similar({ text: question, mode: 'text' })),
  vector: await timeEach(sample, (question) => engine.similar({ text: question, mode: 'vector' })),
  hybrid: await timeEach(sample, (question) => engine.similar({ text: question })),
});
// Exact scans cost hundreds of milliseconds at 100k: 100 questions give stable percentiles.
const flat = await search('exact (no vector index)', questions.slice(0, 100));
const baseline = await timeEach(queryVectors.slice(0, 100), (vector) => exact.search(vector, 10));

// 4. The vector index: build time, latency, and recall@10 against exact search on the same vectors.
const vectorWriter = await LanceThreadWriter.open({ uri: db, embedder });
started = performance.now();
await vectorWriter.buildVectorIndex();
const vectorIndexSeconds = (performance.now() - started) / 1000;
await vectorWriter.close();
const indexed = await search('HNSW-SQ vector index', questions);
let overlap = 0;
for (const vector of queryVectors.slice(0, 200)) {
  const [approximate, reference] = await Promise.all([index.searchVector(vector, 10), index.searchVector(vector, 10, { exact: true })]);
  const referenceIds = new Set(reference.map((hit) => hit.chunk.chunk_id));
  overlap += approximate.filter((hit) => referenceIds.has(hit.chunk.chunk_id)).length / Math.max(1, reference.length);
}
const indexRecall = overlap / 200;

// 5. `ask` end to end with the extractive drafter, and through the chat platforms' libraries.
const ask: Latency = await timeEach(questions.slice(0, 200), (question) => engine.ask({ question }));
const withAdapters = process.argv.includes('--adapters');
const slack = withAdapters ? await slackLatency(engine, questions.slice(0, 120)) : undefined;
const discord = withAdapters ? await discordLatency(engine, questions.slice(0, 120)) : undefined;
index.close();
table.close();
connection.close();

process.stdout.write(
  `${JSON.stringify({
    size,
    threads: size,
    chunks: chunks.length,
    ingest: {
      seconds: round(ingest.seconds),
      threads_per_s: round(size / ingest.seconds, 0),
      chunks_per_s: round(chunks.length / ingest.seconds, 0),
      embed_chunks_per_s: round(chunks.length / embedSeconds, 0),
      write_chunks_per_s: round(chunks.length / writeSeconds, 0),
      fts_index_s: round(ftsSeconds),
      vector_index_s: round(vectorIndexSeconds),
      peak_rss_mb: ingestRss,
    },
    search: { flat, indexed, exact_baseline: baseline },
    index_recall_at_10: round(indexRecall, 3),
    ask,
    ...(slack && { slack_reply: slack }),
    ...(discord && { discord_reply: discord }),
    peak_rss_mb_total: peakRssMb(),
  })}\n`,
);
