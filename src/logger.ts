import { destination, pino, type Logger } from 'pino';

/** Any field with one of these names is replaced by [redacted] before it is written. */
const SECRET_PATHS = [
  'token',
  'apiKey',
  'password',
  'secret',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.signingSecret',
  '*.botToken',
  '*.appToken',
  'config.discord.token',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.openai.apiKey',
  'config.anthropic.apiKey',
  'headers.authorization',
  '*.headers.authorization',
];

export type { Logger };

/**
 * Logs go to stderr so that stdout stays clean for `--json` output and the console chat.
 */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    { level, redact: { paths: SECRET_PATHS, censor: '[redacted]' }, base: { app: 'driverdesk' } },
    destination({ fd: 2, sync: true }),
  );
}
