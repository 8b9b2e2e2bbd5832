/**
 * Steady fans: an account paid by (or paying) accounts new to it one after another at a steady
 * pace, e.g. fourteen accounts paying a collector once each, one every 8-9 days for four months,
 * and nobody else new paying it in that time. Shops, landlords and employers take on new
 * counterparties at random moments; a laundering pattern run on a schedule (AMLSim pays a
 * pattern's payments at a fixed interval) does not. Pure functions over the money timeline.
 */
import { seededRandom, shuffledRange } from '../random';
import type { RingRole } from './candidate';
import type { MoneyTimeline } from './fanIn';
import { duration, idList, timeSpan, type Shape } from './shapes';
import { idOf, isRoundSum, money, plural } from './signals';
import { pairFirsts, slowChanceMissed, type OncePayments } from './slowShapes';
import type { TypologyOptions } from './typologyOptions';

/** One account's one-off payments received (or made) at a steady pace. */
export interface SteadyRun {
  hub: number;
  direction: 'in' | 'out';
  /** The first transfer of each pair in the run, in time order. */
  payments: number[];
  /** One-off pairs of the same direction that began between the run's first and last, not in it. */
  others: number;
}

/** Runs score their payments less two for each other new counterparty in between. */
export function runScore(run: SteadyRun): number {
  return run.payments.length - 2 * run.others;
}

/** The steps a gap of `gap` steps may stretch by and still be steady. */
function toleranceOf(o: TypologyOptions, gap: number): number {
  return Math.max(1, Math.floor(gap * o.steadyTolerance));
}

/**
 * Per account and direction, the first transfer of each one-off pair (several pieces of one
 * payment are one pair), in time order.
 */
function pairStarts(tl: MoneyTimeline, once: OncePayments): Map<number, number[]>[] {
  return [once.insOf, once.outsOf].map((byAccount) => {
    const starts = new Map<number, number[]>();
    for (const v of byAccount.keys) {
      const firsts = pairFirsts(tl, byAccount.of(v));
      if (firsts.length >= 2) starts.set(v, firsts);
    }
    return starts;
  });
}

/**
 * The best steady run of one account's pair starts `list`, with their steps from `stepOf`: the
 * chain of payments each `gap`..`gap + tolerance` steps after the one before (`minSteadyGap` or
 * more), with at most `maxSteadySkips` other new counterparties between two of them, that scores
 * highest (`runScore`) and lasts longer than a window. Dynamic programming over (payment, gap):
 * O(payments x skips x tolerance).
 */
function bestRun(
  o: TypologyOptions,
  hub: number,
  direction: SteadyRun['direction'],
  list: readonly number[],
  stepOf: ArrayLike<number>,
): SteadyRun | null {
  const sorted = list.slice().sort((x, y) => stepOf[x]! - stepOf[y]!);
  const steps = sorted.map((i) => stepOf[i]!);
  if (steps[steps.length - 1]! - steps[0]! <= o.windowSteps) return null;
  // Entries (payment, gap): the best score of a run ending at that payment with that gap, the
  // entry before it in the run (-1: the run starts at the payment before) and the step it began.
  const { gapOf, scoreOf, beforeOf, firstOf } = ENTRIES;
  let entries = 0;
  const startOf: number[] = [];
  let top = { score: 0, entry: -1 };
  for (let k = 0; k < steps.length; k += 1) {
    startOf.push(entries);
    for (let j = k - 1; j >= 0 && k - j - 1 <= o.maxSteadySkips; j -= 1) {
      const step = steps[k]! - steps[j]!;
      if (step < o.minSteadyGap) continue;
      const penalty = 2 * (k - j - 1);
      for (let gap = step; gap >= o.minSteadyGap && step - gap <= toleranceOf(o, gap); gap -= 1) {
        let before = -1;
        for (let e = startOf[j]!; e < startOf[j + 1]!; e += 1) if (gapOf[e] === gap) before = e;
        const score = (before >= 0 ? scoreOf[before]! : 1) + 1 - penalty;
        let here = -1;
        for (let e = startOf[k]!; e < entries; e += 1) if (gapOf[e] === gap) here = e;
        if (here >= 0 && score <= scoreOf[here]!) continue;
        if (here < 0 && score <= 1) continue;
        if (here < 0) here = entries++;
        gapOf[here] = gap;
        scoreOf[here] = score;
        beforeOf[here] = before >= 0 ? before : -1 - j;
        firstOf[here] = before >= 0 ? firstOf[before]! : steps[j]!;
      }
    }
    for (let e = startOf[k]!; e < entries; e += 1) {
      // A run within one window is a burst, the burst finders' to judge.
      if (scoreOf[e]! > top.score && steps[k]! - firstOf[e]! > o.windowSteps) {
        top = { score: scoreOf[e]!, entry: e };
      }
    }
  }
  startOf.push(entries);
  if (top.entry < 0) return null;
  // Back from the last entry: each entry's payment, then the payment the run started at.
  const paymentOf = (e: number) =>
    startOf.findIndex((start, k) => e >= start && e < startOf[k + 1]!);
  const chain: number[] = [];
  let e = top.entry;
  for (; e >= 0; e = beforeOf[e]!) chain.push(paymentOf(e));
  chain.push(-1 - e);
  chain.reverse();
  return {
    hub,
    direction,
    payments: chain.map((k) => sorted[k]!),
    others: chain[chain.length - 1]! - chain[0]! + 1 - chain.length,
  };
}

/** Scratch space for `bestRun`'s entries, grown as needed (one account at a time). */
const ENTRIES = {
  gapOf: [] as number[],
  scoreOf: [] as number[],
  beforeOf: [] as number[],
  firstOf: [] as number[],
};

/** Every account's best steady run each way scoring `minFan` or more, steps from `stepOf`. */
function steadyRuns(
  o: TypologyOptions,
  amount: ArrayLike<number>,
  starts: Map<number, number[]>[],
  stepOf: ArrayLike<number>,
): SteadyRun[] {
  const runs: SteadyRun[] = [];
  starts.forEach((byAccount, side) => {
    for (const [v, list] of byAccount) {
      if (list.length < o.minFan) continue;
      const run = bestRun(o, v, side === 0 ? 'in' : 'out', list, stepOf);
      // The same round sum to (or from) one account after another is a habit: a savings club's
      // contributions, an allowance.
      if (!run || runScore(run) < o.minFan || run.payments.every((i) => isRoundSum(amount[i]!))) {
        continue;
      }
      // A busy account's new counterparties fall into a steady run now and then; a fan's are
      // most of its new counterparties that way.
      if (run.payments.length < o.minSteadyShare * list.length) continue;
      runs.push(run);
    }
  });
  return runs;
}

/**
 * Fans at a steady pace among the one-off payments `once`: per account and direction, the best
 * steady run (`bestRun`) scoring `minFan` or more, not all round sums, and at least
 * `minSteadyShare` of the account's new counterparties that way. The pace of a busy account's
 * new counterparties can be steady by chance, so the same search runs again `slowShuffles` times
 * with the pairs' times shuffled among them within each window: runs of a score are rings when
 * chance gives no more than `maxSlowChanceShare` of as many as were found with that score. An
 * account steady both ways is a gather-scatter.
 */
export function steadyFans(tl: MoneyTimeline, o: TypologyOptions, once: OncePayments): Shape[] {
  const starts = pairStarts(tl, once);
  const stepOf = new Float64Array(tl.graph.transfers.at.length);
  const origin = tl.graph.transfers.at.reduce((low, t) => Math.min(low, t), Infinity);
  const stepAt = (i: number) => Math.floor((tl.graph.transfers.at[i]! - origin) / tl.step);
  for (const list of [...starts[0]!.values(), ...starts[1]!.values()]) {
    for (const i of list) stepOf[i] = stepAt(i);
  }
  const runs = steadyRuns(o, tl.graph.transfers.amount, starts, stepOf);
  if (runs.length === 0) return [];
  const found = new Map<number, number>();
  const chance = new Map<number, number>();
  const tally = (map: Map<number, number>, score: number, weight: number) => {
    map.set(score, (map.get(score) ?? 0) + weight);
  };
  for (const run of runs) tally(found, runScore(run), 1);
  // A pair's first transfer starts it on both sides: one time per pair shuffles both together.
  // Times are shuffled within each window of the period, so that an account busy in some weeks
  // stays busy in them, only not at a steady pace.
  const pairsOnce = [...new Set([...starts[0]!.values(), ...starts[1]!.values()].flat())].sort(
    (x, y) => stepOf[x]! - stepOf[y]!,
  );
  const windowOf = (i: number) => Math.floor(stepOf[i]! / Math.max(1, o.windowSteps));
  const shuffled = new Float64Array(stepOf.length);
  const random = seededRandom(2);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    for (let a = 0; a < pairsOnce.length;) {
      let b = a;
      while (b < pairsOnce.length && windowOf(pairsOnce[b]!) === windowOf(pairsOnce[a]!)) b += 1;
      const order = shuffledRange(b - a, random);
      for (let k = a; k < b; k += 1)
        shuffled[pairsOnce[k]!] = stepOf[pairsOnce[a + order[k - a]!]!]!;
      a = b;
    }
    for (const run of steadyRuns(o, tl.graph.transfers.amount, starts, shuffled))
      tally(chance, runScore(run), 1 / rounds);
  }
  // Each run is weighed against chance alone; an account steady both ways is a gather-scatter.
  const passed = new Map<number, SteadyRun[]>();
  const shapes: Shape[] = [];
  for (const run of runs) {
    const score = runScore(run);
    const missed = slowChanceMissed(
      o,
      chance.get(score) ?? 0,
      found.get(score) ?? 1,
      `runs of new ${run.direction === 'in' ? 'payers' : 'payees'} as long and steady as this (${plural(run.payments.length, 'account')}, ${plural(run.others, 'other')} in between)`,
      'its times shuffled within each window',
    );
    if (!missed) {
      passed.set(run.hub, [...(passed.get(run.hub) ?? []), run]);
      continue;
    }
    const shape = describeSteadyFan(tl, [run]);
    shape.missed.push(missed);
    shapes.push(shape);
  }
  return [...[...passed.values()].map((hubRuns) => describeSteadyFan(tl, hubRuns)), ...shapes];
}

function describeSteadyFan(tl: MoneyTimeline, runs: readonly SteadyRun[]): Shape {
  const g = tl.graph;
  const { from, to, amount } = g.transfers;
  const hub = runs[0]!.hub;
  const inRun = runs.find((run) => run.direction === 'in');
  const outRun = runs.find((run) => run.direction === 'out');
  const payers = inRun ? inRun.payments.map((i) => from[i]!) : [];
  const payees = outRun ? outRun.payments.map((i) => to[i]!) : [];
  const roles = new Map<number, RingRole>([[hub, 'ringleader']]);
  for (const v of payers) roles.set(v, 'member');
  for (const v of payees) if (!roles.has(v)) roles.set(v, 'mule');
  const pace = (run: SteadyRun) => {
    const span = timeSpan(tl, run.payments);
    const total = run.payments.reduce((sum, i) => sum + amount[i]!, 0);
    const others =
      run.others === 0
        ? `no other new account ${run.direction === 'in' ? 'paid it' : 'was paid by it'} in that time`
        : `only ${plural(run.others, 'other new account')} ${run.direction === 'in' ? 'paid it' : `${run.others === 1 ? 'was' : 'were'} paid by it`} in that time`;
    return `${idOf(g, hub)} ${run.direction === 'in' ? 'was paid by' : 'paid'} ${plural(run.payments.length, 'new account')} one after another, one every ${paceText(tl, run)}, over ${duration(tl, span.last - span.first)} (${money(total)}); ${others}`;
  };
  const longest = Math.max(...runs.map((run) => run.payments.length));
  return {
    typology: inRun && outRun ? 'gather_scatter' : inRun ? 'fan_in' : 'fan_out',
    roles,
    leader: hub,
    score: Math.min(0.95, 0.55 + 0.02 * longest),
    missed: [],
    reasons: () => [
      ...runs.map(pace),
      `none of the ${inRun && outRun ? 'payers and payees' : inRun ? 'payers' : 'payees'} dealt with it before or after, nor the other way`,
    ],
    memberReasons: (v) =>
      v === hub
        ? runs.map(
            (run) =>
              `${run.direction === 'in' ? 'was paid by' : 'paid'} ${idList(g, run.direction === 'in' ? payers : payees, 3)} one after another, one every ${paceText(tl, run)}`,
          )
        : payers.includes(v)
          ? [`paid ${idOf(g, hub)} once, in turn with its other new payers`]
          : [`was paid by ${idOf(g, hub)} once, in turn with its other new payees`],
  };
}

/** The run's pace from its shortest to its longest gap, rounded: "8-9 hours", "6 days", "day". */
function paceText(tl: MoneyTimeline, run: SteadyRun): string {
  const { at } = tl.graph.transfers;
  const gaps = run.payments.slice(1).map((i, k) => at[i]! - at[run.payments[k]!]!);
  const days = tl.step === 86_400_000 || (tl.step === 3_600_000 && Math.min(...gaps) >= 2 * DAY_MS);
  const unit = days ? DAY_MS : tl.step;
  const low = Math.round(Math.min(...gaps) / unit);
  const high = Math.round(Math.max(...gaps) / unit);
  const name = days ? 'day' : tl.step === 3_600_000 ? 'hour' : 'step';
  if (low === high) return low === 1 ? name : plural(low, name);
  return `${low}-${high} ${name}s`;
}

const DAY_MS = 86_400_000;
