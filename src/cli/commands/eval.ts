import { Option, type Command } from 'commander';
import { composeEngine } from '../../compose.js';
import type { Config } from '../../config/types.js';
import type { SearchMode } from '../../engine/retrieve/search-threads.js';
import { citedTexts } from '../../eval/cited-texts.js';
import { formatAnswerReport, formatRecallReport } from '../../eval/format-eval.js';
import { runAnswerEval } from '../../eval/run-answer-eval.js';
import { expectsNoAnswer, readLabelledQuestions, runEval, type EvalReport } from '../../eval/run-eval.js';
import { withDb } from '../options.js';

interface EvalOptions {
  db?: string;
  mode: SearchMode | 'all';
  json?: boolean;
  answers?: boolean;
}

export function registerEval(program: Command, getConfig: () => Config): void {
  program
    .command('eval')
    .description('retrieval quality on a labelled question file: recall@1, recall@5, MRR and misses; with --answers also how the gate and the drafts did')
    .argument('<file>', 'labelled questions (JSONL: question, relevant, relevant_titles; "relevant": [] for one that should not be answered)')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .addOption(new Option('--mode <mode>', 'search method, or "all" to compare them').choices(['hybrid', 'text', 'vector', 'all']).default('hybrid'))
    .option('--answers', 'also run `ask` on each question: answered with a labelled first citation, wrong first citation, gated; uncovered answered vs gated; reply quotes and artefacts')
    .option('--json', 'print the reports as JSON')
    .action(async (file: string, options: EvalOptions) => {
      const questions = await readLabelledQuestions(file);
      const composed = await composeEngine(withDb(getConfig(), options.db));
      try {
        const modes: SearchMode[] = options.mode === 'all' ? ['text', 'vector', 'hybrid'] : [options.mode];
        const reports: EvalReport[] = [];
        // With --answers a file may hold only questions that should be gated: recall then has nothing to measure.
        const recallMeasurable = !options.answers || questions.some((question) => !expectsNoAnswer(question));
        if (recallMeasurable) for (const mode of modes) reports.push(await runEval(composed.engine, questions, mode));
        const recall = reports.length === 0 ? null : reports.length === 1 ? reports[0] : reports;
        if (!options.answers) {
          process.stdout.write(options.json ? `${JSON.stringify(recall)}\n` : `${reports.map(formatRecallReport).join('\n\n')}\n`);
          return;
        }
        const answers = await runAnswerEval(questions, {
          ask: (question) => composed.engine.ask({ question }),
          citedTexts: (answer) => citedTexts(composed.index, answer.citations),
        });
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ recall, answers })}\n`
            : `${[...reports.map(formatRecallReport), formatAnswerReport(answers)].join('\n\n')}\n`,
        );
      } finally {
        composed.close();
      }
    });
}
