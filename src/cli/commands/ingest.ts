import { type Command, InvalidArgumentError } from 'commander';
import { ingestFiles } from '../../compose.js';
import type { Config } from '../../config/types.js';
import { bundledCorpusDir } from '../../paths.js';
import { createProgressReporter, formatSummary } from '../ingest-progress.js';
import { withDb } from '../options.js';

export function registerIngest(program: Command, getConfig: () => Config): void {
  program
    .command('ingest')
    .description(
      'ingest thread JSONL, DiscordChatExporter JSON, Slack exports, Stack Exchange Posts.xml, forum listing dumps and Markdown (default: the bundled corpus)',
    )
    .argument('[paths...]', 'files or folders to ingest')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .option('--rebuild', 'build a fresh index from these paths and switch to it when complete')
    .option('--repair', 'also remove duplicate chunks anywhere in the index (not only in the threads read)')
    .option('--wait <seconds>', 'when another ingest is writing to the index, wait up to this long for it (default: refuse at once)', parseSeconds)
    .option('--json', 'print the summary as JSON')
    .option('--site <domain>', "a Stack Exchange Posts.xml's site (e.g. superuser.com) when its folder is not named after it", parseSite)
    .action(async (paths: string[], options: { db?: string; rebuild?: boolean; repair?: boolean; wait?: number; json?: boolean; site?: string }) => {
      const config = withDb(getConfig(), options.db);
      const reporter = createProgressReporter();
      const summary = await ingestFiles(config, paths.length > 0 ? paths : [bundledCorpusDir()], {
        rebuild: options.rebuild ?? false,
        repair: options.repair ?? false,
        ...(options.wait !== undefined && { waitMs: options.wait * 1000 }),
        reporter,
        ...(options.site && { site: options.site }),
      }).finally(() => reporter.stop());
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    });
}

/** `--wait SECONDS`: a whole number of seconds, up to a day. */
function parseSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 86_400) throw new InvalidArgumentError('must be a whole number of seconds from 0 to 86400');
  return number;
}

/** `--site DOMAIN`: a host name such as `superuser.com`, used to link Stack Exchange questions. */
function parseSite(value: string): string {
  if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(value)) throw new InvalidArgumentError('must be a site domain such as superuser.com');
  return value.toLowerCase();
}
