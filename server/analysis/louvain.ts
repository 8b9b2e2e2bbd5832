/**
 * Louvain community detection (Blondel et al. 2008) on a `CompactGraph`: nodes move between
 * communities while modularity rises, then each community becomes one node of a smaller graph,
 * and so on until nothing moves.
 *
 * The node moving is the queue-based "fast local move" of Traag, Waltman & van Eck (2019): every
 * node is visited once in a random order, and a node's neighbours are queued again only when it
 * moves. The building blocks here (moving, aggregation, renumbering) are shared with Leiden.
 *
 * Quality in the building blocks is written for both modularity and the constant Potts model:
 * moving node v into community C gains `w(v, C) - scale * size(v) * size(C)`, where `size` is a
 * node weight: a node's strength with `scale = resolution / 2m` for modularity, the number of
 * original nodes with `scale = resolution` for CPM.
 */
import { nodeStrengths, compactGraphFromRows, type CompactGraph } from './compactGraph';
import { modularity } from './metrics';
import { seededRandom, shuffledRange, type RandomSource } from './random';

/** Communities found in a graph. */
export interface CommunityResult {
  /** Community of every node, numbered 0..count-1 in order of each community's smallest node. */
  readonly communities: Int32Array;
  readonly count: number;
  /** Modularity of the partition at the resolution used. */
  readonly modularity: number;
  /** Aggregation levels run (0 when no node joined another). */
  readonly levels: number;
}

export interface LouvainOptions {
  /** Higher values give more, smaller communities. */
  readonly resolution?: number;
  /** Seed of the random node order; the same seed gives the same partition. */
  readonly seed?: number;
  /** A random source to use instead of `seed`. */
  readonly random?: RandomSource;
  /** Stop after this many aggregation levels. */
  readonly maxLevels?: number;
}

/** Defaults of `louvain`. */
export const LOUVAIN_DEFAULTS = { resolution: 1, seed: 1, maxLevels: 64 } as const;

/** One level of the multi-level scheme: a graph and the weight (size) of each of its nodes. */
export interface Level {
  readonly graph: CompactGraph;
  readonly nodeWeights: Float64Array;
}

/** The identity partition: every node alone. */
export function singletons(nodeCount: number): Int32Array {
  const communities = new Int32Array(nodeCount);
  for (let v = 0; v < nodeCount; v += 1) communities[v] = v;
  return communities;
}

/**
 * Moves nodes between communities (ids in 0..nodeCount-1, modified in place) while quality rises:
 * a queue holds every node in random order, and a node that moves queues its neighbours outside
 * its new community. A node may also leave for an empty community. Returns the number of moves.
 * Each visit costs O(degree); in practice a few visits a node.
 */
export function moveNodesFast(
  level: Level,
  scale: number,
  communities: Int32Array,
  random: RandomSource,
): number {
  const { offsets, targets, weights, nodeCount } = level.graph;
  const nodeWeights = level.nodeWeights;
  const communityWeights = new Float64Array(nodeCount);
  const communitySizes = new Int32Array(nodeCount);
  for (let v = 0; v < nodeCount; v += 1) {
    communityWeights[communities[v]!]! += nodeWeights[v]!;
    communitySizes[communities[v]!]!++;
  }
  const emptyCommunities = new Int32Array(nodeCount);
  let emptyCount = 0;
  for (let c = nodeCount - 1; c >= 0; c -= 1) {
    if (communitySizes[c] === 0) emptyCommunities[emptyCount++] = c;
  }

  const queue = shuffledRange(nodeCount, random);
  const queued = new Uint8Array(nodeCount).fill(1);
  let head = 0;
  let queueLength = nodeCount;
  const neighbourWeight = new Float64Array(nodeCount);
  const touched = new Int32Array(nodeCount);
  let moves = 0;

  while (queueLength > 0) {
    const v = queue[head]!;
    head = head + 1 === nodeCount ? 0 : head + 1;
    queueLength -= 1;
    queued[v] = 0;

    const current = communities[v]!;
    const size = nodeWeights[v]!;
    let touchedCount = 0;
    const rowEnd = offsets[v + 1]!;
    for (let at = offsets[v]!; at < rowEnd; at += 1) {
      const u = targets[at]!;
      if (u === v) continue;
      const community = communities[u]!;
      if (neighbourWeight[community] === 0) touched[touchedCount++] = community;
      neighbourWeight[community]! += weights[at]!;
    }
    communityWeights[current]! -= size;

    let best = current;
    const sizeScale = scale * size;
    let bestGain = neighbourWeight[current]! - sizeScale * communityWeights[current]!;
    for (let i = 0; i < touchedCount; i += 1) {
      const community = touched[i]!;
      const gain = neighbourWeight[community]! - sizeScale * communityWeights[community]!;
      if (gain > bestGain) {
        best = community;
        bestGain = gain;
      }
    }
    for (let i = 0; i < touchedCount; i += 1) neighbourWeight[touched[i]!] = 0;
    // Alone in an empty community the gain is 0; only worth it if the node has company now.
    if (bestGain < 0 && communitySizes[current]! > 1) {
      best = emptyCommunities[--emptyCount]!;
      bestGain = 0;
    }
    communityWeights[best]! += size;

    if (best !== current) {
      communitySizes[current]!--;
      if (communitySizes[current] === 0) emptyCommunities[emptyCount++] = current;
      communitySizes[best]!++;
      communities[v] = best;
      moves += 1;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const u = targets[at]!;
        if (queued[u] === 0 && communities[u] !== best) {
          queued[u] = 1;
          let tail = head + queueLength;
          if (tail >= nodeCount) tail -= nodeCount;
          queue[tail] = u;
          queueLength += 1;
        }
      }
    }
  }
  return moves;
}

/**
 * Renumbers community ids in place to 0..count-1 in order of first appearance (so each community
 * is numbered by its smallest node). Returns the count. O(nodes + largest id).
 */
export function renumberCommunities(communities: Int32Array): number {
  let largest = -1;
  for (let v = 0; v < communities.length; v += 1) largest = Math.max(largest, communities[v]!);
  const newId = new Int32Array(largest + 1).fill(-1);
  let count = 0;
  for (let v = 0; v < communities.length; v += 1) {
    const community = communities[v]!;
    if (newId[community] === -1) newId[community] = count++;
    communities[v] = newId[community]!;
  }
  return count;
}

/**
 * The graph whose nodes are the communities (ids dense in 0..count-1) of `level`: the weight
 * between two communities is the sum of the weights between their members, the weight inside a
 * community becomes a self-loop, and node weights add up. O(nodes + entries).
 */
export function aggregateLevel(level: Level, communities: Int32Array, count: number): Level {
  const { offsets, targets, weights, nodeCount } = level.graph;
  const memberStarts = new Int32Array(count + 1);
  for (let v = 0; v < nodeCount; v += 1) memberStarts[communities[v]! + 1]!++;
  for (let c = 0; c < count; c += 1) memberStarts[c + 1]! += memberStarts[c]!;
  const members = new Int32Array(nodeCount);
  const cursor = memberStarts.slice(0, count);
  for (let v = 0; v < nodeCount; v += 1) members[cursor[communities[v]!]!++] = v;

  const nodeWeights = new Float64Array(count);
  const newOffsets = new Int32Array(count + 1);
  let newTargets = new Int32Array(Math.max(16, Math.min(targets.length, count * 8)));
  let newWeights = new Float32Array(newTargets.length);
  const neighbourWeight = new Float64Array(count);
  const touched = new Int32Array(count);
  let written = 0;
  for (let c = 0; c < count; c += 1) {
    let touchedCount = 0;
    for (let m = memberStarts[c]!; m < memberStarts[c + 1]!; m += 1) {
      const v = members[m]!;
      nodeWeights[c]! += level.nodeWeights[v]!;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const d = communities[targets[at]!]!;
        if (neighbourWeight[d] === 0) touched[touchedCount++] = d;
        neighbourWeight[d]! += weights[at]!;
      }
    }
    if (written + touchedCount > newTargets.length) {
      const capacity = Math.max(written + touchedCount, newTargets.length * 2);
      const grownTargets = new Int32Array(capacity);
      const grownWeights = new Float32Array(capacity);
      grownTargets.set(newTargets);
      grownWeights.set(newWeights);
      newTargets = grownTargets;
      newWeights = grownWeights;
    }
    // Rows stay sorted, as in every CompactGraph.
    const row = touched.subarray(0, touchedCount).sort();
    for (let i = 0; i < touchedCount; i += 1) {
      const d = row[i]!;
      newTargets[written] = d;
      newWeights[written] = neighbourWeight[d]!;
      neighbourWeight[d] = 0;
      written += 1;
    }
    newOffsets[c + 1] = written;
  }
  return {
    graph: compactGraphFromRows(
      newOffsets,
      newTargets.slice(0, written),
      newWeights.slice(0, written),
    ),
    nodeWeights,
  };
}

/**
 * Louvain communities of an undirected weighted graph, maximising modularity at the given
 * resolution. Deterministic for a given seed. Roughly O(m) a level, O(m log n) in all; a
 * million-edge graph takes about a second.
 */
export function louvain(graph: CompactGraph, options: LouvainOptions = {}): CommunityResult {
  const resolution = options.resolution ?? LOUVAIN_DEFAULTS.resolution;
  const maxLevels = options.maxLevels ?? LOUVAIN_DEFAULTS.maxLevels;
  const random = options.random ?? seededRandom(options.seed ?? LOUVAIN_DEFAULTS.seed);
  if (!(resolution >= 0))
    throw new RangeError(`louvain: resolution must be >= 0, not ${resolution}`);

  const membership = singletons(graph.nodeCount);
  let levels = 0;
  if (graph.totalWeight > 0) {
    const scale = resolution / (2 * graph.totalWeight);
    let level: Level = { graph, nodeWeights: nodeStrengths(graph) };
    while (levels < maxLevels) {
      const communities = singletons(level.graph.nodeCount);
      moveNodesFast(level, scale, communities, random);
      const count = renumberCommunities(communities);
      if (count === level.graph.nodeCount) break;
      for (let v = 0; v < membership.length; v += 1) membership[v] = communities[membership[v]!]!;
      level = aggregateLevel(level, communities, count);
      levels += 1;
    }
  }
  const count = renumberCommunities(membership);
  return {
    communities: membership,
    count,
    modularity: modularity(graph, membership, resolution),
    levels,
  };
}
