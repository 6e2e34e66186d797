import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config/types.js';

export interface ChatModelHandle {
  model: BaseChatModel;
  /** Shown to users beside the answer ("openai:gpt-4o-mini"). */
  label: string;
}

/**
 * Config → a LangChain chat model, or undefined when LLM=none (extractive drafts). Provider
 * packages are imported only when chosen: start-up does not load the ones not in use.
 */
export async function createChatModel(config: Config): Promise<ChatModelHandle | undefined> {
  // Retries are the drafter's business (it has a deadline); the client must not retry past it.
  switch (config.llm) {
    case 'none':
      return undefined;
    case 'openai': {
      const { ChatOpenAI } = await import('@langchain/openai');
      return {
        label: `openai:${config.openai.model}`,
        model: new ChatOpenAI({
          model: config.openai.model,
          apiKey: config.openai.apiKey ?? 'not-needed',
          temperature: 0.1,
          maxRetries: 0,
          ...(config.openai.baseUrl && { configuration: { baseURL: config.openai.baseUrl } }),
        }),
      };
    }
    case 'anthropic': {
      const { ChatAnthropic } = await import('@langchain/anthropic');
      return {
        label: `anthropic:${config.anthropic.model}`,
        model: new ChatAnthropic({
          model: config.anthropic.model,
          ...(config.anthropic.apiKey && { apiKey: config.anthropic.apiKey }),
          temperature: 0.1,
          maxRetries: 0,
        }),
      };
    }
    case 'ollama': {
      const { ChatOllama } = await import('@langchain/ollama');
      return {
        label: `ollama:${config.ollama.model}`,
        model: new ChatOllama({ model: config.ollama.model, baseUrl: config.ollama.baseUrl, temperature: 0.1 }),
      };
    }
  }
}
