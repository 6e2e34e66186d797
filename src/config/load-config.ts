import { config as loadDotenv } from 'dotenv';
import { ConfigError } from '../errors.js';
import { defaults } from './defaults.js';
import { envSchema, type Env } from './env-schema.js';
import type { Config } from './types.js';

export interface LoadConfigOptions {
  /** Variables to read; @default process.env (after `.env` is loaded) */
  env?: Record<string, string | undefined>;
  /** Load `.env` from the working directory first; @default true when `env` is not given */
  dotenv?: boolean;
}

/**
 * Reads the environment once, checks every variable, and returns a frozen Config.
 * All problems are reported together, each naming its variable.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  if (options.dotenv ?? options.env === undefined) loadDotenv({ quiet: true });
  const env = options.env ?? process.env;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const config = toConfig(parsed.data);
  const problems = crossCheck(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function toConfig(env: Env): Config {
  return {
    db: env.DRIVERDESK_DB ?? defaults.db,
    embeddings: env.EMBEDDINGS,
    llm: env.LLM,
    llmTimeoutMs: env.LLM_TIMEOUT_MS,
    minConfidence: env.MIN_CONFIDENCE,
    vectorIndexMinRows: env.VECTOR_INDEX_MIN_ROWS,
    promptsDir: env.PROMPTS_DIR,
    feedbackFile: env.FEEDBACK_FILE ?? defaults.feedbackFile,
    logLevel: env.LOG_LEVEL,
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
      embeddingModel: env.OPENAI_EMBEDDING_MODEL ?? 'text-embedding-3-small',
    },
    anthropic: { apiKey: env.ANTHROPIC_API_KEY, model: env.ANTHROPIC_MODEL ?? 'claude-3-5-haiku-latest' },
    ollama: {
      baseUrl: env.OLLAMA_BASE_URL ?? 'http://127.0.0.1:11434',
      model: env.OLLAMA_MODEL ?? 'llama3.1',
      embeddingModel: env.OLLAMA_EMBEDDING_MODEL ?? 'nomic-embed-text',
    },
    discord: {
      token: env.DISCORD_TOKEN,
      appId: env.DISCORD_APP_ID,
      guildId: env.DISCORD_GUILD_ID,
      channels: (env.DISCORD_CHANNELS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
      apiUrl: env.DISCORD_API_URL,
    },
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      port: env.SLACK_PORT,
      apiUrl: env.SLACK_API_URL,
    },
    rateLimit: {
      perUser: env.RATE_LIMIT_PER_USER,
      perChannel: env.RATE_LIMIT_PER_CHANNEL,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    },
  };
}

/** Rules that involve more than one variable: a provider chosen without what it needs. */
function crossCheck(config: Config): string[] {
  const problems: string[] = [];
  const usesOpenai = config.llm === 'openai' || config.embeddings === 'openai';
  if (usesOpenai && !config.openai.apiKey && !config.openai.baseUrl) {
    problems.push(
      'OPENAI_API_KEY is required when LLM or EMBEDDINGS is "openai" (or set OPENAI_BASE_URL for a local OpenAI-compatible server)',
    );
  }
  if (config.llm === 'anthropic' && !config.anthropic.apiKey) {
    problems.push('ANTHROPIC_API_KEY is required when LLM is "anthropic"');
  }
  if (config.slack.botToken && !config.slack.appToken && !config.slack.signingSecret) {
    problems.push(
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (the HTTP receiver verifies requests with it)',
    );
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
