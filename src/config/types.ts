export type EmbeddingsProvider = 'offline' | 'openai' | 'ollama';
export type LlmProvider = 'none' | 'openai' | 'anthropic' | 'ollama';

/** Validated, frozen configuration; the only shape of the environment the rest of the code sees. */
export interface Config {
  db: string;
  embeddings: EmbeddingsProvider;
  llm: LlmProvider;
  llmTimeoutMs: number;
  minConfidence: number;
  vectorIndexMinRows: number;
  promptsDir: string | undefined;
  /** JSONL file where 👍/👎 votes are kept. */
  feedbackFile: string;
  logLevel: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string; embeddingModel: string };
  anthropic: { apiKey: string | undefined; model: string };
  ollama: { baseUrl: string; model: string; embeddingModel: string };
  discord: {
    token: string | undefined;
    appId: string | undefined;
    guildId: string | undefined;
    channels: string[];
    apiUrl: string | undefined;
  };
  slack: {
    botToken: string | undefined;
    appToken: string | undefined;
    signingSecret: string | undefined;
    port: number;
    apiUrl: string | undefined;
  };
  rateLimit: { perUser: number; perChannel: number; windowSeconds: number };
}
