import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FeedbackStore, FeedbackVote } from '../engine/feedback.js';

/**
 * Votes kept in memory and appended to a JSONL file, so they survive restarts. On load the
 * file is replayed in order, which keeps "last click wins" without rewriting it.
 */
export class FileFeedbackStore implements FeedbackStore {
  private readonly votes = new Map<string, FeedbackVote>();

  constructor(private readonly path: string | undefined) {
    if (!path) return;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      try {
        const vote = JSON.parse(line) as FeedbackVote;
        if (vote.answerId && vote.userId && (vote.vote === 'up' || vote.vote === 'down')) this.votes.set(keyOf(vote), vote);
      } catch {
        // A torn last line from a crash is skipped; every earlier vote is kept.
      }
    }
  }

  async record(vote: FeedbackVote): Promise<void> {
    this.votes.set(keyOf(vote), vote);
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(vote)}\n`);
  }

  threadScores(): Map<string, number> {
    const scores = new Map<string, number>();
    for (const vote of this.votes.values()) {
      for (const key of vote.threadKeys) scores.set(key, (scores.get(key) ?? 0) + (vote.vote === 'up' ? 1 : -1));
    }
    return scores;
  }

  /** The vote a user gave an answer, if any (for tests and admin tools). */
  voteOf(answerId: string, userId: string): FeedbackVote | undefined {
    return this.votes.get(`${answerId}\u0000${userId}`);
  }
}

function keyOf(vote: Pick<FeedbackVote, 'answerId' | 'userId'>): string {
  return `${vote.answerId}\u0000${vote.userId}`;
}
