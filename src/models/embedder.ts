import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { EmbedderIdentity } from '../store/thread-index.js';

/**
 * An embedder and its identity as one value: built once (a provider's dimension is learned from
 * one probe call) and handed to ingest, which writes the identity into the index, and to the
 * engine, which embeds questions with it.
 */
export interface Embedder {
  readonly embeddings: EmbeddingsInterface;
  readonly identity: EmbedderIdentity;
}
