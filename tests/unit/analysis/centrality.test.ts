import { describe, expect, it } from 'vitest';
import {
  betweenness,
  pageRank,
  personalizedPageRank,
  sampledBetweenness,
} from '../../../server/analysis/centrality';
import { buildCompactGraph, inducedSubgraph } from '../../../server/analysis/compactGraph';
import { syntheticGraph } from '../../bench/syntheticGraph';
import { directedGraphOf, graphOf, ringOfCliques } from './graphs';

function sum(values: Float64Array): number {
  return values.reduce((total, value) => total + value, 0);
}

function argMax(values: Float64Array): number {
  let best = 0;
  for (let v = 1; v < values.length; v += 1) if (values[v]! > values[best]!) best = v;
  return best;
}

describe('pageRank', () => {
  it('matches a hand-computed star: centre 0.8875 / 1.85, leaves share the rest', () => {
    const star = graphOf(4, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    const { scores, converged } = pageRank(star);
    expect(converged).toBe(true);
    // c = 0.15/4 + 0.85 (1 - c), each leaf (1 - c) / 3.
    expect(scores[0]).toBeCloseTo(0.8875 / 1.85, 8);
    expect(scores[1]).toBeCloseTo((1 - 0.8875 / 1.85) / 3, 8);
    expect(sum(scores)).toBeCloseTo(1, 12);
  });

  it('hands on the score of a node without outgoing edges', () => {
    // 0 -> 1 only: x0 = 0.075 + 0.425 x1 and x0 + x1 = 1, so x0 = 0.5 / 1.425.
    const { scores } = pageRank(directedGraphOf(2, [[0, 1]]));
    expect(scores[0]).toBeCloseTo(0.5 / 1.425, 8);
    expect(scores[1]).toBeCloseTo(1 - 0.5 / 1.425, 8);
  });

  it('follows edge weights and sums to 1 on a larger graph', () => {
    const weighted = directedGraphOf(3, [
      [0, 1, 9],
      [0, 2, 1],
      [1, 0],
      [2, 0],
    ]);
    const { scores } = pageRank(weighted);
    expect(scores[1]).toBeGreaterThan(scores[2]! * 3);
    const synthetic = syntheticGraph({ nodes: 2000, edges: 10_000, seed: 4 });
    const { scores: large } = pageRank(buildCompactGraph(2000, synthetic));
    expect(sum(large)).toBeCloseTo(1, 9);
  });

  it('answers an empty graph and isolated nodes', () => {
    expect(pageRank(graphOf(0, [])).scores).toEqual(new Float64Array(0));
    expect(Array.from(pageRank(graphOf(4, [])).scores)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(() => pageRank(graphOf(2, []), { damping: 1 })).toThrow(RangeError);
  });
});

describe('personalizedPageRank', () => {
  it('concentrates near the seeds', () => {
    const { graph } = ringOfCliques(6, 5);
    const { scores } = personalizedPageRank(graph, [2]);
    expect(sum(scores)).toBeCloseTo(1, 12);
    const cliqueScore = (clique: number) => sum(scores.subarray(clique * 5, clique * 5 + 5));
    expect(cliqueScore(0)).toBeGreaterThan(0.5);
    // The clique opposite the seed's gets least.
    expect(cliqueScore(3)).toBeLessThan(cliqueScore(1));
    expect(cliqueScore(3)).toBeLessThan(cliqueScore(5));
    expect(() => personalizedPageRank(graph, [])).toThrow(RangeError);
    expect(() => personalizedPageRank(graph, [30])).toThrow(RangeError);
  });
});

describe('betweenness', () => {
  it('counts the pairs a node lies between on a path and a star', () => {
    const path = graphOf(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(Array.from(betweenness(path))).toEqual([0, 3, 4, 3, 0]);
    const star = graphOf(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(Array.from(betweenness(star))).toEqual([6, 0, 0, 0, 0]);
    expect(Array.from(betweenness(star, { normalized: true }))).toEqual([1, 0, 0, 0, 0]);
  });

  it('splits a pair between equally short paths, and follows arc directions', () => {
    // Square 0-1-2-3-0: the pair (0, 2) goes through 1 or 3, half each.
    const square = graphOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(Array.from(betweenness(square))).toEqual([0.5, 0.5, 0.5, 0.5]);
    const directed = directedGraphOf(3, [
      [0, 1],
      [1, 2],
    ]);
    expect(Array.from(betweenness(directed))).toEqual([0, 1, 0]);
  });

  it('scores a ring alone through its induced subgraph', () => {
    const path = graphOf(6, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    const { graph: ring, toOriginal } = inducedSubgraph(path, [1, 2, 3]);
    expect(Array.from(toOriginal)).toEqual([1, 2, 3]);
    expect(Array.from(betweenness(ring))).toEqual([0, 1, 0]);
  });

  it('answers graphs too small to have anything between', () => {
    expect(betweenness(graphOf(0, []))).toEqual(new Float64Array(0));
    expect(Array.from(betweenness(graphOf(2, [[0, 1]]), { normalized: true }))).toEqual([0, 0]);
  });
});

describe('sampledBetweenness', () => {
  const synthetic = syntheticGraph({ nodes: 1500, edges: 6000, seed: 8 });
  const graph = buildCompactGraph(1500, synthetic);

  it('ranks the most central node first, from a tenth of the sources', () => {
    const exact = betweenness(graph);
    const estimate = sampledBetweenness(graph, 150, { seed: 3 });
    expect(argMax(estimate)).toBe(argMax(exact));
    // The estimate is unbiased: totals agree within a few percent.
    expect(sum(estimate) / sum(exact)).toBeGreaterThan(0.9);
    expect(sum(estimate) / sum(exact)).toBeLessThan(1.1);
  });

  it('is seeded, and exact when there are as many samples as nodes', () => {
    expect(sampledBetweenness(graph, 50, { seed: 1 })).toEqual(
      sampledBetweenness(graph, 50, { seed: 1 }),
    );
    const path = graphOf(3, [
      [0, 1],
      [1, 2],
    ]);
    expect(Array.from(sampledBetweenness(path, 3))).toEqual([0, 1, 0]);
    expect(() => sampledBetweenness(path, 0)).toThrow(RangeError);
  });
});
