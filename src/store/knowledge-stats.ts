import { cosineSimilarity, VOTE_SIMILARITY_THRESHOLD } from '../engine/feedback.js';

/** What the knowledge tables say about the bot's use: `driverdesk stats`. */
export interface KnowledgeStats {
  learned: { total: number; byPlatform: Record<string, number> };
  votes: { up: number; down: number };
  questions: {
    /** Start of the window, milliseconds since the epoch. */
    since: number;
    asked: number;
    answered: number;
    /** Answered "no close match": the gate stopped them. */
    gated: number;
  };
  /** Gated questions in the window, most asked first: what the community should answer next. */
  gatedQuestions: GatedQuestion[];
}

export interface GatedQuestion {
  /** The most recent wording. */
  question: string;
  /** How many times it (or a question like it) was asked. */
  count: number;
  /** Milliseconds since the epoch. */
  lastAsked: number;
}

export interface LoggedQuestion {
  question: string;
  /** Empty when it was embedded by another embedder than the others. */
  vector: number[];
  time: number;
}

/** Above this many distinct wordings, questions are grouped by their words only (pairwise comparison grows fast). */
const MAX_COMPARED = 2000;

/**
 * Groups gated questions that ask the same thing: the same words (case and spacing aside), or
 * embeddings as similar as two questions a vote counts fully between (transitively). Each
 * group shows its newest wording; groups by count, then recency.
 */
export function groupGatedQuestions(questions: LoggedQuestion[], limit: number): GatedQuestion[] {
  const byWords = new Map<string, LoggedQuestion[]>();
  for (const logged of questions) {
    const words = logged.question.toLowerCase().replace(/\s+/g, ' ').trim();
    byWords.set(words, [...(byWords.get(words) ?? []), logged]);
  }
  const wordings = [...byWords.values()];
  // Union-find over wordings: two join when any of their embeddings are near-identical.
  const parent = wordings.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index] as number)));
  const sameAsked = (1 + VOTE_SIMILARITY_THRESHOLD) / 2;
  if (wordings.length <= MAX_COMPARED) {
    for (let i = 0; i < wordings.length; i += 1) {
      for (let j = i + 1; j < wordings.length; j += 1) {
        const near = (wordings[i] as LoggedQuestion[]).some((a) => (wordings[j] as LoggedQuestion[]).some((b) => cosineSimilarity(a.vector, b.vector) >= sameAsked));
        if (near) parent[root(j)] = root(i);
      }
    }
  }
  const groups = new Map<number, LoggedQuestion[]>();
  wordings.forEach((members, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), ...members]));
  return [...groups.values()]
    .map((members) => {
      const newest = members.reduce((a, b) => (b.time > a.time ? b : a));
      return { question: newest.question, count: members.length, lastAsked: newest.time };
    })
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked)
    .slice(0, limit);
}
