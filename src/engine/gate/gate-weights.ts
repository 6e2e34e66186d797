import type { GateWeights } from './gate-model.js';

/*
 * Written by `npx tsx bench/fit-gate.ts --write` (do not edit by hand): a logistic regression
 * fitted on the fit half of the labelled questions (bench/labelled-split.ts) over the shared
 * threads and the bundled listing, classes weighted equally, each coefficient held to the sign
 * its feature must have (bench/fit-gate.ts FEATURE_SIGNS); foreign-platform questions are 0 by rule.
 * MIN_CONFIDENCE 0.36: the most room on the fit half under both bounds (uncovered answered <= 10%, covered answered >= 90%)
 * fit: covered answered 90/99 (90.9%), first citation labelled 82/90 (91.1%), uncovered answered 4/44 (9.1%)
 * held-out: covered answered 87/94 (92.6%), first citation labelled 82/87 (94.3%), uncovered answered 1/44 (2.3%)
 */

/** Coefficients of the gate features (gate-features.ts) in P(covered) = σ(intercept + Σ coefficient × feature). */
export const gateWeights: GateWeights = {
  intercept: -5.055,
  coefficients: {
    coverage: 2.275,
    unknown: -3.761,
    cosine: 14.441,
    agreement: 0,
    margin: 3.158,
    symbol: 1.505,
  },
};

/** The MIN_CONFIDENCE default: on the fit half, the most room under both bounds (uncovered answered <= 10%, covered answered >= 90%). */
export const fittedMinConfidence = 0.36;
