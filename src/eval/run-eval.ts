import type { Engine } from '../engine/index.js';
import type { SearchMode } from '../engine/retrieve/search-threads.js';
import { DriverdeskError } from '../errors.js';
import { expectsNoAnswer, isLabelled, type LabelledQuestion } from './labelled-questions.js';
import { firstRelevantRank, meanReciprocalRank, recallAt } from './metrics.js';

export { expectsNoAnswer, readLabelledQuestions, type LabelledQuestion } from './labelled-questions.js';

/** What `eval` reports for one search method: recall, MRR and the misses. */
export interface EvalReport {
  mode: SearchMode;
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  misses: Array<{ line: number; question: string; expected: string[]; got: string[] }>;
}

/**
 * Runs every question with a labelled thread through `similar` and scores the ranking.
 * Questions labelled `"relevant": []` have nothing to find and are left out.
 */
export async function runEval(engine: Engine, questions: LabelledQuestion[], mode: SearchMode = 'hybrid'): Promise<EvalReport> {
  const answerable = questions.filter((question) => !expectsNoAnswer(question));
  if (answerable.length === 0) {
    throw new DriverdeskError({
      code: 'eval_file_invalid',
      message: 'no question in the file has a labelled thread, so there is no recall to measure: use --answers to score the gate',
    });
  }
  const ranks: Array<number | undefined> = [];
  const misses: EvalReport['misses'] = [];
  for (const labelled of answerable) {
    const { results } = await engine.similar({ text: labelled.question, k: 10, mode });
    const relevant = results.map((result) => isLabelled(labelled, result));
    const rank = firstRelevantRank(relevant.slice(0, 5));
    ranks.push(firstRelevantRank(relevant));
    if (rank === undefined) {
      misses.push({
        line: labelled.line,
        question: labelled.question,
        expected: [...labelled.relevant, ...labelled.relevantTitles],
        got: results.slice(0, 5).map((result) => `${result.id} ${result.title}`),
      });
    }
  }
  return {
    mode,
    questions: answerable.length,
    recallAt1: recallAt(ranks, 1),
    recallAt5: recallAt(ranks, 5),
    mrr: meanReciprocalRank(ranks.map((rank) => (rank !== undefined && rank <= 10 ? rank : undefined))),
    misses,
  };
}
