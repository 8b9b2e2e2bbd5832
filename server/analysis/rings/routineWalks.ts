/**
 * Walks: accounts that paid one another, each pair once, within one window, every payment marked
 * the same way: off its payer's routine amount (see `routine.ts`), or just under one reporting
 * threshold (see `structuring.ts`). Money walked from account to account at amounts that tie
 * nothing together (a random walk, in AMLSim's words), and what is left of a fan, block or stack
 * once its other accounts were placed, shows in that each payment broke its payer's habit, or
 * was kept under the limit. An account party to every payment is a fan's hub and leads it; one
 * that paid two or more middle accounts, each paying one last account, leads a scatter-gather.
 * Where few accounts keep a routine, there are few payments off it and no walk off routine.
 * Pure functions over the money timeline.
 */
import { DisjointSets } from '../disjointSets';
import { seededRandom, shuffledRange } from '../random';
import type { RingRole } from './candidate';
import { isBrief, type MoneyTimeline } from './fanIn';
import { duration, idList, timeSpan, type Shape } from './shapes';
import { idOf, money, percent, plural } from './signals';
import { slowChanceMissed } from './slowShapes';
import { REPORTING_THRESHOLDS, rateText, thresholdJustAbove, thresholdText } from './structuring';
import type { TypologyOptions } from './typologyOptions';

/**
 * Why walks off routine are not looked for in this data, or null when they are: payments off
 * routine are common among the accounts keeping one (more than `maxWalkOffRoutine` of theirs).
 */
export function walksPassedOver(tl: MoneyTimeline, o: TypologyOptions): string | null {
  const share = tl.offRoutine.chance;
  if (share <= o.maxWalkOffRoutine) return null;
  return (
    `Walks of money off the payers' routine were not looked for: ${percent(share)} of the payments ` +
    `of accounts keeping a routine amount are off it here, so a payment off one says little; ` +
    `walks count where at most ${percent(o.maxWalkOffRoutine)} are (maxWalkOffRoutine).`
  );
}

/**
 * Groups of `minWalk` or more accounts, none placed in a ring, tied together by payments
 * off their payer's routine (the first of pairs that deal once, whichever way), all within one
 * window: weighed against the groups the same number of such payments, drawn at random from all
 * of them `slowShuffles` times, make (looked for only where `walksPassedOver` says nothing).
 * Walks are rings when chance gives at most
 * `maxSlowChanceShare` of as many as were found. With `unexplained` (the payments no ring found
 * explains), a walk may also pass through accounts of rings found before, one such account to a
 * payment and none of them the hub of the walk: an account serving two patterns leaves a gap in
 * a walk sought among the accounts of no ring.
 */
export function routineWalks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  placed: ReadonlySet<number>,
  unexplained?: (i: number) => boolean,
): Shape[] {
  const { off } = tl.offRoutine;
  const payments = oneOffPayments(tl, placed, unexplained);
  const offPayments = payments.filter((i) => off[i] === 1);
  return weighedWalks(tl, o, payments, [offPayments], placed, {
    like: 'paying one another off routine like this',
    drawn: 'as many payments off routine drawn at random',
    mark: () =>
      `every payment was off its payer's routine amount (in this data ${percent(tl.offRoutine.chance)} of the payments of accounts keeping one are)`,
    memberMark: 'off routine',
  });
}

/**
 * Groups of `minWalk` or more accounts, none placed in a ring, tied together by payments just
 * under one reporting threshold (the first of pairs that deal once, whichever way), all within
 * one window: structuring spread over several accounts. Weighed as `routineWalks` are, against
 * as many payments drawn at random from all one-off payments, threshold by threshold.
 */
export function structuredWalks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  placed: ReadonlySet<number>,
): Shape[] {
  const { amount } = tl.graph.transfers;
  const payments = oneOffPayments(tl, placed);
  const byThreshold: number[][] = REPORTING_THRESHOLDS.map(() => []);
  for (const i of payments) {
    const t = thresholdJustAbove(amount[i]!);
    if (t >= 0) byThreshold[t]!.push(i);
  }
  return weighedWalks(tl, o, payments, byThreshold, placed, {
    like: 'paying one another just under one reporting threshold like this',
    drawn: 'as many payments drawn at random',
    mark: (walk) => {
      const t = thresholdJustAbove(amount[walk.payments[0]!]!);
      return `every payment was just under ${thresholdText(REPORTING_THRESHOLDS[t]!)}, as payments kept under a reporting limit are (in this data ${rateText(tl.structuringRates[t]!)} of all payments are that close under it)`;
    },
    memberMark: 'just under the limit',
  });
}

/**
 * The first payment of each pair that deals once, between accounts no ring placed; with
 * `unexplained`, every such payment it passes that has at most one end placed.
 */
function oneOffPayments(
  tl: MoneyTimeline,
  placed: ReadonlySet<number>,
  unexplained?: (i: number) => boolean,
): number[] {
  const { from, to, at } = tl.graph.transfers;
  const placedEnds = (i: number) => Number(placed.has(from[i]!)) + Number(placed.has(to[i]!));
  const payments: number[] = [];
  for (let i = 0; i < from.length; i += 1) {
    if (
      tl.pairFirst[tl.pairOf[i]!] === at[i] &&
      (unexplained ? placedEnds(i) <= 1 && unexplained(i) : placedEnds(i) === 0) &&
      isBrief(tl, i)
    ) {
      payments.push(i);
    }
  }
  return payments;
}

/** How a kind of walk is described and weighed. */
interface WalkKind {
  /** "groups of N accounts or more " + like. */
  like: string;
  /** What chance is measured on. */
  drawn: string;
  /** The reason line saying what marks every payment. */
  mark: (walk: Walk) => string;
  /** Said of each member's payments. */
  memberMark: string;
}

/**
 * The walks each list of `marked` payments makes, weighed against the walks as many payments
 * drawn at random from `payments` make (list by list, `slowShuffles` times): walks of a size are
 * rings when chance gives at most `maxSlowChanceShare` of as many as were found.
 */
function weighedWalks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  payments: readonly number[],
  marked: readonly (readonly number[])[],
  placed: ReadonlySet<number>,
  kind: WalkKind,
): Shape[] {
  const walks = marked.flatMap((list) => groupsWithin(tl, o, list, placed));
  if (walks.length === 0) return [];
  const found = new Map<number, number>();
  const chance = new Map<number, number>();
  const tally = (map: Map<number, number>, size: number, weight: number) => {
    for (let k = o.minWalk; k <= size; k += 1) map.set(k, (map.get(k) ?? 0) + weight);
  };
  for (const walk of walks) tally(found, walk.accounts.length, 1);
  const random = seededRandom(3);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    // One shuffle a round: each list draws the next stretch of it (the lists are disjoint
    // parts of `payments`, so there is enough of it for all).
    const order = shuffledRange(payments.length, random);
    let next = 0;
    for (const list of marked) {
      if (list.length === 0) continue;
      const drawn = Array.from(order.subarray(next, next + list.length), (k) => payments[k]!);
      next += list.length;
      for (const walk of groupsWithin(tl, o, drawn, placed)) {
        tally(chance, walk.accounts.length, 1 / rounds);
      }
    }
  }
  return walks.map((walk) => {
    const shape = describeWalk(tl, walk, kind);
    const size = walk.accounts.length;
    const missed = slowChanceMissed(
      o,
      chance.get(size) ?? 0,
      found.get(size)!,
      `groups of ${plural(size, 'account')} or more ${kind.like}`,
      kind.drawn,
    );
    if (missed) shape.missed.push(missed);
    return shape;
  });
}

/** Accounts tied together by payments, and those payments in time order. */
interface Walk {
  accounts: number[];
  payments: number[];
}

/**
 * The groups of accounts `payments` tie together with `minWalk` to `maxCycle` accounts, as
 * many payments as accounts less one or more, all within one window, none led by a `placed`
 * account party to every payment (a ring's account paying its own way, not a walk).
 */
function groupsWithin(
  tl: MoneyTimeline,
  o: TypologyOptions,
  payments: readonly number[],
  placed: ReadonlySet<number>,
): Walk[] {
  const { from, to, at } = tl.graph.transfers;
  const sets = new DisjointSets();
  for (const i of payments) sets.union(from[i]!, to[i]!);
  const byGroup = new Map<number, number[]>();
  for (const i of payments) {
    const root = sets.find(from[i]!);
    const list = byGroup.get(root);
    if (list) list.push(i);
    else byGroup.set(root, [i]);
  }
  const walks: Walk[] = [];
  for (const list of byGroup.values()) {
    const accounts = [...new Set(list.flatMap((i) => [from[i]!, to[i]!]))];
    if (accounts.length < o.minWalk || accounts.length > o.maxCycle) continue;
    const placedHub = (v: number) =>
      placed.has(v) && list.every((i) => from[i] === v || to[i] === v);
    if (accounts.some(placedHub)) continue;
    const times = list.map((i) => at[i]!);
    if (Math.max(...times) - Math.min(...times) > tl.windowMs) continue;
    walks.push({ accounts, payments: list.sort((x, y) => at[x]! - at[y]! || x - y) });
  }
  return walks;
}

/**
 * The origin of a walk shaped as a scatter-gather: one account that paid two or more others, each
 * of which paid one last account and nobody else, every payment of the walk among them.
 */
function scatterGatherOrigin(tl: MoneyTimeline, walk: Walk): number | undefined {
  const { from, to } = tl.graph.transfers;
  const payers = new Set(walk.payments.map((i) => from[i]!));
  const payees = new Set(walk.payments.map((i) => to[i]!));
  const origins = walk.accounts.filter((v) => !payees.has(v));
  const targets = walk.accounts.filter((v) => !payers.has(v));
  if (origins.length !== 1 || targets.length !== 1) return undefined;
  const [origin, target] = [origins[0]!, targets[0]!];
  const middles = walk.accounts.filter((v) => v !== origin && v !== target);
  if (middles.length < 2 || walk.payments.length !== 2 * middles.length) return undefined;
  const shaped = walk.payments.every(
    (i) =>
      (from[i] === origin && middles.includes(to[i]!)) ||
      (middles.includes(from[i]!) && to[i] === target),
  );
  const each = middles.every(
    (v) =>
      walk.payments.some((i) => from[i] === origin && to[i] === v) &&
      walk.payments.some((i) => from[i] === v && to[i] === target),
  );
  return shaped && each ? origin : undefined;
}

/** A walk: accounts paying one another within a window, every payment marked alike. */
function describeWalk(tl: MoneyTimeline, walk: Walk, kind: WalkKind): Shape {
  const g = tl.graph;
  const { from, to, amount } = g.transfers;
  const span = timeSpan(tl, walk.payments);
  const amounts = walk.payments.map((i) => amount[i]!);
  const last = walk.payments[walk.payments.length - 1]!;
  const first = from[walk.payments[0]!]!;
  // An account party to every payment is the hub of a fan, and leads it; one that paid middle
  // accounts which each paid one last account is the origin of a scatter-gather.
  const hub = walk.accounts.find((v) => walk.payments.every((i) => from[i] === v || to[i] === v));
  const origin = hub === undefined ? scatterGatherOrigin(tl, walk) : undefined;
  const roles = new Map<number, RingRole>(walk.accounts.map((v) => [v, 'mule']));
  if (hub === undefined) roles.set(to[last]!, 'cash_out');
  const leader = hub ?? origin ?? null;
  if (leader !== null) roles.set(leader, 'ringleader');
  const paysOut =
    hub !== undefined &&
    walk.payments.filter((i) => from[i] === hub).length * 2 > walk.payments.length;
  return {
    typology:
      hub !== undefined
        ? paysOut
          ? 'fan_out'
          : 'fan_in'
        : origin !== undefined
          ? 'scatter_gather'
          : 'chain',
    roles,
    leader,
    score: Math.min(0.9, 0.5 + 0.05 * walk.accounts.length),
    missed: [],
    reasons: () => [
      `${plural(walk.accounts.length, 'account')} (${idList(g, walk.accounts, 4)}) paid one another ${plural(walk.payments.length, 'time')} within ${duration(tl, span.last - span.first)}, from ${idOf(g, first)} on, each pair once: ${money(Math.min(...amounts))} to ${money(Math.max(...amounts))} a payment`,
      kind.mark(walk),
    ],
    memberReasons: (v) => {
      const paid = walk.payments.filter((i) => from[i] === v).map((i) => to[i]!);
      const paidBy = walk.payments.filter((i) => to[i] === v).map((i) => from[i]!);
      return [
        `${paidBy.length > 0 ? `was paid by ${idList(g, paidBy, 3)}` : 'started the walk'}${paid.length > 0 ? ` and paid ${idList(g, paid, 3)}` : ''}, ${kind.memberMark}, within the walk`,
      ];
    },
  };
}
