import type { Command } from 'commander';
import { runIngest } from '../../../ingest/index.js';
import { createProgressReporter, formatSummary } from '../../../ingest/progress.js';
import type { Config } from '../../config/types.js';
import { createEmbeddings } from '../../models/create-embeddings.js';
import { bundledCorpusDir } from '../../paths.js';
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
      const summary = await ingestPaths(config, paths.length > 0 ? paths : [bundledCorpusDir()], options.rebuild ?? false);
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    });
}

/** Ingest with a progress bar; shared by `ingest` and `start` (first run on an empty index). */
export async function ingestPaths(config: Config, paths: string[], rebuild: boolean) {
  const embedder = await createEmbeddings(config);
  const reporter = createProgressReporter();
  try {
    return await runIngest({
      paths,
      db: config.db,
      rebuild,
      embeddings: embedder.embeddings,
      embedder: await embedder.identity(),
      vectorIndexMinRows: config.vectorIndexMinRows,
      onProgress: reporter.onProgress,
      onSkip: reporter.onSkip,
    });
  } finally {
    reporter.stop();
  }
}
