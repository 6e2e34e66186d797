import { Option, type Command } from 'commander';
import { composeEngine } from '../../compose.js';
import type { Config } from '../../config/types.js';
import type { SearchMode } from '../../engine/retrieve/search-threads.js';
import { readLabelledQuestions, runEval, type EvalReport } from '../../eval/run-eval.js';
import { withDb } from '../options.js';

export function registerEval(program: Command, getConfig: () => Config): void {
  program
    .command('eval')
    .description('retrieval quality on a labelled question file: recall@1, recall@5, MRR and misses')
    .argument('<file>', 'labelled questions (JSONL: question, relevant, relevant_titles)')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .addOption(new Option('--mode <mode>', 'search method, or "all" to compare them').choices(['hybrid', 'text', 'vector', 'all']).default('hybrid'))
    .option('--json', 'print the reports as JSON')
    .action(async (file: string, options: { db?: string; mode: SearchMode | 'all'; json?: boolean }) => {
      const questions = await readLabelledQuestions(file);
      const composed = await composeEngine(withDb(getConfig(), options.db));
      try {
        const modes: SearchMode[] = options.mode === 'all' ? ['text', 'vector', 'hybrid'] : [options.mode];
        const reports: EvalReport[] = [];
        for (const mode of modes) reports.push(await runEval(composed.engine, questions, mode));
        process.stdout.write(options.json ? `${JSON.stringify(reports.length === 1 ? reports[0] : reports)}\n` : `${reports.map(formatReport).join('\n\n')}\n`);
      } finally {
        composed.close();
      }
    });
}

function formatReport(report: EvalReport): string {
  const lines = [
    `${report.mode}: ${report.questions} questions`,
    `recall@1 ${report.recallAt1.toFixed(3)}  recall@5 ${report.recallAt5.toFixed(3)}  MRR ${report.mrr.toFixed(3)}`,
  ];
  if (report.misses.length > 0) {
    lines.push(`misses (no relevant thread in the top 5):`);
    for (const miss of report.misses) lines.push(`  line ${miss.line}: ${miss.question}\n    expected: ${miss.expected.join(', ')}\n    got: ${miss.got.join(' | ')}`);
  }
  return lines.join('\n');
}
