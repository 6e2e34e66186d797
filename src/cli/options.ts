import { InvalidArgumentError } from 'commander';
import type { Config } from '../config/types.js';

/** `-k N`: a whole number from 1 to 50. */
export function parseK(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 50) throw new InvalidArgumentError('must be a whole number from 1 to 50');
  return number;
}

/** `--db URI` overrides DRIVERDESK_DB for one command. */
export function withDb(config: Config, db: string | undefined): Config {
  return db ? Object.freeze({ ...config, db }) : config;
}
