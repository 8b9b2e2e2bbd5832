/**
 * The Graph Data Science engine for ring analysis: the analysis graph Ringtrace read is projected
 * into the GDS catalog as it is (same nodes, same weights), GDS finds the communities, and the
 * projection is dropped. The rest of the analysis treats its communities like Ringtrace's own.
 */
import { randomUUID } from 'node:crypto';
import type { CompactGraph } from '../analysis/compactGraph';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';

export interface GdsCommunityOptions {
  readonly algorithm: 'louvain' | 'leiden';
  readonly resolution: number;
  readonly seed: number;
  readonly concurrency?: number;
}

/** Each undirected edge once, as columns. */
export function edgeColumns(graph: CompactGraph) {
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let node = 0; node < graph.nodeCount; node += 1) {
    const end = graph.offsets[node + 1] ?? 0;
    for (let at = graph.offsets[node] ?? 0; at < end; at += 1) {
      const target = graph.targets[at] ?? 0;
      if (target <= node) continue;
      sources.push(node);
      targets.push(target);
      weights.push(graph.weights[at] ?? 0);
    }
  }
  return { sources, targets, weights };
}

/**
 * Community of every node (dense ids; nodes without links are their own community), found by
 * GDS Louvain or Leiden. Louvain in GDS has no resolution parameter; Leiden uses it as gamma.
 */
export async function gdsCommunities(
  executor: Executor,
  graph: CompactGraph,
  options: GdsCommunityOptions,
): Promise<Int32Array> {
  const communities = new Int32Array(graph.nodeCount).fill(-1);
  if (graph.edgeCount === 0) return communities.map((_, node) => node);
  const name = `ringtrace-${randomUUID()}`;
  const concurrency = options.concurrency ?? 4;
  try {
    await executor.run(queries.projectAnalysisGraph, { name, ...edgeColumns(graph) });
    const rows =
      options.algorithm === 'leiden'
        ? await executor.run(queries.gdsLeidenStream, {
            name,
            resolution: options.resolution,
            seed: options.seed,
            concurrency,
          })
        : await executor.run(queries.gdsLouvainStream, { name, concurrency });
    const dense = new Map<number, number>();
    for (const row of rows) {
      let id = dense.get(row.communityId);
      if (id === undefined) {
        id = dense.size;
        dense.set(row.communityId, id);
      }
      communities[row.nodeId] = id;
    }
    let next = dense.size;
    for (let node = 0; node < communities.length; node += 1) {
      if ((communities[node] ?? -1) < 0) communities[node] = next++;
    }
    return communities;
  } finally {
    await executor.run(queries.dropGdsGraph, { name });
  }
}
