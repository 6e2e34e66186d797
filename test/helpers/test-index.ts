import { runIngest, type IngestSummary, type RunIngestOptions } from '../../ingest/index.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { ExtractiveDrafter } from '../../src/engine/draft/extractive-drafter.js';
import type { Drafter } from '../../src/engine/draft/drafter.js';
import { HashingEmbeddings } from '../../src/models/offline-embeddings.js';
import { LanceKnowledge } from '../../src/store/lance-knowledge.js';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { lanceWriterOpener } from '../../src/store/lance-thread-writer.js';
import { defaults } from '../../src/config/defaults.js';
import { bundledListing, sharedThreads } from './paths.js';

export const embeddings = new HashingEmbeddings();
/** The offline embedder's identity, as the index records it. */
export const embedder = embeddings.asEmbedder().identity;

/** Ingests files into the LanceDB index at `db` with the offline embedder. */
export function ingestInto(
  db: string,
  paths: string[],
  extra: Omit<Partial<RunIngestOptions>, 'paths' | 'openIndex'> & { vectorIndexMinRows?: number } = {},
): Promise<IngestSummary> {
  const { vectorIndexMinRows, ...rest } = extra;
  return runIngest({
    paths,
    openIndex: lanceWriterOpener({ uri: db, ...(vectorIndexMinRows !== undefined && { vectorIndexMinRows }) }),
    embedder: embeddings.asEmbedder(),
    ...rest,
  });
}

/** The shared threads and the bundled listing, ingested into `db`. */
export function ingestSharedCorpus(db: string): Promise<IngestSummary> {
  return ingestInto(db, [sharedThreads, bundledListing]);
}

/** The knowledge tables (answers, votes, learned threads) beside the index at `db`. */
export function openTestKnowledge(db: string): Promise<LanceKnowledge> {
  return LanceKnowledge.open({ uri: db, embedder: { identity: embedder, embedDocuments: (texts) => embeddings.embedDocuments(texts) } });
}

/**
 * An engine as the bot composes it: the index at `db`, with the knowledge tables beside it as its
 * answer memory and feedback store. `feedback` is the same object as `knowledge` (for older tests).
 */
export async function openTestEngine(
  db: string,
  options: { drafter?: Drafter } = {},
): Promise<{ engine: Engine; index: LanceThreadIndex; knowledge: LanceKnowledge; feedback: LanceKnowledge; close: () => Promise<void> }> {
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder });
  const knowledge = await openTestKnowledge(db);
  const engine = createEngine({
    index,
    embeddings,
    drafter: options.drafter ?? new ExtractiveDrafter(),
    minConfidence: defaults.minConfidence,
    feedback: knowledge,
    answers: knowledge,
    botName: 'driverdesk',
  });
  const close = async () => {
    await knowledge.close();
    index.close();
  };
  return { engine, index, knowledge, feedback: knowledge, close };
}
