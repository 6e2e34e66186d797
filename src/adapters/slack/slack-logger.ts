import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const levels: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt, the Socket Mode client and the Web API client log through this bridge, so their lines
 * go to our pino logger (stderr, JSON, at LOG_LEVEL) instead of Bolt's console logger.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts)),
    info: (...parts: unknown[]) => logger.info(text(parts)),
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    // The level is LOG_LEVEL's; Bolt's attempts to change it are ignored.
    setLevel: () => undefined,
    getLevel: () => levels[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
