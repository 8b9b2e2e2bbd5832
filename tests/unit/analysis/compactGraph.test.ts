import { describe, expect, it } from 'vitest';
import {
  CompactGraphBuilder,
  buildCompactGraph,
  bytesPerEdge,
  edgeWeight,
  inducedSubgraph,
  nodeStrengths,
} from '../../../server/analysis/compactGraph';
import { syntheticGraph } from '../../bench/syntheticGraph';
import { directedGraphOf, graphOf, rows } from './graphs';

describe('buildCompactGraph', () => {
  it('stores each edge both ways in sorted rows, merging parallel edges by summing weights', () => {
    const graph = graphOf(4, [
      [2, 0, 1],
      [0, 1, 2],
      [1, 0, 3],
      [3, 0, 0.5],
    ]);
    expect(rows(graph)).toEqual([
      [
        [1, 5],
        [2, 1],
        [3, 0.5],
      ],
      [[0, 5]],
      [[0, 1]],
      [[0, 0.5]],
    ]);
    expect(graph.edgeCount).toBe(3);
    expect(graph.totalWeight).toBe(6.5);
    expect(Array.from(nodeStrengths(graph))).toEqual([6.5, 5, 1, 0.5]);
    expect(edgeWeight(graph, 0, 3)).toBe(0.5);
    expect(edgeWeight(graph, 1, 2)).toBe(0);
  });

  it('drops self-loops and zero-weight edges', () => {
    const graph = graphOf(3, [
      [0, 0, 4],
      [0, 1, 0],
      [1, 2, 1],
    ]);
    expect(rows(graph)).toEqual([[], [[2, 1]], [[1, 1]]]);
    expect(graph.edgeCount).toBe(1);
  });

  it('gives the same graph whatever the order of the edges', () => {
    const { sources, targets } = syntheticGraph({ nodes: 300, edges: 1500, seed: 3 });
    const reversed = {
      sources: Array.from(targets).reverse(),
      targets: Array.from(sources).reverse(),
    };
    const forward = buildCompactGraph(300, { sources, targets });
    const backward = buildCompactGraph(300, reversed);
    expect(backward.offsets).toEqual(forward.offsets);
    expect(backward.targets).toEqual(forward.targets);
    expect(backward.weights).toEqual(forward.weights);
  });

  it('answers an empty graph and a graph without edges', () => {
    const empty = graphOf(0, []);
    expect(empty.nodeCount).toBe(0);
    expect(empty.offsets).toEqual(new Int32Array([0]));
    expect(bytesPerEdge(empty)).toBe(0);
    const isolated = graphOf(3, []);
    expect(rows(isolated)).toEqual([[], [], []]);
    expect(isolated.totalWeight).toBe(0);
  });

  it('rejects endpoints outside the node range and bad weights', () => {
    expect(() => graphOf(2, [[0, 2]])).toThrow(/outside/);
    expect(() => graphOf(2, [[0, 1, -1]])).toThrow(/weight/);
    expect(() => graphOf(2, [[0, 1, Number.NaN]])).toThrow(/weight/);
    expect(() => graphOf(2, [[0, 0.5]])).toThrow(/integer/);
  });

  it('takes at most 32 bytes an edge on a large sparse graph', () => {
    const synthetic = syntheticGraph({ nodes: 20_000, edges: 100_000, seed: 1 });
    const graph = buildCompactGraph(synthetic.nodeCount, synthetic);
    expect(bytesPerEdge(graph)).toBeLessThanOrEqual(32);
  });
});

describe('CompactGraphBuilder', () => {
  it('grows past its first capacity and builds the same graph as the edge-list builder', () => {
    const synthetic = syntheticGraph({ nodes: 500, edges: 3000, seed: 9 });
    const builder = new CompactGraphBuilder(4);
    for (let i = 0; i < synthetic.sources.length; i += 1) {
      builder.addEdge(synthetic.sources[i]!, synthetic.targets[i]!, 1);
    }
    expect(builder.edgeCount).toBe(3000);
    const built = builder.build(500);
    const direct = buildCompactGraph(500, synthetic);
    expect(built.offsets).toEqual(direct.offsets);
    expect(built.targets).toEqual(direct.targets);
    expect(built.weights).toEqual(direct.weights);
  });

  it('counts nodes up to the largest id seen and builds directed graphs too', () => {
    const builder = new CompactGraphBuilder();
    builder.addEdge(0, 3, 2);
    builder.addEdge(3, 0, 1);
    expect(builder.build().nodeCount).toBe(4);
    const directed = builder.buildDirected();
    expect(rows(directed)).toEqual([[[3, 2]], [], [], [[0, 1]]]);
    expect(() => builder.addEdge(-1, 2)).toThrow(RangeError);
  });
});

describe('buildDirectedGraph', () => {
  it('keeps each arc in its source row only, merging repeated arcs', () => {
    const graph = directedGraphOf(3, [
      [0, 1, 1],
      [0, 1, 2],
      [1, 0, 5],
      [2, 1, 1],
    ]);
    expect(rows(graph)).toEqual([[[1, 3]], [[0, 5]], [[1, 1]]]);
    expect(graph.edgeCount).toBe(3);
    expect(graph.totalWeight).toBe(9);
  });
});

describe('inducedSubgraph', () => {
  it('keeps the edges among the chosen nodes, renumbered in id order', () => {
    const graph = graphOf(5, [
      [0, 1, 1],
      [1, 2, 2],
      [2, 3, 3],
      [3, 4, 4],
      [4, 1, 5],
    ]);
    const { graph: sub, toOriginal, toLocal } = inducedSubgraph(graph, [4, 1, 2]);
    expect(Array.from(toOriginal)).toEqual([1, 2, 4]);
    expect(Array.from(toLocal)).toEqual([-1, 0, 1, -1, 2]);
    expect(rows(sub)).toEqual([
      [
        [1, 2],
        [2, 5],
      ],
      [[0, 2]],
      [[0, 5]],
    ]);
    expect(sub.totalWeight).toBe(7);
  });

  it('keeps a directed graph directed', () => {
    const graph = directedGraphOf(3, [
      [0, 1],
      [1, 2],
    ]);
    const { graph: sub } = inducedSubgraph(graph, [1, 2]);
    expect(sub.directed).toBe(true);
    expect(rows(sub)).toEqual([[[1, 1]], []]);
  });
});
