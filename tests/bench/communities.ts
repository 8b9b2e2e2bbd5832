/**
 * `npm run bench:communities [-- --nodes 200000 --edges 1150000 --runs 3 --seed 7]`: how fast
 * Ringtrace finds communities in a large network, and how good they are.
 *
 * On a seeded planted-partition graph with heavy-tailed degrees and community sizes (see
 * syntheticGraph.ts; the default draws give a little over a million distinct edges), each run
 * times building the compact graph, Louvain and Leiden, and, as a peer in the same run,
 * graphology's Louvain on the same merged edges (building its graph, then detecting). Prints the
 * median of the runs for each figure, with modularity, agreement with the planted partition and
 * between ours and graphology's (adjusted Rand index), and the compact graph's bytes per edge.
 * The machine may be shared: the medians damp, but do not remove, other load. The script runs
 * node with --expose-gc so that garbage is collected between timed steps.
 */
import { parseArgs } from 'node:util';
import Graph from 'graphology';
import graphologyLouvain from 'graphology-communities-louvain';
import {
  buildCompactGraph,
  bytesPerEdge,
  type CompactGraph,
} from '../../server/analysis/compactGraph';
import { leiden } from '../../server/analysis/leiden';
import { louvain } from '../../server/analysis/louvain';
import { adjustedRandIndex } from '../../server/analysis/metrics';
import { seededRandom } from '../../server/analysis/random';
import { syntheticGraph, type SyntheticGraph } from './syntheticGraph';

interface RunFigures {
  buildSeconds: number;
  louvainSeconds: number;
  buildAndLouvainSeconds: number;
  leidenSeconds: number;
  peerBuildSeconds: number;
  peerLouvainSeconds: number;
  louvainModularity: number;
  leidenModularity: number;
  peerModularity: number;
  louvainCommunities: number;
  leidenCommunities: number;
  peerCommunities: number;
  louvainTruthAri: number;
  leidenTruthAri: number;
  peerTruthAri: number;
  oursVsPeerAri: number;
  bytesPerEdge: number;
  edges: number;
}

/**
 * Collects garbage before a timed step when node runs with --expose-gc, so that one step's
 * leftovers (graphology's graph is large) are not paid for by the next.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/** graphology's undirected graph of the same merged, weighted edges. */
function graphologyGraph(graph: CompactGraph): Graph {
  const peer = new Graph({ type: 'undirected' });
  for (let v = 0; v < graph.nodeCount; v += 1) peer.addNode(v);
  for (let v = 0; v < graph.nodeCount; v += 1) {
    for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
      const u = graph.targets[at]!;
      if (u > v) peer.addEdge(v, u, { weight: graph.weights[at]! });
    }
  }
  return peer;
}

function run(synthetic: SyntheticGraph, seed: number): RunFigures {
  collectGarbage();
  let start = performance.now();
  const graph = buildCompactGraph(synthetic.nodeCount, synthetic);
  const buildSeconds = seconds(start);
  collectGarbage();
  start = performance.now();
  const ours = louvain(graph, { seed });
  const louvainSeconds = seconds(start);
  collectGarbage();
  start = performance.now();
  const refined = leiden(graph, { seed });
  const leidenSeconds = seconds(start);

  collectGarbage();
  start = performance.now();
  const peer = graphologyGraph(graph);
  const peerBuildSeconds = seconds(start);
  collectGarbage();
  start = performance.now();
  const peerResult = graphologyLouvain.detailed(peer, {
    getEdgeWeight: 'weight',
    rng: seededRandom(seed),
  });
  const peerLouvainSeconds = seconds(start);
  const peerCommunities = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v += 1) {
    peerCommunities[v] = peerResult.communities[String(v)]!;
  }

  return {
    buildSeconds,
    louvainSeconds,
    buildAndLouvainSeconds: buildSeconds + louvainSeconds,
    leidenSeconds,
    peerBuildSeconds,
    peerLouvainSeconds,
    louvainModularity: ours.modularity,
    leidenModularity: refined.modularity,
    peerModularity: peerResult.modularity,
    louvainCommunities: ours.count,
    leidenCommunities: refined.count,
    peerCommunities: peerResult.count,
    louvainTruthAri: adjustedRandIndex(synthetic.truth, ours.communities),
    leidenTruthAri: adjustedRandIndex(synthetic.truth, refined.communities),
    peerTruthAri: adjustedRandIndex(synthetic.truth, peerCommunities),
    oursVsPeerAri: adjustedRandIndex(ours.communities, peerCommunities),
    bytesPerEdge: bytesPerEdge(graph),
    edges: graph.edgeCount,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ROWS: [keyof RunFigures, string, number][] = [
  ['buildSeconds', 'Ringtrace: build compact graph (s)', 3],
  ['louvainSeconds', 'Ringtrace: Louvain (s)', 3],
  ['buildAndLouvainSeconds', 'Ringtrace: build + Louvain (s)', 3],
  ['leidenSeconds', 'Ringtrace: Leiden (s)', 3],
  ['peerBuildSeconds', 'graphology: build graph (s)', 3],
  ['peerLouvainSeconds', 'graphology: Louvain (s)', 3],
  ['bytesPerEdge', 'Ringtrace: compact graph bytes / edge', 2],
  ['louvainModularity', 'modularity, Ringtrace Louvain', 4],
  ['leidenModularity', 'modularity, Ringtrace Leiden', 4],
  ['peerModularity', 'modularity, graphology Louvain', 4],
  ['louvainCommunities', 'communities, Ringtrace Louvain', 0],
  ['leidenCommunities', 'communities, Ringtrace Leiden', 0],
  ['peerCommunities', 'communities, graphology Louvain', 0],
  ['louvainTruthAri', 'ARI vs planted, Ringtrace Louvain', 3],
  ['leidenTruthAri', 'ARI vs planted, Ringtrace Leiden', 3],
  ['peerTruthAri', 'ARI vs planted, graphology Louvain', 3],
  ['oursVsPeerAri', 'ARI Ringtrace Louvain vs graphology', 3],
];

function main(): void {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '200000' },
      edges: { type: 'string', default: '1150000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '7' },
    },
  });
  const nodes = Number(values.nodes);
  const drawn = Number(values.edges);
  const runs = Number(values.runs);
  const seed = Number(values.seed);

  let start = performance.now();
  const synthetic = syntheticGraph({ nodes, edges: drawn, seed });
  console.log(
    `Synthetic graph: ${nodes} nodes, ${drawn} edges drawn, ${synthetic.communityCount} planted ` +
      `communities (generated in ${seconds(start).toFixed(1)} s)`,
  );
  const figures: RunFigures[] = [];
  for (let r = 0; r < runs; r += 1) {
    start = performance.now();
    figures.push(run(synthetic, seed + r));
    console.log(`  run ${r + 1} of ${runs}: ${seconds(start).toFixed(1)} s`);
  }
  console.log(`\n${figures[0]!.edges} distinct undirected edges; median of ${runs} runs:\n`);
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  console.log(`${'figure'.padEnd(width)}  ${'median'.padStart(10)}  runs`);
  for (const [key, label, digits] of ROWS) {
    const all = figures.map((figure) => figure[key]);
    console.log(
      `${label.padEnd(width)}  ${median(all).toFixed(digits).padStart(10)}  ` +
        all.map((value) => value.toFixed(digits)).join(' / '),
    );
  }
}

main();
