/**
 * Why the vector index is HNSW over scalar-quantised vectors, searched with ef 100 and exact
 * re-ranking of 2× the candidates (src/store/lance-threads-table.ts): builds each candidate
 * index on the same synthetic corpus and measures build time, query latency and recall@10
 * against exact search. Usage: npm run build && node --import tsx bench/vector-index-settings.ts [THREADS]
 * (default 10000). Prints a Markdown table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { runIngest } from '../ingest/index.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { lanceWriterOpener } from '../src/store/lance-thread-writer.js';
import { benchPaths } from './paths.js';
import { round, timeEach } from './stats.js';
import { loadSeedThreads, syntheticQuestions, syntheticThreads, writeJsonl } from './synthetic-corpus.js';

const size = Number(process.argv[2] ?? 10_000);
const QUESTIONS = 200;

interface Candidate {
  label: string;
  index: () => lancedb.Index;
  ef?: number;
  refineFactor?: number;
}

const candidates: Candidate[] = [
  { label: 'HNSW-SQ, ef 100, re-rank 2× (shipped)', index: () => lancedb.Index.hnswSq({ distanceType: 'cosine' }), ef: 100, refineFactor: 2 },
  { label: 'HNSW-SQ, ef 100, no re-rank', index: () => lancedb.Index.hnswSq({ distanceType: 'cosine' }), ef: 100 },
  { label: 'HNSW-SQ, ef 400, no re-rank', index: () => lancedb.Index.hnswSq({ distanceType: 'cosine' }), ef: 400 },
  { label: 'IVF-PQ, 8 of √n partitions, re-rank 2×', index: () => lancedb.Index.ivfPq({ distanceType: 'cosine' }), refineFactor: 2 },
];

const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-vector-index-'));
try {
  const embeddings = new HashingEmbeddings();
  const threads = syntheticThreads(loadSeedThreads(benchPaths()), size);
  const corpus = join(workdir, 'corpus.jsonl');
  writeJsonl(corpus, threads);
  const db = join(workdir, 'db');
  await runIngest({ paths: [corpus], openIndex: lanceWriterOpener({ uri: db }), embedder: embeddings.asEmbedder() });
  const vectors = syntheticQuestions(threads, QUESTIONS).map((question) => Array.from(embeddings.embed(question)));

  const connection = await lancedb.connect(db);
  const table = await connection.openTable((await connection.tableNames()).find((name) => name.startsWith('threads_')) as string);
  const search = (vector: number[], candidate?: Candidate) => {
    let query = table.query().nearestTo(vector).distanceType('cosine').nprobes(8);
    if (!candidate) query = query.bypassVectorIndex();
    if (candidate?.ef) query = query.ef(candidate.ef);
    if (candidate?.refineFactor) query = query.refineFactor(candidate.refineFactor);
    return query.select(['chunk_id', '_distance']).limit(10).toArray();
  };
  const exact = await Promise.all(vectors.map(async (vector) => new Set((await search(vector)).map((row) => String(row.chunk_id)))));
  const exactLatency = await timeEach(vectors, (vector) => search(vector));

  const rows = [
    `${await table.countRows()} chunks from ${size} synthetic threads, ${QUESTIONS} questions; recall@10 against exact search.`,
    '',
    '| index and search settings | build s | p50 ms | p95 ms | recall@10 |',
    '|---|---|---|---|---|',
    `| none (exact scan) | – | ${exactLatency.p50} | ${exactLatency.p95} | 1.000 |`,
  ];
  for (const candidate of candidates) {
    const started = performance.now();
    await table.createIndex('vector', { config: candidate.index(), replace: true });
    const buildSeconds = (performance.now() - started) / 1000;
    let overlap = 0;
    for (const [position, vector] of vectors.entries()) {
      const found = (await search(vector, candidate)).map((row) => String(row.chunk_id));
      const reference = exact[position] as Set<string>;
      overlap += found.filter((id) => reference.has(id)).length / Math.max(1, reference.size);
    }
    const latency = await timeEach(vectors, (vector) => search(vector, candidate));
    rows.push(`| ${candidate.label} | ${round(buildSeconds, 1)} | ${latency.p50} | ${latency.p95} | ${(overlap / vectors.length).toFixed(3)} |`);
  }
  table.close();
  connection.close();
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
