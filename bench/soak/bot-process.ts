import { readFileSync } from 'node:fs';
import { type CliProcess, startCli } from '../../test/helpers/cli-process.js';

/** The real `driverdesk start` process under soak, and what can be read from outside it. */
export interface BotProcess {
  cli: CliProcess;
  /** Resident memory now, in MB (Linux /proc). */
  rssMb(): number;
  /** True while the process runs; false once it exited on its own. */
  alive(): boolean;
  /** Log lines at error level or above (LOG_LEVEL=warn is used, so warnings are there too). */
  errorLines(): string[];
  stop(): Promise<number | string>;
}

/** Starts `driverdesk start` with `env` and resolves once it says it is running on every platform. */
export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const cli = startCli(['start'], { LOG_LEVEL: 'warn', ...env });
  await cli.waitForStderr(/driverdesk is running on /, 120_000);
  let stopping = false;
  return {
    cli,
    rssMb: () => {
      const status = readFileSync(`/proc/${cli.child.pid}/status`, 'utf8');
      const kilobytes = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? Number.NaN);
      return Math.round(kilobytes / 1024);
    },
    alive: () => stopping || cli.child.exitCode === null,
    errorLines: () => cli.stderr().split('\n').filter((line) => /"level":(50|60)/.test(line)),
    stop: () => {
      stopping = true;
      return cli.stop();
    },
  };
}
