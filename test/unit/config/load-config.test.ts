import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../src/config/env-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { fittedMinConfidence } from '../../../src/engine/gate/gate-weights.js';
import { ConfigError } from '../../../src/errors.js';
import { projectRoot } from '../../helpers/paths.js';

describe('loadConfig', () => {
  it('needs nothing: the defaults run offline', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({ db: './data/lancedb', embeddings: 'offline', llm: 'none', minConfidence: fittedMinConfidence });
    expect(Object.isFrozen(config.discord)).toBe(true);
  });

  it('reports every bad variable at once, each by name', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ env: { LLM: 'gpt', SLACK_PORT: '-1', DISCORD_CHANNELS: 'general', OPENAI_BASE_URL: 'not a url' } });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual([
      'LLM must be one of none, openai, anthropic, ollama, got "gpt"',
      'OPENAI_BASE_URL must be a URL such as http://127.0.0.1:8000/v1',
      'DISCORD_CHANNELS must be a comma-separated list of numeric channel ids',
      'SLACK_PORT must be a positive whole number, got "-1"',
    ]);
  });

  it('names the missing key when a provider is chosen without it', () => {
    expect(() => loadConfig({ env: { LLM: 'anthropic' } })).toThrow('ANTHROPIC_API_KEY is required when LLM is "anthropic"');
    expect(() => loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1' } })).toThrow(/SLACK_SIGNING_SECRET is required/);
  });

  it('never puts a secret in an error message', () => {
    expect.assertions(2);
    try {
      loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-secret-value', LLM: 'bogus' } });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).not.toContain('xoxb-secret-value');
    }
  });

  it('.env.example and README document every variable the schema reads', () => {
    const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    for (const name of Object.keys(envSchema.shape)) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
