/**
 * Runs one end-to-end ingest in a process of its own, so its peak RSS is the ingest's alone.
 * Usage: node --import tsx bench/ingest-child.ts CORPUS DB → prints {"seconds", "peak_rss_mb"}.
 */
import { runIngest } from '../ingest/index.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { lanceWriterOpener } from '../src/store/lance-thread-writer.js';
import { peakRssMb, round } from './stats.js';

const [corpus, db] = process.argv.slice(2) as [string, string];
const embeddings = new HashingEmbeddings();
const summary = await runIngest({
  paths: [corpus],
  // The vector index is built and timed separately by run-size.
  openIndex: lanceWriterOpener({ uri: db, vectorIndexMinRows: Number.POSITIVE_INFINITY }),
  embedder: embeddings.asEmbedder(),
});
process.stdout.write(`${JSON.stringify({ seconds: round(summary.seconds), chunks: summary.chunksWritten, peak_rss_mb: peakRssMb() })}\n`);
