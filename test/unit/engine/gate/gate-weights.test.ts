import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/config/defaults.js';
import { MODEL_FEATURES } from '../../../../src/engine/gate/gate-model.js';
import { fittedMinConfidence, gateWeights } from '../../../../src/engine/gate/gate-weights.js';
import { projectRoot } from '../../../helpers/paths.js';

describe('the fitted gate', () => {
  it('has a coefficient for every model feature, each pushing the way its feature must', () => {
    expect(Object.keys(gateWeights.coefficients).sort()).toEqual([...MODEL_FEATURES].sort());
    expect(gateWeights.coefficients.unknown).toBeLessThanOrEqual(0);
    for (const name of ['coverage', 'evidence', 'distinctiveCosine', 'agreement', 'margin', 'symbol'] as const) expect(gateWeights.coefficients[name]).toBeGreaterThanOrEqual(0);
  });

  it('is what MIN_CONFIDENCE means: the default, .env.example and README give the fitted threshold', () => {
    expect(defaults.minConfidence).toBe(fittedMinConfidence);
    expect(readFileSync(join(projectRoot, '.env.example'), 'utf8')).toContain(`\nMIN_CONFIDENCE=${fittedMinConfidence}\n`);
    expect(readFileSync(join(projectRoot, 'README.md'), 'utf8')).toContain(`| \`MIN_CONFIDENCE\` | \`${fittedMinConfidence}\` |`);
  });
});
