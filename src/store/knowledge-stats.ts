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

/**
 * Groups gated questions that ask the same thing: the same words (case and spacing aside), or
 * embeddings at least as similar as two questions a vote carries over between. Newest first
 * within a group, groups by count then recency.
 */
export function groupGatedQuestions(questions: LoggedQuestion[], limit: number): GatedQuestion[] {
  const groups: Array<GatedQuestion & { words: string; vector: number[] }> = [];
  for (const logged of [...questions].sort((a, b) => b.time - a.time)) {
    const words = logged.question.toLowerCase().replace(/\s+/g, ' ').trim();
    const group = groups.find(
      (candidate) => candidate.words === words || cosineSimilarity(candidate.vector, logged.vector) >= (1 + VOTE_SIMILARITY_THRESHOLD) / 2,
    );
    if (group) group.count += 1;
    else groups.push({ question: logged.question, count: 1, lastAsked: logged.time, words, vector: logged.vector });
  }
  return groups
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked)
    .slice(0, limit)
    .map(({ question, count, lastAsked }) => ({ question, count, lastAsked }));
}
