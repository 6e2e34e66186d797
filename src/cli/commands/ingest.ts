import type { Command } from 'commander';
import { ingestFiles } from '../../compose.js';
import type { Config } from '../../config/types.js';
import { bundledCorpusDir } from '../../paths.js';
import { createProgressReporter, formatSummary } from '../ingest-progress.js';
import { withDb } from '../options.js';

export function registerIngest(program: Command, getConfig: () => Config): void {
  program
    .command('ingest')
    .description('ingest thread JSONL, forum listing dumps and Markdown files or folders (default: the bundled corpus)')
    .argument('[paths...]', 'files or folders to ingest')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .option('--rebuild', 'build a fresh index from these paths and switch to it when complete')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], options: { db?: string; rebuild?: boolean; json?: boolean }) => {
      const config = withDb(getConfig(), options.db);
      const reporter = createProgressReporter();
      const summary = await ingestFiles(config, paths.length > 0 ? paths : [bundledCorpusDir()], {
        rebuild: options.rebuild ?? false,
        reporter,
      }).finally(() => reporter.stop());
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    });
}
