import type { Config } from '../config/types.js';
import { DriverdeskError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { HashingEmbeddings } from './offline-embeddings.js';

/**
 * Config → the embedder it names: offline (default), OpenAI or an OpenAI-compatible server, or
 * Ollama. Provider packages are imported only when chosen; a provider's vector length is learned
 * from one probe call here, so build the embedder once and pass it on.
 */
export async function createEmbedder(config: Config): Promise<Embedder> {
  if (config.embeddings === 'offline') return new HashingEmbeddings().asEmbedder();
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
  try {
    const probe = await embeddings.embedQuery('dimension probe');
    return { embeddings, identity: { id, dimension: probe.length } };
  } catch (error) {
    throw new DriverdeskError({
      code: 'model_unavailable',
      message: `the ${config.embeddings} embeddings service did not answer: ${(error as Error).message}`,
      cause: error,
    });
  }
}
