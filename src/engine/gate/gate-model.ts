import type { GateFeatures } from './gate-features.js';

/** The features the logistic model weighs; the platform check is a rule of its own. */
export const MODEL_FEATURES = ['coverage', 'unknown', 'evidence', 'distinctiveCosine', 'agreement', 'margin', 'symbol'] as const;
export type ModelFeature = (typeof MODEL_FEATURES)[number];

/** A logistic model over the gate features: P(covered) = σ(intercept + Σ coefficient × feature). */
export interface GateWeights {
  intercept: number;
  coefficients: Record<ModelFeature, number>;
}

/**
 * The probability that the thread answers the question, 0..1, rounded to 3 decimals. A
 * question about a platform the index does not cover is not covered, whatever its words share
 * with the threads (every such question in the labelled data was uncovered): 0.
 */
export function coverageProbability(features: GateFeatures, weights: GateWeights): number {
  if (features.foreignPlatform === 1) return 0;
  let logit = weights.intercept;
  for (const name of MODEL_FEATURES) logit += weights.coefficients[name] * features[name];
  return Math.round(1000 / (1 + Math.exp(-logit))) / 1000;
}
