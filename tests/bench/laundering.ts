/**
 * `npm run bench:laundering [-- --copies 1,3,5 --runs 3]`: how the laundering-shape search
 * (`typologyRings`: fans, cycles, scatter-gathers, gather-scatters, blocks, stacks, walks and
 * their chance tests) grows with the data, on AMLSim-style data Ringtrace did not generate.
 *
 * The shared AMLSim sample with AMLSim's eight typologies planted (unordered, seed 1: the tune
 * planting of bench:detection) is laid side by side `copies` times, each copy with accounts of its
 * own, so that k copies hold k times the accounts, transfers and patterns. Per size it prints the
 * median seconds of `runs` searches and the rings found, which should be k times those of one
 * copy. In memory, no Neo4j: the time is the search's alone.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { AMLSIM_DIR } from './detection/datasets';
import { readSample } from '../../seed/typologies/plantCycles';
import { PLANT_TYPOLOGIES_DEFAULTS, plantTypologies } from '../../seed/typologies/plantTypologies';
import { AnalysisGraphBuilder } from '../../server/analysis/rings/index';
import { typologyRings } from '../../server/analysis/rings/typologies';

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00Z');

function usage(message: string): never {
  console.error(`bench:laundering: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    copies: { type: 'string', default: '1,3,5' },
    runs: { type: 'string', default: '1' },
  },
});
const copies = values.copies.split(',').map(Number);
if (copies.some((k) => !Number.isInteger(k) || k < 1))
  usage('--copies: whole numbers of 1 or more');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) usage('--runs: a whole number of 1 or more');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const world = plantTypologies(await readSample(AMLSIM_DIR), {
  ...PLANT_TYPOLOGIES_DEFAULTS,
  seed: 1,
  schedule: 'unordered',
});
console.log(
  `AMLSim sample + AMLSim's 8 typologies, unordered, seed 1: ${world.accounts.length.toLocaleString('en')} accounts, ${world.transfers.length.toLocaleString('en')} transfers a copy`,
);
console.log('| Copies | Accounts | Transfers | Search (s, median) | Rings |');
console.log('| --- | --- | --- | --- | --- |');
/** `k` copies of the planting side by side, each with accounts of its own. */
function copiesGraph(k: number) {
  const builder = new AnalysisGraphBuilder();
  for (let copy = 0; copy < k; copy += 1) {
    for (const t of world.transfers) {
      const from = `AMLSIM:${copy}-${t.from}`;
      const to = `AMLSIM:${copy}-${t.to}`;
      builder.addTransfer(from, to, START + t.step * HOUR_MS, t.cents);
    }
  }
  return builder.build();
}

for (const k of copies) {
  let graph = copiesGraph(k);
  const seconds: number[] = [];
  let rings = 0;
  for (let run = 0; run < runs; run += 1) {
    // A graph is searched once and its findings kept while it lives: each run gets its own.
    if (run > 0) graph = copiesGraph(k);
    const started = performance.now();
    rings = typologyRings(graph, new Set()).rings.length;
    seconds.push((performance.now() - started) / 1000);
  }
  const accounts = graph.nodeCount.toLocaleString('en');
  const transfers = graph.transfers.from.length.toLocaleString('en');
  console.log(`| ${k} | ${accounts} | ${transfers} | ${median(seconds).toFixed(1)} | ${rings} |`);
}
