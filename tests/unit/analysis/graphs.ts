/** Small graphs with known structure for the analysis tests. */
import {
  buildCompactGraph,
  buildDirectedGraph,
  type CompactGraph,
  type DirectedGraph,
} from '../../../server/analysis/compactGraph';
import { seededRandom } from '../../../server/analysis/random';

/** Edge as [source, target] or [source, target, weight]. */
export type Edge = readonly [number, number, number?];

function edgeList(edges: readonly Edge[]) {
  return {
    sources: edges.map((edge) => edge[0]),
    targets: edges.map((edge) => edge[1]),
    weights: edges.map((edge) => edge[2] ?? 1),
  };
}

export function graphOf(nodeCount: number, edges: readonly Edge[]): CompactGraph {
  return buildCompactGraph(nodeCount, edgeList(edges));
}

export function directedGraphOf(nodeCount: number, edges: readonly Edge[]): DirectedGraph {
  return buildDirectedGraph(nodeCount, edgeList(edges));
}

/** Every pair among `nodes`. */
export function cliqueEdges(nodes: readonly number[]): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) edges.push([nodes[i]!, nodes[j]!]);
  }
  return edges;
}

/** `count` cliques of `size` nodes (clique c holds nodes c*size..), clique c joined to c+1 by one edge, the last to the first. */
export function ringOfCliques(
  count: number,
  size: number,
): { graph: CompactGraph; truth: Int32Array } {
  const edges: Edge[] = [];
  const truth = new Int32Array(count * size);
  for (let c = 0; c < count; c += 1) {
    const nodes = Array.from({ length: size }, (_, i) => c * size + i);
    edges.push(...cliqueEdges(nodes));
    for (const node of nodes) truth[node] = c;
    if (count > 1) edges.push([c * size, ((c + 1) % count) * size + 1]);
  }
  return { graph: graphOf(count * size, edges), truth };
}

/** Erdős–Rényi G(n, p), seeded. */
export function randomGraph(nodeCount: number, probability: number, seed: number): CompactGraph {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  for (let u = 0; u < nodeCount; u += 1) {
    for (let v = u + 1; v < nodeCount; v += 1) {
      if (random() < probability) edges.push([u, v, 1 + Math.floor(random() * 3)]);
    }
  }
  return graphOf(nodeCount, edges);
}

/** The rows of a graph as plain arrays, for readable assertions. */
export function rows(graph: CompactGraph | DirectedGraph): [number, number][][] {
  return Array.from({ length: graph.nodeCount }, (_, v) => {
    const row: [number, number][] = [];
    for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
      row.push([graph.targets[at]!, graph.weights[at]!]);
    }
    return row;
  });
}
