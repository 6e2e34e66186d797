import { runIngest } from '../ingest/index.js';
import type { Embedder } from '../src/models/embedder.js';
import { lanceWriterOpener } from '../src/store/lance-thread-writer.js';
import { benchPaths } from './paths.js';

/**
 * Ingests the shared threads and the bundled listing into `db`: the index the fitting and tuning
 * scripts score the labelled questions on. Needs ../shared beside the project.
 */
export async function ingestSharedCorpus(db: string, embedder: Embedder): Promise<void> {
  const { listing, threads } = benchPaths();
  if (!threads) throw new Error('needs ../shared/corpus/apple-forums-threads.jsonl beside the project');
  await runIngest({ paths: [threads, listing], openIndex: lanceWriterOpener({ uri: db }), embedder });
}
