import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../config/types.js';
import { DriverdeskError } from '../errors.js';
import type { EmbedderIdentity } from '../store/thread-index.js';
import { HashingEmbeddings } from './offline-embeddings.js';

export interface EmbedderHandle {
  embeddings: EmbeddingsInterface;
  /** Name and vector length; for providers the length is learned from one probe call, once. */
  identity(): Promise<EmbedderIdentity>;
}

/**
 * Config → the embedder it names: offline (default), OpenAI or an OpenAI-compatible server, or
 * Ollama. Provider packages are imported only when chosen.
 */
export async function createEmbeddings(config: Config): Promise<EmbedderHandle> {
  if (config.embeddings === 'offline') {
    const embeddings = new HashingEmbeddings();
    return { embeddings, identity: async () => ({ id: embeddings.modelId, dimension: embeddings.dimensions }) };
  }
  const [embeddings, id] =
    config.embeddings === 'openai'
      ? [
          new (await import('@langchain/openai')).OpenAIEmbeddings({
            model: config.openai.embeddingModel,
            apiKey: config.openai.apiKey ?? 'not-needed',
            maxRetries: 2,
            ...(config.openai.baseUrl && { configuration: { baseURL: config.openai.baseUrl } }),
          }),
          `openai:${config.openai.embeddingModel}`,
        ]
      : [
          new (await import('@langchain/ollama')).OllamaEmbeddings({ model: config.ollama.embeddingModel, baseUrl: config.ollama.baseUrl }),
          `ollama:${config.ollama.embeddingModel}`,
        ];
  let identity: Promise<EmbedderIdentity> | undefined;
  return {
    embeddings,
    identity: () =>
      (identity ??= embeddings.embedQuery('dimension probe').then(
        (vector) => ({ id, dimension: vector.length }),
        (error: unknown) => {
          identity = undefined;
          throw new DriverdeskError({
            code: 'model_unavailable',
            message: `the ${config.embeddings} embeddings service did not answer: ${(error as Error).message}`,
            cause: error,
          });
        },
      )),
  };
}
