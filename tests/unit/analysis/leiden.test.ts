import { describe, expect, it } from 'vitest';
import { buildCompactGraph } from '../../../server/analysis/compactGraph';
import {
  disconnectedCommunities,
  isConnectedCommunity,
  leiden,
} from '../../../server/analysis/leiden';
import { louvain } from '../../../server/analysis/louvain';
import { adjustedRandIndex, modularity } from '../../../server/analysis/metrics';
import { seededRandom } from '../../../server/analysis/random';
import { syntheticGraph } from '../../bench/syntheticGraph';
import { cliqueEdges, graphOf, randomGraph, ringOfCliques } from './graphs';

const twoCliques = graphOf(10, [
  ...cliqueEdges([0, 1, 2, 3, 4]),
  ...cliqueEdges([5, 6, 7, 8, 9]),
  [4, 5],
]);

describe('disconnectedCommunities', () => {
  // A path 0-1-2-3 and a lone node 4.
  const path = graphOf(5, [
    [0, 1],
    [1, 2],
    [2, 3],
  ]);

  it('names the communities whose nodes cannot reach each other inside them', () => {
    expect(disconnectedCommunities(path, [0, 0, 1, 1, 2])).toEqual([]);
    expect(disconnectedCommunities(path, [0, 1, 0, 1, 1])).toEqual([0, 1]);
    expect(disconnectedCommunities(path, [5, 5, 5, 7, 5])).toEqual([5]);
    expect(isConnectedCommunity(path, [5, 5, 5, 7, 5], 7)).toBe(true);
    expect(isConnectedCommunity(path, [5, 5, 5, 7, 5], 5)).toBe(false);
  });
});

describe('leiden', () => {
  it('splits two cliques joined by one edge', () => {
    const result = leiden(twoCliques);
    expect(Array.from(result.communities)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(result.count).toBe(2);
    expect(result.quality).toBeCloseTo(modularity(twoCliques, result.communities), 12);
    expect(result.iterations).toBeGreaterThanOrEqual(1);
  });

  it('finds every clique of a ring of cliques', () => {
    const { graph, truth } = ringOfCliques(8, 6);
    const result = leiden(graph, { seed: 3 });
    expect(result.count).toBe(8);
    expect(adjustedRandIndex(truth, result.communities)).toBe(1);
  });

  it('recovers planted communities at least as well as Louvain', () => {
    const planted = syntheticGraph({
      nodes: 3000,
      edges: 24_000,
      mixing: 0.15,
      minCommunity: 40,
      maxCommunity: 120,
      seed: 11,
    });
    const graph = buildCompactGraph(planted.nodeCount, planted);
    const result = leiden(graph, { seed: 5 });
    expect(adjustedRandIndex(planted.truth, result.communities)).toBeGreaterThanOrEqual(0.95);
    expect(result.modularity).toBeGreaterThanOrEqual(louvain(graph, { seed: 5 }).modularity - 1e-3);
  });

  it('gives the same partition for the same seed, and a valid one for any seed', () => {
    const graph = randomGraph(300, 0.03, 2);
    const first = leiden(graph, { seed: 42 });
    expect(leiden(graph, { seed: 42 }).communities).toEqual(first.communities);
    for (const seed of [1, 2, 3]) {
      const other = leiden(graph, { seed });
      expect(other.modularity).toBeGreaterThan(first.modularity - 0.03);
      expect(disconnectedCommunities(graph, other.communities)).toEqual([]);
    }
  });

  it('returns only connected communities, over many random graphs', () => {
    const random = seededRandom(2024);
    for (let trial = 0; trial < 60; trial += 1) {
      const nodes = 20 + Math.floor(random() * 150);
      const planted = syntheticGraph({
        nodes,
        edges: Math.floor(nodes * (1 + random() * 4)),
        mixing: random() * 0.6,
        minCommunity: 3,
        maxCommunity: 40,
        seed: trial + 1,
      });
      const graph = buildCompactGraph(nodes, planted);
      for (const theta of [0, 0.01, 1]) {
        const result = leiden(graph, { seed: trial, theta });
        expect(disconnectedCommunities(graph, result.communities)).toEqual([]);
      }
    }
  });

  it('keeps connected a community that Louvain leaves in pieces', () => {
    // Found by search: with seed 3, Louvain moves a bridging node out of community 0 and
    // cannot split what is left.
    const planted = syntheticGraph({
      nodes: 71,
      edges: 175,
      mixing: 0.4936034915037453,
      minCommunity: 3,
      maxCommunity: 40,
      seed: 140,
    });
    const graph = buildCompactGraph(71, planted);
    expect(disconnectedCommunities(graph, louvain(graph, { seed: 3 }).communities)).not.toEqual([]);
    const result = leiden(graph, { seed: 3 });
    expect(disconnectedCommunities(graph, result.communities)).toEqual([]);
    expect(result.modularity).toBeGreaterThan(louvain(graph, { seed: 3 }).modularity);
  });

  it('optimises the constant Potts model at a density threshold', () => {
    const result = leiden(twoCliques, { quality: 'cpm', resolution: 0.5 });
    expect(Array.from(result.communities)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // Each clique: 10 edges inside, 10 node pairs.
    expect(result.quality).toBeCloseTo(2 * (10 - 0.5 * 10), 12);
    // At resolution 0 any edge is worth having: one community a connected component.
    const components = leiden(
      graphOf(5, [
        [0, 1],
        [1, 2],
        [3, 4],
      ]),
      {
        quality: 'cpm',
        resolution: 0,
      },
    );
    expect(Array.from(components.communities)).toEqual([0, 0, 0, 1, 1]);
  });

  it('answers an empty graph, a single node and a graph without edges', () => {
    const empty = leiden(graphOf(0, []));
    expect(empty.count).toBe(0);
    expect(empty.communities).toEqual(new Int32Array(0));
    expect(Array.from(leiden(graphOf(1, [])).communities)).toEqual([0]);
    const isolated = leiden(graphOf(4, [[1, 2]]));
    expect(Array.from(isolated.communities)).toEqual([0, 1, 1, 2]);
    expect(isolated.modularity).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => leiden(twoCliques, { resolution: -1 })).toThrow(RangeError);
    expect(() => leiden(twoCliques, { theta: -1 })).toThrow(RangeError);
  });
});
