import type { GateFeatures } from './gate-features.js';

/** A logistic model over the gate features: P(covered) = σ(intercept + Σ coefficient × feature). */
export interface GateWeights {
  intercept: number;
  coefficients: Record<keyof GateFeatures, number>;
}

/** The probability that the thread answers the question, 0..1, rounded to 3 decimals. */
export function coverageProbability(features: GateFeatures, weights: GateWeights): number {
  let logit = weights.intercept;
  for (const [name, coefficient] of Object.entries(weights.coefficients) as Array<[keyof GateFeatures, number]>) {
    logit += coefficient * features[name];
  }
  return Math.round(1000 / (1 + Math.exp(-logit))) / 1000;
}
