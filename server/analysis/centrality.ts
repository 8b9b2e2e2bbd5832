/**
 * Centrality on compact graphs: which accounts matter in a network or a ring.
 *
 * - PageRank, weighted (a node passes its score on in proportion to edge weights), on an
 *   undirected `CompactGraph` or a `DirectedGraph` of money flows; personalised PageRank restarts
 *   at given seed nodes instead of anywhere, so scores measure closeness to those seeds.
 * - Betweenness (Brandes 2001): for each node, the number of shortest paths between other pairs
 *   that pass through it, counted in hops (edge weights are ignored). Exact in O(n m), or
 *   estimated from k random source nodes in O(k m) for large graphs.
 *
 * To score one ring alone, take `inducedSubgraph(graph, ringNodes)` from `compactGraph.ts` first.
 */
import type { WeightedAdjacency } from './compactGraph';
import { seededRandom, shuffledRange, type RandomSource } from './random';

export interface PageRankOptions {
  /** Probability of following an edge rather than restarting. */
  readonly damping?: number;
  /** Stop when the scores change by less than this in total (L1). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /**
   * Where a restart lands, one non-negative weight a node (normalised here); uniform when left
   * out. The score of nodes without outgoing edges is handed on the same way.
   */
  readonly restart?: ArrayLike<number>;
}

/** Defaults of `pageRank`. */
export const PAGE_RANK_DEFAULTS = { damping: 0.85, tolerance: 1e-9, maxIterations: 200 } as const;

export interface PageRankResult {
  /** Score of each node; the scores sum to 1. */
  readonly scores: Float64Array;
  readonly iterations: number;
  /** False when `maxIterations` ran out before `tolerance` was reached. */
  readonly converged: boolean;
}

function restartVector(nodeCount: number, restart: ArrayLike<number> | undefined): Float64Array {
  if (restart === undefined) return new Float64Array(nodeCount).fill(1 / nodeCount);
  if (restart.length !== nodeCount) {
    throw new RangeError('centrality: the restart vector needs one weight a node');
  }
  let total = 0;
  for (let v = 0; v < nodeCount; v += 1) {
    const weight = restart[v]!;
    if (!(weight >= 0 && weight < Infinity)) {
      throw new RangeError(`centrality: restart weight ${weight} must be finite and >= 0`);
    }
    total += weight;
  }
  if (total === 0) throw new RangeError('centrality: the restart vector must not be all zero');
  const vector = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v += 1) vector[v] = restart[v]! / total;
  return vector;
}

/**
 * Weighted PageRank by power iteration. Each round, a node keeps `1 - damping` of restart mass
 * and passes `damping` of its score along its edges in proportion to their weights; nodes without
 * edges pass theirs by the restart vector. O(m) a round, O(m log(1/tolerance)) in all.
 */
export function pageRank(graph: WeightedAdjacency, options: PageRankOptions = {}): PageRankResult {
  const damping = options.damping ?? PAGE_RANK_DEFAULTS.damping;
  const tolerance = options.tolerance ?? PAGE_RANK_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? PAGE_RANK_DEFAULTS.maxIterations;
  if (!(damping >= 0 && damping < 1)) {
    throw new RangeError(`centrality: damping must be in [0, 1), not ${damping}`);
  }
  const { nodeCount, offsets, targets, weights } = graph;
  if (nodeCount === 0) return { scores: new Float64Array(0), iterations: 0, converged: true };
  const restart = restartVector(nodeCount, options.restart);
  const outStrengths = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v += 1) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) outStrengths[v]! += weights[at]!;
  }

  let scores = restart.slice();
  let next = new Float64Array(nodeCount);
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    let dangling = 0;
    for (let v = 0; v < nodeCount; v += 1) if (outStrengths[v] === 0) dangling += scores[v]!;
    const restartMass = 1 - damping + damping * dangling;
    for (let v = 0; v < nodeCount; v += 1) next[v] = restartMass * restart[v]!;
    for (let v = 0; v < nodeCount; v += 1) {
      const outStrength = outStrengths[v]!;
      if (outStrength === 0) continue;
      const share = (damping * scores[v]!) / outStrength;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        next[targets[at]!]! += share * weights[at]!;
      }
    }
    let change = 0;
    for (let v = 0; v < nodeCount; v += 1) change += Math.abs(next[v]! - scores[v]!);
    [scores, next] = [next, scores];
    if (change < tolerance) return { scores, iterations: iteration, converged: true };
  }
  return { scores, iterations: maxIterations, converged: false };
}

/**
 * PageRank that restarts only at `seeds` (e.g. accounts already confirmed as mules), equally
 * among them: a node scores high when it is close to the seeds through strong edges. Same cost
 * as `pageRank`.
 */
export function personalizedPageRank(
  graph: WeightedAdjacency,
  seeds: ArrayLike<number>,
  options: Omit<PageRankOptions, 'restart'> = {},
): PageRankResult {
  if (seeds.length === 0) throw new RangeError('centrality: personalised PageRank needs a seed');
  const restart = new Float64Array(graph.nodeCount);
  for (let i = 0; i < seeds.length; i += 1) {
    const seed = seeds[i]!;
    if (!(Number.isInteger(seed) && seed >= 0 && seed < graph.nodeCount)) {
      throw new RangeError(`centrality: seed ${seed} is outside 0..${graph.nodeCount - 1}`);
    }
    restart[seed] = 1;
  }
  return pageRank(graph, { ...options, restart });
}

export interface BetweennessOptions {
  /** Divide by the number of pairs of other nodes, so scores fall in [0, 1]. */
  readonly normalized?: boolean;
}

export interface SampledBetweennessOptions extends BetweennessOptions {
  /** Seed of the choice of source nodes. */
  readonly seed?: number;
  /** A random source to use instead of `seed`. */
  readonly random?: RandomSource;
}

/** Adds to `scores` the dependencies of every node on shortest paths from each source. */
function accumulateFromSources(graph: WeightedAdjacency, sources: ArrayLike<number>): Float64Array {
  const { nodeCount, offsets, targets } = graph;
  const scores = new Float64Array(nodeCount);
  const distance = new Int32Array(nodeCount).fill(-1);
  const pathCount = new Float64Array(nodeCount);
  const dependency = new Float64Array(nodeCount);
  const order = new Int32Array(nodeCount);
  for (let i = 0; i < sources.length; i += 1) {
    const source = sources[i]!;
    distance[source] = 0;
    pathCount[source] = 1;
    order[0] = source;
    let head = 0;
    let reached = 1;
    while (head < reached) {
      const v = order[head++]!;
      const next = distance[v]! + 1;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const w = targets[at]!;
        if (distance[w] === -1) {
          distance[w] = next;
          order[reached++] = w;
        }
        if (distance[w] === next) pathCount[w]! += pathCount[v]!;
      }
    }
    // Farthest first: a node's dependency sums over its successors on shortest paths.
    for (let k = reached - 1; k >= 0; k -= 1) {
      const v = order[k]!;
      const next = distance[v]! + 1;
      let sum = 0;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const w = targets[at]!;
        if (distance[w] === next) sum += (1 + dependency[w]!) / pathCount[w]!;
      }
      dependency[v] = pathCount[v]! * sum;
      if (v !== source) scores[v]! += dependency[v];
    }
    for (let k = 0; k < reached; k += 1) {
      const v = order[k]!;
      distance[v] = -1;
      pathCount[v] = 0;
      dependency[v] = 0;
    }
  }
  return scores;
}

function finishBetweenness(
  graph: WeightedAdjacency,
  scores: Float64Array,
  scale: number,
  normalized: boolean,
): Float64Array {
  const n = graph.nodeCount;
  // An undirected pair is reached from both ends.
  let factor = graph.directed ? scale : scale / 2;
  if (normalized) {
    const pairs = graph.directed ? (n - 1) * (n - 2) : ((n - 1) * (n - 2)) / 2;
    factor = pairs > 0 ? factor / pairs : 0;
  }
  for (let v = 0; v < n; v += 1) scores[v]! *= factor;
  return scores;
}

/**
 * Exact betweenness of every node (Brandes): the number of shortest paths (in hops) between
 * pairs of other nodes through it, each pair's paths sharing one unit. Undirected pairs count
 * once. O(n m) time, O(n) memory beyond the graph.
 */
export function betweenness(
  graph: WeightedAdjacency,
  options: BetweennessOptions = {},
): Float64Array {
  const sources = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v += 1) sources[v] = v;
  return finishBetweenness(
    graph,
    accumulateFromSources(graph, sources),
    1,
    options.normalized ?? false,
  );
}

/**
 * Betweenness estimated from `samples` source nodes drawn without replacement (seeded), scaled
 * by n / samples so it estimates the exact value (Brandes & Pich 2007). Exact when samples >= n.
 * O(samples m + n).
 */
export function sampledBetweenness(
  graph: WeightedAdjacency,
  samples: number,
  options: SampledBetweennessOptions = {},
): Float64Array {
  if (!(Number.isInteger(samples) && samples > 0)) {
    throw new RangeError(`centrality: samples must be a positive integer, not ${samples}`);
  }
  const n = graph.nodeCount;
  if (samples >= n) return betweenness(graph, options);
  const random = options.random ?? seededRandom(options.seed ?? 1);
  const sources = shuffledRange(n, random).subarray(0, samples);
  return finishBetweenness(
    graph,
    accumulateFromSources(graph, sources),
    n / samples,
    options.normalized ?? false,
  );
}
