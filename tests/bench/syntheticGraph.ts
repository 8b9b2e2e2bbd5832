/**
 * Seeded synthetic networks with planted communities, for benchmarks and tests of community
 * detection: an LFR-like planted partition with heavy-tailed community sizes and node degrees.
 *
 * Community sizes follow a Pareto law between `minCommunity` and `maxCommunity`; each node gets
 * a degree propensity from a Pareto law (tail index `degreeTail`, capped at `maxDegreeRatio`
 * times the smallest). Each edge picks one endpoint in proportion to propensity over all nodes;
 * the other endpoint, with probability 1 - `mixing`, in proportion to propensity within the first
 * one's community, otherwise over all nodes. Node ids are shuffled so that nothing can be read
 * from their order. Self-loops are redrawn; repeated pairs are kept (a graph builder merges them).
 */
import { Rng } from '../../server/lib/random';

export interface SyntheticGraphOptions {
  readonly nodes: number;
  /** Edges drawn (before repeated pairs merge). */
  readonly edges: number;
  /** Share of edges whose second endpoint ignores the first one's community. */
  readonly mixing?: number;
  readonly minCommunity?: number;
  readonly maxCommunity?: number;
  /** Pareto tail index of community sizes. */
  readonly communityTail?: number;
  /** Pareto tail index of degree propensities (smaller is heavier). */
  readonly degreeTail?: number;
  readonly maxDegreeRatio?: number;
  readonly seed?: number;
}

export interface SyntheticGraph {
  readonly nodeCount: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
  /** Planted community of each node, 0..communityCount-1. */
  readonly truth: Int32Array;
  readonly communityCount: number;
}

/** Position in `cumulative[from..to)` where a uniform draw over that range's mass falls. */
function pickInRange(cumulative: Float64Array, from: number, to: number, rng: Rng): number {
  const base = from === 0 ? 0 : cumulative[from - 1]!;
  const target = base + rng.next() * (cumulative[to - 1]! - base);
  let low = from;
  let high = to - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A seeded planted-partition graph (see the file header). O(nodes + edges log nodes). */
export function syntheticGraph(options: SyntheticGraphOptions): SyntheticGraph {
  const {
    nodes,
    edges,
    mixing = 0.3,
    minCommunity = 20,
    maxCommunity = 1000,
    communityTail = 1,
    degreeTail = 1.5,
    maxDegreeRatio = 100,
    seed = 1,
  } = options;
  const rng = new Rng(seed);

  // Communities as consecutive blocks of positions, then positions shuffled into node ids.
  const blockOf = new Int32Array(nodes);
  const blockStarts: number[] = [0];
  while (blockStarts[blockStarts.length - 1]! < nodes) {
    const start = blockStarts[blockStarts.length - 1]!;
    const size = Math.min(maxCommunity, Math.round(rng.pareto(minCommunity, communityTail)));
    const end = nodes - (start + size) < minCommunity ? nodes : start + size;
    blockOf.fill(blockStarts.length - 1, start, end);
    blockStarts.push(end);
  }
  const communityCount = blockStarts.length - 1;

  const cumulative = new Float64Array(nodes);
  let total = 0;
  for (let position = 0; position < nodes; position += 1) {
    total += Math.min(maxDegreeRatio, rng.pareto(1, degreeTail));
    cumulative[position] = total;
  }

  const nodeAt = new Int32Array(nodes);
  for (let i = 0; i < nodes; i += 1) nodeAt[i] = i;
  for (let i = nodes - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    const swap = nodeAt[i]!;
    nodeAt[i] = nodeAt[j]!;
    nodeAt[j] = swap;
  }

  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  for (let e = 0; e < edges; e += 1) {
    const first = pickInRange(cumulative, 0, nodes, rng);
    let second = first;
    while (second === first) {
      if (rng.next() < mixing) {
        second = pickInRange(cumulative, 0, nodes, rng);
      } else {
        const block = blockOf[first]!;
        if (blockStarts[block + 1]! - blockStarts[block]! < 2) break;
        second = pickInRange(cumulative, blockStarts[block]!, blockStarts[block + 1]!, rng);
      }
    }
    if (second === first) second = (first + 1) % nodes;
    sources[e] = nodeAt[first]!;
    targets[e] = nodeAt[second]!;
  }

  const truth = new Int32Array(nodes);
  for (let position = 0; position < nodes; position += 1) {
    truth[nodeAt[position]!] = blockOf[position]!;
  }
  return {
    nodeCount: nodes,
    sources,
    targets,
    weights: new Float32Array(edges).fill(1),
    truth,
    communityCount,
  };
}
