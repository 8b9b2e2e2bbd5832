/**
 * Rounds on a schedule: a collector whose burst payers came one after another at a steady
 * interval (or a distributor paying its burst payees so) runs its laundering in rounds. The
 * account that paid it (or was paid by it) one round before the first or after the last, in the
 * amounts of the pieces, took part in a round too, even with a single payment: AMLSim's fan-ins
 * open with such a round. Chance is weighed over all such hubs: each hub's payments with
 * accounts outside its group, times the share of the period the two rounds' windows cover, times
 * the share of all payments in the pieces' amounts, is what chance would join to it. Hubs are
 * kept the most surprising first, as far as chance gives at most `maxChanceShare` of the joins
 * found among them. Pure functions over `AnalysisGraph`.
 */
import type { DisjointSets } from '../disjointSets';
import { firstAbove, firstAtLeast } from '../sortedSearch';
import type { AnalysisGraph } from './graphBuilder';
import { idOf, money, plural } from './signals';

/** Hubs and, per burst partner, when its last burst with the hub was (`BurstPairs` of `fanIn`). */
type HubBursts = ReadonlyMap<number, ReadonlyMap<number, { lastCounted: number }>>;

export const BURST_SCHEDULE_DEFAULTS = {
  /** A hub runs rounds where at least this many partners burst with it, each at its own time ... */
  minRounds: 2,
  /** ... the intervals between them differing by at most this share of the shortest (or a step). */
  tolerance: 0.05,
  /** Joins are kept where chance would make at most this share of as many. */
  maxChanceShare: 0.1,
} as const;

/** A hub's rounds: the times its partners burst, the interval, and its pieces' amounts. */
interface Rounds {
  hub: number;
  /** `in`: a collector's payers; `out`: a distributor's payees. */
  direction: 'in' | 'out';
  first: number;
  last: number;
  interval: number;
  slack: number;
  partners: ReadonlyMap<number, { lastCounted: number }>;
  /** The pieces' smallest and largest amounts. */
  low: number;
  high: number;
  /** Payments with accounts outside the hub's group. */
  tries: number;
}

/**
 * Joins, in `sets`, the accounts that paid a collector (or were paid by a distributor) on its
 * schedule of rounds, and returns each joined account's reason. `collectors`, `distributors`:
 * hubs and their burst partners; `step`: the data's time resolution in ms; `burstMs`: the longest
 * burst; `joinable`: accounts that may join (bank accounts in no group and no other ring).
 */
export function joinOnSchedule(
  graph: AnalysisGraph,
  sets: DisjointSets,
  hubs: { collectors: HubBursts; distributors: HubBursts },
  step: number,
  burstMs: number,
  joinable: (v: number) => boolean,
): Map<number, string> {
  const { from, to, at, amount } = graph.transfers;
  const joined = new Map<number, string>();
  const byDirection = {
    in: roundsOf(hubs.collectors, 'in', step),
    out: roundsOf(hubs.distributors, 'out', step),
  };
  if (from.length === 0 || byDirection.in.size + byDirection.out.size === 0) return joined;
  // The rounds transfer i touches (its payee's as a collector, its payer's as a distributor),
  // each with the partner on the other side.
  const visit = (i: number, touch: (r: Rounds, partner: number) => void) => {
    const collector = byDirection.in.get(to[i]!);
    if (collector) touch(collector, from[i]!);
    const distributor = byDirection.out.get(from[i]!);
    if (distributor) touch(distributor, to[i]!);
  };
  // The pieces' amounts: the range of the hub's transfers in its partners' last bursts.
  for (let i = 0; i < from.length; i += 1) {
    visit(i, (r, partner) => {
      const pair = r.partners.get(partner);
      if (!pair || Math.abs(at[i]! - pair.lastCounted) > burstMs) return;
      r.low = Math.min(r.low, amount[i]!);
      r.high = Math.max(r.high, amount[i]!);
    });
  }
  const inGroup = (a: number, b: number) =>
    sets.has(a) && sets.has(b) && sets.find(a) === sets.find(b);
  // Payments with accounts outside the hub's group (chance's tries), and those on its schedule.
  const candidates: { rounds: Rounds; partner: number; transfer: number }[] = [];
  for (let i = 0; i < from.length; i += 1) {
    visit(i, (r, partner) => {
      if (partner === r.hub || inGroup(partner, r.hub)) return;
      r.tries += 1;
      if (!joinable(partner) || sets.has(partner)) return;
      if (amount[i]! < r.low || amount[i]! > r.high) return;
      const before = Math.abs(at[i]! - (r.first - r.interval)) <= r.slack;
      const after = Math.abs(at[i]! - (r.last + r.interval)) <= r.slack;
      if (before || after) candidates.push({ rounds: r, partner, transfer: i });
    });
  }
  if (candidates.length === 0) return joined;
  // Each hub's chance of a payment from outside landing on its schedule in its pieces' amounts.
  const sorted = Float64Array.from(amount).sort();
  const span = Math.max(step, at[at.length - 1]! - at[0]!);
  const weighed = [...byDirection.in.values(), ...byDirection.out.values()].filter(
    (r) => r.tries > 0 && r.low <= r.high,
  );
  const chanceOf = new Map<Rounds, number>();
  for (const r of weighed) {
    const windowShare = Math.min(1, (2 * (2 * r.slack + step)) / span);
    const amountShare = (firstAbove(sorted, r.high) - firstAtLeast(sorted, r.low)) / sorted.length;
    chanceOf.set(r, r.tries * windowShare * amountShare);
  }
  // The hubs kept: the most surprising first, as far as chance gives at most `maxChanceShare`
  // of the joins found among them.
  const joinsOf = new Map<Rounds, Set<number>>();
  for (const c of candidates) {
    joinsOf.set(c.rounds, (joinsOf.get(c.rounds) ?? new Set<number>()).add(c.partner));
  }
  weighed.sort((a, b) => chanceOf.get(a)! - chanceOf.get(b)! || a.hub - b.hub);
  let expected = 0;
  let found = 0;
  let kept = { count: 0, expected: 0, found: 0 };
  weighed.forEach((r, k) => {
    expected += chanceOf.get(r)!;
    found += joinsOf.get(r)?.size ?? 0;
    if (found > 0 && expected <= BURST_SCHEDULE_DEFAULTS.maxChanceShare * found) {
      kept = { count: k + 1, expected, found };
    }
  });
  const keptRounds = new Set(weighed.slice(0, kept.count));
  for (const { rounds: r, partner, transfer } of candidates) {
    if (joined.has(partner) || !keptRounds.has(r)) continue;
    sets.union(partner, r.hub);
    const deal =
      r.direction === 'in' ? `paid ${idOf(graph, r.hub)}` : `was paid by ${idOf(graph, r.hub)}`;
    const when = at[transfer]! < r.first ? 'before the first' : 'after the last';
    joined.set(
      partner,
      `${deal} ${money(amount[transfer]!)}, a round (${intervalText(r.interval)}) ${when} of its burst partners' rounds, in the amounts of their pieces (${money(r.low)}-${money(r.high)}); among hubs as unusual, chance gives ${kept.expected.toFixed(1)} such payments against ${kept.found} found`,
    );
  }
  return joined;
}

/** The hubs whose burst partners came in steady rounds (`steadyRounds`), by hub. */
function roundsOf(
  hubs: HubBursts,
  direction: Rounds['direction'],
  step: number,
): Map<number, Rounds> {
  const rounds = new Map<number, Rounds>();
  for (const [hub, partners] of hubs) {
    const times = [...new Set([...partners.values()].map((pair) => pair.lastCounted))];
    const steady = steadyRounds(times, step);
    if (!steady) continue;
    rounds.set(hub, {
      hub,
      direction,
      partners,
      ...steady,
      low: Infinity,
      high: -Infinity,
      tries: 0,
    });
  }
  return rounds;
}

/**
 * Times at a steady interval: at least `minRounds` of them, each interval within `tolerance` of
 * the shortest (or one `step`). Null where they are not.
 */
export function steadyRounds(
  times: readonly number[],
  step: number,
): { first: number; last: number; interval: number; slack: number } | null {
  if (times.length < BURST_SCHEDULE_DEFAULTS.minRounds) return null;
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, k) => t - sorted[k]!);
  const shortest = Math.min(...gaps);
  if (shortest <= step) return null;
  const slack = Math.max(step, BURST_SCHEDULE_DEFAULTS.tolerance * shortest);
  if (gaps.some((gap) => gap - shortest > slack)) return null;
  const interval = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return { first: sorted[0]!, last: sorted[sorted.length - 1]!, interval, slack };
}

/** An interval in words: "37 hours", "12 days". */
function intervalText(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48 ? plural(Math.max(1, hours), 'hour') : plural(Math.round(hours / 24), 'day');
}
