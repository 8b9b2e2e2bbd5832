/**
 * `npm run bench:risk [-- --numbers 200000 --days 14 --worlds operator:3,rings:2 --reports 1,2,3
 *   --reported 1,2,5]`:
 * report-based risk on call graphs the size of an operator's, against plain personalised
 * PageRank and degree from the same reports, in the same run.
 *
 * Each world is a call-record world (seed/callring) of `numbers` phone numbers over `days` days,
 * `mode:seed` (operator: mostly lone fraud numbers; rings: organised calling rings; the seeds of
 * bench:detection's held-out call worlds by default), read into the analysis graph in memory as
 * the API reads it from Neo4j: numbers, SIMs, handsets and each pair's calls. 20% of the fraud
 * numbers are reported (`--reported n,m`: n of them, then m, each world made once; one draw per
 * `--reports` seed); the ranking
 * is judged on the other phone numbers. Prints per world the mean AUC and precision@100 of each
 * ranking over the draws, the ways of ranking risk chose, and median seconds. No Neo4j: the time
 * is the ranking's alone.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateCallRing, type CallRingMode } from '../../seed/callring/index';
import { personalizedPageRank } from '../../server/analysis/centrality';
import { AnalysisGraphBuilder, type AnalysisGraph } from '../../server/analysis/rings/index';
import { explainRisk } from '../../server/analysis/rings/risk';
import { mean, pickReported, rankingFigures, riskPool } from './detection/metrics';

function usage(message: string): never {
  console.error(`bench:risk: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    numbers: { type: 'string', default: '200000' },
    days: { type: 'string', default: '14' },
    worlds: { type: 'string', default: 'operator:3,rings:2' },
    reports: { type: 'string', default: '1,2,3' },
    reported: { type: 'string' },
  },
});
const numbers = Number(values.numbers);
const days = Number(values.days);
if (!Number.isInteger(numbers) || numbers < 1_000) usage('--numbers: a whole number, 1000 or more');
if (!Number.isInteger(days) || days < 1) usage('--days: a whole number of 1 or more');
const worlds = values.worlds.split(',').map((spec) => {
  const [mode, seed] = spec.split(':');
  const modes: readonly CallRingMode[] = ['operator', 'rings'];
  const known = modes.find((m) => m === mode);
  if (!known || !/^\d+$/.test(seed ?? '')) {
    usage(`--worlds: mode:seed pairs such as operator:3,rings:2, not "${spec}"`);
  }
  return { mode: known, seed: Number(seed) };
});
const reportSeeds = values.reports.split(',').map(Number);
if (reportSeeds.some((s) => !Number.isInteger(s))) usage('--reports: whole numbers');
/** How many fraud numbers are reported, in turn; null: 20% of them. */
const reportedCounts: (number | null)[] =
  values.reported === undefined ? [null] : values.reported.split(',').map(Number);
if (reportedCounts.some((k) => k !== null && !(Number.isInteger(k) && k >= 1))) {
  usage('--reported: whole numbers of 1 or more, such as 1,2,5');
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The world's analysis graph, as read from Neo4j: numbers, SIMs, handsets, calls per pair. */
function callGraph(world: ReturnType<typeof generateCallRing>): AnalysisGraph {
  const { number, imsi } = world.subscribers;
  const builder = new AnalysisGraphBuilder();
  const pairs = new Map<number, Map<number, { calls: number; seconds: number }>>();
  for (const call of world.calls) {
    builder.addSimNumber(imsi[call.from]!, number[call.from]!);
    builder.addSimInDevice(imsi[call.from]!, call.imei);
    let byCallee = pairs.get(call.from);
    if (!byCallee) {
      byCallee = new Map<number, { calls: number; seconds: number }>();
      pairs.set(call.from, byCallee);
    }
    const pair = byCallee.get(call.to) ?? { calls: 0, seconds: 0 };
    pair.calls += 1;
    pair.seconds += call.duration;
    byCallee.set(call.to, pair);
  }
  for (const [from, byCallee] of pairs) {
    for (const [to, pair] of byCallee) {
      builder.addCalls(number[from]!, number[to]!, pair.calls, pair.seconds);
    }
  }
  return builder.build();
}

/** Degree: how many links each node has (the plainest peer). */
function degrees(graph: AnalysisGraph): Float64Array {
  const { offsets, nodeCount } = graph.graph;
  return Float64Array.from({ length: nodeCount }, (_, v) => offsets[v + 1]! - offsets[v]!);
}

const fmt = (x: number) => x.toFixed(3);
const reporting =
  values.reported === undefined ? '20% of the fraud numbers' : `${values.reported} numbers`;
console.log(
  `bench:risk: call worlds of ${numbers.toLocaleString('en')} numbers, ${days} days, ${reporting} reported`,
);
console.log(
  '| World | Nodes | Reported | Ringtrace AUC / P@100 | Way chosen | Seconds | PPR AUC / P@100 | Seconds | Degree AUC / P@100 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { mode, seed } of worlds) {
  const world = generateCallRing({ seed, numbers, days, mode });
  const graph = callGraph(world);
  const index = new Map(graph.keys.map((key, v) => [key, v]));
  const positives = world.truth.fraudNumbers
    .map((n) => index.get(`PhoneNumber:${n}`))
    .filter((v): v is number => v !== undefined);
  const degree = degrees(graph);
  for (const reportedCount of reportedCounts) {
    const figures = { risk: [] as number[][], ppr: [] as number[][], degree: [] as number[][] };
    const times = { risk: [] as number[], ppr: [] as number[] };
    const ways = new Set<string>();
    for (const reportSeed of reportSeeds) {
      const share = reportedCount === null ? 0.2 : reportedCount / positives.length;
      const reported = pickReported(positives, share, reportSeed);
      const { nodes, labels } = riskPool(graph.types, positives, reported, []);
      const judge = (scores: ArrayLike<number>) => {
        const { auc, precisionAtK } = rankingFigures(
          nodes.map((v) => scores[v]!),
          labels,
        );
        return [auc, precisionAtK];
      };
      let start = performance.now();
      const risk = explainRisk(graph, reported);
      times.risk.push(seconds(start));
      ways.add(risk.method);
      figures.risk.push(judge(risk.scores));
      start = performance.now();
      const ppr = personalizedPageRank(graph.graph, reported).scores;
      times.ppr.push(seconds(start));
      figures.ppr.push(judge(ppr));
      figures.degree.push(judge(degree));
    }
    const pair = (rows: number[][]) =>
      `${fmt(mean(rows.map((r) => r[0]!)))} / ${fmt(mean(rows.map((r) => r[1]!)))}`;
    console.log(
      `| ${mode}, seed ${seed} | ${graph.nodeCount.toLocaleString('en')} | ${reportedCount ?? '20%'} | ` +
        `${pair(figures.risk)} | ${[...ways].join(', ')} | ${median(times.risk).toFixed(1)} | ` +
        `${pair(figures.ppr)} | ${median(times.ppr).toFixed(1)} | ${pair(figures.degree)} |`,
    );
  }
}
