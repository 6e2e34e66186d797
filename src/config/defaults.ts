/** Tunables with their defaults; every one can be overridden by the variable named beside it. */
export const defaults = {
  /** DRIVERDESK_DB */
  db: './data/lancedb',
  /** ANSWER_RETENTION_DAYS: answers (and with them the question log) older than this are deleted. */
  answerRetentionDays: 90,
  /** Threads returned by `ask`/`similar` when -k is not given. */
  k: 5,
  /** MIN_CONFIDENCE: below it the engine replies "no close match"; the gate's fitted threshold (`npx tsx bench/fit-gate.ts --write`; see README). */
  minConfidence: 0.4,
  /** LLM_TIMEOUT_MS */
  llmTimeoutMs: 20_000,
  /** VECTOR_INDEX_MIN_ROWS: chunks at which a vector index starts to pay off over exact search (see docs/benchmarks.md). */
  vectorIndexMinRows: 10_000,
  rateLimitPerUser: 6,
  rateLimitPerChannel: 20,
  rateLimitWindowSeconds: 60,
  /** PLATFORM_START_TIMEOUT_MS: how long each chat platform may take to connect before `start` gives up. */
  platformStartTimeoutMs: 30_000,
  /** SLACK_PORT */
  slackPort: 3000,
  /** LOG_LEVEL */
  logLevel: 'info',
  /** OPENAI_MODEL, OPENAI_EMBEDDING_MODEL */
  openaiModel: 'gpt-4o-mini',
  openaiEmbeddingModel: 'text-embedding-3-small',
  /** ANTHROPIC_MODEL */
  anthropicModel: 'claude-3-5-haiku-latest',
  /** OLLAMA_BASE_URL, OLLAMA_MODEL, OLLAMA_EMBEDDING_MODEL */
  ollamaBaseUrl: 'http://127.0.0.1:11434',
  ollamaModel: 'llama3.1',
  ollamaEmbeddingModel: 'nomic-embed-text',
} as const;
