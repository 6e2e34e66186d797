import { z } from 'zod';
import { defaults } from './defaults.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (example: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: `must be a URL such as ${example}`,
  });

/** A numeric variable: empty means the default; otherwise it must pass `valid`, or `expected` is reported. */
const numberVar = (fallback: number, valid: (number: number) => boolean, expected: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return fallback;
      const number = Number(value);
      if (!valid(number)) {
        context.addIssue({ code: 'custom', message: `must be ${expected}, got "${value}"` });
        return z.NEVER;
      }
      return number;
    });

const positiveInt = (fallback: number) => numberVar(fallback, (number) => Number.isInteger(number) && number > 0, 'a positive whole number');
const fraction = (fallback: number) => numberVar(fallback, (number) => Number.isFinite(number) && number >= 0 && number <= 1, 'a number from 0 to 1');

const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return fallback;
      if (!(values as readonly string[]).includes(value)) {
        context.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${value}"` });
        return z.NEVER;
      }
      return value as T[number];
    });

/** Every environment variable driverdesk reads. `.env.example` documents the same list. */
export const envSchema = z.object({
  DRIVERDESK_DB: optionalText,
  EMBEDDINGS: choice(['offline', 'openai', 'ollama'] as const, 'offline'),
  LLM: choice(['none', 'openai', 'anthropic', 'ollama'] as const, 'none'),
  LLM_TIMEOUT_MS: positiveInt(defaults.llmTimeoutMs),
  MIN_CONFIDENCE: fraction(defaults.minConfidence),
  VECTOR_INDEX_MIN_ROWS: positiveInt(defaults.vectorIndexMinRows),
  PROMPTS_DIR: optionalText,
  ANSWER_RETENTION_DAYS: positiveInt(defaults.answerRetentionDays),
  LEARN_CHANNELS: optionalText.refine((value) => value === undefined || /^\s*[A-Za-z0-9]+(\s*,\s*[A-Za-z0-9]+)*\s*$/.test(value), {
    message: 'must be a comma-separated list of channel ids (Discord: numeric, Slack: like C0123ABCD)',
  }),
  LEARN_KEEP_AUTHORS: choice(['true', 'false'] as const, 'false'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url('http://127.0.0.1:8000/v1'),
  OPENAI_MODEL: optionalText,
  OPENAI_EMBEDDING_MODEL: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_MODEL: optionalText,
  OLLAMA_BASE_URL: url('http://127.0.0.1:11434'),
  OLLAMA_MODEL: optionalText,
  OLLAMA_EMBEDDING_MODEL: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
    message: 'must be the numeric application id from the Discord developer portal',
  }),
  DISCORD_GUILD_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
    message: 'must be a numeric guild (server) id',
  }),
  DISCORD_CHANNELS: optionalText.refine((value) => value === undefined || /^\s*\d+(\s*,\s*\d+)*\s*$/.test(value), {
    message: 'must be a comma-separated list of numeric channel ids',
  }),
  DISCORD_API_URL: url('https://discord.com/api'),
  PLATFORM_START_TIMEOUT_MS: positiveInt(defaults.platformStartTimeoutMs),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_PORT: positiveInt(defaults.slackPort),
  SLACK_API_URL: url('https://slack.com/api/'),
  RATE_LIMIT_PER_USER: positiveInt(defaults.rateLimitPerUser),
  RATE_LIMIT_PER_CHANNEL: positiveInt(defaults.rateLimitPerChannel),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(defaults.rateLimitWindowSeconds),
  LOG_LEVEL: choice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, defaults.logLevel),
});


/**
 * The environment → the nested Config the rest of the code receives. This mapping is the one
 * place a variable becomes a field; `Config` is derived from it, so no list is kept twice.
 */
export const configSchema = envSchema.transform((env) => ({
  db: env.DRIVERDESK_DB ?? defaults.db,
  embeddings: env.EMBEDDINGS,
  llm: env.LLM,
  llmTimeoutMs: env.LLM_TIMEOUT_MS,
  minConfidence: env.MIN_CONFIDENCE,
  vectorIndexMinRows: env.VECTOR_INDEX_MIN_ROWS,
  promptsDir: env.PROMPTS_DIR,
  /** Days answers (the question log) are kept in the index's `answers` table. */
  answerRetentionDays: env.ANSWER_RETENTION_DAYS,
  learn: {
    /** Channels (or threads) whose solved threads may be learned; the bot's own answer threads always may. */
    channels: commaList(env.LEARN_CHANNELS),
    /** Keep display names in learned threads instead of pseudonyms. */
    keepAuthors: env.LEARN_KEEP_AUTHORS === 'true',
  },
  logLevel: env.LOG_LEVEL,
  openai: {
    apiKey: env.OPENAI_API_KEY,
    baseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL ?? defaults.openaiModel,
    embeddingModel: env.OPENAI_EMBEDDING_MODEL ?? defaults.openaiEmbeddingModel,
  },
  anthropic: { apiKey: env.ANTHROPIC_API_KEY, model: env.ANTHROPIC_MODEL ?? defaults.anthropicModel },
  ollama: {
    baseUrl: env.OLLAMA_BASE_URL ?? defaults.ollamaBaseUrl,
    model: env.OLLAMA_MODEL ?? defaults.ollamaModel,
    embeddingModel: env.OLLAMA_EMBEDDING_MODEL ?? defaults.ollamaEmbeddingModel,
  },
  discord: {
    token: env.DISCORD_TOKEN,
    appId: env.DISCORD_APP_ID,
    guildId: env.DISCORD_GUILD_ID,
    channels: commaList(env.DISCORD_CHANNELS),
    apiUrl: env.DISCORD_API_URL,
  },
  slack: {
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    port: env.SLACK_PORT,
    apiUrl: env.SLACK_API_URL,
  },
  /** How long each chat platform may take to connect at start before `start` exits with an error. */
  platformStartTimeoutMs: env.PLATFORM_START_TIMEOUT_MS,
  rateLimit: {
    perUser: env.RATE_LIMIT_PER_USER,
    perChannel: env.RATE_LIMIT_PER_CHANNEL,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
  },
}));

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
