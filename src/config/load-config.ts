import { config as loadDotenv } from 'dotenv';
import { ConfigError } from '../errors.js';
import { configSchema } from './env-schema.js';
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
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const config: Config = parsed.data;
  const problems = crossCheck(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
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
