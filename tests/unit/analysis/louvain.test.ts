import { describe, expect, it } from 'vitest';
import { buildCompactGraph } from '../../../server/analysis/compactGraph';
import { louvain } from '../../../server/analysis/louvain';
import { adjustedRandIndex, modularity } from '../../../server/analysis/metrics';
import { syntheticGraph } from '../../bench/syntheticGraph';
import { cliqueEdges, graphOf, randomGraph, ringOfCliques } from './graphs';

const twoCliques = graphOf(10, [
  ...cliqueEdges([0, 1, 2, 3, 4]),
  ...cliqueEdges([5, 6, 7, 8, 9]),
  [4, 5],
]);

describe('louvain', () => {
  it('splits two cliques joined by one edge, numbering communities by their smallest node', () => {
    const result = louvain(twoCliques);
    expect(Array.from(result.communities)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(result.count).toBe(2);
    expect(result.modularity).toBeCloseTo(modularity(twoCliques, result.communities), 12);
  });

  it('finds every clique of a ring of cliques', () => {
    const { graph, truth } = ringOfCliques(8, 6);
    const result = louvain(graph, { seed: 3 });
    expect(result.count).toBe(8);
    expect(adjustedRandIndex(truth, result.communities)).toBe(1);
  });

  it('recovers planted communities', () => {
    const planted = syntheticGraph({
      nodes: 3000,
      edges: 24_000,
      mixing: 0.15,
      minCommunity: 40,
      maxCommunity: 120,
      seed: 11,
    });
    const graph = buildCompactGraph(planted.nodeCount, planted);
    const result = louvain(graph, { seed: 5 });
    expect(adjustedRandIndex(planted.truth, result.communities)).toBeGreaterThanOrEqual(0.95);
    expect(result.levels).toBeGreaterThanOrEqual(1);
  });

  it('gives the same partition for the same seed, and a good one for any seed', () => {
    const graph = randomGraph(300, 0.03, 2);
    const first = louvain(graph, { seed: 42 });
    const again = louvain(graph, { seed: 42 });
    expect(again.communities).toEqual(first.communities);
    expect(again.modularity).toBe(first.modularity);
    for (const seed of [1, 2, 3]) {
      const other = louvain(graph, { seed });
      expect(other.modularity).toBeGreaterThan(first.modularity - 0.03);
      expect(Math.max(...other.communities)).toBe(other.count - 1);
    }
  });

  it('gives more, smaller communities at a higher resolution', () => {
    const graph = randomGraph(300, 0.03, 4);
    expect(louvain(graph, { resolution: 3 }).count).toBeGreaterThan(louvain(graph).count);
  });

  it('answers an empty graph, a single node and a graph without edges', () => {
    expect(louvain(graphOf(0, []))).toEqual({
      communities: new Int32Array(0),
      count: 0,
      modularity: 0,
      levels: 0,
    });
    expect(Array.from(louvain(graphOf(1, [])).communities)).toEqual([0]);
    const isolated = louvain(graphOf(4, [[1, 2]]));
    expect(Array.from(isolated.communities)).toEqual([0, 1, 1, 2]);
    expect(isolated.count).toBe(3);
  });

  it('rejects a negative resolution', () => {
    expect(() => louvain(twoCliques, { resolution: -1 })).toThrow(RangeError);
  });
});
