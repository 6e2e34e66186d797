import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Engine } from '../engine/index.js';
import type { SearchMode } from '../engine/retrieve/search-threads.js';
import { DriverdeskError } from '../errors.js';
import { firstRelevantRank, meanReciprocalRank, recallAt } from './metrics.js';

export interface LabelledQuestion {
  question: string;
  relevant: string[];
  relevantTitles: string[];
  line: number;
}

export interface EvalReport {
  mode: SearchMode;
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  misses: Array<{ line: number; question: string; expected: string[]; got: string[] }>;
}

const labelSchema = z.object({
  question: z.string().min(1),
  relevant: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  relevant_titles: z.array(z.string()).optional(),
});

/** Reads a labelled JSONL file; any bad line stops the run with its path and line. */
export async function readLabelledQuestions(path: string): Promise<LabelledQuestion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, cause: error });
  }
  const questions: LabelledQuestion[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}:${line}: invalid JSON` });
    }
    const parsed = labelSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}:${line}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
    }
    const relevant = parsed.data.relevant ?? [];
    const relevantTitles = parsed.data.relevant_titles ?? [];
    if (relevant.length === 0 && relevantTitles.length === 0) {
      throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}:${line}: needs "relevant" or "relevant_titles"` });
    }
    questions.push({ question: parsed.data.question, relevant, relevantTitles, line });
  }
  if (questions.length === 0) throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}: no questions` });
  return questions;
}

/** Runs every question through `similar` and scores the ranking. */
export async function runEval(engine: Engine, questions: LabelledQuestion[], mode: SearchMode = 'hybrid'): Promise<EvalReport> {
  const ranks: Array<number | undefined> = [];
  const misses: EvalReport['misses'] = [];
  for (const labelled of questions) {
    const { results } = await engine.similar({ text: labelled.question, k: 10, mode });
    const relevant = results.map((result) => [result.id, ...(result.aliases ?? [])].some((id) => labelled.relevant.includes(id)) || labelled.relevantTitles.includes(result.title));
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
    questions: questions.length,
    recallAt1: recallAt(ranks, 1),
    recallAt5: recallAt(ranks, 5),
    mrr: meanReciprocalRank(ranks.map((rank) => (rank !== undefined && rank <= 10 ? rank : undefined))),
    misses,
  };
}
