import type { GateWeights } from './gate-model.js';

/*
 * Written by `npx tsx bench/fit-gate.ts --write` (do not edit by hand): a logistic regression
 * fitted on the fit half of the labelled questions (bench/labelled-split.ts) over the shared
 * threads and the bundled listing, classes weighted equally, each coefficient held to the sign
 * its feature must have (bench/fit-gate.ts FEATURE_SIGNS); foreign-platform questions are 0 by rule.
 * MIN_CONFIDENCE 0.4: the most room on the fit half under both bounds (uncovered answered <= 10%, covered answered >= 90%)
 * fit: covered answered 111/122 (91.0%), first citation labelled 97/111 (87.4%), uncovered answered 6/64 (9.4%)
 * held-out: covered answered 110/116 (94.8%), first citation labelled 95/110 (86.4%), uncovered answered 8/62 (12.9%)
 */

/** Coefficients of the gate features (gate-features.ts) in P(covered) = σ(intercept + Σ coefficient × feature). */
export const gateWeights: GateWeights = {
  intercept: -3.271,
  coefficients: {
    coverage: 0.577,
    unknown: -3.521,
    evidence: 4.403,
    distinctiveCosine: 4.638,
    agreement: 0,
    margin: 0.898,
    symbol: 1.326,
  },
};

/** The MIN_CONFIDENCE default: on the fit half, the most room under both bounds (uncovered answered <= 10%, covered answered >= 90%). */
export const fittedMinConfidence = 0.4;
