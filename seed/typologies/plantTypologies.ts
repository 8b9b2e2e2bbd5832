/**
 * AMLSim's eight typologies planted into a published AMLSim sample by the rules of AMLSim's own
 * typology classes and its shipped pattern settings (alertPatterns.csv: 5-10 accounts a pattern,
 * amounts between 100 and 200, a pattern's payments within a period of 5-20 steps): typologies
 * on a background Ringtrace did not generate, paid as AMLSim pays them, not as Ringtrace's own
 * typology worlds do. The sample's own laundering (payments between two flagged accounts) is
 * taken out and its flags cleared first, as in `plantCycles`.
 *
 * Per typology, as AMLSim writes its payments:
 * - `fan_in` / `fan_out`: the main account paid by (pays) each other member once; the members
 *   paying in one step pay one amount, drawn fresh for each step.
 * - `cycle`: each member pays the next once; every payment `margin` less than the one before.
 * - `scatter_gather`: the origin pays each intermediate the pattern's maximum amount in the first
 *   half of its period; each intermediate pays the beneficiary that amount less the margin in
 *   the second half.
 * - `gather_scatter`: half the members pay the hub a random amount each in the first half (the
 *   first at the period's start); the hub pays the other half an equal share of what it
 *   received, less the margin, in the second (the first at the period's end).
 * - `bipartite`: the first half of the members each pay every member of the second half, one
 *   amount for all of a payer's payments.
 * - `stack`: three layers (a third, a third, the rest), each account of a layer paying every
 *   account of the next; the second layer pays on what the first paid in, spread over the third.
 * - `random`: a walk from the main account, each hop to a member at a random amount, one hop
 *   per member.
 *
 * Schedules (AMLSim's ids 0-2): `fixed` (payments in order at one interval), `random` (in order
 * at random steps), `unordered` (at random steps in any order; AMLSim's shipped setting). The
 * split of scatter-gather and gather-scatter into halves holds on every schedule. Pure.
 */
import { Rng } from '../../server/lib/random';
import { TYPOLOGIES, type Typology } from './options';
import type { PatternTruth } from './output';
import {
  plantedWorld,
  type AmlsimSample,
  type CycleSchedule,
  type PlantedTransfer,
  type PlantedWorld,
} from './plantCycles';

export interface PlantTypologiesOptions {
  seed: number;
  schedule: CycleSchedule;
  typologies: readonly Typology[];
  patternsPerTypology: number;
  /** Accounts per pattern, drawn uniformly between these. */
  minAccounts: number;
  maxAccounts: number;
  /** Payment amounts of a pattern, drawn uniformly between these (currency units). */
  minAmount: number;
  maxAmount: number;
  /** Steps a pattern's payments span, drawn uniformly between these. */
  minPeriod: number;
  maxPeriod: number;
  /** The share a member keeps of what passes through it (AMLSim's margin ratio). */
  margin: number;
  /**
   * The chance that each account of a pattern is one already in an earlier pattern rather than a
   * fresh one (AMLGentex's `prob_participate_in_multiple_sars`); 0 by default. Optional.
   */
  shared?: number;
}

export const PLANT_TYPOLOGIES_DEFAULTS: Omit<PlantTypologiesOptions, 'seed' | 'schedule'> = {
  typologies: TYPOLOGIES,
  patternsPerTypology: 25,
  minAccounts: 5,
  maxAccounts: 10,
  minAmount: 100,
  maxAmount: 200,
  minPeriod: 5,
  maxPeriod: 20,
  margin: 0.1,
};

/** One payment of a pattern: payer, payee, amount (NaN until its step settles it), stage. */
interface Payment {
  from: string;
  to: string;
  amount: number;
  /** 0, or 1 for the second half of a two-stage pattern (paid after the first). */
  stage: number;
}

/** The sample without its own laundering, with the typologies of `options` planted. */
export function plantTypologies(
  sample: AmlsimSample,
  options: PlantTypologiesOptions,
): PlantedWorld {
  const rng = new Rng(options.seed);
  const flagged = new Set(sample.accounts.filter((a) => a.isFraud).map((a) => a.id));
  const background = sample.transfers.filter((t) => !(flagged.has(t.from) && flagged.has(t.to)));
  const firstStep = Math.min(...background.map((t) => t.step));
  const lastStep = Math.max(...background.map((t) => t.step));
  const free = rng.shuffle(sample.accounts.filter((a) => !a.isFraud).map((a) => a.id));
  let used = 0;
  const shared = options.shared ?? 0;
  const fresh = (): string => {
    if (used >= free.length) {
      throw new RangeError('plantTypologies: the sample has too few accounts for the patterns');
    }
    return free[used++]!;
  };
  // An account already in a pattern (not yet in this one) with chance `shared`, else a fresh one.
  const take = (n: number): string[] => {
    const accounts: string[] = [];
    while (accounts.length < n) {
      const earlier =
        shared > 0 && used > 0 && rng.chance(shared) ? free[rng.int(0, used - 1)]! : null;
      accounts.push(earlier !== null && !accounts.includes(earlier) ? earlier : fresh());
    }
    return accounts;
  };
  const planted: PlantedTransfer[] = [];
  const patterns: PatternTruth[] = [];
  for (const typology of options.typologies) {
    for (let n = 1; n <= options.patternsPerTypology; n += 1) {
      const accounts = take(rng.int(options.minAccounts, options.maxAccounts));
      const { leader, payments } = typologyPayments(rng, typology, accounts, options);
      const period = rng.int(options.minPeriod, options.maxPeriod);
      const start = rng.int(firstStep, Math.max(firstStep, lastStep - period + 1));
      const schedule =
        typology === 'random' && options.schedule === 'unordered' ? 'random' : options.schedule;
      const steps = paymentSteps(rng, schedule, payments, start, start + period - 1);
      settleAmounts(rng, typology, payments, steps, options);
      payments.forEach((payment, i) => {
        const cents = Math.max(1, Math.round(payment.amount * 100));
        planted.push({ from: payment.from, to: payment.to, cents, step: steps[i]! });
      });
      const edges = new Map<string, [string, string]>();
      for (const { from, to } of payments) edges.set(`${from}>${to}`, [from, to]);
      patterns.push({
        id: `${typology}-${n}`,
        typology,
        accounts,
        leader,
        edges: [...edges.values()],
        firstStep: Math.min(...steps),
        lastStep: Math.max(...steps),
        amountMode: 'background',
      });
    }
  }
  return plantedWorld(sample, background, planted, patterns, options.seed, options.typologies);
}

/** The leader and the payments of one pattern of `typology` among `accounts` (main first). */
function typologyPayments(
  rng: Rng,
  typology: Typology,
  accounts: readonly string[],
  options: PlantTypologiesOptions,
): { leader: string | null; payments: Payment[] } {
  const [main, ...others] = accounts as [string, ...string[]];
  const keep = 1 - options.margin;
  const amount = () => rng.uniform(options.minAmount, options.maxAmount);
  const pay = (from: string, to: string, value = Number.NaN, stage = 0): Payment => ({
    from,
    to,
    amount: value,
    stage,
  });
  switch (typology) {
    case 'fan_in':
      return { leader: main, payments: others.map((from) => pay(from, main)) };
    case 'fan_out':
      return { leader: main, payments: others.map((to) => pay(main, to)) };
    case 'cycle':
      return {
        leader: null,
        payments: accounts.map((from, i) => pay(from, accounts[(i + 1) % accounts.length]!)),
      };
    case 'scatter_gather': {
      const [beneficiary, ...middle] = others as [string, ...string[]];
      return {
        leader: main,
        payments: [
          ...middle.map((m) => pay(main, m, options.maxAmount, 0)),
          ...middle.map((m) => pay(m, beneficiary, options.maxAmount * keep, 1)),
        ],
      };
    }
    case 'gather_scatter': {
      const senders = others.slice(0, Math.floor(others.length / 2));
      const receivers = others.slice(senders.length);
      const gathered = senders.map((s) => pay(s, main, amount(), 0));
      const total = gathered.reduce((sum, p) => sum + p.amount, 0);
      const share = (total * keep) / receivers.length;
      return {
        leader: main,
        payments: [...gathered, ...receivers.map((r) => pay(main, r, share, 1))],
      };
    }
    case 'bipartite': {
      const payers = accounts.slice(0, Math.floor(accounts.length / 2));
      const payees = accounts.slice(payers.length);
      return { leader: null, payments: allToAll(payers, payees, () => amount(), 0, pay) };
    }
    case 'stack': {
      const third = Math.floor(accounts.length / 3);
      const [first, second, last] = [
        accounts.slice(0, third),
        accounts.slice(third, 2 * third),
        accounts.slice(2 * third),
      ];
      const onward = () => (amount() * first.length) / last.length;
      return {
        leader: null,
        payments: [
          ...allToAll(first, second, amount, 0, pay),
          ...allToAll(second, last, onward, 1, pay),
        ],
      };
    }
    case 'random': {
      const payments: Payment[] = [];
      let current = main;
      for (let hop = 0; hop < accounts.length; hop += 1) {
        const next = rng.pick(accounts.filter((a) => a !== current));
        payments.push(pay(current, next, amount()));
        current = next;
      }
      return { leader: null, payments };
    }
  }
}

/** Every payer paying every payee, one amount for all of a payer's payments. */
function allToAll(
  payers: readonly string[],
  payees: readonly string[],
  amount: () => number,
  stage: number,
  pay: (from: string, to: string, value: number, stage: number) => Payment,
): Payment[] {
  return payers.flatMap((from) => {
    const each = amount();
    return payees.map((to) => pay(from, to, each, stage));
  });
}

/**
 * The step of each payment within `start..end`: a two-stage pattern's first stage in the first
 * half and its second in the second; within a stage, `fixed` at one interval in listed order,
 * `random` at random steps in listed order, `unordered` at random steps in any order.
 */
function paymentSteps(
  rng: Rng,
  schedule: CycleSchedule,
  payments: readonly Payment[],
  start: number,
  end: number,
): number[] {
  const twoStages = payments.some((p) => p.stage === 1);
  const middle = Math.floor((start + end) / 2);
  const steps: number[] = [];
  for (const stage of twoStages ? [0, 1] : [0]) {
    const [from, to] = !twoStages ? [start, end] : stage === 0 ? [start, middle] : [middle, end];
    const count = payments.filter((p) => p.stage === stage).length;
    let stageSteps: number[];
    if (schedule === 'fixed') {
      const interval = (to - from + 1) / count;
      stageSteps = Array.from({ length: count }, (_, i) => from + Math.floor(interval * i));
    } else {
      stageSteps = Array.from({ length: count }, () => rng.int(from, to));
      if (schedule === 'random') stageSteps.sort((x, y) => x - y);
    }
    steps.push(...stageSteps);
  }
  return steps;
}

/**
 * Amounts AMLSim sets as the payments are made: a fan's members paying (paid) in one step share
 * one amount, drawn for the step; a cycle's first payment in time is drawn, each later one
 * `margin` less than the one before.
 */
function settleAmounts(
  rng: Rng,
  typology: Typology,
  payments: Payment[],
  steps: readonly number[],
  options: PlantTypologiesOptions,
): void {
  const draw = () => rng.uniform(options.minAmount, options.maxAmount);
  if (typology === 'fan_in' || typology === 'fan_out') {
    const byStep = new Map<number, number>();
    payments.forEach((payment, i) => {
      const step = steps[i]!;
      if (!byStep.has(step)) byStep.set(step, draw());
      payment.amount = byStep.get(step)!;
    });
  } else if (typology === 'cycle') {
    const order = payments.map((_, i) => i).sort((x, y) => steps[x]! - steps[y]! || x - y);
    let amount = draw();
    for (const i of order) {
      payments[i]!.amount = amount;
      amount *= 1 - options.margin;
    }
  }
}
