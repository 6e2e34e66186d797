import type { GateWeights } from './gate-model.js';

/** Placeholder until `npx tsx bench/fit-gate.ts --write` fits them. */
export const gateWeights: GateWeights = {
  intercept: -3,
  coefficients: { coverage: 3, unknown: -3, cosine: 6, agreement: 0.5, margin: 1, symbol: 0.5, foreignPlatform: -4 },
};

export const fittedMinConfidence = 0.5;
