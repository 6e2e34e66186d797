/**
 * The library surface for users' own scripts: build an engine over an index, ingest files,
 * read configuration the way the CLI does. The CLI (`driverdesk`) is built on these.
 */
export {
  forgetThreads,
  ingestRecords,
  runIngest,
  type IngestProgress,
  type IngestRecordsOptions,
  type IngestSummary,
  type IngestTarget,
  type RunIngestOptions,
} from '../ingest/index.js';
export type { ThreadRecord, ThreadAnswer } from '../ingest/thread-record.js';
export { composeEngine, indexWriter, ingestFiles, type ComposedEngine } from './compose.js';
export { loadConfig } from './config/load-config.js';
export type { Config } from './config/types.js';
export { createEngine } from './engine/index.js';
export type { Answer, AnswerMode, AskOptions, Citation, ConversationTurn, Engine, EngineDeps, SimilarOptions, SimilarResult, SimilarThread, Vote } from './engine/index.js';
export { ConfigError, DriverdeskError, type ErrorCode } from './errors.js';
export { HashingEmbeddings } from './models/offline-embeddings.js';
export { createEmbedder } from './models/create-embeddings.js';
export type { Embedder } from './models/embedder.js';
export { LanceThreadIndex } from './store/lance-thread-index.js';
export { LanceThreadWriter, lanceWriterOpener } from './store/lance-thread-writer.js';
export { MemoryThreadStore } from './store/memory-thread-store.js';
export type { OpenWritableIndex, ThreadIndex, WritableThreadIndex } from './store/thread-index.js';
