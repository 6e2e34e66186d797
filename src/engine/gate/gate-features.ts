import { documentTerms, type TermStats } from '../../text/term-stats.js';
import { maxFusedScore, type FusionOptions } from '../retrieve/fuse-rankings.js';
import type { RetrievedThread } from '../retrieve/retrieved-thread.js';
import { uncoveredPlatform } from './platform-check.js';

/**
 * What tells a covered question from one the index has no answer for, measured on a thread.
 * Each is 0..1; the fitted model (gate-model.ts) turns them into a probability.
 */
export interface GateFeatures {
  /**
   * Share of the question's distinctive weight the thread holds: each term the index knows
   * weighs its inverse document frequency, so "usb" or "driver", which many threads share,
   * count little and "udev" or "IOUserSCSIParallelInterfaceController" count much.
   */
  coverage: number;
  /** Share of the question's weight on terms no thread in the index contains at all. */
  unknown: number;
  /** Cosine similarity of the thread's best chunk to the question (offline or model embeddings). */
  cosine: number;
  /**
   * Whether full text and vectors agree on the thread: 1 / (1 + its rank in the list that
   * ranks it lower), so 1 when both rank it first, 0.5 when both have it in their top two,
   * and 0 when one of them missed it.
   */
  agreement: number;
  /** The fused-score lead over the runner-up, as a share of the largest possible score (capped at 1). */
  margin: number;
  /** 1 when the thread holds one of the question's distinctive exact symbols (an API name, a key, a code). */
  symbol: number;
  /** 1 when the question is about a platform the index does not cover (Linux, Windows… against Apple threads). */
  foreignPlatform: number;
}

/** A question's terms with their weights, computed once per question from the index's statistics. */
export interface WeightedTerms {
  weights: Map<string, number>;
  /** Summed weight of the terms the index knows. */
  known: number;
  /** Summed weight of the terms no thread contains. */
  unknown: number;
  /** Set when the question is about a platform the index does not cover. */
  foreignPlatform: string | undefined;
}

/** Weighs each term of a question by its inverse document frequency over the index. */
export function weighQuestion(question: string, stats: TermStats): WeightedTerms {
  const weights = new Map<string, number>();
  let known = 0;
  let unknown = 0;
  for (const term of documentTerms(question)) {
    const frequency = stats.frequencies.get(term) ?? 0;
    // ln((N+1)/(df+1)): 0 for a term every thread holds; an unseen term weighs the most.
    const weight = Math.log((stats.documents + 1) / (frequency + 1));
    if (frequency === 0) unknown += weight;
    else {
      weights.set(term, weight);
      known += weight;
    }
  }
  return { weights, known, unknown, foreignPlatform: uncoveredPlatform(question, stats) };
}

/**
 * The features of one thread as the answer to a question. `threads` is the fused ranking;
 * `threadText` the thread's title and chunks (the text coverage is measured against).
 */
export function gateFeatures(
  terms: WeightedTerms,
  threads: RetrievedThread[],
  position: number,
  threadText: string,
  fusion?: FusionOptions,
): GateFeatures {
  const thread = threads[position];
  if (!thread) throw new RangeError(`no thread at position ${position}`);
  const threadTerms = documentTerms(threadText);
  let held = 0;
  for (const [term, weight] of terms.weights) if (threadTerms.has(term)) held += weight;
  const total = terms.known + terms.unknown;
  const runnerUp = Math.max(0, ...threads.filter((_, index) => index !== position).map((other) => other.fused));
  return {
    coverage: terms.known > 0 ? held / terms.known : 0,
    unknown: total > 0 ? terms.unknown / total : 0,
    cosine: clamp(thread.cosine),
    agreement: thread.textRank === undefined || thread.vectorRank === undefined ? 0 : 1 / (1 + Math.max(thread.textRank, thread.vectorRank)),
    margin: clamp((thread.fused - runnerUp) / maxFusedScore(fusion)),
    symbol: thread.symbolMatches.length > 0 ? 1 : 0,
    foreignPlatform: terms.foreignPlatform ? 1 : 0,
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
