import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../../bench/logistic-regression.js';

describe('fitLogistic', () => {
  // y = 1 when the first feature is high; the second feature is noise.
  const rows = Array.from({ length: 40 }, (_, index) => [index / 40, (index * 7) % 5]);
  const labels = rows.map((row) => ((row[0] ?? 0) > 0.5 ? 1 : 0));

  it('learns which way a feature pushes and separates the classes', () => {
    const model = fitLogistic(rows, labels);
    expect(model.coefficients[0]).toBeGreaterThan(1);
    expect(predictLogistic(model, [0.9, 2])).toBeGreaterThan(0.8);
    expect(predictLogistic(model, [0.1, 2])).toBeLessThan(0.2);
  });

  it('holds a coefficient at 0 when the data would give it the forbidden sign', () => {
    const model = fitLogistic(rows, labels, { signs: [-1, 0] });
    expect(model.coefficients[0]).toBe(0);
  });
});
