import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DriverdeskError } from '../errors.js';

/** One line of a labelled question file. */
export interface LabelledQuestion {
  question: string;
  /** Thread ids that answer it; empty with `relevantTitles` for a question nothing in the index answers. */
  relevant: string[];
  relevantTitles: string[];
  /** The file's own grouping ("paraphrase", "uncovered", "offtopic"…), when it gives one. */
  kind?: string;
  line: number;
}

const labelSchema = z.object({
  question: z.string().min(1),
  relevant: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  relevant_titles: z.array(z.string()).optional(),
  kind: z.string().optional(),
});

/** True for a question labelled `"relevant": []`: the index does not answer it, so it should be gated. */
export function expectsNoAnswer(question: LabelledQuestion): boolean {
  return question.relevant.length === 0 && question.relevantTitles.length === 0;
}

/**
 * Reads a labelled JSONL file; any bad line stops the run with its path and line. A line
 * needs "relevant" or "relevant_titles"; `"relevant": []` marks a question that should not
 * be answered (scored by `eval --answers`, left out of recall).
 */
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
    if (parsed.data.relevant === undefined && parsed.data.relevant_titles === undefined) {
      throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}:${line}: needs "relevant" or "relevant_titles" ("relevant": [] for a question that should not be answered)` });
    }
    questions.push({
      question: parsed.data.question,
      relevant: parsed.data.relevant ?? [],
      relevantTitles: parsed.data.relevant_titles ?? [],
      ...(parsed.data.kind !== undefined && { kind: parsed.data.kind }),
      line,
    });
  }
  if (questions.length === 0) throw new DriverdeskError({ code: 'eval_file_invalid', message: `${path}: no questions` });
  return questions;
}

/** Whether a thread is one the question is labelled with: by id, by another id of the same post, or by title. */
export function isLabelled(question: LabelledQuestion, thread: { id: string; title: string; aliases?: string[] }): boolean {
  return [thread.id, ...(thread.aliases ?? [])].some((id) => question.relevant.includes(id)) || question.relevantTitles.includes(thread.title);
}
