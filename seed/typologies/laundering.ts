/**
 * Plants the laundering patterns: draws each pattern's shape from accounts of the population
 * (disjoint between patterns), the steps in which it runs and its amounts in the pattern's mode.
 * On the `burst` schedule a pattern runs within a window of steps, in one to three rounds; on
 * the `spread` schedule (AMLSim's published samples) its payments follow one another at a fixed
 * interval over most of the period, each sent as several pieces within one step (or whole, with
 * `wholePayments`); on `unordered` they fall at random steps of that span. Money that
 * flows on (cycles, stacks, walks, scatter-gather) is forwarded less a small fee. Some laundering
 * accounts are fresh (little ordinary activity); the others keep their ordinary business.
 */
import type { Rng } from '../../server/lib/random';
import { AMOUNT_MODES, launderingAmount, pickThreshold, type AmountMode } from './amounts';
import type { Ledger } from './ledger';
import type { Schedule, Typology, TypologyOptions } from './options';
import type { Population } from './population';
import { drawShape, type Edge, type Shape } from './shapes';

export interface PlantedPattern extends Shape {
  id: string;
  /** Distinct payer-payee pairs, in the order of their first payment. */
  edges: Edge[];
  amountMode: AmountMode;
  firstStep: number;
  lastStep: number;
}

/** Share of laundering accounts with little ordinary activity of their own. */
const FRESH_SHARE = 0.4;
/** Typologies whose money is passed on from stage to stage. */
const FLOWS: ReadonlySet<Typology> = new Set([
  'cycle',
  'random',
  'scatter_gather',
  'gather_scatter',
  'stack',
]);
const MAX_ROUNDS: Record<Typology, number> = {
  fan_in: 3,
  fan_out: 3,
  cycle: 2,
  scatter_gather: 2,
  gather_scatter: 2,
  bipartite: 3,
  stack: 2,
  random: 1,
};

/**
 * Draws every pattern and damps the activity of the fresh accounts in `population` (so call this
 * before the background is generated); `launder` then writes the patterns' payments.
 */
export function planPatterns(
  rng: Rng,
  population: Population,
  options: TypologyOptions,
): PlantedPattern[] {
  const candidates = rng.shuffle(population.persons.slice());
  let used = 0;
  const take = (n: number): number[] => {
    if (used + n > candidates.length) {
      throw new RangeError(
        `seed/typologies: ${options.accounts} accounts are too few for ` +
          `${options.patternsPerTypology} patterns of each typology; give more accounts`,
      );
    }
    used += n;
    return candidates.slice(used - n, used);
  };
  const patterns: PlantedPattern[] = [];
  for (const typology of options.typologies) {
    for (let n = 1; n <= options.patternsPerTypology; n += 1) {
      const shape = drawShape(rng, typology, take);
      const length =
        options.schedule === 'burst'
          ? Math.min(rng.int(3, 20), options.steps - 1)
          : Math.max(2, options.steps - rng.int(0, Math.floor(options.steps / 5)));
      const firstStep = rng.int(1, options.steps - length + 1);
      patterns.push({
        ...shape,
        id: `${typology}-${n}`,
        edges: distinctEdges(shape.stages.flat()),
        amountMode: rng.weighted(AMOUNT_MODES),
        firstStep,
        lastStep: firstStep + length - 1,
      });
      for (const account of shape.accounts) {
        if (rng.chance(FRESH_SHARE)) population.activity[account] = 0.1 * rng.uniform(0.2, 1);
      }
    }
  }
  return patterns;
}

function distinctEdges(edges: readonly Edge[]): Edge[] {
  const seen = new Set<string>();
  return edges.filter(([from, to]) => {
    const key = `${from}>${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Writes the payments of every pattern into `ledger`; returns the patterns with `firstStep` and
 * `lastStep` set to the steps of their first and last payment.
 */
export function launder(
  rng: Rng,
  patterns: readonly PlantedPattern[],
  ledger: Ledger,
  schedule: Schedule = 'burst',
  wholePayments = false,
): PlantedPattern[] {
  return patterns.map((pattern) => {
    const before = ledger.transfers.length;
    if (schedule !== 'burst') {
      launderSpread(rng, pattern, ledger, schedule === 'unordered', wholePayments);
      const steps = ledger.transfers.slice(before).map((transfer) => Math.floor(transfer.time));
      return { ...pattern, firstStep: Math.min(...steps), lastStep: Math.max(...steps) };
    }
    const rounds = rng.int(1, MAX_ROUNDS[pattern.typology]);
    const span = pattern.lastStep + 1 - pattern.firstStep;
    const threshold = pickThreshold(rng);
    const fee = rng.uniform(0.005, 0.03);
    for (let round = 0; round < rounds; round += 1) {
      const start = pattern.firstStep + (round * span) / rounds;
      const slice = span / rounds / pattern.stages.length;
      payStages(rng, pattern, threshold, fee, true, (from, to, amount, s) => {
        ledger.add(from, to, amount, start + slice * (s + rng.uniform(0.02, 0.98)));
      });
    }
    const steps = ledger.transfers.slice(before).map((transfer) => Math.floor(transfer.time));
    return { ...pattern, firstStep: Math.min(...steps), lastStep: Math.max(...steps) };
  });
}

/**
 * One round of `pattern`'s payments, stage by stage, each handed to `pay` with its amount: drawn
 * in the pattern's mode or, where money flows on, what the payer received less `fee`, shared
 * among its payees; with `stayBelow`, a structuring pattern's payment at or over `threshold` is
 * drawn again.
 */
function payStages(
  rng: Rng,
  pattern: PlantedPattern,
  threshold: number,
  fee: number,
  stayBelow: boolean,
  pay: (from: number, to: number, amount: number, stage: number) => void,
): void {
  const held = new Map<number, number>();
  pattern.stages.forEach((stage, s) => {
    const outDegree = new Map<number, number>();
    for (const [from] of stage) outDegree.set(from, (outDegree.get(from) ?? 0) + 1);
    const received = new Map(held);
    for (const [from, to] of stage) {
      let amount = launderingAmount(rng, pattern.amountMode, threshold);
      const incoming = received.get(from) ?? 0;
      if (s > 0 && FLOWS.has(pattern.typology) && incoming > 0) {
        amount = ((incoming * (1 - fee)) / (outDegree.get(from) ?? 1)) * rng.uniform(0.97, 1);
        held.set(from, 0);
      }
      if (stayBelow && pattern.amountMode === 'below_threshold' && amount >= threshold) {
        amount = launderingAmount(rng, pattern.amountMode, threshold);
      }
      pay(from, to, amount, s);
      held.set(to, (held.get(to) ?? 0) + Math.round(amount * 100) / 100);
    }
  });
}

/** Most pieces a spread payment is sent in. */
const MAX_PIECES = 8;

/**
 * `pattern` on the `spread` schedule: one round of its payments, one after another at a fixed
 * interval over its steps (`unordered`: each at a random step of them), each in as many pieces
 * as the pattern has accounts (at most `MAX_PIECES`) within one step; about one in five is sent
 * whole, and all are with `wholePayments`.
 */
function launderSpread(
  rng: Rng,
  pattern: PlantedPattern,
  ledger: Ledger,
  unordered: boolean,
  wholePayments: boolean,
): void {
  const payments = pattern.stages.flat().length;
  const interval = (pattern.lastStep + 1 - pattern.firstStep) / payments;
  const threshold = pickThreshold(rng);
  const fee = rng.uniform(0.005, 0.03);
  let k = 0;
  payStages(rng, pattern, threshold, fee, false, (from, to, amount) => {
    const step = unordered
      ? rng.int(pattern.firstStep, pattern.lastStep)
      : Math.floor(pattern.firstStep + interval * k);
    k += 1;
    const pieces =
      wholePayments || rng.chance(0.2) ? 1 : Math.min(MAX_PIECES, pattern.accounts.length);
    const shares = Array.from({ length: pieces }, () => rng.uniform(0.8, 1.2));
    const total = shares.reduce((sum, share) => sum + share, 0);
    for (const share of shares) {
      ledger.add(from, to, (amount * share) / total, step + rng.uniform(0.02, 0.98));
    }
  });
}
