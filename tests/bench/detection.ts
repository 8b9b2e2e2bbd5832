/**
 * `npm run bench:detection [-- --sizes small,medium --seeds 1,2,3]`: how well Ringtrace finds
 * scam rings, ringleaders, key members and mules, measured against generated scenarios' ground
 * truth, and how well report-based risk finds laundering accounts in the AMLSim sample.
 *
 * Each scenario (cached under .ringtrace/bench/) loads once into its own dedicated Neo4j data
 * folder under .ringtrace/bench/detection-data/ (Bolt port 7699); later runs reuse the loaded
 * graph. Per scenario: readAnalysisGraph, detectRings (Leiden, resolution 1, seed 1), then:
 *
 * - ARI: adjusted Rand index over the nodes that are either a true ring's entity or listed as a
 *   member of a detected ring. Truth label: the entity's (first) true ring; predicted label: the
 *   detected ring listing it. A node without a label on one side is a cluster of its own there.
 * - Ring precision / recall: a detected ring D hits the true ring T sharing most entities with it
 *   when |D ∩ T| >= half of min(|D|, |T|). Precision: detected rings that hit; recall: true rings
 *   hit by some detected ring.
 * - Ringleader precision@1: for each true ring, the top ringleader claim of the detected ring
 *   that best overlaps it is an entity the truth lists as that ring's ringleader.
 * - Key-member recall: true organisers, callers and mule herders (Person entities, and all
 *   entities) listed in a detected ring with a key role (organiser, caller, mule herder).
 * - Mule precision / recall / F1: bank accounts given role `mule` against the truth's mule
 *   accounts.
 *
 * AMLSim (../shared/data/amlsim-20k-fanin200, loaded with the shipped mappings): precision and
 * recall of accounts listed in detected rings against isFraud; and risk AUC when a random 20% of
 * the flagged accounts are given as reported (5 seeds), with plain personalised PageRank as the
 * peer. Medians over seeds for scenarios, means for AUC.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { writeScenario, type Truth } from '../../seed/index';
import { PROJECT_ROOT, loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import type { Executor } from '../../server/db/executor';
import { queries } from '../../server/db/queries';
import { loadFile } from '../../server/ingest/loader';
import { loadScenario } from '../../server/ingest/scenario';
import { shippedMapping } from '../../server/ingest/mapping';
import { readAnalysisGraph, type AnalysisGraph } from '../../server/services/analysisGraph';
import {
  KEY_ROLES,
  detectRings,
  scoreRisk,
  type RingAnalysis,
} from '../../server/analysis/rings/index';
import { personalizedPageRank } from '../../server/analysis/centrality';
import { adjustedRandIndex, rocAuc } from '../../server/analysis/metrics';
import { seededRandom, shuffledRange } from '../../server/analysis/random';

const BENCH_DIR = path.join(PROJECT_ROOT, '.ringtrace', 'bench');
const DATA_DIR = path.join(BENCH_DIR, 'detection-data');
const AMLSIM_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'amlsim-20k-fanin200');
const PARAMS = { algorithm: 'leiden', resolution: 1, seed: 1 } as const;

type Size = 'demo' | 'small' | 'medium' | 'large';

async function scenario(size: Size, seed: number): Promise<string> {
  const dir = path.join(BENCH_DIR, `scenario-${size}-${seed}`);
  if (!existsSync(path.join(dir, 'truth.json'))) {
    console.log(`  generating the ${size} scenario (seed ${seed}) ...`);
    await writeScenario({ size, seed, outDir: dir });
  }
  return dir;
}

/** Opens the scenario's own Neo4j, loading it on first use; runs `work`, then closes. */
async function withGraph<T>(
  name: string,
  load: (executor: Executor) => Promise<void>,
  work: (executor: Executor) => Promise<T>,
): Promise<T> {
  const config = loadConfig({
    RINGTRACE_DATA_DIR: path.join(DATA_DIR, name),
    NEO4J_BOLT_PORT: '7699',
    NEO4J_HEAP: '2g',
    NEO4J_PAGECACHE: '1g',
  });
  const database = await openDatabase(config, pino({ level: 'warn' }));
  try {
    const empty = (await database.executor.first(queries.graphIsEmpty, {}))?.empty ?? true;
    if (empty) {
      const started = performance.now();
      await load(database.executor);
      console.log(`  loaded in ${Math.round((performance.now() - started) / 1000)} s`);
    }
    return await work(database.executor);
  } finally {
    await database.close();
  }
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const f3 = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

interface ScenarioFigures {
  ari: number;
  ringPrecision: number;
  ringRecall: number;
  leaderAt1: number;
  keyRecallPersons: number;
  keyRecallAll: number;
  mulePrecision: number;
  muleRecall: number;
  muleF1: number;
  rings: number;
  trueRings: number;
  readSeconds: number;
  detectSeconds: number;
}

/** The figures of one analysis against one truth. */
export function measure(
  truth: Truth,
  analysis: RingAnalysis,
): Omit<ScenarioFigures, 'readSeconds' | 'detectSeconds'> {
  const truthRing = new Map<string, number>();
  const truthSets = truth.rings.map((ring, index) => {
    for (const member of ring.members)
      if (!truthRing.has(member.entity)) truthRing.set(member.entity, index);
    return new Set(ring.members.map((member) => member.entity));
  });
  const predicted = new Map<string, number>();
  const role = new Map<string, string>();
  analysis.rings.forEach((ring, index) => {
    for (const member of ring.members) {
      if (!predicted.has(member.key)) {
        predicted.set(member.key, index);
        role.set(member.key, member.role);
      }
    }
  });
  const nodes = [...new Set([...truthRing.keys(), ...predicted.keys()])];
  const ari = adjustedRandIndex(
    nodes.map((key) => truthRing.get(key) ?? -1),
    nodes.map((key) => predicted.get(key) ?? -1),
    'singleton',
  );

  // Ring matching.
  const overlap = (members: string[], set: Set<string>) =>
    members.filter((key) => set.has(key)).length;
  let hits = 0;
  const hitRings = new Set<number>();
  const bestDetected = new Map<number, { ring: number; shared: number }>();
  analysis.rings.forEach((ring, index) => {
    const keys = ring.members.map((member) => member.key);
    let best = -1;
    let shared = 0;
    truthSets.forEach((set, t) => {
      const value = overlap(keys, set);
      if (value > shared) {
        shared = value;
        best = t;
      }
      const current = bestDetected.get(t);
      if (value > 0 && (!current || value > current.shared))
        bestDetected.set(t, { ring: index, shared: value });
    });
    if (best >= 0 && shared >= 0.5 * Math.min(keys.length, truthSets[best]!.size)) {
      hits += 1;
      hitRings.add(best);
    }
  });

  // Ringleader precision@1.
  let leadersRight = 0;
  truth.rings.forEach((ring, t) => {
    const match = bestDetected.get(t);
    if (!match) return;
    const top = analysis.rings[match.ring]!.members.find((member) => member.role === 'ringleader');
    const leaders = new Set(
      ring.members.filter((m) => m.role === 'ringleader').map((m) => m.entity),
    );
    if (top && leaders.has(top.key)) leadersRight += 1;
  });

  // Key members.
  const keyMembers = truth.rings.flatMap((ring) =>
    ring.members
      .filter((m) => (KEY_ROLES as readonly string[]).includes(m.role))
      .map((m) => m.entity),
  );
  const found = (key: string) => (KEY_ROLES as readonly string[]).includes(role.get(key) ?? '');
  const persons = keyMembers.filter((key) => key.startsWith('Person:'));

  // Mules (bank accounts).
  const trueMules = new Set(
    truth.rings.flatMap((ring) =>
      ring.members
        .filter((m) => m.role === 'mule' && m.entity.startsWith('BankAccount:'))
        .map((m) => m.entity),
    ),
  );
  const flaggedMules = [...role]
    .filter(([key, r]) => r === 'mule' && key.startsWith('BankAccount:'))
    .map(([key]) => key);
  const muleTp = flaggedMules.filter((key) => trueMules.has(key)).length;
  const mulePrecision = flaggedMules.length ? muleTp / flaggedMules.length : 0;
  const muleRecall = trueMules.size ? muleTp / trueMules.size : 0;
  return {
    ari,
    ringPrecision: analysis.rings.length ? hits / analysis.rings.length : 0,
    ringRecall: hitRings.size / truth.rings.length,
    leaderAt1: leadersRight / truth.rings.length,
    keyRecallPersons: persons.filter(found).length / Math.max(1, persons.length),
    keyRecallAll: keyMembers.filter(found).length / Math.max(1, keyMembers.length),
    mulePrecision,
    muleRecall,
    muleF1:
      mulePrecision + muleRecall
        ? (2 * mulePrecision * muleRecall) / (mulePrecision + muleRecall)
        : 0,
    rings: analysis.rings.length,
    trueRings: truth.rings.length,
  };
}

async function benchScenario(size: Size, seed: number): Promise<ScenarioFigures> {
  const dir = await scenario(size, seed);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  return withGraph(
    `scenario-${size}-${seed}`,
    async (executor) => {
      console.log(`  loading the ${size} scenario (seed ${seed}) ...`);
      await loadScenario(executor, dir, { workDir: path.join(BENCH_DIR, 'detection-work') });
    },
    async (executor) => {
      let started = performance.now();
      const graph = await readAnalysisGraph(executor, {});
      const readSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const analysis = detectRings(graph, PARAMS);
      const detectSeconds = (performance.now() - started) / 1000;
      const figures = { ...measure(truth, analysis), readSeconds, detectSeconds };
      console.log(
        `  ${size} seed ${seed}: ${graph.nodeCount.toLocaleString('en')} nodes, ` +
          `${graph.graph.edgeCount.toLocaleString('en')} links (read ${readSeconds.toFixed(1)} s, ` +
          `detect ${detectSeconds.toFixed(1)} s); rings ${figures.rings} / ${figures.trueRings} true; ` +
          `ARI ${f3(figures.ari)}, ring P ${f3(figures.ringPrecision)} R ${f3(figures.ringRecall)}, ` +
          `ringleader@1 ${f3(figures.leaderAt1)}, key recall ${f3(figures.keyRecallPersons)} (people) ` +
          `${f3(figures.keyRecallAll)} (all), mule P ${f3(figures.mulePrecision)} R ${f3(figures.muleRecall)} ` +
          `F1 ${f3(figures.muleF1)}`,
      );
      return figures;
    },
  );
}

async function benchAmlsim(): Promise<void> {
  const fraud = new Map<string, boolean>();
  const lines = readFileSync(path.join(AMLSIM_DIR, 'nodes.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  for (const line of lines) {
    const [id, isFraud] = line.split(',');
    fraud.set(`BankAccount:AMLSIM:${id!}`, isFraud === '1');
  }
  await withGraph(
    'amlsim',
    async (executor) => {
      console.log('  loading the AMLSim sample ...');
      const workDir = path.join(BENCH_DIR, 'detection-work');
      for (const [kind, file, mapping] of [
        ['bank-accounts', 'nodes.csv', 'amlsim-accounts.json'],
        ['bank-transfers', 'transactions.csv', 'amlsim-transactions.json'],
      ] as const) {
        await loadFile(executor, path.join(AMLSIM_DIR, file), {
          kind,
          organisation: 'AMLSIM',
          workDir,
          mapping: shippedMapping(mapping.replace('.json', '')),
        });
      }
    },
    async (executor) => {
      const graph: AnalysisGraph = await readAnalysisGraph(executor, {});
      const analysis = detectRings(graph, PARAMS);
      const labels = graph.keys.map((key) => fraud.get(key) ?? false);
      const flagged = new Set(analysis.rings.flatMap((ring) => ring.members.map((m) => m.node)));
      let tp = 0;
      for (const v of flagged) if (labels[v]) tp += 1;
      const positives = labels.filter(Boolean).length;
      console.log(
        `  AMLSim: ${graph.nodeCount.toLocaleString('en')} accounts, ${analysis.rings.length} rings; ` +
          `flagged ${flagged.size}: precision ${f3(flagged.size ? tp / flagged.size : 0)}, ` +
          `recall ${f3(tp / positives)} against isFraud (${positives} accounts)`,
      );
      const ours: number[] = [];
      const peer: number[] = [];
      const fraudNodes = labels.flatMap((isFraud, v) => (isFraud ? [v] : []));
      for (let seed = 1; seed <= 5; seed += 1) {
        const order = shuffledRange(fraudNodes.length, seededRandom(seed));
        const reported = Array.from(
          order.subarray(0, Math.round(fraudNodes.length * 0.2)),
          (i) => fraudNodes[i]!,
        );
        const isReported = new Set(reported);
        const rest = labels.flatMap((_, v) => (isReported.has(v) ? [] : [v]));
        const risk = scoreRisk(graph, reported);
        const plain = personalizedPageRank(graph.graph, reported).scores;
        ours.push(
          rocAuc(
            rest.map((v) => risk[v]!),
            rest.map((v) => labels[v]!),
          ),
        );
        peer.push(
          rocAuc(
            rest.map((v) => plain[v]!),
            rest.map((v) => labels[v]!),
          ),
        );
      }
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      console.log(
        `  risk AUC with 20% reported (mean of 5 seeds): Ringtrace ${f3(mean(ours))} ` +
          `[${ours.map(f3).join(' ')}]; plain personalised PageRank ${f3(mean(peer))} (goal >= 0.95)`,
      );
    },
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'small' },
      seeds: { type: 'string', default: '1,2,3' },
      amlsim: { type: 'boolean', default: true },
    },
  });
  const sizes = values.sizes.split(',') as Size[];
  const seeds = values.seeds.split(',').map(Number);
  for (const size of sizes) {
    console.log(`\nScenarios: ${size}, seeds ${seeds.join(', ')}`);
    const all: ScenarioFigures[] = [];
    for (const seed of seeds) all.push(await benchScenario(size, seed));
    const m = (pick: (f: ScenarioFigures) => number) => f3(median(all.map(pick)));
    console.log(
      `  median over seeds: ARI ${m((f) => f.ari)} (goal >= 0.9); ring precision ${m((f) => f.ringPrecision)}, ` +
        `recall ${m((f) => f.ringRecall)}; ringleader precision@1 ${m((f) => f.leaderAt1)} (goal >= 0.9); ` +
        `key-member recall ${m((f) => f.keyRecallPersons)} (people), ${m((f) => f.keyRecallAll)} (all entities); ` +
        `mule precision ${m((f) => f.mulePrecision)}, recall ${m((f) => f.muleRecall)}, F1 ${m((f) => f.muleF1)} (goal >= 0.9)`,
    );
  }
  if (values.amlsim) {
    console.log('\nAMLSim 20k fan-in 200');
    await benchAmlsim();
  }
}

await main();
