/**
 * Logistic regression, small and dense: a weight per feature and a bias fitted by full-batch
 * gradient descent on standardised features, with L2 shrinkage and the two classes weighted
 * equally. Enough to learn, from a few hundred labelled nodes, which of a dozen signals matter in
 * one graph. Pure and deterministic.
 */

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias). */
  readonly l2?: number;
  readonly iterations?: number;
  readonly learningRate?: number;
}

/** Defaults of `fitLogistic`. */
export const LOGISTIC_DEFAULTS = { l2: 0.01, iterations: 300, learningRate: 0.5 } as const;

export interface LogisticModel {
  /** Per feature: mean and standard deviation used to standardise it. */
  readonly means: Float64Array;
  readonly scales: Float64Array;
  /** Weights on standardised features; bias last. */
  readonly weights: Float64Array;
}

/**
 * Fits a model to `rows` (one Float64Array of `features` values each) with yes/no `labels`.
 * Throws when a class is empty.
 */
export function fitLogistic(
  rows: readonly Float64Array[],
  labels: readonly boolean[],
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? LOGISTIC_DEFAULTS.l2;
  const iterations = options.iterations ?? LOGISTIC_DEFAULTS.iterations;
  const rate = options.learningRate ?? LOGISTIC_DEFAULTS.learningRate;
  if (rows.length !== labels.length) throw new RangeError('logistic: one label a row');
  const positives = labels.filter(Boolean).length;
  if (positives === 0 || positives === labels.length) {
    throw new RangeError('logistic: both classes need at least one row');
  }
  const width = rows[0]!.length;
  const means = new Float64Array(width);
  const scales = new Float64Array(width);
  for (const row of rows) for (let j = 0; j < width; j += 1) means[j]! += row[j]! / rows.length;
  for (const row of rows) {
    for (let j = 0; j < width; j += 1) scales[j]! += (row[j]! - means[j]!) ** 2 / rows.length;
  }
  for (let j = 0; j < width; j += 1) scales[j] = Math.sqrt(scales[j]!) || 1;
  const x = rows.map((row) =>
    Float64Array.from(row, (value, j) => (value - means[j]!) / scales[j]!),
  );
  // Each class carries half the loss, however many rows it has.
  const classWeight = [0.5 / (labels.length - positives), 0.5 / positives];
  const weights = new Float64Array(width + 1);
  const gradient = new Float64Array(width + 1);
  for (let round = 0; round < iterations; round += 1) {
    gradient.fill(0);
    for (let i = 0; i < x.length; i += 1) {
      const row = x[i]!;
      const y = labels[i] ? 1 : 0;
      const error = (sigmoid(dot(weights, row)) - y) * classWeight[y]!;
      for (let j = 0; j < width; j += 1) gradient[j]! += error * row[j]!;
      gradient[width]! += error;
    }
    for (let j = 0; j < width; j += 1) gradient[j]! += l2 * weights[j]!;
    for (let j = 0; j <= width; j += 1) weights[j]! -= rate * gradient[j]!;
  }
  return { means, scales, weights };
}

/** The model's probability for one row of raw (not standardised) features. */
export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number {
  const { means, scales, weights } = model;
  let z = weights[means.length]!;
  for (let j = 0; j < means.length; j += 1) z += (weights[j]! * (row[j]! - means[j]!)) / scales[j]!;
  return sigmoid(z);
}

function dot(weights: Float64Array, row: Float64Array): number {
  let z = weights[row.length]!;
  for (let j = 0; j < row.length; j += 1) z += weights[j]! * row[j]!;
  return z;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
