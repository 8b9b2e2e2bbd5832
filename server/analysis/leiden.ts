/**
 * Leiden community detection (Traag, Waltman & van Eck 2019, "From Louvain to Leiden:
 * guaranteeing well-connected communities") on a `CompactGraph`.
 *
 * Each level runs three phases:
 * 1. fast local moving of nodes between communities (shared with Louvain);
 * 2. refinement: within each community, starting from singletons, well-connected nodes merge into
 *    well-connected sub-communities of the same community, each choice drawn at random with
 *    probability rising with its quality gain (`theta` sets how much randomness);
 * 3. aggregation of the refined partition into a smaller graph, whose starting partition is the
 *    unrefined one.
 * Levels repeat until every community is a single node; whole iterations repeat, starting from
 * the last partition, until an iteration changes nothing or raises quality by less than
 * `tolerance` (relative), at most `maxIterations` times. Because nodes only ever merge with
 * neighbours in the refinement, every community returned is connected.
 *
 * The quality is modularity (default) or the constant Potts model (CPM), both at a resolution.
 */
import { nodeStrengths, type CompactGraph } from './compactGraph';
import {
  aggregateLevel,
  moveNodesFast,
  renumberCommunities,
  singletons,
  type CommunityResult,
  type Level,
} from './louvain';
import { modularity } from './metrics';
import { seededRandom, shuffledRange, type RandomSource } from './random';

export type LeidenQuality = 'modularity' | 'cpm';

export interface LeidenOptions {
  /** `modularity`, or `cpm`: communities denser than `resolution` (edge weight a node pair). */
  readonly quality?: LeidenQuality;
  /** Higher values give more, smaller communities. */
  readonly resolution?: number;
  /** Randomness of the refinement, in units of edge weight; 0 always takes the best merge. */
  readonly theta?: number;
  /** Seed of the random choices; the same seed gives the same partition. */
  readonly seed?: number;
  /** A random source to use instead of `seed`. */
  readonly random?: RandomSource;
  /** At most this many iterations, even if the last one still changed the partition. */
  readonly maxIterations?: number;
  /** Stop once an iteration raises quality by less than this share of it. */
  readonly tolerance?: number;
}

/** Defaults of `leiden`. */
export const LEIDEN_DEFAULTS = {
  quality: 'modularity',
  resolution: 1,
  theta: 0.01,
  seed: 1,
  maxIterations: 10,
  tolerance: 1e-4,
} as const;

/** Leiden's communities; `modularity` is at the resolution used, or at 1 under CPM. */
export interface LeidenResult extends CommunityResult {
  /** The quality optimised: modularity, or the CPM value sum(inside weight - resolution * pairs). */
  readonly quality: number;
  /** Iterations run (the last one changed the partition little or not at all, unless `maxIterations` stopped the run). */
  readonly iterations: number;
}

/**
 * Refines a partition of a level: every node starts alone; in random order, each node still alone
 * and well connected to the rest of its community may join a well-connected sub-community of the
 * same community it has edges to, drawn with probability proportional to exp(gain / theta) among
 * the choices that do not lower quality (staying alone among them). O(nodes + entries).
 */
function refinePartition(
  level: Level,
  scale: number,
  communities: Int32Array,
  communityCount: number,
  theta: number,
  random: RandomSource,
): Int32Array {
  const { offsets, targets, weights, nodeCount } = level.graph;
  const nodeWeights = level.nodeWeights;
  const communityTotals = new Float64Array(communityCount);
  for (let v = 0; v < nodeCount; v += 1) communityTotals[communities[v]!]! += nodeWeights[v]!;

  const refined = singletons(nodeCount);
  const refinedTotals = Float64Array.from(nodeWeights);
  const refinedSizes = new Int32Array(nodeCount).fill(1);
  // Weight from each sub-community to the rest of its community.
  const outside = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v += 1) {
    let weight = 0;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (u !== v && communities[u] === communities[v]) weight += weights[at]!;
    }
    outside[v] = weight;
  }

  const neighbourWeight = new Float64Array(nodeCount);
  const touched = new Int32Array(nodeCount);
  const chances = new Float64Array(nodeCount);
  const order = shuffledRange(nodeCount, random);
  for (let i = 0; i < nodeCount; i += 1) {
    const v = order[i]!;
    if (refinedSizes[refined[v]!] !== 1) continue;
    const community = communities[v]!;
    const size = nodeWeights[v]!;
    const communityTotal = communityTotals[community]!;
    if (outside[v]! < scale * size * (communityTotal - size)) continue;

    let touchedCount = 0;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (u === v || communities[u] !== community) continue;
      const sub = refined[u]!;
      if (neighbourWeight[sub] === 0) touched[touchedCount++] = sub;
      neighbourWeight[sub]! += weights[at]!;
    }

    // Candidates: staying alone (gain 0) and each well-connected neighbouring sub-community.
    let bestGain = 0;
    let best = v;
    for (let t = 0; t < touchedCount; t += 1) {
      const sub = touched[t]!;
      const total = refinedTotals[sub]!;
      const gain = neighbourWeight[sub]! - scale * size * total;
      const wellConnected = outside[sub]! >= scale * total * (communityTotal - total);
      chances[t] = wellConnected && gain >= 0 ? gain : -1;
      if (chances[t]! >= 0 && gain > bestGain) {
        bestGain = gain;
        best = sub;
      }
    }
    if (theta > 0 && touchedCount > 0) {
      // Weights relative to the best choice, so that exp cannot overflow.
      const stayChance = bestGain / theta > 700 ? 0 : Math.exp(-bestGain / theta);
      let sum = stayChance;
      for (let t = 0; t < touchedCount; t += 1) {
        const gain = chances[t]!;
        const exponent = (gain - bestGain) / theta;
        chances[t] = gain < 0 || exponent < -700 ? 0 : Math.exp(exponent);
        sum += chances[t]!;
      }
      let draw = random() * sum - stayChance;
      best = v;
      // The first candidate at which the running sum passes the draw (the last one on rounding).
      for (let t = 0; t < touchedCount && draw >= 0; t += 1) {
        if (chances[t]! > 0) {
          best = touched[t]!;
          draw -= chances[t]!;
        }
      }
    }

    if (best !== v) {
      refined[v] = best;
      refinedSizes[v] = 0;
      refinedSizes[best]! += 1;
      refinedTotals[v] = 0;
      refinedTotals[best]! += size;
      outside[best] = outside[best]! + outside[v]! - 2 * neighbourWeight[best]!;
    }
    for (let t = 0; t < touchedCount; t += 1) neighbourWeight[touched[t]!] = 0;
  }
  return refined;
}

/**
 * One Leiden iteration from a starting partition of the graph (modified into the result).
 * Returns the number of aggregation levels run, and whether it stopped because the refinement
 * could merge nothing while some community still held several nodes.
 */
function leidenIteration(
  graph: CompactGraph,
  nodeWeights: Float64Array,
  scale: number,
  partition: Int32Array,
  theta: number,
  random: RandomSource,
): { levels: number; stalled: boolean } {
  const membership = singletons(graph.nodeCount);
  let stalled = false;
  let level: Level = { graph, nodeWeights };
  let communities = partition.slice();
  let levels = 0;
  for (;;) {
    moveNodesFast(level, scale, communities, random);
    const count = renumberCommunities(communities);
    if (count === level.graph.nodeCount) break;
    const refined = refinePartition(level, scale, communities, count, theta, random);
    const refinedCount = renumberCommunities(refined);
    // No node could join another: aggregation would give the same graph again.
    if (refinedCount === level.graph.nodeCount) {
      stalled = true;
      break;
    }
    const next = new Int32Array(refinedCount);
    for (let v = 0; v < level.graph.nodeCount; v += 1) next[refined[v]!] = communities[v]!;
    for (let v = 0; v < membership.length; v += 1) membership[v] = refined[membership[v]!]!;
    level = aggregateLevel(level, refined, refinedCount);
    communities = next;
    levels += 1;
  }
  for (let v = 0; v < partition.length; v += 1) partition[v] = communities[membership[v]!]!;
  return { levels, stalled };
}

/**
 * Splits every community into its connected components (numbered after the existing ids).
 * Returns whether anything was split. O(n + m).
 */
function splitDisconnected(graph: CompactGraph, communities: Int32Array): boolean {
  const { offsets, targets, nodeCount } = graph;
  const component = new Int32Array(nodeCount).fill(-1);
  const seenCommunity = new Uint8Array(nodeCount + 1);
  let nextId = 0;
  for (let v = 0; v < nodeCount; v += 1) nextId = Math.max(nextId, communities[v]! + 1);
  const stack = new Int32Array(nodeCount);
  let split = false;
  for (let start = 0; start < nodeCount; start += 1) {
    if (component[start] !== -1) continue;
    const community = communities[start]!;
    let id = community;
    if (seenCommunity[community] === 1) {
      id = nextId++;
      split = true;
    }
    seenCommunity[community] = 1;
    let top = 0;
    stack[top++] = start;
    component[start] = id;
    while (top > 0) {
      const v = stack[--top]!;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const u = targets[at]!;
        if (component[u] === -1 && communities[u] === community) {
          component[u] = id;
          stack[top++] = u;
        }
      }
    }
  }
  communities.set(component);
  return split;
}

/**
 * The ids of the communities that are not connected in the graph (a community is connected when
 * its nodes can reach each other over edges inside it). O(n + m).
 */
export function disconnectedCommunities(
  graph: CompactGraph,
  communities: ArrayLike<number>,
): number[] {
  const copy = Int32Array.from(communities);
  splitDisconnected(graph, copy);
  const firstComponent = new Map<number, number>();
  const disconnected = new Set<number>();
  for (let v = 0; v < graph.nodeCount; v += 1) {
    const community = communities[v]!;
    const known = firstComponent.get(community);
    if (known === undefined) firstComponent.set(community, copy[v]!);
    else if (known !== copy[v]) disconnected.add(community);
  }
  return [...disconnected].sort((a, b) => a - b);
}

/** Whether the nodes of `community` form a connected subgraph (true for an empty one). O(n + m). */
export function isConnectedCommunity(
  graph: CompactGraph,
  communities: ArrayLike<number>,
  community: number,
): boolean {
  return !disconnectedCommunities(graph, communities).includes(community);
}

/** CPM quality: sum over communities of inside weight - resolution * node pairs. O(n + m). */
function cpmQuality(graph: CompactGraph, communities: Int32Array, resolution: number): number {
  let largest = -1;
  for (let v = 0; v < graph.nodeCount; v += 1) largest = Math.max(largest, communities[v]!);
  const sizes = new Float64Array(largest + 1);
  let inside = 0;
  for (let v = 0; v < graph.nodeCount; v += 1) {
    sizes[communities[v]!]! += 1;
    for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
      const u = graph.targets[at]!;
      // Each edge is in both rows; a diagonal entry A[v][v] is twice the loop's weight.
      if (communities[u] === communities[v]) inside += graph.weights[at]! / 2;
    }
  }
  let pairs = 0;
  for (const size of sizes) pairs += (size * (size - 1)) / 2;
  return inside - resolution * pairs;
}

/**
 * Leiden communities of an undirected weighted graph (see the file header): every community is
 * connected. Deterministic for a given seed. Each iteration costs about as much as a Louvain run,
 * O(m) a level; later iterations are cheaper as fewer nodes move.
 */
export function leiden(graph: CompactGraph, options: LeidenOptions = {}): LeidenResult {
  const quality = options.quality ?? LEIDEN_DEFAULTS.quality;
  const resolution = options.resolution ?? LEIDEN_DEFAULTS.resolution;
  const theta = options.theta ?? LEIDEN_DEFAULTS.theta;
  const maxIterations = options.maxIterations ?? LEIDEN_DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? LEIDEN_DEFAULTS.tolerance;
  const random = options.random ?? seededRandom(options.seed ?? LEIDEN_DEFAULTS.seed);
  if (!(resolution >= 0))
    throw new RangeError(`leiden: resolution must be >= 0, not ${resolution}`);
  if (!(theta >= 0)) throw new RangeError(`leiden: theta must be >= 0, not ${theta}`);
  if (quality !== 'modularity' && quality !== 'cpm') {
    throw new RangeError(`leiden: unknown quality ${String(quality)}`);
  }

  const partition = singletons(graph.nodeCount);
  const qualityOf = (communities: Int32Array): number =>
    quality === 'modularity'
      ? modularity(graph, communities, resolution)
      : cpmQuality(graph, communities, resolution);
  let levels = 0;
  let iterations = 0;
  if (graph.totalWeight > 0) {
    const nodeWeights =
      quality === 'modularity' ? nodeStrengths(graph) : new Float64Array(graph.nodeCount).fill(1);
    const scale = quality === 'modularity' ? resolution / (2 * graph.totalWeight) : resolution;
    let stalled = false;
    let previousQuality = qualityOf(partition);
    while (iterations < maxIterations) {
      const before = partition.slice();
      const iteration = leidenIteration(graph, nodeWeights, scale, partition, theta, random);
      levels += iteration.levels;
      stalled ||= iteration.stalled;
      iterations += 1;
      renumberCommunities(partition);
      if (sameLabels(before, partition)) break;
      const currentQuality = qualityOf(partition);
      if (currentQuality - previousQuality <= tolerance * Math.abs(currentQuality)) break;
      previousQuality = currentQuality;
    }
    // The refinement keeps communities connected. An iteration that stalled (no node could join
    // another) ends on the unrefined partition, so split it into connected parts to be sure;
    // splitting a community along missing edges never lowers quality.
    if (stalled) splitDisconnected(graph, partition);
  }
  const count = renumberCommunities(partition);
  return {
    communities: partition,
    count,
    modularity: modularity(graph, partition, quality === 'modularity' ? resolution : 1),
    quality: qualityOf(partition),
    levels,
    iterations,
  };
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let v = 0; v < a.length; v += 1) if (a[v] !== b[v]) return false;
  return true;
}
