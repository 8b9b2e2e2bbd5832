/**
 * `npm run bench:analysis [-- --size medium --seed 7 --people 40000 --runs 3]`: how fast ring
 * analysis runs on a graph of over a million relationships, and its Louvain step against GDS and
 * graphology.
 *
 * By default the medium scenario with 40,000 people: about 4M relationships in Neo4j and an
 * analysis graph of over 1M edges. `--people 0` keeps the preset's 100,000 people (the graph
 * `bench:api` uses, 10M relationships). Each graph lives in a dedicated Neo4j under
 * .ringtrace/bench/, loaded on first use. Prints medians over the runs of:
 * - end to end: reading the analysis graph from Neo4j, finding rings and roles, writing the run
 *   back, as the API runs it (detection in its worker thread, started while the graph is read;
 *   communities found while the nodes' ids are read, so "read" ends when the graph is built and
 *   "detect" includes the rest of the reading) but without the HTTP request;
 * - the Louvain step, side by side on the same graph: Ringtrace (building the compact structure
 *   from edge lists, then Louvain), GDS Louvain (projecting the same edges, then Louvain), and
 *   graphology (building its graph, then Louvain) — on the scenario's analysis graph and on a
 *   synthetic graph of a million edges;
 * - bytes per edge of the compact structure.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import Graph from 'graphology';
import graphologyLouvain from 'graphology-communities-louvain';
import {
  buildCompactGraph,
  bytesPerEdge,
  type CompactGraph,
} from '../../server/analysis/compactGraph';
import { louvain } from '../../server/analysis/louvain';
import { adjustedRandIndex } from '../../server/analysis/metrics';
import { seededRandom } from '../../server/analysis/random';
import { detectRingsInWorker, prepareAnalysisWorker } from '../../server/analysis/runInWorker';
import type { Executor } from '../../server/db/executor';
import { queries } from '../../server/db/queries';
import { readRunGraph } from '../../server/services/analysis';
import { createRun, finishRun } from '../../server/services/analysisRuns';
import { edgeColumns } from '../../server/services/gdsCommunities';
import { RINGTRACE_VERSION } from '../../server/version';
import { openScenarioGraph, type ScenarioSize } from './scenarios';
import { syntheticGraph } from './syntheticGraph';

const seconds = (since: number) => (performance.now() - since) / 1000;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const fmt = (value: number) => value.toFixed(2).padStart(7);
/**
 * Collects garbage before a timed step (node runs with --expose-gc), so that one step's garbage
 * (a peer's million-edge graph) is not collected in the next step's time.
 */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** The Louvain step three ways on one edge list; seconds and modularity of each. */
async function louvainSideBySide(
  executor: Executor,
  nodeCount: number,
  edges: {
    sources: Int32Array | number[];
    targets: Int32Array | number[];
    weights: Float32Array | number[];
  },
) {
  collectGarbage();
  let start = performance.now();
  const compact = buildCompactGraph(nodeCount, edges);
  const build = seconds(start);
  start = performance.now();
  const ours = louvain(compact, { seed: 1 });
  const detect = seconds(start);

  const columns = edgeColumns(compact);
  const name = `bench-${randomUUID()}`;
  start = performance.now();
  await executor.run(queries.projectAnalysisGraph, { name, ...columns });
  const gdsProject = seconds(start);
  start = performance.now();
  const rows = await executor.run(queries.gdsLouvainStream, { name, concurrency: 2 });
  const gdsDetect = seconds(start);
  await executor.run(queries.dropGdsGraph, { name });
  const gdsCommunities = new Int32Array(nodeCount).map((_, node) => -1 - node);
  for (const row of rows) gdsCommunities[row.nodeId] = row.communityId;

  collectGarbage();
  start = performance.now();
  const peer = new Graph({ type: 'undirected' });
  for (let node = 0; node < nodeCount; node += 1) peer.addNode(node);
  for (let i = 0; i < columns.sources.length; i += 1) {
    peer.addEdge(columns.sources[i], columns.targets[i], { weight: columns.weights[i] });
  }
  const peerBuild = seconds(start);
  start = performance.now();
  const peerResult = graphologyLouvain.detailed(peer, {
    getEdgeWeight: 'weight',
    rng: seededRandom(1),
  });
  const peerDetect = seconds(start);
  return {
    edges: compact.edgeCount,
    bytesPerEdge: bytesPerEdge(compact),
    ours: { build, detect, total: build + detect, modularity: ours.modularity },
    gds: { build: gdsProject, detect: gdsDetect, total: gdsProject + gdsDetect },
    graphology: {
      build: peerBuild,
      detect: peerDetect,
      total: peerBuild + peerDetect,
      modularity: peerResult.modularity,
    },
    agreement: adjustedRandIndex(ours.communities, gdsCommunities),
  };
}

function printSideBySide(title: string, runs: Awaited<ReturnType<typeof louvainSideBySide>>[]) {
  const m = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick));
  console.log(
    `\n${title}: ${runs[0]?.edges.toLocaleString('en')} edges, medians of ${runs.length}`,
  );
  console.log('                      build/project  Louvain    total  modularity');
  console.log(
    `  Ringtrace           ${fmt(m((r) => r.ours.build))}  ${fmt(m((r) => r.ours.detect))}  ${fmt(m((r) => r.ours.total))}  ${m((r) => r.ours.modularity).toFixed(4)}`,
  );
  console.log(
    `  GDS (2 threads)     ${fmt(m((r) => r.gds.build))}  ${fmt(m((r) => r.gds.detect))}  ${fmt(m((r) => r.gds.total))}  (ARI vs Ringtrace ${m((r) => r.agreement).toFixed(2)})`,
  );
  console.log(
    `  graphology          ${fmt(m((r) => r.graphology.build))}  ${fmt(m((r) => r.graphology.detect))}  ${fmt(m((r) => r.graphology.total))}  ${m((r) => r.graphology.modularity).toFixed(4)}`,
  );
  console.log(`  bytes per edge (Ringtrace): ${m((r) => r.bytesPerEdge).toFixed(1)} (goal <= 32)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'medium' },
      seed: { type: 'string', default: '7' },
      people: { type: 'string', default: '40000' },
      runs: { type: 'string', default: '3' },
    },
  });
  const size = values.size as ScenarioSize;
  const runs = Number(values.runs);
  const people = Number(values.people) > 0 ? Number(values.people) : undefined;
  const { database } = await openScenarioGraph(size, Number(values.seed), {}, people);
  const executor = database.executor;
  try {
    const [inNeo4j] = await executor.run(queries.graphSize, {});
    console.log(
      `Graph in Neo4j: ${(inNeo4j?.nodes ?? 0).toLocaleString('en')} nodes, ` +
        `${(inNeo4j?.relationships ?? 0).toLocaleString('en')} relationships.`,
    );
    const endToEnd: { read: number; detect: number; write: number; total: number }[] = [];
    let edges = 0;
    let rings = 0;
    let graphForSteps: CompactGraph | undefined;
    for (let run = 0; run < runs; run += 1) {
      collectGarbage();
      const started = performance.now();
      let start = started;
      // As the API runs it: the worker starts while the graph is read, and finds communities
      // while the graph's keys are read.
      prepareAnalysisWorker();
      const { graph, keys } = await readRunGraph(executor, {}, () => undefined);
      const read = seconds(start);
      start = performance.now();
      const analysis = await detectRingsInWorker(
        graph,
        { algorithm: 'louvain', resolution: 1, seed: 1 },
        undefined,
        () => undefined,
        keys,
      );
      const detect = seconds(start);
      start = performance.now();
      const id = randomUUID();
      await createRun(executor, {
        id,
        params: { algorithm: 'louvain', resolution: 1, seed: 1, bench: true },
        engine: 'ringtrace',
        version: RINGTRACE_VERSION,
        startedBy: 'bench',
      });
      await finishRun(executor, id, analysis, graph);
      const write = seconds(start);
      endToEnd.push({ read, detect, write, total: seconds(started) });
      edges = graph.graph.edgeCount;
      rings = analysis.rings.length;
      graphForSteps = graph.graph;
    }
    console.log(
      `\nEnd to end (read from Neo4j, detect rings and roles, write back), medians of ${runs}:` +
        `\n  analysis graph ${edges.toLocaleString('en')} edges, ${rings} rings` +
        `\n  read ${fmt(median(endToEnd.map((r) => r.read)))} s, detect ${fmt(median(endToEnd.map((r) => r.detect)))} s, ` +
        `write ${fmt(median(endToEnd.map((r) => r.write)))} s, total ${fmt(median(endToEnd.map((r) => r.total)))} s (goal <= 10 s)`,
    );

    if (graphForSteps) {
      const columns = edgeColumns(graphForSteps);
      const scenarioRuns = [];
      for (let run = 0; run < runs; run += 1) {
        scenarioRuns.push(await louvainSideBySide(executor, graphForSteps.nodeCount, columns));
      }
      printSideBySide(`Louvain step on the ${size} scenario's analysis graph`, scenarioRuns);
    }

    const synthetic = syntheticGraph({ nodes: 200_000, edges: 1_100_000, seed: 7 });
    const syntheticRuns = [];
    for (let run = 0; run < runs; run += 1) {
      syntheticRuns.push(await louvainSideBySide(executor, synthetic.nodeCount, synthetic));
    }
    printSideBySide('Louvain step on a synthetic graph', syntheticRuns);
    console.log('\nGoal: Ringtrace build + Louvain <= 2 s for 1M edges, and no slower than GDS.');
  } finally {
    await database.close();
  }
}

await main();
