import type { Command } from 'commander';
import { composeEngine } from '../../compose.js';
import type { Config } from '../../config/types.js';
import { parseK, withDb } from '../options.js';
import { answerJson, answerText } from '../print.js';

export function registerAsk(program: Command, getConfig: () => Config): void {
  program
    .command('ask')
    .description('draft an answer to a question, citing the threads it comes from')
    .argument('<question>', 'the question, in quotes')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .option('-k <n>', 'similar threads to list', parseK, 5)
    .option('--json', 'print the DESIGN.md JSON object')
    .action(async (question: string, options: { db?: string; k: number; json?: boolean }) => {
      // Ranked with the votes, as the bot ranks; nothing asked here is kept.
      const composed = await composeEngine(withDb(getConfig(), options.db), undefined, { knowledge: 'read' });
      try {
        const answer = await composed.engine.ask({ question, k: options.k });
        process.stdout.write(`${options.json ? answerJson(answer) : answerText(answer)}\n`);
      } finally {
        await composed.close();
      }
    });
}
