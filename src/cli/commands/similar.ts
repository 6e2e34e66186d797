import { Option, type Command } from 'commander';
import { composeEngine } from '../../compose.js';
import type { Config } from '../../config/types.js';
import type { SearchMode } from '../../engine/retrieve/search-threads.js';
import { parseK, withDb } from '../options.js';
import { similarJson, similarText } from '../print.js';

export function registerSimilar(program: Command, getConfig: () => Config): void {
  program
    .command('similar')
    .description('list the threads most similar to a text, best first')
    .argument('<text>', 'a question, error message or log excerpt, in quotes')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .option('-k <n>', 'threads to list', parseK, 5)
    .addOption(new Option('--mode <mode>', 'search method').choices(['hybrid', 'text', 'vector']).default('hybrid'))
    .option('--json', 'print the DESIGN.md JSON object')
    .action(async (text: string, options: { db?: string; k: number; mode: SearchMode; json?: boolean }) => {
      // Ranked with the votes, as the bot ranks; nothing asked here is kept.
      const composed = await composeEngine(withDb(getConfig(), options.db), undefined, { knowledge: 'read' });
      try {
        const result = await composed.engine.similar({ text, k: options.k, mode: options.mode });
        process.stdout.write(`${options.json ? similarJson(result) : similarText(result)}\n`);
      } finally {
        await composed.close();
      }
    });
}
