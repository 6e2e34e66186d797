import type { TermStats } from '../text/term-stats.js';
import { type GateFeatures, gateFeatures, weighQuestion } from './gate/gate-features.js';
import { coverageProbability, type GateWeights } from './gate/gate-model.js';
import { gateWeights } from './gate/gate-weights.js';
import type { FusionOptions } from './retrieve/fuse-rankings.js';
import type { RetrievedThread } from './retrieve/retrieved-thread.js';

export interface GateInput {
  /** The text whose terms must be covered (the question, or with a content-free follow-up the turns it follows). */
  question: string;
  /** The fused ranking, best first; the first `texts.length` threads are assessed. */
  threads: RetrievedThread[];
  /** Title and chunk texts of each assessed thread, in ranking order. */
  texts: string[];
  /**
   * Best cosine similarity of each assessed thread's chunks to the question's distinctive text
   * (`distinctiveText`), in ranking order; missing = 0.
   */
  distinctiveCosines?: number[];
  stats: TermStats;
  fusion?: FusionOptions;
  /** @default the fitted weights in gate/gate-weights.ts */
  weights?: GateWeights;
}

export interface GateAssessment {
  /** The probability that the best thread answers the question: what MIN_CONFIDENCE is compared with. */
  confidence: number;
  /** The same probability for each assessed thread, as if it were the answer. */
  threadConfidences: number[];
  features: GateFeatures[];
  /** Set when the question is about a platform the index does not cover. */
  foreignPlatform: string | undefined;
}

/**
 * How likely the retrieved threads are to answer the question: a logistic model over what
 * tells a covered question apart (coverage of the question's distinctive weight, terms the
 * index has never seen, how much distinctive evidence the thread holds, the similarity of the
 * question's distinctive text to the thread, agreement of full text and vectors, the lead over
 * the runner-up, exact symbols, the platform), fitted on labelled questions by
 * bench/fit-gate.ts. Rank-based fusion scores alone cannot gate: an off-topic question still
 * has a first-ranked result, and generic words give it a high cosine.
 */
export function assessThreads(input: GateInput): GateAssessment {
  const weights = input.weights ?? gateWeights;
  const terms = weighQuestion(input.question, input.stats);
  const features = input.texts.map((text, position) => gateFeatures(terms, input.threads, position, text, input.distinctiveCosines?.[position] ?? 0, input.fusion));
  const threadConfidences = features.map((entry) => coverageProbability(entry, weights));
  return { confidence: threadConfidences[0] ?? 0, threadConfidences, features, foreignPlatform: terms.foreignPlatform };
}

export function passesGate(confidence: number, minConfidence: number): boolean {
  return confidence >= minConfidence;
}
