import { maxFusedScore, type FusionOptions } from '../retrieve/fuse-rankings.js';
import type { RetrievedThread } from '../retrieve/retrieved-thread.js';
import { textKeys, type WeightedTerms } from './question-weights.js';

export { weighQuestion, type WeightedTerms } from './question-weights.js';

/**
 * What tells a covered question from one the index has no answer for, measured on a thread.
 * Each is 0..1; the fitted model (gate-model.ts) turns them into a probability. Every term
 * weighs its inverse document frequency over the index (synonyms as one term), so words many
 * threads share ("usb", "driver", "mac", "iPhone" beside "iOS") count little.
 */
export interface GateFeatures {
  /** Share of the question's weight, over the terms the index knows, that the thread holds. */
  coverage: number;
  /** Share of the question's weight on terms no thread in the index contains at all. */
  unknown: number;
  /**
   * How much distinctive weight the thread holds, in units of three terms only one thread
   * holds (capped at 1). A short question ("thanks, that fixed it") is fully covered by a
   * word or two that many threads share; what it shares says too little to answer from.
   */
  evidence: number;
  /**
   * Cosine similarity of the thread's best chunk to the question's distinctive text (the
   * question without the words `GENERIC_SHARE` of the threads hold): whether what the question
   * is specifically about, in other words too, is what the thread discusses. 0 when nothing
   * distinctive is left or the thread is not among the chunks nearest to it.
   */
  distinctiveCosine: number;
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

/** Terms of three threads' worth of distinctive weight are enough evidence (see `GateFeatures.evidence`). */
const EVIDENCE_TERMS = 3;

/**
 * The features of one thread as the answer to a question. `threads` is the fused ranking;
 * `threadText` the thread's title and chunks (the text coverage is measured against);
 * `distinctiveCosine` its best chunk's similarity to the question's distinctive text.
 */
export function gateFeatures(
  terms: WeightedTerms,
  threads: RetrievedThread[],
  position: number,
  threadText: string,
  distinctiveCosine: number,
  fusion?: FusionOptions,
): GateFeatures {
  const thread = threads[position];
  if (!thread) throw new RangeError(`no thread at position ${position}`);
  const keys = textKeys(threadText);
  let held = 0;
  for (const [key, weight] of terms.weights) if (keys.has(key)) held += weight;
  const total = terms.known + terms.unknown;
  const runnerUp = Math.max(0, ...threads.filter((_, index) => index !== position).map((other) => other.fused));
  return {
    coverage: terms.known > 0 ? held / terms.known : 0,
    unknown: total > 0 ? terms.unknown / total : 0,
    evidence: terms.unit > 0 ? clamp(held / (EVIDENCE_TERMS * terms.unit)) : 0,
    distinctiveCosine: clamp(distinctiveCosine),
    agreement: thread.textRank === undefined || thread.vectorRank === undefined ? 0 : 1 / (1 + Math.max(thread.textRank, thread.vectorRank)),
    margin: clamp((thread.fused - runnerUp) / maxFusedScore(fusion)),
    symbol: thread.symbolMatches.length > 0 ? 1 : 0,
    foreignPlatform: terms.foreignPlatform ? 1 : 0,
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
