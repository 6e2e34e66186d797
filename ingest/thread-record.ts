import { z } from 'zod';

/** One reply in a thread; plain strings in the input become `{ text }`. */
export interface ThreadAnswer {
  text: string;
  author?: string | undefined;
  accepted?: boolean | undefined;
}

/** A forum thread (or doc page) as DESIGN.md's JSONL format describes it, after normalising. */
export interface ThreadRecord {
  id: string;
  title: string;
  question: string;
  answers: ThreadAnswer[];
  url: string | null;
  source: string;
  tags: string[];
  replies?: number | undefined;
  boosts?: number | undefined;
  views?: number | undefined;
  activity?: string | undefined;
  /** Ids of other records that are the same post (a listing copy of this thread), set by ingest. */
  aliases?: string[] | undefined;
  /** Fields the format does not name; kept, never fatal. */
  metadata: Record<string, unknown>;
}

const nonEmpty = (field: string) =>
  z.string({ error: `"${field}" must be a string` }).refine((value) => value.trim() !== '', `"${field}" is empty`);

const answerSchema = z.union([
  z.string(),
  z.object({
    text: z.string(),
    author: z.string().optional(),
    accepted: z.boolean().optional(),
  }),
]);

const counter = z.number().finite().nonnegative().optional();

export const threadRecordSchema = z
  .object({
    id: z.union([z.string(), z.number()], { error: '"id" is required (a string)' }).transform(String),
    title: nonEmpty('title'),
    question: nonEmpty('question'),
    answers: z.array(answerSchema, { error: '"answers" must be an array' }).optional(),
    url: z.string().nullable().optional(),
    source: z.string().optional(),
    tags: z.array(z.string()).optional(),
    replies: counter,
    boosts: counter,
    views: counter,
    activity: z.string().optional(),
  })
  .loose();

const KNOWN_FIELDS = new Set(['id', 'title', 'question', 'answers', 'url', 'source', 'tags', 'replies', 'boosts', 'views', 'activity']);

/** Validates one parsed JSON object; returns the problem as one line when it is not a thread record. */
export function toThreadRecord(
  value: unknown,
  defaultSource: string,
): { success: true; value: ThreadRecord } | { success: false; error: string } {
  const parsed = threadRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    if (issue?.code === 'invalid_type' && issue.path.length === 1 && issue.input === undefined) {
      return { success: false, error: `missing required field "${String(issue.path[0])}"` };
    }
    return { success: false, error: `${issue?.message ?? 'not a thread record'}${where}` };
  }
  const data = parsed.data;
  const metadata: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(data)) if (!KNOWN_FIELDS.has(key)) metadata[key] = field;
  return {
    success: true,
    value: {
      id: data.id.trim(),
      title: data.title.trim(),
      question: data.question.trim(),
      answers: (data.answers ?? [])
        .map((answer) => (typeof answer === 'string' ? { text: answer } : answer))
        .filter((answer) => answer.text.trim() !== ''),
      url: data.url ?? null,
      source: data.source ?? defaultSource,
      tags: data.tags ?? [],
      replies: data.replies,
      boosts: data.boosts,
      views: data.views,
      activity: data.activity,
      metadata,
    },
  };
}
