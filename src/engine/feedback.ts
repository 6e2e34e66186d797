import type { Answer, AnswerMode, Vote } from './answer.js';

/** Where an answer was given: the chat platform and channel ids, never a user. */
export interface AnswerOrigin {
  platform: string;
  channel: string;
}

/** An answer as the answer memory keeps it: enough to take a vote on it, show it again and count it. */
export interface GivenAnswer {
  answerId: string;
  /** The question as asked. */
  question: string;
  /** Embedding of what was searched (the question, with a follow-up's earlier turns); empty when unknown. */
  vector: number[];
  /** Thread keys the answer cited, in citation order. */
  threadKeys: string[];
  /** `lookup` is a DM similar list kept for its "Draft a full answer" button. */
  mode: AnswerMode | 'lookup';
  confidence: number;
  /** Milliseconds since the epoch. */
  time: number;
  origin?: AnswerOrigin | undefined;
  /** The answer as given, to show it again (absent for a lookup). */
  answer?: Answer | undefined;
}

/** Keeps the answers the bot gives, so a vote or a button works on any of them, after a restart too. */
export interface AnswerStore {
  saveAnswer(answer: GivenAnswer): Promise<void>;
  /** The answer, or undefined when the id is unknown or past retention. */
  findAnswer(answerId: string): Promise<GivenAnswer | undefined>;
}

export interface FeedbackVote {
  /** The answer voted on, with its question and embedding. */
  answer: GivenAnswer;
  userId: string;
  vote: Vote;
  /** The cited threads the vote is about (all the answer cited, unless narrowed). */
  threadKeys: string[];
}

/** Where 👍/👎 votes are kept. One vote per user per answer: a later vote replaces the earlier. */
export interface FeedbackStore {
  recordVote(vote: FeedbackVote): Promise<void>;
  /**
   * Net votes per thread key for a question with this embedding: each vote counts by how similar
   * its question is to this one (`voteWeight`), so a vote moves a thread only for questions like
   * the one it was given on.
   */
  boostsFor(vector: number[]): Promise<Map<string, number>>;
}

/**
 * Question similarity (cosine of the embeddings) below which a vote does not count, fitted by
 * `bench/fit-feedback-similarity.ts` on half of the pairs of labelled questions (see README).
 */
export const VOTE_SIMILARITY_THRESHOLD = 0.29;

/**
 * How much a vote on a question counts for another question: 0 up to the threshold, rising
 * linearly to 1 halfway between the threshold and an identical question.
 */
export function voteWeight(similarity: number, threshold = VOTE_SIMILARITY_THRESHOLD): number {
  if (!(similarity > threshold)) return 0;
  const full = (1 + threshold) / 2;
  return Math.min(1, (similarity - threshold) / (full - threshold));
}

/** Cosine similarity of two vectors of the same length; 0 when either is empty or all zero. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] as number;
    const y = b[index] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Adds each vote's weighted ±1 to its threads; shared by every FeedbackStore implementation. */
export function sumVotes(
  votes: Iterable<{ similarity: number; vote: Vote; threadKeys: readonly string[] }>,
  threshold = VOTE_SIMILARITY_THRESHOLD,
): Map<string, number> {
  const boosts = new Map<string, number>();
  for (const { similarity, vote, threadKeys } of votes) {
    const weight = voteWeight(similarity, threshold);
    if (weight === 0) continue;
    for (const key of threadKeys) boosts.set(key, (boosts.get(key) ?? 0) + (vote === 'up' ? weight : -weight));
  }
  return boosts;
}
