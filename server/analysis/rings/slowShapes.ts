/**
 * Slow shapes: money passed on weeks later, between accounts that deal only once, tied together
 * by its amounts (see `slowShapes`). Pure functions over the money timeline.
 */
import { groupsSharingKeys } from '../disjointSets';
import { GroupedLists } from '../groupedLists';
import { seededRandom, shuffledRange } from '../random';
import type { RingRole } from './candidate';
import { firstAtOrAfter, isFresh, transfersOf, type MoneyTimeline } from './fanIn';
import {
  describeFallingLoop,
  fallingLoops,
  paidInLoopOrder,
  paymentsOnLoops,
  sharesInTime,
} from './fallingLoops';
import { describeChain, describeCycle, duration, idList, timeSpan, type Shape } from './shapes';
import { count, idOf, isRoundSum, money, percent, plural } from './signals';
import type { TypologyOptions } from './typologyOptions';

/**
 * Slow shapes: money passed on weeks later (AMLSim's patterns run over months, a hop every few
 * weeks), so no window ties their payments together; each payment is its pair's only dealing.
 * What ties them is the amount. An account that pays on `slowCycleShare` or more of one payment
 * it received (and no more than `passOnMax`), in one later payment, to someone else, passed it on
 * (`slowLinks`): three or more middle accounts passing on to one account what one origin paid
 * them are a scatter-gather, a path through `minSlowChain` accounts a chain. Loops of such links
 * (where an account made several payments that could pass the money on, the loop says which) and
 * loops paid out of their own order (`fallingLoops`) are cycles. An account that gathered from
 * several accounts, then paid several others equal shares adding up to what it gathered (less a
 * fee), is a gather-scatter's hub (`slowGatherScatters`), and such hubs sharing their payers or
 * payees the middle layer of a stack; a hub whose identical shares add up, to the cent, to a whole
 * percentage of what some of its payers paid it within a window keeps an exact cut (`exactCut`),
 * and hubs keeping the same cut are weighed against chance together (`exactCutShapes`). These
 * run last, among the payments no ring found before is made of.
 * Amounts that cluster (round sums, a simulator's narrow range) match by chance, so the same
 * search runs again `slowShuffles` times with those payments' amounts shuffled among them (for
 * hubs, only what they gathered; for loops paid out of order, among payers of like scale):
 * shapes of a kind and size are rings when chance gives no more than `maxSlowChanceShare` of as
 * many as were found.
 */
export function slowShapes(tl: MoneyTimeline, o: TypologyOptions, once: OncePayments): Shape[] {
  const { amount } = tl.graph.transfers;
  const firsts = pairFirsts(tl, once.list);
  // Accounts that could lie on a loop of one-off payments; only their payments may pass money on
  // in one of several ways (see `slowLinks`).
  const onLoop = paymentsOnLoops(tl, firsts);
  const onLoops = new Uint8Array(tl.graph.nodeCount);
  for (const i of onLoop) {
    onLoops[tl.graph.transfers.from[i]!] = 1;
    onLoops[tl.graph.transfers.to[i]!] = 1;
  }
  const choices = slowLinks(tl, o, once, amount, onLoops);
  const links = onlyChoices(choices);
  // Loops paid out of order leave out round sums; what is left of those on a loop is peeled again.
  const loopPayments = paymentsOnLoops(
    tl,
    onLoop.filter((i) => !isRoundSum(amount[i]!)),
  );
  const keyedLoops = uniqueLoops(tl, [
    ...keyLoops(tl, o, slowLoops(tl, o, choices), amount),
    ...keyLoops(tl, o, fallingLoops(tl, o, loopPayments, amount), amount),
  ]);
  const fans = slowScatterGathers(tl, o, links);
  const chains = slowChains(tl, o, links);
  const candidates = equalShareHubs(tl, o, once);
  // Hubs keeping an exact cut were weighed before (see `exactCutShapes`).
  const hubs = looseHubs(slowGatherScatters(tl, o, candidates, amount));
  if (keyedLoops.length + fans.length + chains.length + hubs.length === 0) return [];
  // Per loop length, and per number of middle accounts, receivers paid or accounts chained (or
  // more), how many there are and how many chance gives.
  const found = {
    loops: new Map<number, number>(),
    fans: new Map<number, number>(),
    hubs: new Map<number, number>(),
    chains: new Map<number, number>(),
  };
  const chance = {
    loops: new Map<number, number>(),
    fans: new Map<number, number>(),
    hubs: new Map<number, number>(),
    chains: new Map<number, number>(),
  };
  const tally = (map: Map<number, number>, from: number, to: number, weight: number) => {
    for (let k = from; k <= to; k += 1) map.set(k, (map.get(k) ?? 0) + weight);
  };
  const tallyAll = (
    into: typeof found,
    weight: number,
    shapes: {
      loops: KeyedLoop[];
      fans: SlowScatterGather[];
      hubs: SlowGatherScatter[];
      chains: number[][];
    },
  ) => {
    for (const { key } of shapes.loops) tally(into.loops, key, key, weight);
    for (const fan of shapes.fans) tally(into.fans, o.minMiddles, fan.paths.length, weight);
    for (const hub of shapes.hubs) tally(into.hubs, o.minLayer, hub.outs.length, weight);
    for (const chain of shapes.chains) tally(into.chains, o.minSlowChain, chain.length + 1, weight);
  };
  tallyAll(found, 1, { loops: keyedLoops, fans, hubs, chains });
  const random = seededRandom(1);
  const shuffled = new Float64Array(amount.length);
  const shuffledAtScale = new Float64Array(amount.length);
  const scales = paymentsByPayerScale(tl, loopPayments);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffledRange(once.list.length, random);
    once.list.forEach((i, k) => (shuffled[i] = amount[once.list[order[k]!]!]!));
    for (const list of scales) {
      const within = shuffledRange(list.length, random);
      list.forEach((i, k) => (shuffledAtScale[i] = amount[list[within[k]!]!]!));
    }
    const chanceChoices = slowLinks(tl, o, once, shuffled, onLoops);
    const chanceLinks = onlyChoices(chanceChoices);
    tallyAll(chance, 1 / rounds, {
      loops: uniqueLoops(tl, [
        ...keyLoops(tl, o, slowLoops(tl, o, chanceChoices), shuffled),
        ...keyLoops(tl, o, fallingLoops(tl, o, loopPayments, shuffledAtScale), shuffledAtScale),
      ]),
      fans: slowScatterGathers(tl, o, chanceLinks),
      // A hub keeps the shares it paid; what it gathered before is shuffled.
      hubs: looseHubs(slowGatherScatters(tl, o, candidates, shuffled)),
      chains: slowChains(tl, o, chanceLinks),
    });
  }
  const weigh = (shape: Shape, kind: keyof typeof found, size: number, like: string): Shape => {
    const expected = chance[kind].get(size) ?? 0;
    const seen = found[kind].get(size) ?? 1;
    const missed = slowChanceMissed(o, expected, seen, like, 'its amounts shuffled');
    if (missed) shape.missed.push(missed);
    return shape;
  };
  return [
    ...keyedLoops.map(({ loop, key }) =>
      weigh(
        paidInLoopOrder(tl, loop) ? describeCycle(tl, [loop]) : describeFallingLoop(tl, loop),
        'loops',
        key,
        key > STEADY_LOOP
          ? `loops of ${plural(loop.length, 'account')} each keeping the same cut like this`
          : `loops of ${plural(loop.length, 'account')} passing money on like this`,
      ),
    ),
    ...fans.map((fan) =>
      weigh(
        describeSlowScatterGather(tl, fan),
        'fans',
        fan.paths.length,
        `accounts paying another through ${plural(fan.paths.length, 'middle account')} or more like this`,
      ),
    ),
    ...stackedHubs(hubs).flatMap((group) => {
      const weighed = group.map((hub) =>
        weigh(
          describeSlowGatherScatter(tl, hub),
          'hubs',
          hub.outs.length,
          `accounts paying ${plural(hub.outs.length, 'account')} or more equal shares of what they gathered like this`,
        ),
      );
      // Hubs that passed and share accounts are one stack; the others stay near misses.
      const passed = group.filter((_, k) => weighed[k]!.missed.length === 0);
      // A hub alone is a gather-scatter only with `minScatter` shares.
      if (passed.length < 2) return weighed.filter((_, k) => group[k]!.outs.length >= o.minScatter);
      return [describeSlowStack(tl, passed), ...weighed.filter((shape) => shape.missed.length > 0)];
    }),
    ...chains.map((chain) =>
      weigh(
        describeChain(tl, chain, 0.6, []),
        'chains',
        chain.length + 1,
        `chains of ${plural(chain.length + 1, 'account')} or more passing money on like this`,
      ),
    ),
  ];
}

/**
 * Gather-scatters whose hub keeps an exact cut (see `exactCut`), among `once`: weighed against
 * the hubs keeping the same cut found `slowShuffles` times with what the hubs gathered shuffled
 * (see `slowShapes`), so that hubs keeping the same fee are weighed together; hubs whose cut is
 * of the last payments they received are weighed again among themselves. They run before
 * the fans: a hub's equal shares are also a burst of payments to new accounts.
 */
export function exactCutShapes(tl: MoneyTimeline, o: TypologyOptions, once: OncePayments): Shape[] {
  const { amount } = tl.graph.transfers;
  const candidates = equalShareHubs(tl, o, once);
  const exactHubs = (gatheredOf: ArrayLike<number>) =>
    slowGatherScatters(tl, o, candidates, gatheredOf).filter((hub) => hub.cut !== null);
  const hubs = exactHubs(amount);
  if (hubs.length === 0) return [];
  const found = new Map<number, number>();
  const chance = new Map<number, number>();
  const add = (map: Map<number, number>, key: number, weight: number) =>
    map.set(key, (map.get(key) ?? 0) + weight);
  for (const hub of hubs) for (const key of hubKeys(hub)) add(found, key, 1);
  const random = seededRandom(1);
  const shuffled = new Float64Array(amount.length);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffledRange(once.list.length, random);
    once.list.forEach((i, k) => (shuffled[i] = amount[once.list[order[k]!]!]!));
    // Chance may hit any cut of the last payments: those hubs are counted together.
    for (const hub of exactHubs(shuffled)) {
      add(chance, hub.cut ?? 0, 1 / rounds);
      if (hub.lastPayments) add(chance, LAST_PAYMENTS_KEY, 1 / rounds);
    }
  }
  const missedBy = (key: number) => {
    const last = key >= LAST_PAYMENTS_KEY;
    return slowChanceMissed(
      o,
      chance.get(last ? LAST_PAYMENTS_KEY : key) ?? 0,
      found.get(key)!,
      last
        ? `accounts paying identical shares of exactly ${key - LAST_PAYMENTS_KEY}% (or any other whole percentage from ${percent(o.slowCycleShare)}) of the last payments they received`
        : `accounts paying identical shares of exactly ${key}% of what they gathered`,
      'what they gathered shuffled',
    );
  };
  // A hub is a ring when its cut, or its cut of the last payments it received, is beyond chance.
  return hubs.map((hub) => {
    const shape = describeSlowGatherScatter(tl, hub);
    const missed = hubKeys(hub).map(missedBy);
    if (missed.every((m) => m !== null)) shape.missed.push(missed[missed.length - 1]!);
    return shape;
  });
}

/** The hubs keeping no exact cut. */
function looseHubs(hubs: SlowGatherScatter[]): SlowGatherScatter[] {
  return hubs.filter((hub) => hub.cut === null);
}

/**
 * The chance threshold in plain words when shapes `like` this one turn up `expected` times in
 * the data with `shuffled` (e.g. "its amounts shuffled") against `seen` found, more than
 * `maxSlowChanceShare` of them; else null. `expected` is a sum of 1/rounds per shape found by
 * chance, so a share exactly at the bar may come out a hair over it in floating point: "at most"
 * allows for that.
 */
export function slowChanceMissed(
  o: TypologyOptions,
  expected: number,
  seen: number,
  like: string,
  shuffled: string,
): (() => string) | null {
  if (expected <= o.maxSlowChanceShare * seen * (1 + 1e-9)) return null;
  return () =>
    `${like} turn up ${expected.toFixed(1)} times in this data with ${shuffled}, against ${count(seen)} found; a ring needs chance to give at most ${percent(o.maxSlowChanceShare)} of them (maxSlowChanceShare)`;
}

/** The first transfer of each pair among `transfers` (several pieces of one payment are one pair). */
export function pairFirsts(tl: MoneyTimeline, transfers: Iterable<number>): number[] {
  const seen = new Set<number>();
  const firsts: number[] = [];
  for (const i of transfers) {
    const pair = tl.pairOf[i]!;
    if (seen.has(pair)) continue;
    seen.add(pair);
    firsts.push(i);
  }
  return firsts;
}

/**
 * The chains of `slowLinks` through `minSlowChain` or more accounts, each from a payment that passes
 * nothing on to where the money stops (or would come back to an account of the chain).
 */
function slowChains(tl: MoneyTimeline, o: TypologyOptions, links: Map<number, number>): number[][] {
  const { from, to } = tl.graph.transfers;
  const fed = new Set(links.values());
  const chains: number[][] = [];
  for (const e of links.keys()) {
    if (fed.has(e)) continue;
    const path = [e];
    const seen = new Set([from[e]!, to[e]!]);
    for (let next = links.get(e); next !== undefined; next = links.get(next)) {
      if (seen.has(to[next]!)) break;
      path.push(next);
      seen.add(to[next]!);
    }
    if (path.length + 1 >= o.minSlowChain) chains.push(path);
  }
  return chains;
}

/** Payments of pairs dealing once, in time order (those a search may still use). */
export interface OncePayments {
  list: number[];
  /** Per account, the ones it made and the ones it received, in the order of `list`. */
  outsOf: GroupedLists;
  insOf: GroupedLists;
}

/** The payments of pairs dealing once (`isFresh`), all of them or those `keep` keeps. */
export function oncePayments(
  tl: MoneyTimeline,
  keep: (payment: number) => boolean = () => true,
): OncePayments {
  const list: number[] = [];
  for (let i = 0; i < tl.graph.transfers.from.length; i += 1) {
    if (isFresh(tl, i) && keep(i)) list.push(i);
  }
  return oncePaymentsOf(tl, list);
}

/** `once` with only the payments `keep` keeps (cheaper than listing them again). */
export function oncePaymentsWhere(
  tl: MoneyTimeline,
  once: OncePayments,
  keep: (payment: number) => boolean,
): OncePayments {
  return oncePaymentsOf(tl, once.list.filter(keep));
}

function oncePaymentsOf(tl: MoneyTimeline, list: number[]): OncePayments {
  const { from, to } = tl.graph.transfers;
  const n = tl.graph.nodeCount;
  return {
    list,
    outsOf: new GroupedLists(
      n,
      list.length,
      (k) => from[list[k]!]!,
      (k) => list[k]!,
    ),
    insOf: new GroupedLists(
      n,
      list.length,
      (k) => to[list[k]!]!,
      (k) => list[k]!,
    ),
  };
}

/**
 * Per payment received among `once` (pairs dealing once), the later payments of its receiver,
 * also among `once` and not back to the payer, that could pass it on (`slowCycleShare`..
 * `passOnMax` of it), amounts read from `amountOf`; none where more than `maxSlowChoices` could
 * (the account pays such sums all the time), or more than one where the receiver lies on no loop
 * (`onLoops`: only a loop settles which one it was), nor where several could and the sum is round
 * (the same 100.00 to several people is a habit).
 */
function slowLinks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  once: OncePayments,
  amountOf: ArrayLike<number>,
  onLoops: Uint8Array,
): Map<number, number[]> {
  const { from, to, at } = tl.graph.transfers;
  const links = new Map<number, number[]>();
  const outs = once.outsOf.values;
  for (const i of once.list) {
    const size = once.outsOf.size(to[i]!);
    if (size === 0) continue;
    const start = once.outsOf.start(to[i]!);
    const end = start + size;
    const most = onLoops[to[i]!] === 1 ? o.maxSlowChoices : 1;
    const choices: number[] = [];
    // Paid on in the same step counts as later: the data cannot tell the order within a step.
    for (let k = firstAtOrAfter(tl, outs, at[i]!, start, end); k < end; k += 1) {
      const b = outs[k]!;
      const share = amountOf[b]! / amountOf[i]!;
      if (share < o.slowCycleShare || share > o.passOnMax || to[b] === from[i] || b === i) continue;
      choices.push(b);
      if (choices.length > most) break;
    }
    if (choices.length > most || (choices.length > 1 && isRoundSum(amountOf[i]!))) {
      continue;
    }
    if (choices.length > 0) links.set(i, choices);
  }
  return links;
}

/**
 * The links with one choice only: where an account paid on what it received in one payment, and
 * made no other like it later, the money went there. Chains and scatter-gathers follow these.
 */
function onlyChoices(choices: ReadonlyMap<number, readonly number[]>): Map<number, number> {
  const links = new Map<number, number>();
  for (const [i, list] of choices) if (list.length === 1) links.set(i, list[0]!);
  return links;
}

/**
 * `payments` in groups of at least `SCALE_GROUP`, by their payer's scale (the median of its
 * payments among them): amounts shuffled within a group keep what an account usually pays (one
 * paying hundreds keeps paying hundreds), so loops of accounts that all pay like sums anyway are
 * weighed against such accounts, not against everyone.
 */
function paymentsByPayerScale(tl: MoneyTimeline, payments: readonly number[]): number[][] {
  const { from, amount } = tl.graph.transfers;
  const byPayer = new Map<number, number[]>();
  for (const i of payments) {
    const list = byPayer.get(from[i]!);
    if (list) list.push(i);
    else byPayer.set(from[i]!, [i]);
  }
  const median = (list: readonly number[]) =>
    list.map((i) => amount[i]!).sort((x, y) => x - y)[list.length >> 1]!;
  const payers = [...byPayer.values()]
    .map((list) => ({ list, scale: median(list) }))
    .sort((x, y) => x.scale - y.scale);
  const groups: number[][] = [];
  let group: number[] = [];
  for (const { list } of payers) {
    group.push(...list);
    if (group.length >= SCALE_GROUP) {
      groups.push(group);
      group = [];
    }
  }
  // The last, short group joins the one before.
  if (groups.length > 0) groups[groups.length - 1]!.push(...group);
  else groups.push(group);
  return groups;
}

/** Payments shuffled together when weighing loops against chance (see `paymentsByPayerScale`). */
const SCALE_GROUP = 200;

/** `loops` with one loop per set of accounts, the first found. */
function uniqueLoops(tl: MoneyTimeline, loops: readonly KeyedLoop[]): KeyedLoop[] {
  const { from } = tl.graph.transfers;
  const found = new Map<string, KeyedLoop>();
  for (const entry of loops) {
    const key = entry.loop
      .map((i) => from[i]!)
      .sort((x, y) => x - y)
      .join(',');
    if (!found.has(key)) found.set(key, entry);
  }
  return [...found.values()];
}

/** A loop's payments with the key it is weighed against chance by (see `keyLoops`). */
interface KeyedLoop {
  loop: number[];
  key: number;
}

/** Added to a loop's length in its key when every hop keeps the same cut. */
const STEADY_LOOP = 1000;

/**
 * Each loop keyed by its length, plus `STEADY_LOOP` where each payment, in time order, is the
 * same share of the one before, within `steadyCut`, and less than it by `steadyCut` or more
 * (every account keeping the same cut, as a crew paid a fixed commission does): such loops are
 * weighed against chance apart from others.
 */
function keyLoops(
  tl: MoneyTimeline,
  o: TypologyOptions,
  loops: readonly number[][],
  amountOf: ArrayLike<number>,
): KeyedLoop[] {
  const { at } = tl.graph.transfers;
  return loops.map((loop) => {
    const shares = sharesInTime(loop, at, amountOf);
    const high = Math.max(...shares);
    const steady = high <= 1 - o.steadyCut && high - Math.min(...shares) <= o.steadyCut;
    return { loop, key: loop.length + (steady ? STEADY_LOOP : 0) };
  });
}

/**
 * The loops of `slowLinks`, through any of a payment's choices (money that comes back to where
 * it started settles which one passed it on): each loop's payments in loop order, a loop
 * perhaps several times, once from each payment it can be followed from (see `uniqueLoops`).
 */
function slowLoops(
  tl: MoneyTimeline,
  o: TypologyOptions,
  choices: ReadonlyMap<number, readonly number[]>,
): number[][] {
  const { from, to } = tl.graph.transfers;
  const found: number[][] = [];
  for (const e of choices.keys()) {
    const start = from[e]!;
    const path = [e];
    const seen = new Set([start, to[e]!]);
    // A bounded search from each payment: where many accounts pay each other like sums, the
    // paths multiply without end, and none of them is evidence.
    let budget = o.maxSlowLoopSteps;
    const follow = (last: number): void => {
      for (const next of choices.get(last) ?? []) {
        if (--budget < 0) return;
        const w = to[next]!;
        if (w === start) {
          if (path.length + 1 >= o.minCycle) found.push([...path, next]);
          continue;
        }
        if (seen.has(w) || path.length + 1 >= o.maxCycle) continue;
        seen.add(w);
        path.push(next);
        follow(next);
        path.pop();
        seen.delete(w);
      }
    };
    follow(e);
  }
  return found;
}

/** An account gathering one-off payments, then paying several accounts equal shares of them. */
interface SlowGatherScatter {
  hub: number;
  /** The payments it gathered, and the accounts that paid them. */
  ins: number[];
  senders: number[];
  /** The equal shares it paid, the accounts it paid them to, and their sum. */
  outs: number[];
  receivers: number[];
  paid: number;
  /** The whole percentage of what it gathered the shares add up to, to the cent; else null. */
  cut: number | null;
  /** Whether, with a cut, what it gathered was the last payments it received before the shares. */
  lastPayments: boolean;
}

/**
 * Accounts that paid `minLayer` or more accounts, one payment each, amounts within
 * `equalShares` of each other (not all round sums), after `minLayer` or more accounts had paid
 * them, one payment each (all among `once`): candidate hubs, whatever they gathered, one for
 * each run of equal amounts an account paid and one for each amount within it paid to several.
 * A hub alone makes a gather-scatter only with `minScatter` shares or an exact cut; else it
 * takes part in a stack.
 */
function equalShareHubs(
  tl: MoneyTimeline,
  o: TypologyOptions,
  once: OncePayments,
): SlowGatherScatter[] {
  const { from, to, at, amount } = tl.graph.transfers;
  const found: SlowGatherScatter[] = [];
  for (const hub of once.outsOf.keys) {
    if (once.outsOf.size(hub) < o.minLayer) continue;
    const allOuts = once.outsOf.list(hub);
    const sorted = allOuts.slice().sort((x, y) => amount[x]! - amount[y]!);
    // Each run of payments whose amounts lie within `equalShares` of the run's least: an
    // account may pay its standing amount to some and a share of what it gathered to others.
    for (let lo = 0; lo < sorted.length;) {
      let hi = lo;
      while (
        hi < sorted.length &&
        amount[sorted[hi]!]! <= (1 + o.equalShares) * amount[sorted[lo]!]!
      ) {
        hi += 1;
      }
      const run = sorted.slice(lo, hi);
      lo = hi;
      // Within a run, each amount paid to the cent to several accounts may be a fee's share.
      const identical = identicalRuns(run, amount);
      for (const shares of identical.length > 1 ? [run, ...identical] : [run]) {
        // The same round sum to several accounts is a habit (allowances, gifts), not a share.
        if (shares.length < o.minLayer || shares.every((b) => isRoundSum(amount[b]!))) continue;
        const first = Math.min(...shares.map((b) => at[b]!));
        // Payments at the same time as the first share may have come before it.
        const ins = once.insOf.list(hub).filter((i) => at[i]! <= first);
        if (ins.length < o.minLayer) continue;
        found.push({
          hub,
          ins,
          senders: ins.map((i) => from[i]!),
          outs: shares,
          receivers: shares.map((b) => to[b]!),
          paid: shares.reduce((sum, b) => sum + amount[b]!, 0),
          cut: null,
          lastPayments: false,
        });
      }
    }
  }
  return found;
}

/** `sorted` (payments by amount) split into runs of one amount to the cent. */
function identicalRuns(sorted: readonly number[], amount: ArrayLike<number>): number[][] {
  const runs: number[][] = [];
  for (const b of sorted) {
    const run = runs[runs.length - 1];
    if (run && Math.abs(amount[run[0]!]! - amount[b]!) < 0.5) run.push(b);
    else runs.push([b]);
  }
  return runs;
}

/**
 * The `candidates` whose shares are an exact cut of some of the payments they gathered (see
 * `exactCut`), or whose equal shares add up to `slowCycleShare`..`passOnMax` of all they had
 * gathered, from `minGather` or more accounts; the amounts gathered read from `gatheredOf`. One
 * for each hub, an exact cut first.
 */
function slowGatherScatters(
  tl: MoneyTimeline,
  o: TypologyOptions,
  candidates: readonly SlowGatherScatter[],
  gatheredOf: ArrayLike<number>,
): SlowGatherScatter[] {
  const { from } = tl.graph.transfers;
  const chosen = new Map<number, SlowGatherScatter>();
  for (const candidate of candidates) {
    const exact = exactCut(tl, o, candidate, gatheredOf);
    if (exact) {
      if (chosen.get(candidate.hub)?.cut == null) {
        const ins = exact.ins;
        chosen.set(candidate.hub, {
          ...candidate,
          ins,
          senders: ins.map((i) => from[i]!),
          cut: exact.cut,
          lastPayments: exact.lastPayments,
        });
      }
      continue;
    }
    if (chosen.has(candidate.hub) || candidate.ins.length < o.minGather) continue;
    let gathered = 0;
    for (const i of candidate.ins) gathered += gatheredOf[i]!;
    const share = candidate.paid / gathered;
    if (share >= o.slowCycleShare && share <= o.passOnMax) chosen.set(candidate.hub, candidate);
  }
  return [...chosen.values()];
}

/**
 * The keys a hub keeping an exact cut is counted by: its cut, and, for a cut of the last
 * payments it received (`lastPayments`), that cut again in a class of its own, which is weighed
 * against chance hitting any cut of the last payments (chance has no fee of its own to keep).
 */
function hubKeys(hub: SlowGatherScatter): number[] {
  const cut = hub.cut ?? 0;
  return hub.lastPayments ? [cut, LAST_PAYMENTS_KEY + cut] : [cut];
}

/** Added to a cut to key the hubs whose cut is of the last payments they received. */
const LAST_PAYMENTS_KEY = 1000;

/** Sums of every subset of a hub's latest payments, by bit mask (reused, grown as needed). */
let subsetSums = new Float64Array(1 << 10);

/**
 * The most payments, `minLayer` or more, among the hub's latest `exactCutPayments` received,
 * of which its shares (identical to the cent) add up to a whole percentage between
 * `slowCycleShare` and `passOnMax`, to the cent once each share is rounded: a fixed fee. The
 * last payments it received before its shares are tried first (`lastPayments`): a hub paying
 * out its cut of what just came in leaves chance a handful of sums to hit, where any set of ten
 * payments leaves it a thousand. Null when no set of them does.
 */
function exactCut(
  tl: MoneyTimeline,
  o: TypologyOptions,
  { ins, outs, paid }: SlowGatherScatter,
  gatheredOf: ArrayLike<number>,
): { ins: number[]; cut: number; lastPayments: boolean } | null {
  const { at, amount } = tl.graph.transfers;
  let low = Infinity;
  let high = -Infinity;
  let last = -Infinity;
  for (const b of outs) {
    low = Math.min(low, amount[b]!);
    high = Math.max(high, amount[b]!);
    last = Math.max(last, at[b]!);
  }
  if (high - low >= 0.5) return null;
  const latest = ins.filter((i) => at[i]! >= last - tl.windowMs).slice(-o.exactCutPayments);
  const masks = 1 << latest.length;
  if (subsetSums.length < masks) subsetSums = new Float64Array(masks);
  // Each amount, given to the cent, may be off by half a cent.
  const halfCents = 0.5 * outs.length + 1e-6;
  const cutOf = (sum: number, size: number): number | null => {
    const share = paid / sum;
    if (share < o.slowCycleShare || share > o.passOnMax) return null;
    const cut = Math.round(share * 100);
    return Math.abs(paid - (cut * sum) / 100) > halfCents + 0.5 * size ? null : cut;
  };
  let lastSum = 0;
  for (const i of latest) lastSum += gatheredOf[i]!;
  for (let size = latest.length; size >= o.minLayer; size -= 1) {
    const cut = cutOf(lastSum, size);
    if (cut !== null) return { ins: latest.slice(-size), cut, lastPayments: true };
    lastSum -= gatheredOf[latest[latest.length - size]!]!;
  }
  let best = 0;
  let bestSize = 0;
  let bestCut = 0;
  subsetSums[0] = 0;
  for (let mask = 1; mask < masks; mask += 1) {
    const lowest = mask & -mask;
    const sum = subsetSums[mask ^ lowest]! + gatheredOf[latest[31 - Math.clz32(lowest)]!]!;
    subsetSums[mask] = sum;
    const size = bitCount(mask);
    if (size < o.minLayer || size <= bestSize) continue;
    const cut = cutOf(sum, size);
    if (cut === null) continue;
    [best, bestSize, bestCut] = [mask, size, cut];
  }
  if (bestSize === 0) return null;
  return { ins: latest.filter((_, k) => (best >> k) & 1), cut: bestCut, lastPayments: false };
}

function bitCount(mask: number): number {
  let bits = 0;
  for (let m = mask; m !== 0; m &= m - 1) bits += 1;
  return bits;
}

/**
 * `hubs` grouped where they share an account paying them or paid by them: the middle layer of a
 * stack. A hub alone is a group of one.
 */
function stackedHubs(hubs: readonly SlowGatherScatter[]): SlowGatherScatter[][] {
  return groupsSharingKeys(hubs, (hub) => [...hub.senders, ...hub.receivers]);
}

/** Hubs sharing the accounts that pay them or that they pay: layers of a stack. */
function describeSlowStack(tl: MoneyTimeline, hubs: readonly SlowGatherScatter[]): Shape {
  const g = tl.graph;
  const { amount } = g.transfers;
  const middles = hubs.map((hub) => hub.hub);
  const senders = new Set(hubs.flatMap((hub) => hub.senders));
  const receivers = new Set(hubs.flatMap((hub) => hub.receivers));
  const transfers = hubs.flatMap((hub) => [...hub.ins, ...hub.outs]);
  const gathered = hubs.flatMap((hub) => hub.ins).reduce((sum, i) => sum + amount[i]!, 0);
  const paid = hubs.flatMap((hub) => hub.outs).reduce((sum, b) => sum + amount[b]!, 0);
  const span = timeSpan(tl, transfers);
  const roles = new Map<number, RingRole>();
  for (const v of senders) roles.set(v, 'mule');
  for (const v of middles) roles.set(v, 'mule');
  for (const v of receivers) if (!roles.has(v)) roles.set(v, 'cash_out');
  return {
    typology: 'stack',
    roles,
    leader: null,
    score: Math.min(0.95, 0.6 + 0.02 * roles.size),
    missed: [],
    reasons: () => [
      `money went through layers of ${count(senders.size)}, ${count(middles.length)} and ${count(receivers.size)} accounts over ${duration(tl, span.last - span.first)}: each middle account gathered one-off payments, then paid equal shares of them on, ${percent(paid / gathered)} in all`,
      `none of the pairs dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const hub = hubs.find((h) => h.hub === v);
      if (hub) {
        return [
          `gathered ${plural(hub.ins.length, 'payment')} from ${idList(g, hub.senders, 3)} and paid ${plural(hub.outs.length, 'equal share')} on to ${idList(g, hub.receivers, 3)}`,
        ];
      }
      const paidInto = hubs.filter((h) => h.senders.includes(v)).map((h) => h.hub);
      return paidInto.length > 0
        ? [`paid ${idList(g, paidInto, 3)}, once each`]
        : [
            `received equal shares from ${idList(
              g,
              hubs.filter((h) => h.receivers.includes(v)).map((h) => h.hub),
              3,
            )}`,
          ];
    },
  };
}

function describeSlowGatherScatter(tl: MoneyTimeline, found: SlowGatherScatter): Shape {
  const g = tl.graph;
  const { amount } = g.transfers;
  const { hub, ins, outs, senders, receivers, cut } = found;
  const gathered = ins.reduce((sum, i) => sum + amount[i]!, 0);
  const paid = outs.reduce((sum, b) => sum + amount[b]!, 0);
  const shares = outs.map((b) => amount[b]!);
  const span = timeSpan(tl, [...ins, ...outs]);
  const roles = new Map<number, RingRole>([[hub, 'ringleader']]);
  for (const v of senders) roles.set(v, 'member');
  for (const v of receivers) roles.set(v, 'mule');
  return {
    typology: 'gather_scatter',
    roles,
    leader: hub,
    score: Math.min(0.95, 0.6 + 0.03 * (senders.length + receivers.length)),
    missed: [],
    reasons: () => [
      `${idOf(g, hub)} gathered ${money(gathered)} from ${plural(senders.length, 'account')}, then paid ${plural(receivers.length, 'account')} equal shares ${Math.min(...shares) === Math.max(...shares) ? `of ${money(shares[0]!)}` : `(${money(Math.min(...shares))}-${money(Math.max(...shares))})`}, ${cut === null ? percent(paid / gathered) : `exactly ${cut}%`} of it, over ${duration(tl, span.last - span.first)}`,
      ...(cut === null
        ? []
        : [
            `the shares add up to ${cut}% of what it gathered to the cent: a fixed cut${found.lastPayments ? ` of the last ${plural(ins.length, 'payment')} it received before paying them` : ''}`,
          ]),
      `none of the pairs dealt with each other before or after`,
    ],
    memberReasons: (v) =>
      v === hub
        ? [
            `gathered ${money(gathered)} from ${idList(g, senders)} and paid ${percent(paid / gathered)} of it out in equal shares to ${idList(g, receivers)}`,
          ]
        : senders.includes(v)
          ? [`paid ${idOf(g, hub)} once, before it paid out equal shares`]
          : [`received one of ${idOf(g, hub)}'s equal shares`],
  };
}

/** One account's money reaching another through middle accounts, each passing it on. */
interface SlowScatterGather {
  origin: number;
  target: number;
  /** Per middle account: the payment it received from the origin and the one it passed on. */
  paths: [number, number][];
}

/**
 * A fan whose counterparties (`middles`, with the fan's `transfers`) each passed on
 * `passOnWhole`..`passOnMax` of a one-off payment between the fan's account and one other
 * account, `minMiddles` or more of them: for a fan-in, an origin that paid them before they paid
 * the fan's account; for a fan-out, a target they paid after it paid them. The scatter-gather
 * the fan is half of, or null. The fan, found first, ties the middles, so a middle keeping a cut
 * of up to a fifth still passes the money on (the slow shapes, tied by amounts alone, allow
 * 10.5%).
 */
export function fanScatterGather(
  tl: MoneyTimeline,
  o: TypologyOptions,
  account: number,
  direction: 'in' | 'out',
  transfers: readonly number[],
): Shape | null {
  const { from, to, at, amount } = tl.graph.transfers;
  const byOther = new Map<number, Map<number, [number, number]>>();
  for (const t of transfers) {
    const middle = direction === 'in' ? from[t]! : to[t]!;
    for (const i of transfersOf(tl, middle, direction)) {
      if (!isFresh(tl, i)) continue;
      const other = direction === 'in' ? from[i]! : to[i]!;
      const [received, passed] = direction === 'in' ? [i, t] : [t, i];
      if (other === account || at[received]! > at[passed]!) continue;
      const share = amount[passed]! / amount[received]!;
      if (share < o.passOnWhole || share > o.passOnMax) continue;
      let paths = byOther.get(other);
      if (!paths) byOther.set(other, (paths = new Map<number, [number, number]>()));
      if (!paths.has(middle)) paths.set(middle, [received, passed]);
    }
  }
  let best: [number, Map<number, [number, number]>] | null = null;
  for (const entry of byOther) if (!best || entry[1].size > best[1].size) best = entry;
  if (!best || best[1].size < o.minMiddles) return null;
  const [other, paths] = best;
  return describeSlowScatterGather(tl, {
    origin: direction === 'in' ? other : account,
    target: direction === 'in' ? account : other,
    paths: [...paths.values()],
  });
}

/** Origins paying a target through `minMiddles` or more middle accounts along `slowLinks`. */
function slowScatterGathers(
  tl: MoneyTimeline,
  o: TypologyOptions,
  links: Map<number, number>,
): SlowScatterGather[] {
  const { from, to } = tl.graph.transfers;
  const byEnds = new Map<string, SlowScatterGather>();
  for (const [i, b] of links) {
    const key = `${from[i]!}>${to[b]!}`;
    let fan = byEnds.get(key);
    if (!fan) byEnds.set(key, (fan = { origin: from[i]!, target: to[b]!, paths: [] }));
    if (!fan.paths.some(([j]) => to[j] === to[i])) fan.paths.push([i, b]);
  }
  return [...byEnds.values()].filter((fan) => fan.paths.length >= o.minMiddles);
}

function describeSlowScatterGather(tl: MoneyTimeline, fan: SlowScatterGather): Shape {
  const g = tl.graph;
  const { to, at, amount } = g.transfers;
  const middles = fan.paths.map(([i]) => to[i]!);
  const scattered = fan.paths.reduce((sum, [i]) => sum + amount[i]!, 0);
  const gathered = fan.paths.reduce((sum, [, b]) => sum + amount[b]!, 0);
  const gaps = fan.paths.map(([i, b]) => at[b]! - at[i]!);
  const span = timeSpan(tl, fan.paths.flat());
  const roles = new Map<number, RingRole>([[fan.origin, 'ringleader']]);
  for (const v of middles) roles.set(v, 'mule');
  roles.set(fan.target, 'cash_out');
  const byMiddle = new Map(fan.paths.map(([i, b]) => [to[i]!, [i, b] as const]));
  return {
    typology: 'scatter_gather',
    roles,
    leader: fan.origin,
    score: Math.min(0.95, 0.6 + 0.05 * middles.length),
    missed: [],
    reasons: () => [
      `${idOf(g, fan.origin)} scattered ${money(scattered)} over ${plural(middles.length, 'account')}, which passed on ${money(gathered)} (${percent(gathered / scattered)}) to ${idOf(g, fan.target)}, ${duration(tl, Math.min(...gaps))} to ${duration(tl, Math.max(...gaps))} after receiving it, over ${duration(tl, span.last - span.first)}`,
      `none of the pairs dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const path = byMiddle.get(v);
      if (path) {
        const [i, b] = path;
        return [
          `received ${money(amount[i]!)} from ${idOf(g, fan.origin)} and passed on ${money(amount[b]!)} (${percent(amount[b]! / amount[i]!)}) to ${idOf(g, fan.target)} ${duration(tl, at[b]! - at[i]!)} later`,
        ];
      }
      return v === fan.origin
        ? [
            `paid ${money(scattered)} out to ${plural(middles.length, 'account')} (${idList(g, middles)}), one payment each`,
          ]
        : [
            `received ${money(gathered)} from ${plural(middles.length, 'account')} (${idList(g, middles)}), each passing on what ${idOf(g, fan.origin)} had paid it`,
          ];
    },
  };
}
