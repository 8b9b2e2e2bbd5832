/**
 * Measures of how good an answer is: agreement between two partitions (adjusted Rand index),
 * precision, recall and F1 of a flagged set, ROC AUC of a score, and the modularity of a partition
 * of a `CompactGraph`. Used by the benchmarks and by the checks against a scenario's ground truth.
 */
import type { CompactGraph } from './compactGraph';

/** How `adjustedRandIndex` treats a node whose label is negative (absent) in either labeling. */
export type AbsentLabels = 'ignore' | 'singleton';

/** n choose 2. */
function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/**
 * Adjusted Rand index of two labelings of the same nodes (Hubert & Arabie 1985): 1 for the same
 * partition whatever the label names, about 0 for unrelated ones, negative for worse than chance.
 *
 * A negative label means the node is absent from that labeling (e.g. an account in no planted
 * ring). With `absent: 'ignore'` (the default) such nodes are left out of the comparison; with
 * `'singleton'` each one is its own cluster. When both partitions are trivial in the same way (all
 * singletons, or a single cluster), or fewer than two nodes remain, the index is 1. O(n).
 */
export function adjustedRandIndex(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  absent: AbsentLabels = 'ignore',
): number {
  if (truth.length !== predicted.length) {
    throw new RangeError('metrics: the two labelings must have the same length');
  }
  const truthIds = new Map<number, number>();
  const predictedIds = new Map<number, number>();
  const pairCounts = new Map<number, number>();
  const truthSizes: number[] = [];
  const predictedSizes: number[] = [];
  let count = 0;
  const denseId = (ids: Map<number, number>, sizes: number[], label: number): number => {
    let id = ids.get(label);
    if (id === undefined) {
      id = sizes.length;
      ids.set(label, id);
      sizes.push(0);
    }
    sizes[id]! += 1;
    return id;
  };
  for (let v = 0; v < truth.length; v += 1) {
    let truthLabel = truth[v]!;
    let predictedLabel = predicted[v]!;
    if (truthLabel < 0 || predictedLabel < 0) {
      if (absent === 'ignore') continue;
      // A label of its own: no real label is negative.
      if (truthLabel < 0) truthLabel = -1 - v;
      if (predictedLabel < 0) predictedLabel = -1 - v;
    }
    const a = denseId(truthIds, truthSizes, truthLabel);
    const b = denseId(predictedIds, predictedSizes, predictedLabel);
    const key = a * 4294967296 + b;
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    count += 1;
  }
  if (count < 2) return 1;
  let together = 0;
  for (const size of pairCounts.values()) together += pairs(size);
  let truthPairs = 0;
  for (const size of truthSizes) truthPairs += pairs(size);
  let predictedPairs = 0;
  for (const size of predictedSizes) predictedPairs += pairs(size);
  const expected = (truthPairs * predictedPairs) / pairs(count);
  const maximum = (truthPairs + predictedPairs) / 2;
  if (maximum === expected) return 1;
  return (together - expected) / (maximum - expected);
}

/** Outcome counts of a yes/no prediction. */
export interface BinaryCounts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

/** Counts outcomes of predicted against actual yes/no flags (same length). O(n). */
export function countBinaryOutcomes(
  predicted: ArrayLike<boolean>,
  actual: ArrayLike<boolean>,
): BinaryCounts {
  if (predicted.length !== actual.length) {
    throw new RangeError('metrics: predicted and actual must have the same length');
  }
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (let i = 0; i < predicted.length; i += 1) {
    if (predicted[i]) {
      if (actual[i]) truePositives += 1;
      else falsePositives += 1;
    } else if (actual[i]) falseNegatives += 1;
    else trueNegatives += 1;
  }
  return { truePositives, falsePositives, falseNegatives, trueNegatives };
}

/**
 * Precision (share of flagged that are right), recall (share of actual found) and their harmonic
 * mean F1. A ratio with nothing to divide by (nothing flagged, nothing actual) is 0. O(1).
 */
export function precisionRecallF1(
  counts: Pick<BinaryCounts, 'truePositives' | 'falsePositives' | 'falseNegatives'>,
): { precision: number; recall: number; f1: number } {
  const { truePositives, falsePositives, falseNegatives } = counts;
  const flagged = truePositives + falsePositives;
  const actual = truePositives + falseNegatives;
  const precision = flagged === 0 ? 0 : truePositives / flagged;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Area under the ROC curve of `scores` for the yes/no `labels`: the chance that a random positive
 * scores above a random negative, ties counting one half (average ranks, Mann-Whitney U). NaN
 * when either class is empty. O(n log n).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number {
  if (scores.length !== labels.length) {
    throw new RangeError('metrics: scores and labels must have the same length');
  }
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => scores[a]! - scores[b]!,
  );
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end += 1;
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) {
      if (labels[order[i]!]) {
        positives += 1;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Modularity of a partition (`communities[v]` a non-negative community id) at a resolution:
 * the sum over communities of (inside weight / 2m) - resolution * (total strength / 2m)^2, with a
 * diagonal entry counted once as A[v][v]. 0 for a graph without edges. O(n + m).
 */
export function modularity(
  graph: CompactGraph,
  communities: ArrayLike<number>,
  resolution = 1,
): number {
  const { offsets, targets, weights, nodeCount } = graph;
  if (communities.length !== nodeCount) {
    throw new RangeError('metrics: one community id a node is needed');
  }
  const twiceTotal = 2 * graph.totalWeight;
  if (twiceTotal === 0) return 0;
  let largest = -1;
  for (let v = 0; v < nodeCount; v += 1) largest = Math.max(largest, communities[v]!);
  const totals = new Float64Array(largest + 1);
  let inside = 0;
  for (let v = 0; v < nodeCount; v += 1) {
    const community = communities[v]!;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      totals[community]! += weights[at]!;
      if (communities[targets[at]!] === community) inside += weights[at]!;
    }
  }
  let expected = 0;
  for (const total of totals) expected += (total / twiceTotal) ** 2;
  return inside / twiceTotal - resolution * expected;
}
