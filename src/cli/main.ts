import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { redactSecrets } from '../chat/redact-secrets.js';
import { ConfigError, DriverdeskError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { registerAsk } from './commands/ask.js';
import { registerEval } from './commands/eval.js';
import { registerIngest } from './commands/ingest.js';
import { registerRegister } from './commands/register.js';
import { registerSimilar } from './commands/similar.js';
import { registerStart } from './commands/start.js';
import { registerStats } from './commands/stats.js';

/** Config and logger are created on first use, so `--help` works even with a bad `.env`. */
let config: Config | undefined;
let logger: Logger | undefined;
const getConfig = () => (config ??= loadConfig());
const getLogger = () => (logger ??= createLogger(getConfig().logLevel));

const program = new Command('driverdesk')
  .description('Answers device-driver questions from the forum threads where they were discussed.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerIngest(program, getConfig);
registerAsk(program, getConfig);
registerSimilar(program, getConfig);
registerEval(program, getConfig);
registerStart(program, getConfig, getLogger);
registerRegister(program, getConfig);
registerStats(program, getConfig);

/** The logger at LOG_LEVEL, even when the configuration could not be read (then the raw variable, or info). */
const errorLogger = (): Logger => logger ?? createLogger(configuredLevel());

process.on('unhandledRejection', (reason) => {
  errorLogger().error({ err: reason }, 'unhandled rejection');
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Exit now: a platform that failed to start may leave retries or sockets behind that would keep the process alive.
  process.exit(exitCodeFor(error));
}

/** The CLI's one catch: exit 2 for bad usage, 1 with a one-line message for anything else. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed the message; help and version exit 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`driverdesk: configuration: ${problem}\n`);
    return 1;
  }
  if (DriverdeskError.isInstance(error)) {
    process.stderr.write(`driverdesk: ${oneLine(error.message)}\n`);
    errorLogger().debug({ err: error }, 'details');
    return 1;
  }
  process.stderr.write(`driverdesk: unexpected error: ${oneLine((error as Error)?.message ?? String(error))} (set LOG_LEVEL=debug for details)\n`);
  // The stack goes to the log at debug level only: a user sees the one line above.
  errorLogger().debug({ err: error }, 'unexpected error');
  return 1;
}

/** A message as one line (of at most 500 characters) without token-shaped strings: it may quote a library's error. */
function oneLine(message: string): string {
  const line = redactSecrets(message.replace(/\s*\n\s*/g, ' ').trim());
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}

function configuredLevel(): string {
  try {
    return getConfig().logLevel;
  } catch {
    const raw = process.env.LOG_LEVEL?.trim().toLowerCase();
    return raw && ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw) ? raw : 'info';
  }
}
