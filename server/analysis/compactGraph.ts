/**
 * Compact weighted graphs in typed arrays (compressed sparse rows), for the analysis algorithms
 * that run over a whole network: community detection, centrality.
 *
 * Nodes are the integers 0..nodeCount-1 (the caller keeps the mapping to account ids). The
 * neighbours of node `v` are `targets[offsets[v] .. offsets[v + 1])`, in increasing order, with
 * the matching `weights`. Parallel edges are merged by summing their weights.
 *
 * - An undirected `CompactGraph` stores each edge in both directions. Self-loops given to the
 *   builders are dropped (a transfer from an account to itself says nothing about who it deals
 *   with). The aggregated graphs that community detection builds do carry self-loops: a diagonal
 *   entry holds A[v][v] once, and a node's strength is the plain sum of its row.
 * - A `DirectedGraph` stores each arc once, in its source's row; self-loops are dropped as well.
 *
 * Edge weights must be finite and non-negative; zero-weight edges are dropped, so every stored
 * weight is positive. Weights are stored as 32-bit floats (about seven significant digits), which
 * is plenty for the algorithms here and keeps a graph at about 17 bytes per undirected edge.
 */

/** The rows of a weighted graph: what every algorithm over a `CompactGraph` reads. */
export interface WeightedAdjacency {
  readonly directed: boolean;
  readonly nodeCount: number;
  /** Row starts, length nodeCount + 1. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
  /** Undirected edges (self-loops included) or arcs. */
  readonly edgeCount: number;
  /** Sum of edge weights, each undirected edge counted once (self-loops once, as A[v][v] / 2). */
  readonly totalWeight: number;
}

/** An undirected weighted graph: each edge is in both endpoints' rows. */
export interface CompactGraph extends WeightedAdjacency {
  readonly directed: false;
}

/** A directed weighted graph: each arc is in its source's row only. */
export interface DirectedGraph extends WeightedAdjacency {
  readonly directed: true;
}

/** Edges as parallel arrays: edge i joins `sources[i]` and `targets[i]` with `weights[i]`. */
export interface EdgeList {
  readonly sources: ArrayLike<number>;
  readonly targets: ArrayLike<number>;
  /** One weight an edge; all weights are 1 when left out. */
  readonly weights?: ArrayLike<number>;
}

function checkEdges(nodeCount: number, edges: EdgeList): void {
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new RangeError(
      `compactGraph: node count must be a non-negative integer, not ${nodeCount}`,
    );
  }
  const { sources, targets, weights } = edges;
  if (targets.length !== sources.length || (weights && weights.length !== sources.length)) {
    throw new RangeError('compactGraph: sources, targets and weights must have the same length');
  }
  for (let i = 0; i < sources.length; i += 1) {
    const source = sources[i]!;
    const target = targets[i]!;
    if (!(source >= 0 && source < nodeCount && target >= 0 && target < nodeCount)) {
      throw new RangeError(
        `compactGraph: edge ${i} (${source}, ${target}) is outside 0..${nodeCount - 1}`,
      );
    }
    if (!Number.isInteger(source) || !Number.isInteger(target)) {
      throw new RangeError(`compactGraph: edge ${i} has a non-integer endpoint`);
    }
    if (weights) {
      const weight = weights[i]!;
      if (!(weight >= 0 && weight < Infinity)) {
        throw new RangeError(
          `compactGraph: edge ${i} has weight ${weight}; weights must be finite and >= 0`,
        );
      }
    }
  }
}

/**
 * Sorts arcs into rows with two stable counting sorts (first by target, then by source), so each
 * row comes out in increasing target order whatever the input order, then merges parallel arcs.
 * O(nodeCount + arcs).
 */
function buildRows(
  nodeCount: number,
  edges: EdgeList,
  bothDirections: boolean,
): { offsets: Int32Array; targets: Int32Array; weights: Float32Array } {
  const { sources, targets, weights } = edges;
  const edgeTotal = sources.length;
  const keeps = (i: number): boolean =>
    sources[i] !== targets[i] && (weights === undefined || weights[i]! > 0);

  // Pass 1: arcs bucketed by target; each bucket holds the arc's source and weight.
  const inOffsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < edgeTotal; i += 1) {
    if (!keeps(i)) continue;
    inOffsets[targets[i]! + 1]!++;
    if (bothDirections) inOffsets[sources[i]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v += 1) inOffsets[v + 1]! += inOffsets[v]!;
  const arcCount = inOffsets[nodeCount]!;
  const inSources = new Int32Array(arcCount);
  const inWeights = new Float64Array(arcCount);
  const cursor = inOffsets.slice(0, nodeCount);
  for (let i = 0; i < edgeTotal; i += 1) {
    if (!keeps(i)) continue;
    const source = sources[i]!;
    const target = targets[i]!;
    const weight = weights ? weights[i]! : 1;
    let at = cursor[target]!++;
    inSources[at] = source;
    inWeights[at] = weight;
    if (bothDirections) {
      at = cursor[source]!++;
      inSources[at] = target;
      inWeights[at] = weight;
    }
  }

  // Pass 2: transpose into rows by source; visiting targets in order sorts every row.
  const offsets = new Int32Array(nodeCount + 1);
  for (let at = 0; at < arcCount; at += 1) offsets[inSources[at]! + 1]!++;
  for (let v = 0; v < nodeCount; v += 1) offsets[v + 1]! += offsets[v]!;
  const rowTargets = new Int32Array(arcCount);
  const rowWeights = new Float64Array(arcCount);
  cursor.set(offsets.subarray(0, nodeCount));
  for (let target = 0; target < nodeCount; target += 1) {
    for (let at = inOffsets[target]!; at < inOffsets[target + 1]!; at += 1) {
      const place = cursor[inSources[at]!]!++;
      rowTargets[place] = target;
      rowWeights[place] = inWeights[at]!;
    }
  }

  // Merge parallel arcs: duplicates sit next to each other in a sorted row.
  let written = 0;
  let rowStart = 0;
  for (let v = 0; v < nodeCount; v += 1) {
    const rowEnd = offsets[v + 1]!;
    offsets[v] = written;
    for (let at = rowStart; at < rowEnd; at += 1) {
      const target = rowTargets[at]!;
      if (written > offsets[v]! && rowTargets[written - 1] === target) {
        rowWeights[written - 1]! += rowWeights[at]!;
      } else {
        rowTargets[written] = target;
        rowWeights[written] = rowWeights[at]!;
        written += 1;
      }
    }
    rowStart = rowEnd;
  }
  offsets[nodeCount] = written;
  return {
    offsets,
    targets: written === arcCount ? rowTargets : rowTargets.slice(0, written),
    weights: Float32Array.from(rowWeights.subarray(0, written)),
  };
}

/** Sum of stored weights and count of diagonal entries. */
function weightAndLoops(offsets: Int32Array, targets: Int32Array, weights: Float32Array) {
  let total = 0;
  let loops = 0;
  for (let v = 0; v + 1 < offsets.length; v += 1) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      total += weights[at]!;
      if (targets[at] === v) loops += 1;
    }
  }
  return { total, loops };
}

/**
 * Makes an undirected `CompactGraph` from rows already in the documented layout (each edge in
 * both rows, a self-loop once holding A[v][v]). Used by the algorithms that build graphs
 * themselves (aggregation, induced subgraphs). O(nodeCount + entries).
 */
export function compactGraphFromRows(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float32Array,
): CompactGraph {
  const { total, loops } = weightAndLoops(offsets, targets, weights);
  return {
    directed: false,
    nodeCount: offsets.length - 1,
    offsets,
    targets,
    weights,
    edgeCount: (targets.length + loops) / 2,
    totalWeight: total / 2,
  };
}

/**
 * Builds an undirected graph on nodes 0..nodeCount-1 from an edge list: counting sorts,
 * O(nodeCount + edges) time, no object per edge. Parallel edges are merged by summing weights;
 * self-loops and zero-weight edges are dropped. Throws a `RangeError` on an endpoint outside the
 * node range or a negative or non-finite weight.
 */
export function buildCompactGraph(nodeCount: number, edges: EdgeList): CompactGraph {
  checkEdges(nodeCount, edges);
  const { offsets, targets, weights } = buildRows(nodeCount, edges, true);
  return compactGraphFromRows(offsets, targets, weights);
}

/**
 * Builds a directed graph (arc i from `sources[i]` to `targets[i]`), e.g. money flows between
 * accounts. Same rules and cost as `buildCompactGraph`: O(nodeCount + arcs).
 */
export function buildDirectedGraph(nodeCount: number, edges: EdgeList): DirectedGraph {
  checkEdges(nodeCount, edges);
  const { offsets, targets, weights } = buildRows(nodeCount, edges, false);
  const { total } = weightAndLoops(offsets, targets, weights);
  return {
    directed: true,
    nodeCount,
    offsets,
    targets,
    weights,
    edgeCount: targets.length,
    totalWeight: total,
  };
}

/**
 * Collects edges one at a time (e.g. streamed from the database) in growing typed arrays, then
 * builds a graph. Node ids are 0-based integers; the node count is one more than the largest id
 * seen unless a larger one is given to `build`. Amortised O(1) an edge.
 */
export class CompactGraphBuilder {
  private sources: Int32Array;
  private targets: Int32Array;
  private weights: Float64Array;
  private size = 0;
  private largestNode = -1;

  constructor(expectedEdges = 1024) {
    const capacity = Math.max(16, Math.ceil(expectedEdges));
    this.sources = new Int32Array(capacity);
    this.targets = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** Edges added so far (before merging). */
  get edgeCount(): number {
    return this.size;
  }

  /** Adds an edge between `source` and `target` (or an arc from one to the other). */
  addEdge(source: number, target: number, weight = 1): void {
    if (!Number.isInteger(source) || !Number.isInteger(target) || source < 0 || target < 0) {
      throw new RangeError(
        `compactGraph: node ids must be non-negative integers (${source}, ${target})`,
      );
    }
    if (!(weight >= 0 && weight < Infinity)) {
      throw new RangeError(`compactGraph: weight ${weight} must be finite and >= 0`);
    }
    if (this.size === this.sources.length) this.grow();
    this.sources[this.size] = source;
    this.targets[this.size] = target;
    this.weights[this.size] = weight;
    this.size += 1;
    if (source > this.largestNode) this.largestNode = source;
    if (target > this.largestNode) this.largestNode = target;
  }

  /** The undirected graph of the edges added so far. */
  build(nodeCount = this.largestNode + 1): CompactGraph {
    return buildCompactGraph(nodeCount, this.edges());
  }

  /** The directed graph of the arcs added so far. */
  buildDirected(nodeCount = this.largestNode + 1): DirectedGraph {
    return buildDirectedGraph(nodeCount, this.edges());
  }

  private edges(): EdgeList {
    return {
      sources: this.sources.subarray(0, this.size),
      targets: this.targets.subarray(0, this.size),
      weights: this.weights.subarray(0, this.size),
    };
  }

  private grow(): void {
    const capacity = this.sources.length * 2;
    const sources = new Int32Array(capacity);
    const targets = new Int32Array(capacity);
    const weights = new Float64Array(capacity);
    sources.set(this.sources);
    targets.set(this.targets);
    weights.set(this.weights);
    this.sources = sources;
    this.targets = targets;
    this.weights = weights;
  }
}

/** A node's strength: the sum of its row's weights (its weighted degree). O(degree). */
export function nodeStrength(graph: WeightedAdjacency, node: number): number {
  let strength = 0;
  for (let at = graph.offsets[node]!; at < graph.offsets[node + 1]!; at += 1) {
    strength += graph.weights[at]!;
  }
  return strength;
}

/** Every node's strength (row sum), in a new array. O(nodeCount + entries). */
export function nodeStrengths(graph: WeightedAdjacency): Float64Array {
  const strengths = new Float64Array(graph.nodeCount);
  const { offsets, weights } = graph;
  for (let v = 0; v < graph.nodeCount; v += 1) {
    let strength = 0;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) strength += weights[at]!;
    strengths[v] = strength;
  }
  return strengths;
}

/** The weight of the edge from `source` to `target`, 0 when absent. O(log degree). */
export function edgeWeight(graph: WeightedAdjacency, source: number, target: number): number {
  let low = graph.offsets[source]!;
  let high = graph.offsets[source + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = graph.targets[middle]!;
    if (found === target) return graph.weights[middle]!;
    if (found < target) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

/** Bytes the graph's arrays hold, per edge (0 for a graph without edges). O(1). */
export function bytesPerEdge(graph: WeightedAdjacency): number {
  if (graph.edgeCount === 0) return 0;
  const bytes =
    graph.offsets.buffer.byteLength +
    graph.targets.buffer.byteLength +
    graph.weights.buffer.byteLength;
  return bytes / graph.edgeCount;
}

/**
 * The subgraph induced by `nodes` (e.g. one ring's accounts): the nodes renumbered 0..k-1 in
 * increasing order of their ids, with every edge between two of them. `toOriginal[local]` is a
 * node's id in `graph`, `toLocal[original]` its new id or -1. O(graph.nodeCount + entries of the
 * kept rows).
 */
export function inducedSubgraph<G extends CompactGraph | DirectedGraph>(
  graph: G,
  nodes: ArrayLike<number>,
): { graph: G; toOriginal: Int32Array; toLocal: Int32Array } {
  const kept = new Uint8Array(graph.nodeCount);
  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i]!;
    if (!(Number.isInteger(node) && node >= 0 && node < graph.nodeCount)) {
      throw new RangeError(`compactGraph: node ${node} is outside 0..${graph.nodeCount - 1}`);
    }
    kept[node] = 1;
  }
  const toLocal = new Int32Array(graph.nodeCount).fill(-1);
  let count = 0;
  for (let v = 0; v < graph.nodeCount; v += 1) if (kept[v] === 1) toLocal[v] = count++;
  const toOriginal = new Int32Array(count);
  for (let v = 0; v < graph.nodeCount; v += 1) if (kept[v] === 1) toOriginal[toLocal[v]!] = v;
  const offsets = new Int32Array(count + 1);
  for (let local = 0; local < count; local += 1) {
    const v = toOriginal[local]!;
    let degree = 0;
    for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
      if (kept[graph.targets[at]!] === 1) degree += 1;
    }
    offsets[local + 1] = offsets[local]! + degree;
  }
  const targets = new Int32Array(offsets[count]!);
  const weights = new Float32Array(offsets[count]!);
  let written = 0;
  for (let local = 0; local < count; local += 1) {
    const v = toOriginal[local]!;
    for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
      const target = graph.targets[at]!;
      if (kept[target] === 1) {
        targets[written] = toLocal[target]!;
        weights[written] = graph.weights[at]!;
        written += 1;
      }
    }
  }
  let sub: CompactGraph | DirectedGraph;
  if (graph.directed) {
    const { total } = weightAndLoops(offsets, targets, weights);
    sub = {
      directed: true,
      nodeCount: count,
      offsets,
      targets,
      weights,
      edgeCount: targets.length,
      totalWeight: total,
    };
  } else {
    sub = compactGraphFromRows(offsets, targets, weights);
  }
  return { graph: sub as G, toOriginal, toLocal };
}
