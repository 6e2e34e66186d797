import type { Vote } from './answer.js';

export interface FeedbackVote {
  answerId: string;
  userId: string;
  vote: Vote;
  /** Threads the answer cited (thread keys). */
  threadKeys: string[];
}

/** Where 👍/👎 votes are kept. One vote per user per answer: a later click replaces the earlier. */
export interface FeedbackStore {
  record(vote: FeedbackVote): Promise<void>;
  /** Net votes per thread key (up − down), used as a small retrieval boost. */
  threadScores(): Map<string, number>;
}
