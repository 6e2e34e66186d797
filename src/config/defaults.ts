/** Tunables with their defaults; every one can be overridden by the variable named beside it. */
export const defaults = {
  db: './data/lancedb',
  feedbackFile: './data/feedback.jsonl',
  /** Threads returned by `ask`/`similar` when -k is not given. */
  k: 5,
  /** Below this confidence the engine replies "no close match" (calibrated on shared/eval; see README). */
  minConfidence: 0.4,
  llmTimeoutMs: 20_000,
  /** Chunks at which a vector index starts to pay off over exact search (see docs/benchmarks.md). */
  vectorIndexMinRows: 10_000,
  rateLimitPerUser: 6,
  rateLimitPerChannel: 20,
  rateLimitWindowSeconds: 60,
  slackPort: 3000,
  logLevel: 'info',
} as const;
