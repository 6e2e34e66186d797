import { percentile, round } from '../stats.js';

/** Replies per question: exactly one is right, none is lost, more is doubled. */
export interface ReplyCounts {
  sent: number;
  answeredOnce: number;
  lost: number;
  doubled: number;
}

export function countReplies(repliesPerQuestion: number[]): ReplyCounts {
  return {
    sent: repliesPerQuestion.length,
    answeredOnce: repliesPerQuestion.filter((count) => count === 1).length,
    lost: repliesPerQuestion.filter((count) => count === 0).length,
    doubled: repliesPerQuestion.filter((count) => count > 1).length,
  };
}

export interface LatencySummary {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function latency(samples: Array<number | undefined>): LatencySummary {
  const known = samples.filter((sample): sample is number => sample !== undefined);
  return { p50Ms: round(percentile(known, 50), 1), p95Ms: round(percentile(known, 95), 1), maxMs: round(Math.max(...known), 1) };
}
