/** Plain logistic regression by gradient descent: enough for a handful of features and a few hundred examples. */
export interface LogisticModel {
  intercept: number;
  coefficients: number[];
}

/** How `fitLogistic` fits. */
export interface FitOptions {
  /** L2 penalty on the (standardised) coefficients; @default 0.01 */
  l2?: number;
  /** @default 5000 */
  iterations?: number;
  /** Weigh each class to half the total, so the rarer one counts as much; @default true */
  balanced?: boolean;
  /**
   * The sign each coefficient must have (1, -1, or 0 for either): the direction a feature must
   * push is known beforehand (more coverage never lowers confidence), and a coefficient that
   * the data would flip only because features overlap is held at 0 instead.
   */
  signs?: number[];
}

/**
 * Fits P(y=1|x) = σ(intercept + coefficients·x). Features are standardised for the descent
 * and the result is mapped back to raw features, so it applies to features as computed.
 */
export function fitLogistic(rows: number[][], labels: number[], options: FitOptions = {}): LogisticModel {
  const { l2 = 0.01, iterations = 5000, balanced = true, signs = [] } = options;
  const count = rows.length;
  const width = rows[0]?.length ?? 0;
  const mean = Array.from({ length: width }, (_, column) => rows.reduce((sum, row) => sum + (row[column] ?? 0), 0) / count);
  const spread = mean.map((average, column) => Math.sqrt(rows.reduce((sum, row) => sum + ((row[column] ?? 0) - average) ** 2, 0) / count) || 1);
  const standard = rows.map((row) => row.map((value, column) => (value - (mean[column] ?? 0)) / (spread[column] ?? 1)));
  const positives = labels.filter((label) => label === 1).length;
  const weightOf = (label: number) => (balanced ? (label === 1 ? count / (2 * positives) : count / (2 * (count - positives))) : 1);
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    for (const [index, row] of standard.entries()) {
      const label = labels[index] ?? 0;
      const error = (sigmoid(bias + dot(weights, row)) - label) * weightOf(label);
      for (let column = 0; column < width; column += 1) gradient[column] = (gradient[column] ?? 0) + error * (row[column] ?? 0);
      biasGradient += error;
    }
    for (let column = 0; column < width; column += 1) {
      const updated = (weights[column] ?? 0) - 0.5 * ((gradient[column] ?? 0) / count + l2 * (weights[column] ?? 0));
      const sign = signs[column] ?? 0;
      weights[column] = sign * updated < 0 ? 0 : updated;
    }
    bias -= (0.5 * biasGradient) / count;
  }
  const coefficients = weights.map((weight, column) => weight / (spread[column] ?? 1));
  const intercept = bias - coefficients.reduce((sum, coefficient, column) => sum + coefficient * (mean[column] ?? 0), 0);
  return { intercept, coefficients };
}

/** P(y=1|row) under a fitted model. */
export function predictLogistic(model: LogisticModel, row: number[]): number {
  return sigmoid(model.intercept + dot(model.coefficients, row));
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}
