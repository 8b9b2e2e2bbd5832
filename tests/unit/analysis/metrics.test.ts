import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  countBinaryOutcomes,
  modularity,
  precisionRecallF1,
  rocAuc,
} from '../../../server/analysis/metrics';
import { graphOf } from './graphs';

describe('adjustedRandIndex', () => {
  it('is 1 for identical labelings and for the same partition under other names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [7, 7, 3, 3, 9])).toBe(1);
  });

  it('matches known values', () => {
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714, 9);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('leaves out nodes absent from a labeling, or counts each as its own cluster', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, -1, -1], [0, 0, 1, 1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1, -1, -1], [0, 0, 1, 1, 1, 1], 'singleton')).toBeLessThan(
      1,
    );
    expect(adjustedRandIndex([0, 0, 1, 1, -1, -1], [0, 0, 1, 1, 2, 3], 'singleton')).toBe(1);
  });

  it('answers trivial inputs without dividing by zero', () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(adjustedRandIndex([0], [5])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [0, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });
});

describe('precision, recall and F1', () => {
  it('counts outcomes and derives the ratios', () => {
    const counts = countBinaryOutcomes(
      [true, true, true, false, false],
      [true, true, false, true, false],
    );
    expect(counts).toEqual({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    const { precision, recall, f1 } = precisionRecallF1(counts);
    expect(precision).toBeCloseTo(2 / 3, 12);
    expect(recall).toBeCloseTo(2 / 3, 12);
    expect(f1).toBeCloseTo(2 / 3, 12);
  });

  it('is 0 where nothing is flagged or nothing is actual', () => {
    expect(precisionRecallF1({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });
});

describe('rocAuc', () => {
  it('is 1 for perfect scores, 0 for reversed ones, 0.5 when every score ties', () => {
    const labels = [false, false, true, true];
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], labels)).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], labels)).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], labels)).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs (positive, negative): 0.8>0.1, 0.8>0.4, 0.4=0.4, 0.4>0.1 -> 3.5 of 4.
    expect(rocAuc([0.1, 0.4, 0.4, 0.8], [false, false, true, true])).toBe(0.875);
  });

  it('is NaN when a class is empty', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });
});

describe('modularity', () => {
  // Two triangles joined by the edge 2-3: 7 edges.
  const graph = graphOf(6, [
    [0, 1],
    [1, 2],
    [0, 2],
    [3, 4],
    [4, 5],
    [3, 5],
    [2, 3],
  ]);

  it('matches the hand-computed value for the natural split', () => {
    // Each triangle: 6/14 of ordered pairs inside, strength 7 of 14.
    expect(modularity(graph, [0, 0, 0, 1, 1, 1])).toBeCloseTo(12 / 14 - 0.5, 12);
  });

  it('is 0 for one community and negative for all singletons', () => {
    expect(modularity(graph, [0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 12);
    expect(modularity(graph, [0, 1, 2, 3, 4, 5])).toBeLessThan(0);
  });

  it('weighs the expected term by the resolution and is 0 without edges', () => {
    expect(modularity(graph, [0, 0, 0, 1, 1, 1], 2)).toBeCloseTo(12 / 14 - 1, 12);
    expect(modularity(graphOf(3, []), [0, 1, 2])).toBe(0);
  });
});
