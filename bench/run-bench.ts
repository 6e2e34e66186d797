/**
 * `npm run bench`: ingest throughput, search latency and memory at 10k and 100k synthetic
 * threads beside an exact baseline, `ask` end to end, chat round trips and start-up time.
 * Prints a table (or --json); writes docs/benchmarks.md only with `--write`. `--quick` runs 10k
 * only, and is never written over the full figures (it would drop the 100k column).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.js';
import { percentile, round, type Latency } from './stats.js';

interface SizeResult {
  size: number;
  chunks: number;
  ingest: { seconds: number; threads_per_s: number; chunks_per_s: number; embed_chunks_per_s: number; write_chunks_per_s: number; fts_index_s: number; vector_index_s: number; peak_rss_mb: number };
  search: { flat: Record<'fts' | 'vector' | 'hybrid', Latency>; indexed: Record<'fts' | 'vector' | 'hybrid', Latency>; exact_baseline: Latency };
  index_recall_at_10: number;
  ask: Latency;
  slack_reply?: Latency;
  discord_reply?: Latency;
  peak_rss_mb_total: number;
}

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const write = process.argv.includes('--write');
if (write && quick) {
  process.stderr.write('bench: --write records the full run only; drop --quick\n');
  process.exit(2);
}
const sizes = quick ? [10_000] : [10_000, 100_000];
const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Time from spawning `driverdesk start` (console mode, existing index) to its "ready" line. */
function startupOnce(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'driverdesk.js'), 'start'], {
      cwd: workdir,
      env: { PATH: process.env.PATH ?? '', DRIVERDESK_DB: db, LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let seen = false;
    child.stderr.on('data', (data: Buffer) => {
      if (!seen && data.toString().includes('driverdesk ready')) {
        seen = true;
        resolve(performance.now() - started);
        child.stdin.end();
      }
    });
    child.on('close', () => seen || reject(new Error('driverdesk start never became ready')));
  });
}

const results: SizeResult[] = [];
try {
  for (const size of sizes) {
    log(`bench: ${size} threads…`);
    const args = ['--import', 'tsx', join(projectRoot, 'bench', 'run-size.ts'), String(size), workdir, ...(size === 10_000 ? ['--adapters'] : [])];
    const output = await run(process.execPath, args, { LANCEDB_LOG: 'error' });
    const line = output.stdout.trim().split('\n').at(-1) ?? '';
    if (output.code !== 0 || !line.startsWith('{')) throw new Error(`bench for ${size} failed:\n${output.stderr.slice(-2000)}`);
    results.push(JSON.parse(line) as SizeResult);
  }
  const startupSamples: number[] = [];
  for (let n = 0; n < 5; n += 1) startupSamples.push(await startupOnce(join(workdir, `db-${sizes.at(-1)}`)));
  const startupMs = round(percentile(startupSamples, 50), 0);

  const summary: Record<string, unknown> = { startup_ms: startupMs };
  for (const result of results) {
    summary[String(result.size)] = {
      ingest_threads_per_s: result.ingest.threads_per_s,
      peak_rss_mb: result.ingest.peak_rss_mb,
      fts_p95_ms: result.search.indexed.fts.p95,
      vector_p95_ms: result.search.indexed.vector.p95,
      hybrid_p95_ms: result.search.indexed.hybrid.p95,
      exact_p95_ms: result.search.exact_baseline.p95,
      index_recall_at_10: result.index_recall_at_10,
      ask_p95_ms: result.ask.p95,
      details: result,
    };
  }
  const markdown = renderMarkdown(results, startupMs);
  if (write) writeFileSync(join(projectRoot, 'docs', 'benchmarks.md'), markdown);
  process.stdout.write(asJson ? `${JSON.stringify(summary)}\n` : markdown);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}

function renderMarkdown(sizes: SizeResult[], startupMs: number): string {
  const header = `| | ${sizes.map((result) => `${result.size.toLocaleString('en-US')} threads (${result.chunks.toLocaleString('en-US')} chunks)`).join(' | ')} |\n|---|${sizes.map(() => '---|').join('')}`;
  const row = (label: string, value: (result: SizeResult) => string) => `| ${label} | ${sizes.map(value).join(' | ')} |`;
  const latency = (value: Latency) => `${value.p50} / ${value.p95} / ${value.p99}`;
  const ratio = (value: Latency, baseline: Latency) => `${latency(value)} (p95 ×${round(value.p95 / baseline.p95, 2)} of exact)`;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpu}), ${round(totalmem() / 1024 ** 3, 1)} GB memory, Node ${process.version}.`,
    'Synthetic corpora are recombined sentences of the bundled and shared real threads (fixed seed), a quarter with answers; 500 questions made from thread titles. Offline embedder (1,024 dimensions), extractive drafts. Latencies are p50 / p95 / p99 in milliseconds, measured in-process, one query at a time.',
    '',
    '## Ingest',
    '',
    header,
    row('end to end (parse → chunk → embed → write → full-text index)', (result) => `${result.ingest.threads_per_s} threads/s, ${result.ingest.chunks_per_s} chunks/s (${result.ingest.seconds} s)`),
    row('embedding alone', (result) => `${result.ingest.embed_chunks_per_s} chunks/s`),
    row('LanceDB writes alone', (result) => `${result.ingest.write_chunks_per_s} chunks/s`),
    row('full-text index build', (result) => `${result.ingest.fts_index_s} s`),
    row('vector index build (HNSW-SQ)', (result) => `${result.ingest.vector_index_s} s`),
    row('peak RSS of the ingest process', (result) => `${result.ingest.peak_rss_mb} MB`),
    '',
    '## Search (p50 / p95 / p99 ms)',
    '',
    header,
    row('exact baseline: brute-force cosine, TypeScript Float32Array', (result) => latency(result.search.exact_baseline)),
    row('full text (BM25)', (result) => ratio(result.search.indexed.fts, result.search.exact_baseline)),
    row('vector, exact scan in LanceDB (no index)', (result) => ratio(result.search.flat.vector, result.search.exact_baseline)),
    row('vector, HNSW-SQ index', (result) => ratio(result.search.indexed.vector, result.search.exact_baseline)),
    row('hybrid, no vector index', (result) => ratio(result.search.flat.hybrid, result.search.exact_baseline)),
    row('hybrid, HNSW-SQ index (default from 10,000 chunks)', (result) => ratio(result.search.indexed.hybrid, result.search.exact_baseline)),
    row('indexed vector recall@10 against exact search', (result) => String(result.index_recall_at_10)),
    '',
    'Search figures include the engine\'s own work (question parsing, query embedding, fusion, snippets), not only the LanceDB call.',
    '',
    '## Answers',
    '',
    header,
    row('`ask` in-process, extractive', (result) => latency(result.ask)),
    row('question → reply through Bolt\'s HTTP receiver (signed app_mention → chat.postMessage at the fake Slack API)', (result) => (result.slack_reply ? latency(result.slack_reply) : 'not measured')),
    row('question → reply through discord.js (fake gateway MESSAGE_CREATE → answer POSTed in the thread)', (result) => (result.discord_reply ? latency(result.discord_reply) : 'not measured')),
    '',
    `Start-up of \`driverdesk start\` to ready with the ${sizes.at(-1)?.size.toLocaleString('en-US')}-thread index: ${startupMs} ms (median of 5).`,
    '',
  ].join('\n');
}
