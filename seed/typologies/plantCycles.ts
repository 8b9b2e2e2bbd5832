/**
 * Cycles planted into a published AMLSim sample by AMLSim's own cycle rule, for measuring cycle
 * detection on a background Ringtrace did not generate. The sample's own laundering payments
 * (between two flagged accounts) are taken out and its flags cleared, so the planted cycles are
 * the only laundering left. Each cycle: accounts drawn at random from the sample's unflagged
 * ones, each paying the next once; the first payment's amount is one of the background's own
 * amounts, and each payment made after it is `margin` less than the one made before (AMLSim
 * lowers the amount as payments are sent, in time order); the steps span the sample's period:
 * `fixed` at one interval in loop order, `random` at random steps in loop order, `unordered` at
 * random steps in any order (AMLSim's schedules 0, 1 and 2). With `amounts: 'repeated'` a hop is
 * paid as AMLSim's 2018 releases (those of the published samples) paid it: once for each account
 * of the loop, all in its step, each amount drawn from the sample's own laundering payments
 * (each member account triggered the pattern's payments of the step, each at a fresh random
 * amount in the pattern's range). Pure but for `writePlantedCycles`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from '../../server/lib/random';
import { formatAmount } from '../output/events';
import {
  NODE_COLUMNS,
  NODES_FILE,
  PATTERNS_FILE,
  TRANSACTION_COLUMNS,
  TRANSACTIONS_FILE,
  type PatternsFile,
  type PatternTruth,
} from './output';
import type { Typology } from './options';

export const CYCLE_SCHEDULES = ['fixed', 'random', 'unordered'] as const;
export type CycleSchedule = (typeof CYCLE_SCHEDULES)[number];

export interface PlantCyclesOptions {
  seed: number;
  schedule: CycleSchedule;
  /** Cycles planted. */
  cycles: number;
  /** Accounts per cycle, drawn uniformly between these. */
  minAccounts: number;
  maxAccounts: number;
  /** The share each payment is less than the one sent before it (AMLSim's margin ratio). */
  margin: number;
  /** `falling` by the margin, or `repeated` as in AMLSim's 2018 releases (see above). */
  amounts: 'falling' | 'repeated';
}

export const PLANT_DEFAULTS: Omit<PlantCyclesOptions, 'seed' | 'schedule'> = {
  cycles: 200,
  minAccounts: 3,
  maxAccounts: 6,
  margin: 0.1,
  amounts: 'falling',
};

export interface PlantedTransfer {
  from: string;
  to: string;
  cents: number;
  step: number;
}

/** An AMLSim sample as read: its accounts (id, flag, the rest of the row) and transfers. */
export interface AmlsimSample {
  accounts: { id: string; isFraud: boolean; initBalance: string }[];
  transfers: PlantedTransfer[];
}

export function parseSample(nodesCsv: string, transactionsCsv: string): AmlsimSample {
  const rows = (text: string) =>
    text
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(','));
  return {
    accounts: rows(nodesCsv).map(([id, isFraud, initBalance]) => ({
      id: id!,
      isFraud: isFraud === '1',
      initBalance: initBalance ?? '0.00',
    })),
    transfers: rows(transactionsCsv).map(([from, to, value, step]) => ({
      from: from!,
      to: to!,
      cents: Math.round(Number(value) * 100),
      step: Number(step),
    })),
  };
}

export interface PlantedWorld {
  accounts: { id: string; isFraud: boolean; initBalance: string; fraudStep: number }[];
  transfers: PlantedTransfer[];
  patterns: PatternsFile;
}

/** The sample without its own laundering, with `options.cycles` cycles planted. */
export function plantCycles(sample: AmlsimSample, options: PlantCyclesOptions): PlantedWorld {
  const rng = new Rng(options.seed);
  const flagged = new Set(sample.accounts.filter((a) => a.isFraud).map((a) => a.id));
  const laundering = sample.transfers.filter((t) => flagged.has(t.from) && flagged.has(t.to));
  const background = sample.transfers.filter((t) => !(flagged.has(t.from) && flagged.has(t.to)));
  const firstStep = background.reduce((min, t) => Math.min(min, t.step), Infinity);
  const lastStep = background.reduce((max, t) => Math.max(max, t.step), -Infinity);
  const free = sample.accounts.filter((a) => !a.isFraud).map((a) => a.id);
  const taken = new Set<string>();
  const planted: PlantedTransfer[] = [];
  const patterns: PatternTruth[] = [];
  for (let c = 0; c < options.cycles; c += 1) {
    const size = rng.int(options.minAccounts, options.maxAccounts);
    const loop: string[] = [];
    while (loop.length < size) {
      const id = free[rng.int(0, free.length - 1)]!;
      if (taken.has(id)) continue;
      taken.add(id);
      loop.push(id);
    }
    const steps = cycleSteps(rng, options.schedule, size, firstStep, lastStep);
    // Sent in time order (loop order within a step), each `margin` less than the one before.
    const order = loop.map((_, i) => i).sort((x, y) => steps[x]! - steps[y]! || x - y);
    let cents = background[rng.int(0, background.length - 1)]!.cents;
    for (const i of order) {
      const hop = { from: loop[i]!, to: loop[(i + 1) % size]!, step: steps[i]! };
      if (options.amounts === 'repeated' && laundering.length > 0) {
        for (let k = 0; k < size; k += 1) {
          planted.push({ ...hop, cents: laundering[rng.int(0, laundering.length - 1)]!.cents });
        }
        continue;
      }
      planted.push({ ...hop, cents });
      cents = Math.max(1, Math.round(cents * (1 - options.margin)));
    }
    const first = Math.min(...steps);
    patterns.push({
      id: `cycle-${c + 1}`,
      typology: 'cycle',
      accounts: loop,
      leader: null,
      edges: loop.map((id, i): [string, string] => [id, loop[(i + 1) % size]!]),
      firstStep: first,
      lastStep: Math.max(...steps),
      amountMode: 'background',
    });
  }
  return plantedWorld(sample, background, planted, patterns, options.seed, ['cycle']);
}

/**
 * The planted world: the sample's accounts flagged where a pattern has them (fraudStep: the
 * first step of their pattern), the background and planted payments in step order, the truth.
 */
export function plantedWorld(
  sample: AmlsimSample,
  background: readonly PlantedTransfer[],
  planted: readonly PlantedTransfer[],
  patterns: PatternTruth[],
  seed: number,
  typologies: readonly Typology[],
): PlantedWorld {
  const fraudStep = new Map<string, number>();
  for (const pattern of patterns) {
    for (const id of pattern.accounts) fraudStep.set(id, pattern.firstStep);
  }
  return {
    accounts: sample.accounts.map((a) => ({
      id: a.id,
      isFraud: fraudStep.has(a.id),
      initBalance: a.initBalance,
      fraudStep: fraudStep.get(a.id) ?? -1,
    })),
    transfers: [...background, ...planted].sort((x, y) => x.step - y.step),
    patterns: {
      seed,
      typologies: [...typologies],
      accounts: sample.accounts.length,
      steps: background.reduce((max, t) => Math.max(max, t.step), -Infinity),
      patterns,
    },
  };
}

/** The step of each of a cycle's `size` payments, in loop order. */
function cycleSteps(
  rng: Rng,
  schedule: CycleSchedule,
  size: number,
  firstStep: number,
  lastStep: number,
): number[] {
  if (schedule === 'fixed') {
    const interval = Math.max(1, Math.floor((lastStep - firstStep + 1) / size));
    const start = rng.int(firstStep, firstStep + interval - 1);
    return Array.from({ length: size }, (_, i) => Math.min(lastStep, start + interval * i));
  }
  const steps = Array.from({ length: size }, () => rng.int(firstStep, lastStep));
  return schedule === 'random' ? steps.sort((x, y) => x - y) : steps;
}

/**
 * The sample with its payments' amounts shuffled among them (seeded): the same accounts, times
 * and spread of amounts, but no account keeps a standing amount any more, as where accounts pay
 * what each purchase costs rather than a fixed sum (AMLSim's sample pays one amount per account).
 */
export function shuffledAmounts(sample: AmlsimSample, seed: number): AmlsimSample {
  const rng = new Rng(seed);
  const cents = sample.transfers.map((t) => t.cents);
  for (let i = cents.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [cents[i], cents[j]] = [cents[j]!, cents[i]!];
  }
  return {
    accounts: sample.accounts,
    transfers: sample.transfers.map((t, i) => ({ ...t, cents: cents[i]! })),
  };
}

/** Reads the AMLSim sample in `sampleDir` (nodes.csv, transactions.csv). */
export async function readSample(sampleDir: string): Promise<AmlsimSample> {
  return parseSample(
    await readFile(join(sampleDir, NODES_FILE), 'utf8'),
    await readFile(join(sampleDir, TRANSACTIONS_FILE), 'utf8'),
  );
}

/** Writes a planted world into `outDir` as AMLSim's files and patterns.json. */
export async function writePlantedWorld(world: PlantedWorld, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const nodes = world.accounts.map(
    (a) => `${a.id},${a.isFraud ? 1 : 0},${a.initBalance},${a.fraudStep}\n`,
  );
  const transfers = world.transfers.map(
    (t) => `${t.from},${t.to},${formatAmount(t.cents)},${t.step}\n`,
  );
  await writeFile(join(outDir, NODES_FILE), [`${NODE_COLUMNS.join(',')}\n`, ...nodes].join(''));
  await writeFile(
    join(outDir, TRANSACTIONS_FILE),
    [`${TRANSACTION_COLUMNS.join(',')}\n`, ...transfers].join(''),
  );
  await writeFile(join(outDir, PATTERNS_FILE), `${JSON.stringify(world.patterns, null, 2)}\n`);
}

/** Reads the sample in `sampleDir` and writes the planted world into `outDir`. */
export async function writePlantedCycles(
  sampleDir: string,
  outDir: string,
  options: PlantCyclesOptions,
): Promise<PlantedWorld> {
  const world = plantCycles(await readSample(sampleDir), options);
  await writePlantedWorld(world, outDir);
  return world;
}
