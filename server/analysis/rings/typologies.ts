/**
 * Laundering rings by the shape their money takes, as public typologies name them (AMLSim,
 * AMLworld): fan-in, fan-out, cycle, chain (AMLSim's random walk), scatter-gather,
 * gather-scatter, bipartite and stack. Pure functions over the analysis graph's transfers.
 *
 * Every rule rests on what a detective could name:
 * - pairs that deal once: a shape's accounts pay each other within one short window and never
 *   before or after, nor the other way, unlike friends settling up, tenants, staff and regular
 *   customers, who come back;
 * - money passed on: an account receives an amount and pays out most of it soon after (last in,
 *   first out, as a mule does), never more than it received;
 * - bursts: a shape's accounts take on more new counterparties in its window than their own rate
 *   of new counterparties and the data's traffic at the time would give, by far more than the
 *   number of groups weighed could give by chance (so the bar rises with the data's size);
 * - rounds: a laundering round gathers, then passes on; accounts in ordinary business receive
 *   and pay by turns all the time;
 * - payments in bursts: several transfers from one payer to one payee within an hour (or the same
 *   step, in data counted in steps) are rare between ordinary accounts, so accounts joined by
 *   them make a shape however far apart in time its stages are (AMLSim's own samples spread a
 *   pattern's payments over months);
 * - money passed on weeks later: one payment passed on nearly whole, or equal shares of what was
 *   gathered, between accounts that deal only once, weighed against the same data with its
 *   amounts shuffled (`slowShapes`).
 * Time is counted in steps: the data's resolution (AMLSim writes whole simulation steps), but at
 * least an hour, so data in real time gets windows of hours and days. Accounts with more
 * counterparties than `hubCounterparties` (shops, payment processors, large employers) never take
 * part. Cost: near-linear in transfers; cycles follow passed-on money and burst pairs only.
 */
import { DisjointSets } from '../disjointSets';
import { GroupedLists } from '../groupedLists';
import { repeatedPairs } from '../repeatedPairs';
import { seededRandom, shuffledRange } from '../random';
import type { AnalysisGraph } from './graphBuilder';
import type { NearMiss, RingCandidate, RingRole, Typology } from './candidate';
import {
  arcIndex,
  burstSurprise,
  MIN_OFF_ROUTINE,
  bulkBatch,
  burstTransfers,
  fanBursts,
  burstRings,
  firstAtOrAfter,
  isBrief,
  isFresh,
  isFreshFirst,
  moneyTimeline,
  scanTries,
  sharedPartner,
  significantBurstPairs,
  transfersOf,
  type BurstPair,
  type BurstPairs,
  type FanBurst,
  type MoneyTimeline,
  likeShare,
  sameMomentChance,
  sameMomentSurprise,
} from './fanIn';
import {
  describeChain,
  describeCycle,
  duration,
  idList,
  labelled,
  timeSpan,
  toCandidate,
  toNearMiss,
  type Shape,
} from './shapes';
import { count, idOf, money, percent, plural } from './signals';
import { routineWalks, structuredWalks, walksPassedOver } from './routineWalks';
import { slowBlockShapes } from './slowBlocks';
import {
  exactCutShapes,
  fanScatterGather,
  oncePayments,
  oncePaymentsWhere,
  slowChanceMissed,
  slowShapes,
} from './slowShapes';
import { steadyFans } from './steadyFans';
import { describeStructured, rateText } from './structuring';
import { describeLikeAmounts } from './likeAmounts';
import { TYPOLOGY_DEFAULTS, fanOptions, type TypologyOptions } from './typologyOptions';

export { TYPOLOGY_DEFAULTS, type TypologyOptions };

/**
 * How surprising a shape's transfers are for its accounts: for each account, its new
 * counterparties in the shape (each way) against its own rate over the shape's window (see
 * `burstSurprise`), summed, less the windows a scan over the period tries. The first transfer an
 * account receives anchors its window, so what it then pays out counts in full: an account that
 * usually pays nobody new and passes money on at once is part of the evidence.
 */
function shapeSurprise(tl: MoneyTimeline, transfers: Iterable<number>): number {
  const { from, to } = tl.graph.transfers;
  const ins = new Map<number, Set<number>>();
  const outs = new Map<number, Set<number>>();
  const add = (map: Map<number, Set<number>>, v: number, other: number) => {
    let set = map.get(v);
    if (!set) map.set(v, (set = new Set()));
    set.add(other);
  };
  for (const i of transfers) {
    add(outs, from[i]!, to[i]!);
    add(ins, to[i]!, from[i]!);
  }
  const { first, last } = timeSpan(tl, transfers);
  const end = last + tl.step;
  let sum = 0;
  for (const [v, set] of ins) sum += burstSurprise(tl, v, 'in', set.size, first, end);
  for (const [v, set] of outs) {
    const anchored = ins.has(v) ? 1 : 0;
    sum += burstSurprise(tl, v, 'out', set.size + anchored, first, end);
  }
  return sum - scanTries(tl, first, end);
}

/** The surprise a group needs when `weighed` groups of its kind were weighed. */
function neededSurprise(o: TypologyOptions, weighed: number): number {
  return Math.log10(Math.max(1, weighed) / o.maxChanceShapes);
}

/** A shape's score: from its surprise where it missed nothing, else how close it came (< 0.5). */
function shapeScore(missed: readonly unknown[], surprise: number, needed: number): number {
  return missed.length === 0
    ? surpriseScore(surprise, needed)
    : 0.5 * Math.min(1, surprise / needed);
}

/** The chance threshold in plain words, when a group of `surprise` misses it. */
function chanceMissed(
  o: TypologyOptions,
  surprise: number,
  weighed: number,
): (() => string) | null {
  const expected = Math.max(1, weighed) * 10 ** -surprise;
  if (expected <= o.maxChanceShapes) return null;
  return () => {
    const once = count(10 ** Math.max(0, surprise));
    const by = expected < 10 ? expected.toFixed(1) : count(expected);
    return `a group this unusual turns up by chance about once in ${once}; among the ${count(weighed)} weighed, ${by} would; a ring needs at most ${o.maxChanceShapes} (maxChanceShapes)`;
  };
}

/** Evidence score of a group of `surprise` that needed `needed`: 0.5 at the bar, towards 1. */
function surpriseScore(surprise: number, needed: number): number {
  return surprise >= needed
    ? 0.5 + 0.5 * (1 - Math.exp(-(surprise - needed) / 5))
    : 0.5 * Math.max(0, surprise / Math.max(1, needed));
}

// ---------------------------------------------------------------------------------------------
// Money passed on.

/** Links from received transfers to the payments that passed their money on. */
interface PassOn {
  /** Per link: the transfer received, the payment it fed, the amount carried, the episode. */
  inOf: Int32Array;
  outOf: Int32Array;
  carried: Float64Array;
  episodeOf: Int32Array;
  /** Transfers received that linked payments drew on as change, and the episode of each. */
  changeIn: Int32Array;
  changeEpisode: Int32Array;
  /** Links by the transfer received (CSR over transfer indices). */
  fedOffsets: Int32Array;
  fedLinks: Int32Array;
  /**
   * Per link: it passes on one amount nearly whole, or its episode passed on `passOnMin` or more
   * of what came in and paid out no more.
   */
  valid: Uint8Array;
}

/** Payments of one account that pass on one amount it received nearly whole (`wholePassOns`). */
interface WholePassOns {
  /** Per such payment, the transfer whose money it passes on. */
  sourceOf: Map<number, number>;
  /** Transfers passed on whole: no other payment draws on them. */
  taken: Set<number>;
}

/**
 * Each fresh payment of one account, in time order, paired with the latest fresh transfer it
 * received at or before it, within the window, not from its payee and not paired yet, of which it
 * pays `passOnWhole` or more and no more than `passOnMax`.
 */
function wholePassOns(
  tl: MoneyTimeline,
  o: TypologyOptions,
  ins: ArrayLike<number>,
  outs: ArrayLike<number>,
  counts: (i: number) => boolean = (i) => isFresh(tl, i),
  backToPayer = false,
): WholePassOns {
  const { from, to, at, amount } = tl.graph.transfers;
  const sourceOf = new Map<number, number>();
  const taken = new Set<number>();
  let next = 0;
  for (let m = 0; m < outs.length; m += 1) {
    const b = outs[m]!;
    while (next < ins.length && at[ins[next]!]! <= at[b]!) next += 1;
    if (!counts(b)) continue;
    for (let k = next - 1; k >= 0; k -= 1) {
      const i = ins[k]!;
      if (at[b]! - at[i]! > tl.windowMs) break;
      if (taken.has(i) || !counts(i) || (from[i] === to[b] && !backToPayer)) continue;
      const share = amount[b]! / amount[i]!;
      if (share >= o.passOnWhole && share <= o.passOnMax) {
        sourceOf.set(b, i);
        taken.add(i);
        break;
      }
    }
  }
  return { sourceOf, taken };
}

/**
 * The pass-on links of every usable account: a payment (of a pair dealing once) that passes on
 * nearly all of one amount received before it within the window (`wholePassOns`) takes exactly
 * that money; any other payment takes its money from what the account received last (last in,
 * first out) and has not passed on whole, never from the payee itself; taking less than half of
 * both is change, not a link (but the change was received: an episode that paid out a little
 * more than its links carried had it to spend). So an ordinary small payment made while
 * laundered money sits in the account does not eat into the amount a mule passes on whole. An
 * account's links fall into episodes of at most one window each.
 */
function passOnLinks(tl: MoneyTimeline, o: TypologyOptions): PassOn {
  const { from, to, at, amount } = tl.graph.transfers;
  const t = from.length;
  const inOf: number[] = [];
  const outOf: number[] = [];
  const carried: number[] = [];
  const episodeOf: number[] = [];
  /** Per link: it passes on one amount received nearly whole (`wholePassOns`). */
  const wholeLink: number[] = [];
  const stack: number[] = [];
  /** Transfers received that a linked payment drew on as change, and the episode of that payment. */
  const change: number[] = [];
  const changeIn: number[] = [];
  const changeEpisode: number[] = [];
  const left = new Float64Array(t);
  let episodes = 0;
  for (let v = 0; v < tl.graph.nodeCount; v += 1) {
    if (tl.usable[v] !== 1) continue;
    const ins = transfersOf(tl, v, 'in');
    const outs = transfersOf(tl, v, 'out');
    if (ins.length === 0 || outs.length === 0) continue;
    const whole = wholePassOns(tl, o, ins, outs);
    stack.length = 0;
    let a = 0;
    let episodeStart = -Infinity;
    let episode = -1;
    const link = (i: number, b: number, take: number, isWhole = false) => {
      if (at[b]! - episodeStart > tl.windowMs) {
        episodeStart = at[i]!;
        episode = episodes++;
      }
      episodeStart = Math.min(episodeStart, at[i]!);
      inOf.push(i);
      outOf.push(b);
      carried.push(take);
      episodeOf.push(episode);
      wholeLink.push(isWhole ? 1 : 0);
    };
    for (const b of outs) {
      if (!isFresh(tl, b)) continue;
      // Everything received up to this payment, at the same time too, is on the stack.
      while (a < ins.length && at[ins[a]!]! <= at[b]!) {
        const i = ins[a++]!;
        if (!isFresh(tl, i)) continue;
        stack.push(i);
        left[i] = amount[i]!;
      }
      const source = whole.sourceOf.get(b);
      if (source !== undefined) {
        left[source] = 0;
        link(source, b, amount[b]!, true);
        continue;
      }
      while (stack.length > 0 && left[stack[stack.length - 1]!]! <= 0) stack.pop();
      let need = amount[b]!;
      const linksBefore = inOf.length;
      change.length = 0;
      for (let k = stack.length - 1; k >= 0 && need > 0; k -= 1) {
        const i = stack[k]!;
        if (at[b]! - at[i]! > tl.windowMs) break;
        if (left[i]! <= 0 || from[i] === to[b] || whole.taken.has(i)) continue;
        const take = Math.min(left[i]!, need);
        left[i]! -= take;
        need -= take;
        if (take < 0.5 * amount[i]! && take < 0.5 * amount[b]!) change.push(i);
        else link(i, b, take);
      }
      // Change drawn on by a linked payment was received in its episode too.
      if (inOf.length > linksBefore) {
        for (const i of change) {
          changeIn.push(i);
          changeEpisode.push(episode);
        }
      }
    }
  }
  const links = inOf.length;
  const fedOffsets = new Int32Array(t + 1);
  for (const i of inOf) fedOffsets[i + 1]! += 1;
  for (let i = 0; i < t; i += 1) fedOffsets[i + 1]! += fedOffsets[i]!;
  const fill = fedOffsets.slice(0, t);
  const fedLinks = new Int32Array(links);
  for (let l = 0; l < links; l += 1) fedLinks[fill[inOf[l]!]!++] = l;
  const received = new Float64Array(episodes);
  const paid = new Float64Array(episodes);
  const passed = new Float64Array(episodes);
  const counted = new Set<number>();
  for (let l = 0; l < links; l += 1) {
    const e = episodeOf[l]!;
    if (!counted.has(inOf[l]!)) received[e]! += amount[inOf[l]!]!;
    if (!counted.has(t + outOf[l]!)) paid[e]! += amount[outOf[l]!]!;
    passed[e]! += carried[l]!;
    counted.add(inOf[l]!);
    counted.add(t + outOf[l]!);
  }
  changeIn.forEach((i, k) => {
    if (counted.has(i)) return;
    received[changeEpisode[k]!]! += amount[i]!;
    counted.add(i);
  });
  const valid = new Uint8Array(links);
  for (let l = 0; l < links; l += 1) {
    const e = episodeOf[l]!;
    const enough = passed[e]! >= o.passOnMin * received[e]!;
    const balanced = enough && paid[e]! <= o.passOnMax * received[e]!;
    valid[l] = balanced || wholeLink[l] === 1 ? 1 : 0;
  }
  return {
    inOf: Int32Array.from(inOf),
    outOf: Int32Array.from(outOf),
    carried: Float64Array.from(carried),
    episodeOf: Int32Array.from(episodeOf),
    changeIn: Int32Array.from(changeIn),
    changeEpisode: Int32Array.from(changeEpisode),
    fedOffsets,
    fedLinks,
    valid,
  };
}

// ---------------------------------------------------------------------------------------------
// Cycles.

/**
 * Cycles of passed-on money: around a loop of accounts back to where it started, each account
 * passing it on within the window, however long the whole loop takes (AMLSim's cycles go round
 * over months, one hop after another).
 */
function passOnCycles(tl: MoneyTimeline, o: TypologyOptions, links: PassOn): Shape[] {
  const { from, to, at, amount } = tl.graph.transfers;
  const found = new Map<string, number[][]>();
  const path: number[] = [];
  const onPath = new Set<number>();
  let budget = 0;
  const extend = (e: number, start: number): void => {
    if (budget-- <= 0) return;
    for (let k = links.fedOffsets[e]!; k < links.fedOffsets[e + 1]!; k += 1) {
      const l = links.fedLinks[k]!;
      if (links.valid[l] !== 1 || links.carried[l]! < o.passOnMin * amount[e]!) continue;
      const next = links.outOf[l]!;
      if (amount[next]! > o.passOnMax * amount[e]! || at[next]! - at[e]! > tl.windowMs) continue;
      const w = to[next]!;
      if (w === start) {
        if (path.length + 1 >= o.minCycle) {
          const cycle = [...path, next];
          const key = cycle
            .map((i) => from[i]!)
            .sort((x, y) => x - y)
            .join(',');
          const rounds = found.get(key) ?? [];
          rounds.push(cycle);
          found.set(key, rounds);
        }
        continue;
      }
      if (onPath.has(w) || path.length + 1 >= o.maxCycle) continue;
      path.push(next);
      onPath.add(w);
      extend(next, start);
      path.pop();
      onPath.delete(w);
    }
  };
  for (let e = 0; e < from.length; e += 1) {
    if (links.fedOffsets[e + 1] === links.fedOffsets[e] || !isFresh(tl, e)) continue;
    const start = from[e]!;
    path.length = 0;
    onPath.clear();
    path.push(e);
    onPath.add(start);
    onPath.add(to[e]!);
    budget = 5000;
    extend(e, start);
  }
  return [...found.values()].map((rounds) => describeCycle(tl, rounds));
}

/**
 * Chains of passed-on money (a layering chain, AMLSim's random walk): one amount passed nearly
 * whole from account to account, between accounts new to each other (a walk may go back and
 * forth between two of them, even straight back to the payer), through at least `minChain`
 * accounts within the window. From each payment that no passed-on money fed, the longest such
 * path is kept; a chain must be as surprising as a ring (`shapeSurprise`) among all the chains
 * weighed.
 */
function passOnChains(tl: MoneyTimeline, o: TypologyOptions): Shape[] {
  const { from, to, at } = tl.graph.transfers;
  // Per transfer received, the payments that passed it on whole.
  const nextOf = new Map<number, number[]>();
  const fed = new Set<number>();
  const brief = (i: number) => isBrief(tl, i);
  for (let v = 0; v < tl.graph.nodeCount; v += 1) {
    if (tl.usable[v] !== 1) continue;
    const ins = transfersOf(tl, v, 'in');
    const outs = transfersOf(tl, v, 'out');
    if (ins.length === 0 || outs.length === 0) continue;
    for (const [b, i] of wholePassOns(tl, o, ins, outs, brief, true).sourceOf) {
      let list = nextOf.get(i);
      if (!list) nextOf.set(i, (list = []));
      list.push(b);
      fed.add(b);
    }
  }
  const found = new Map<string, number[]>();
  const path: number[] = [];
  let best: number[] = [];
  let bestAccounts = 0;
  let budget = 0;
  const visits = new Map<number, number>();
  const extend = (e: number): void => {
    if (budget-- <= 0) return;
    if (visits.size > bestAccounts || (visits.size === bestAccounts && path.length > best.length)) {
      best = path.slice();
      bestAccounts = visits.size;
    }
    for (const next of nextOf.get(e) ?? []) {
      const w = to[next]!;
      if (at[next]! - at[path[0]!]! > tl.windowMs) continue;
      path.push(next);
      visits.set(w, (visits.get(w) ?? 0) + 1);
      extend(next);
      path.pop();
      const left = visits.get(w)! - 1;
      if (left === 0) visits.delete(w);
      else visits.set(w, left);
    }
  };
  for (const e of nextOf.keys()) {
    if (fed.has(e) || !brief(e)) continue;
    path.length = 0;
    visits.clear();
    path.push(e);
    visits.set(from[e]!, 1);
    visits.set(to[e]!, (visits.get(to[e]!) ?? 0) + 1);
    best = [];
    bestAccounts = 0;
    budget = 2000;
    extend(e);
    if (bestAccounts < o.minChain) continue;
    found.set(best.join(','), best);
  }
  const weighed = found.size;
  const needed = neededSurprise(o, weighed);
  const shapes: Shape[] = [];
  for (const chain of found.values()) {
    const surprise = shapeSurprise(tl, chain);
    const missed = chanceMissed(o, surprise, weighed);
    shapes.push(describeChain(tl, chain, surpriseScore(surprise, needed), missed ? [missed] : []));
  }
  return shapes;
}

/**
 * Cycles of payments in bursts: each account pays the next in several transfers within an hour
 * (or one step), and the last pays the first (as AMLSim's cycles do); one payment of the loop may
 * be a plain one. Burst pairs are rare, so a loop of them is no accident, and it need not close
 * in time order.
 */
function burstCycles(tl: MoneyTimeline, o: TypologyOptions, bursts: BurstPairs): Shape[] {
  const g = tl.graph;
  const n = g.nodeCount;
  const next = new Map<number, number[]>();
  const pieces = new Map<number, BurstPair>();
  for (const [payee, payers] of bursts) {
    if (tl.usable[payee] !== 1) continue;
    for (const [payer, pair] of payers) {
      if (tl.usable[payer] !== 1) continue;
      let list = next.get(payer);
      if (!list) next.set(payer, (list = []));
      list.push(payee);
      pieces.set(payer * n + payee, pair);
    }
  }
  const found = new Map<string, number[]>();
  const path: number[] = [];
  let budget = 0;
  const close = (start: number) => {
    const key = [...path].sort((x, y) => x - y).join(',');
    const last = path[path.length - 1]!;
    const plain = !pieces.has(last * n + start);
    const old = found.get(key);
    const oldPlain = old ? !pieces.has(old[old.length - 1]! * n + old[0]!) : true;
    if (!old || (oldPlain && !plain)) found.set(key, [...path]);
  };
  const extend = (v: number, start: number): void => {
    if (budget-- <= 0) return;
    if (path.length >= o.minCycle && arcIndex(g, v, start) >= 0) close(start);
    if (path.length >= o.maxCycle) return;
    for (const w of next.get(v) ?? []) {
      if (path.includes(w)) continue;
      path.push(w);
      extend(w, start);
      path.pop();
    }
  };
  for (const start of [...next.keys()].sort((x, y) => x - y)) {
    path.length = 0;
    path.push(start);
    budget = 5000;
    extend(start, start);
  }
  return [...found.values()].map((cycle) => {
    const hops = cycle.map((v, k) => pieces.get(v * n + cycle[(k + 1) % cycle.length]!));
    const plain = hops.filter((hop) => !hop).length;
    const transfers = hops.reduce((sum, hop) => sum + (hop?.transfers ?? 0), 0);
    return {
      typology: 'cycle' as const,
      roles: new Map(cycle.map((v) => [v, 'mule'])),
      leader: null,
      score: Math.min(0.95, 0.55 + 0.05 * cycle.length - 0.05 * plain),
      missed: [],
      reasons: () => [
        `money went round a loop of ${plural(cycle.length, 'account')}, ${plain === 0 ? 'each' : `all but one`} paying the next in bursts: ${plural(transfers, 'transfer')} in bursts in all, several from one payer within an hour`,
      ],
      memberReasons: (v: number) => {
        const k = cycle.indexOf(v);
        const to = cycle[(k + 1) % cycle.length]!;
        const hop = hops[k];
        const arc = arcIndex(g, v, to);
        return [
          hop
            ? `paid ${idOf(g, to)} ${plural(hop.transfers, 'time')} in bursts (${money(hop.amount)}), closing its part of the loop`
            : `paid ${idOf(g, to)} ${money(g.money.weights[arc] ?? 0)}, closing the loop`,
        ];
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Flows through middle accounts: scatter-gather, gather-scatter and stacks.

/** A middle account's episode: whom it received from and paid on to, with the transfers. */
interface Episode {
  id: number;
  middle: number;
  first: number;
  sources: Set<number>;
  targets: Set<number>;
  /** Received, paid out. */
  ins: Set<number>;
  outs: Set<number>;
  /** Received from others than its sources, drawn on as change by its payments out. */
  change: Set<number>;
}

/**
 * Back-and-forth of a middle account over an episode's time: the runs of received and paid-out
 * transfers of pairs dealing once (the shape's and any other) in time order. A shape that
 * gathers, then passes on, has two a round; an account in ordinary business alternates.
 */
function runs(tl: MoneyTimeline, episode: Episode): number {
  const { at } = tl.graph.transfers;
  const { first, last } = timeSpan(tl, [...episode.ins, ...episode.outs]);
  const ins = transfersOf(tl, episode.middle, 'in');
  const outs = transfersOf(tl, episode.middle, 'out');
  let a = firstAtOrAfter(tl, ins, first);
  let b = firstAtOrAfter(tl, outs, first);
  let turns = 0;
  let previous: boolean | null = null;
  for (;;) {
    while (a < ins.length && !isFresh(tl, ins[a]!)) a += 1;
    while (b < outs.length && !isFresh(tl, outs[b]!)) b += 1;
    const tin = a < ins.length ? at[ins[a]!]! : Infinity;
    const tout = b < outs.length ? at[outs[b]!]! : Infinity;
    if (Math.min(tin, tout) > last) break;
    const received = tin <= tout;
    if (received) a += 1;
    else b += 1;
    if (received !== previous) turns += 1;
    previous = received;
  }
  return turns;
}

function flows(tl: MoneyTimeline, o: TypologyOptions, links: PassOn): Shape[] {
  const { from, to, at, amount } = tl.graph.transfers;
  const episodes = new Map<number, Episode>();
  for (let l = 0; l < links.inOf.length; l += 1) {
    if (links.valid[l] !== 1) continue;
    const i = links.inOf[l]!;
    const b = links.outOf[l]!;
    const middle = to[i]!;
    const id = links.episodeOf[l]!;
    let episode = episodes.get(id);
    if (!episode) {
      episode = {
        id,
        middle,
        first: at[i]!,
        sources: new Set(),
        targets: new Set(),
        ins: new Set(),
        outs: new Set(),
        change: new Set(),
      };
      episodes.set(id, episode);
    }
    episode.sources.add(from[i]!);
    episode.targets.add(to[b]!);
    episode.ins.add(i);
    episode.outs.add(b);
    episode.first = Math.min(episode.first, at[i]!);
  }
  // What the middle drew on as change was received too: gathered from its sources, or from
  // others (counted in what it received, not as a part of the shape).
  links.changeIn.forEach((i, k) => {
    const episode = episodes.get(links.changeEpisode[k]!);
    if (episode) (episode.sources.has(from[i]!) ? episode.ins : episode.change).add(i);
  });
  // Episodes of different middles join when they share a source and a target within a window.
  const sets = new DisjointSets();
  const bySource = new Map<number, Episode[]>();
  for (const episode of episodes.values()) {
    for (const source of episode.sources) {
      let list = bySource.get(source);
      if (!list) bySource.set(source, (list = []));
      list.push(episode);
    }
  }
  for (const list of bySource.values()) {
    if (list.length < 2 || list.length > o.maxFan) continue;
    for (let x = 0; x < list.length; x += 1) {
      const a = list[x]!;
      for (let y = x + 1; y < list.length; y += 1) {
        const b = list[y]!;
        if (a.middle === b.middle || Math.abs(a.first - b.first) > tl.windowMs) continue;
        if (![...a.targets].some((d) => b.targets.has(d))) continue;
        sets.union(a.id, b.id);
      }
    }
  }
  const groups = new Map<number, Episode[]>();
  for (const episode of episodes.values()) {
    const root = sets.find(episode.id);
    let list = groups.get(root);
    if (!list) groups.set(root, (list = []));
    list.push(episode);
  }
  const weighed = groups.size;
  const shapes: Shape[] = [];
  for (const group of groups.values()) {
    if (group.length > o.maxFan || new Set(group.map((e) => e.middle)).size < group.length)
      continue;
    const shape = flowShape(tl, o, group, weighed, amount);
    if (shape) shapes.push(shape);
  }
  return shapes;
}

/** The accounts at one end of a flow group: those tied to enough of its middles. */
function ends(group: readonly Episode[], side: 'sources' | 'targets'): Set<number> {
  const middles = new Set(group.map((e) => e.middle));
  const ties = new Map<number, number>();
  for (const e of group) {
    for (const v of e[side]) if (!middles.has(v)) ties.set(v, (ties.get(v) ?? 0) + 1);
  }
  // A stray account tied to one middle of many is money that happened to pass, not the shape.
  const need = Math.max(1, Math.ceil(group.length / 4));
  return new Set([...ties].filter(([, k]) => k >= need).map(([v]) => v));
}

/** Names a flow group's shape and checks its thresholds; null for groups not worth a word. */
function flowShape(
  tl: MoneyTimeline,
  o: TypologyOptions,
  group: readonly Episode[],
  weighed: number,
  amount: Float64Array,
): Shape | null {
  const g = tl.graph;
  const sources = ends(group, 'sources');
  const targets = ends(group, 'targets');
  for (const d of [...targets]) if (sources.has(d)) targets.delete(d);
  const { from, to } = g.transfers;
  const transfers: number[] = [];
  let received = 0;
  /** Received from others meanwhile and drawn on as change. */
  let fromOthers = 0;
  let paid = 0;
  for (const e of group) {
    for (const i of e.ins) {
      if (!sources.has(from[i]!)) continue;
      transfers.push(i);
      received += amount[i]!;
    }
    for (const b of e.outs) {
      if (!targets.has(to[b]!)) continue;
      transfers.push(b);
      paid += amount[b]!;
    }
    for (const i of e.change) fromOthers += amount[i]!;
  }
  if (sources.size === 0 || targets.size === 0) return null;
  const middles = group.map((e) => e.middle);
  const typology: Typology =
    group.length === 1
      ? 'gather_scatter'
      : sources.size === 1 && targets.size === 1
        ? 'scatter_gather'
        : 'stack';
  const size = sources.size + middles.length + targets.size;
  if (size < 4) return null;
  const missed: (() => string)[] = [];
  if (typology === 'gather_scatter') {
    if (sources.size < o.minGather) {
      missed.push(
        () =>
          `${plural(sources.size, 'account')} paid in; a gather-scatter needs ${o.minGather} (minGather)`,
      );
    }
    if (targets.size < o.minScatter) {
      missed.push(
        () =>
          `${plural(targets.size, 'account')} paid out to; a gather-scatter needs ${o.minScatter} (minScatter)`,
      );
    }
  } else if (typology === 'scatter_gather') {
    if (middles.length < o.minMiddles) {
      missed.push(
        () =>
          `${plural(middles.length, 'account')} passed the money through; a scatter-gather needs ${o.minMiddles} (minMiddles)`,
      );
    }
  } else {
    const thinnest = Math.min(sources.size, middles.length, targets.size);
    const pairs = new Set(transfers.map((i) => tl.pairOf[i]!)).size;
    const density = pairs / (sources.size * middles.length + middles.length * targets.size);
    if (thinnest < o.minLayer) {
      missed.push(
        () =>
          `a layer of ${plural(thinnest, 'account')}; a stack needs ${o.minLayer} in each (minLayer)`,
      );
    }
    if (density < o.minDensity) {
      missed.push(
        () =>
          `${percent(density)} of the possible payments between layers; a stack needs ${percent(o.minDensity)} (minDensity)`,
      );
    }
  }
  const share = paid / Math.max(1, received + fromOthers);
  if (share < o.minFlowPassOn || share > o.passOnMax) {
    missed.push(
      () =>
        `the middle paid out ${percent(share)} of what it received; a flow passes on ${percent(o.minFlowPassOn)}-100% (minFlowPassOn)`,
    );
  }
  const turns = Math.max(...group.map((e) => runs(tl, e)));
  if (turns > 2 * o.maxRounds) {
    missed.push(
      () =>
        `money went in and out ${count(turns)} times by turns, as in ordinary business; a flow gathers, then passes on, in at most ${o.maxRounds} rounds (maxRounds)`,
    );
  }
  const surprise = shapeSurprise(tl, transfers);
  const needed = neededSurprise(o, weighed);
  const chance = chanceMissed(o, surprise, weighed);
  if (chance) missed.push(chance);
  if (missed.length > 0 && surprise < needed / 2) return null;
  const span = timeSpan(tl, transfers);
  const took = () => duration(tl, span.last - span.first);
  const roles = new Map<number, RingRole>();
  let leader: number | null = null;
  if (typology === 'gather_scatter') {
    leader = middles[0]!;
    roles.set(leader, 'ringleader');
    for (const v of sources) roles.set(v, 'member');
    for (const v of targets) roles.set(v, 'mule');
  } else if (typology === 'scatter_gather') {
    leader = [...sources][0]!;
    roles.set(leader, 'ringleader');
    for (const v of middles) roles.set(v, 'mule');
    roles.set([...targets][0]!, 'cash_out');
  } else {
    for (const v of sources) roles.set(v, 'mule');
    for (const v of middles) roles.set(v, 'mule');
    for (const v of targets) roles.set(v, 'cash_out');
  }
  const byMiddle = new Map(group.map((e) => [e.middle, e]));
  const episodeSums = (e: Episode) => {
    let inSum = 0;
    let outSum = 0;
    for (const i of e.ins) if (sources.has(from[i]!)) inSum += amount[i]!;
    for (const b of e.outs) if (targets.has(to[b]!)) outSum += amount[b]!;
    return { inSum, outSum };
  };
  return {
    typology,
    roles,
    leader,
    score: shapeScore(missed, surprise, needed),
    missed,
    reasons: () => {
      const lines =
        typology === 'gather_scatter'
          ? [
              `${idOf(g, leader!)} gathered ${money(received)} from ${plural(sources.size, 'account')}${fromOthers > 0 ? ` (and ${money(fromOthers)} from others meanwhile)` : ''}, then scattered ${money(paid)} (${percent(share)}) to ${plural(targets.size, 'account')}, all within ${took()}`,
            ]
          : typology === 'scatter_gather'
            ? [
                `${idOf(g, leader!)} scattered ${money(received)} over ${plural(middles.length, 'account')}, which passed on ${money(paid)} (${percent(share)}) to ${idList(g, targets)}, all within ${took()}`,
              ]
            : [
                `money went through layers of ${count(sources.size)}, ${count(middles.length)} and ${count(targets.size)} accounts within ${took()}, the middle layer passing on ${percent(share)} of what it received`,
              ];
      lines.push(`none of the pairs dealt with each other before or after`);
      return lines;
    },
    memberReasons: (v) => {
      const e = byMiddle.get(v);
      if (e) {
        const { inSum, outSum } = episodeSums(e);
        const inFrom = [...e.sources].filter((s) => sources.has(s));
        const outTo = [...e.targets].filter((d) => targets.has(d));
        return [
          v === leader
            ? `gathered ${money(inSum)} from ${plural(inFrom.length, 'account')}, then paid ${percent(outSum / Math.max(1, inSum))} of it on to ${plural(outTo.length, 'account')} within ${took()}`
            : `received ${money(inSum)} from ${idList(g, inFrom, 3)} and passed on ${money(outSum)} (${percent(outSum / Math.max(1, inSum))}) to ${idList(g, outTo, 3)}`,
        ];
      }
      if (sources.has(v)) {
        const paidTo = middles.filter((m) => byMiddle.get(m)!.sources.has(v));
        return [
          v === leader
            ? `paid ${money(received)} out to ${plural(middles.length, 'account')} (${idList(g, middles)}) within ${took()}`
            : `paid into ${idList(g, paidTo, 3)}, dealing with ${paidTo.length === 1 ? 'it' : 'them'} only then`,
        ];
      }
      const paidBy = middles.filter((m) => byMiddle.get(m)!.targets.has(v));
      return [
        `was paid by ${idList(g, paidBy, 3)} out of the money ${paidBy.length === 1 ? 'it' : 'they'} had just received`,
      ];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bipartite blocks: several accounts all paying several others, new to each other, at once.

/**
 * Receiver pairs sharing two payers or more, in the order first paid together: each pair's lower
 * and higher receiver and its payers, and per receiver the pairs it is in (by their place here).
 */
interface SharedPayers {
  low: number[];
  high: number[];
  payers: number[][];
  ofReceiver: GroupedLists;
}

/**
 * A large group of receivers split into the groups of those sharing more payers: two receivers
 * stay together when they share at least `least` payers, raised until each group is small enough.
 * Receivers left alone are dropped. Only the pairs of the group's own receivers are read.
 */
function splitReceivers(
  receivers: readonly number[],
  shared: SharedPayers,
  maxSize: number,
  least = 3,
): number[][] {
  const inGroup = new Set(receivers);
  const within: number[] = [];
  for (const r of receivers) {
    for (const k of shared.ofReceiver.of(r)) {
      if (shared.low[k] === r && inGroup.has(shared.high[k]!) && shared.payers[k]!.length >= least)
        within.push(k);
    }
  }
  // Joined in the order the pairs were first paid together, as the groups are numbered.
  within.sort((x, y) => x - y);
  const sets = new DisjointSets();
  for (const k of within) sets.union(shared.low[k]!, shared.high[k]!);
  return [...sets.groups().values()].flatMap((group) =>
    group.length < 2
      ? []
      : group.length <= maxSize
        ? [group]
        : splitReceivers(group, shared, maxSize, least + 1),
  );
}

/** A bipartite block: accounts each paying several of the same accounts once, in a window. */
interface Block {
  payers: Set<number>;
  receivers: number[];
  transfers: number[];
}

/** Two blocks stacked: the receivers of the upper (`middle`) paying on as payers of the lower. */
interface StackedPair {
  first: number[];
  middle: number[];
  last: number[];
  transfers: number[];
}

/**
 * Blocks stacked in layers: the receivers of one block (`minLayer` or more of them) paying on,
 * as a block of their own, within the window, no account in two layers (AMLSim's stacks: each
 * layer pays every account of the next). Payees read through `payeeOf`, as the blocks were.
 */
function stackedPairs(
  tl: MoneyTimeline,
  o: TypologyOptions,
  blocks: readonly Block[],
  payeeOf: (i: number) => number,
): StackedPair[] {
  const { from } = tl.graph.transfers;
  const byPayer = new Map<number, number[]>();
  blocks.forEach((block, b) => {
    for (const s of block.payers) {
      let list = byPayer.get(s);
      if (!list) byPayer.set(s, (list = []));
      list.push(b);
    }
  });
  const pairs: StackedPair[] = [];
  blocks.forEach((upper) => {
    const shared = new Map<number, number[]>();
    for (const r of upper.receivers) {
      for (const b of byPayer.get(r) ?? []) {
        let list = shared.get(b);
        if (!list) shared.set(b, (list = []));
        list.push(r);
      }
    }
    for (const [b, middle] of shared) {
      const lower = blocks[b]!;
      if (middle.length < o.minLayer || lower === upper) continue;
      const inMiddle = new Set(middle);
      // A layer pays (or is paid by) two accounts or more of the middle: a payer of the upper
      // block that paid one of them only, or a payee of the lower block paid by one only, joined
      // its block by chance.
      const paidIn = several(
        upper.transfers.filter((i) => inMiddle.has(payeeOf(i))),
        (i) => from[i]!,
      );
      const paidOn = several(
        lower.transfers.filter((i) => inMiddle.has(from[i]!)),
        payeeOf,
      );
      // The middle: accounts both paid in and paying on.
      const payingOn = new Set(paidOn.map((i) => from[i]!));
      const middleKept = new Set(paidIn.map(payeeOf).filter((v) => payingOn.has(v)));
      if (middleKept.size < o.minLayer) continue;
      const layerIn = paidIn.filter((i) => middleKept.has(payeeOf(i)));
      const layerOn = paidOn.filter((i) => middleKept.has(from[i]!));
      const inLayers = [...layerIn, ...layerOn];
      const span = timeSpan(tl, inLayers);
      if (span.last - span.first > tl.windowMs) continue;
      const first = [...new Set(layerIn.map((i) => from[i]!))];
      const last = [...new Set(layerOn.map(payeeOf))];
      if (first.some((v) => middleKept.has(v)) || last.some((v) => middleKept.has(v))) continue;
      pairs.push({ first, middle: [...middleKept], last, transfers: inLayers });
    }
  });
  return pairs;
}

/** The transfers of `transfers` whose account (`accountOf`) has two of them or more. */
function several(transfers: number[], accountOf: (i: number) => number): number[] {
  const counts = new Map<number, number>();
  for (const i of transfers) counts.set(accountOf(i), (counts.get(accountOf(i)) ?? 0) + 1);
  return transfers.filter((i) => counts.get(accountOf(i))! >= 2);
}

/**
 * Stacked blocks (`stackedPairs`) as shapes, each weighed two ways: as one shape among the
 * `weighed` blocks and the stacks tried (`shapeSurprise`), and against the stacks of as many
 * payments that turn up in this data with its payees shuffled (`chanceStacks`, by size): where
 * chance stacks blocks seldom, a stack is a ring even when its accounts' pace is ordinary.
 */
function stackedBlocks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  pairs: readonly StackedPair[],
  weighed: number,
  chanceStacks: (payments: number) => number,
): Shape[] {
  const g = tl.graph;
  const { from, to } = g.transfers;
  const needed = neededSurprise(o, weighed + pairs.length);
  const atLeast = (payments: number) => pairs.filter((p) => p.transfers.length >= payments).length;
  const shapes: Shape[] = [];
  for (const { first, middle, last, transfers } of pairs) {
    const span = timeSpan(tl, transfers);
    const surprise = shapeSurprise(tl, transfers);
    const missed: (() => string)[] = [];
    const size = transfers.length;
    // A stack is weighed by its accounts' pace; where that says too little, by how seldom chance
    // stacks blocks in this data (counted only then: the shuffles cost a dozen block searches).
    const paceMissed = chanceMissed(o, surprise, weighed + pairs.length);
    const shuffled = paceMissed ? chanceStacks(size) : 0;
    const layersMissed = paceMissed
      ? slowChanceMissed(
          o,
          shuffled,
          atLeast(size),
          `stacks of ${plural(size, 'one-off payment')} or more`,
          'its payees shuffled',
        )
      : null;
    if (paceMissed && layersMissed) missed.push(paceMissed, layersMissed);
    if (missed.length > 0 && surprise < needed / 2) continue;
    const roles = new Map<number, RingRole>();
    for (const v of first) roles.set(v, 'mule');
    for (const v of middle) roles.set(v, 'mule');
    for (const v of last) if (!roles.has(v)) roles.set(v, 'cash_out');
    shapes.push({
      typology: 'stack',
      roles,
      leader: null,
      score: shapeScore(missed, surprise, needed),
      missed,
      reasons: () => [
        `money went through layers of ${count(first.length)}, ${count(middle.length)} and ${count(last.length)} accounts within ${duration(tl, span.last - span.first)}: each layer paid several accounts of the next, ${plural(transfers.length, 'payment')} in all`,
        `none of the pairs dealt with each other before or after`,
        ...(paceMissed && !layersMissed
          ? [
              `stacks of ${plural(size, 'one-off payment')} or more turn up ${shuffled.toFixed(1)} times in this data with its payees shuffled, against ${count(atLeast(size))} found`,
            ]
          : []),
      ],
      memberReasons: (v) => {
        const mine = transfers.filter((i) => from[i] === v || to[i] === v);
        return [
          `${plural(mine.length, 'payment')} in the layers: ${idList(
            g,
            mine.map((i) => (from[i] === v ? to[i]! : from[i]!)),
            4,
          )}, each pair dealing for the first and only time`,
        ];
      },
    });
  }
  return shapes;
}

/**
 * The first payments of one-off pairs that windowed blocks are made of: those of usable accounts
 * with two new payees or more.
 */
function blockPayments(tl: MoneyTimeline, o: TypologyOptions): Map<number, number[]> {
  const byPayer = new Map<number, number[]>();
  for (let s = 0; s < tl.graph.nodeCount; s += 1) {
    if (tl.usable[s] !== 1 || tl.freshOut[s]! < 2) continue;
    const list: number[] = [];
    for (const i of transfersOf(tl, s, 'out')) {
      if (isFreshFirst(tl, i)) list.push(i);
    }
    if (list.length >= 2 && list.length <= o.maxFan) byPayer.set(s, list);
  }
  return byPayer;
}

/**
 * Blocks paid within a window: receivers sharing two payers or more among `firstPayees` (see
 * `blockPayments`), payees read through `payeeOf` (for chance, a shuffled column), and how many
 * groups of receivers were weighed.
 */
function windowBlocks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  firstPayees: ReadonlyMap<number, readonly number[]>,
  payeeOf: (i: number) => number,
): { blocks: Block[]; weighed: number } {
  const n = tl.graph.nodeCount;
  const { at } = tl.graph.transfers;
  // Receivers paid by the same payer within a window, pair by pair: the pairs paid together by
  // two payers or more, in the order first paid together, with their payers.
  const first: number[] = [];
  const second: number[] = [];
  const payer: number[] = [];
  for (const [s, list] of firstPayees) {
    for (let x = 0; x < list.length; x += 1) {
      for (let y = x + 1; y < list.length && at[list[y]!]! - at[list[x]!]! <= tl.windowMs; y += 1) {
        const p1 = payeeOf(list[x]!);
        const p2 = payeeOf(list[y]!);
        if (p1 === p2 || p1 === s || p2 === s) continue;
        first.push(p1);
        second.push(p2);
        payer.push(s);
      }
    }
  }
  const {
    low,
    high,
    seenBy: sharing,
  } = repeatedPairs(
    n,
    payer.length,
    (k) => first[k]!,
    (k) => second[k]!,
    (k) => payer[k]!,
  );
  const shared: SharedPayers = {
    low,
    high,
    payers: sharing,
    ofReceiver: new GroupedLists(
      n,
      2 * low.length,
      (k) => (k % 2 === 0 ? low[k >> 1]! : high[k >> 1]!),
      (k) => k >> 1,
    ),
  };
  // Receivers sharing two payers or more join one block.
  const sets = new DisjointSets();
  const core = new Map<number, Set<number>>();
  for (let k = 0; k < low.length; k += 1) {
    const r1 = low[k]!;
    const r2 = high[k]!;
    const payers = sharing[k]!;
    sets.union(r1, r2);
    for (const r of [r1, r2]) {
      let set = core.get(r);
      if (!set) core.set(r, (set = new Set()));
      for (const s of payers) set.add(s);
    }
  }
  const groups = new Map<number, number[]>();
  for (const r of core.keys()) {
    const root = sets.find(r);
    let list = groups.get(root);
    if (!list) groups.set(root, (list = []));
    list.push(r);
  }
  // Receivers that chance payers happened to join into one large group are split into the
  // groups whose payers they share most.
  const candidates = [...groups.values()].flatMap((receivers) =>
    receivers.length > o.maxFan ? splitReceivers(receivers, shared, o.maxFan) : [receivers],
  );
  const blocks: Block[] = [];
  for (const receivers of candidates) {
    if (receivers.length > o.maxFan) continue;
    const inBlock = new Set(receivers);
    const payers = new Set<number>();
    for (const r of receivers) for (const s of core.get(r)!) payers.add(s);
    const transfers: number[] = [];
    for (const s of payers) {
      const paid = firstPayees.get(s)!.filter((i) => inBlock.has(payeeOf(i)));
      if (paid.length >= 2) transfers.push(...paid);
      else payers.delete(s);
    }
    if (payers.size < 2 || payers.size > o.maxFan) continue;
    blocks.push({ payers, receivers, transfers });
  }
  return { blocks, weighed: candidates.length };
}

/**
 * Stacked blocks (`stackedPairs`) of at least each number of payments that turn up with the
 * payees of `firstPayees` shuffled among them, by size: the mean over `slowShuffles` shufflings.
 */
function shuffledStacks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  firstPayees: ReadonlyMap<number, readonly number[]>,
): (payments: number) => number {
  const { to } = tl.graph.transfers;
  const payments = [...firstPayees.values()].flat();
  const shuffledTo = new Int32Array(to.length);
  const random = seededRandom(5);
  const rounds = Math.max(1, o.slowShuffles);
  const tally: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffledRange(payments.length, random);
    payments.forEach((i, k) => (shuffledTo[i] = to[payments[order[k]!]!]!));
    const payeeOf = (i: number) => shuffledTo[i]!;
    const { blocks } = windowBlocks(tl, o, firstPayees, payeeOf);
    for (const pair of stackedPairs(tl, o, blocks, payeeOf)) {
      for (let k = 1; k <= pair.transfers.length; k += 1) tally[k] = (tally[k] ?? 0) + 1 / rounds;
    }
  }
  return (size) => tally[size] ?? 0;
}

function bipartites(tl: MoneyTimeline, o: TypologyOptions): Shape[] {
  const g = tl.graph;
  const { to } = g.transfers;
  const firstPayees = blockPayments(tl, o);
  const payeeOf = (i: number) => to[i]!;
  const { blocks, weighed } = windowBlocks(tl, o, firstPayees, payeeOf);
  const pairs = stackedPairs(tl, o, blocks, payeeOf);
  let chanceStacks: ((payments: number) => number) | undefined;
  const stacks = stackedBlocks(tl, o, pairs, weighed, (size) =>
    (chanceStacks ??= shuffledStacks(tl, o, firstPayees))(size),
  );
  const needed = neededSurprise(o, weighed);
  const shapes: Shape[] = [...stacks];
  for (const { payers, receivers, transfers } of blocks) {
    const span = timeSpan(tl, transfers);
    const density = transfers.length / (payers.size * receivers.length);
    const missed: (() => string)[] = [];
    if (Math.min(payers.size, receivers.length) < o.minLayer) {
      missed.push(
        () =>
          `a side of ${plural(Math.min(payers.size, receivers.length), 'account')}; a bipartite block needs ${o.minLayer} on each (minLayer)`,
      );
    }
    if (transfers.length < o.minBlockPayments) {
      missed.push(
        () =>
          `${plural(transfers.length, 'payment')}; a bipartite block needs ${o.minBlockPayments} (minBlockPayments)`,
      );
    }
    if (density < o.minDensity) {
      missed.push(
        () =>
          `${percent(density)} of the possible payments; a bipartite block needs ${percent(o.minDensity)} (minDensity)`,
      );
    }
    if (span.last - span.first > tl.windowMs) {
      missed.push(
        () =>
          `the payments took ${duration(tl, span.last - span.first)}; a block is paid within ${duration(tl, tl.windowMs)} (windowSteps)`,
      );
    }
    const surprise = shapeSurprise(tl, transfers);
    const chance = chanceMissed(o, surprise, weighed);
    if (chance) missed.push(chance);
    if (missed.length > 0 && surprise < needed / 2) continue;
    const roles = new Map<number, RingRole>();
    for (const v of [...payers, ...receivers]) roles.set(v, 'mule');
    shapes.push({
      typology: 'bipartite',
      roles,
      leader: null,
      score: shapeScore(missed, surprise, needed),
      missed,
      reasons: () => [
        `${plural(payers.size, 'account')} each paid several of the same ${plural(receivers.length, 'account')}: ${plural(transfers.length, 'payment')} (${percent(density)} of the possible) within ${duration(tl, span.last - span.first)}`,
        `none of the pairs dealt with each other before or after`,
      ],
      memberReasons: (v) => {
        const mine = transfers.filter((i) => g.transfers.from[i] === v || to[i] === v);
        return payers.has(v)
          ? [
              `paid ${plural(mine.length, 'account')} of the block (${idList(
                g,
                mine.map((i) => to[i]!),
                4,
              )}), each for the first and only time`,
            ]
          : [
              `was paid by ${plural(mine.length, 'account')} of the block (${idList(
                g,
                mine.map((i) => g.transfers.from[i]!),
                4,
              )}), each for the first and only time`,
            ];
      },
    });
  }
  return shapes;
}

// ---------------------------------------------------------------------------------------------
// Fans: bursts of new counterparties (`fanBursts`), judged.

const inbound = (burst: FanBurst) => burst.direction === 'in';

function fans(tl: MoneyTimeline, o: TypologyOptions): Shape[] {
  const g = tl.graph;
  const { amount } = g.transfers;
  const { bursts, weighed } = fanBursts(tl, fanOptions(o));
  const needed = neededSurprise(o, weighed);
  const shapes: Shape[] = [];
  for (const burst of bursts) {
    const k = burst.counterparties.length;
    const typology: Typology = burst.direction === 'in' ? 'fan_in' : 'fan_out';
    const counterparty = burst.direction === 'in' ? 'payer' : 'payee';
    const within = () => duration(tl, burst.last - burst.first);
    const missed: (() => string)[] = [];
    if (k < o.minFan) {
      missed.push(
        () =>
          `${plural(k, `new ${counterparty}`)} within ${within()}; a ${typology.replace('_', '-')} needs ${o.minFan} (minFan)`,
      );
    }
    if (k > o.maxFan) {
      missed.push(
        () =>
          `${plural(k, `new ${counterparty}`)} at once is a business event (a payroll, a sale); a ring has at most ${o.maxFan} (maxFan)`,
      );
    }
    // A burst mostly of payments off routine is weighed among the account's own such payments:
    // a stream of routine payments to new accounts is no cover for a burst of others.
    const offRoutineShare =
      burst.offRoutine >= MIN_OFF_ROUTINE && burst.offRoutine >= o.minConcentration * k
        ? burst.offRoutine / burst.offRoutineTotal
        : 0;
    if (
      k < o.minConcentration * burst.total &&
      offRoutineShare < o.minConcentration &&
      likeShare(tl, burst) < o.minConcentration
    ) {
      missed.push(
        () =>
          `the burst held ${percent(k / burst.total)} of the ${plural(burst.total, `new ${counterparty}`)} it had over the period, as a busy account's steady stream does; a ring's burst holds ${percent(o.minConcentration)} (minConcentration)`,
      );
    }
    const chance = chanceMissed(o, burst.surprise, weighed);
    if (chance) missed.push(chance);
    if (missed.length > 2) continue;
    const partner = missed.length === 0 ? sharedPartner(tl, burst) : -1;
    if (partner >= 0) {
      missed.push(
        () =>
          `the same ${counterparty}s also ${burst.direction === 'in' ? 'paid' : 'were paid by'} ${idOf(g, partner)}: a savings club, a shared bill or a firm's staff`,
      );
    }
    const transfers = burstTransfers(tl, burst);
    if (!inbound(burst) && bulkBatch(tl, transfers)) {
      missed.push(
        () =>
          `the ${plural(transfers.length, 'payment')} went out as one bulk batch, evenly spaced, as payroll and refunds are paid; a ring's payments are made by hand`,
      );
    }
    // A fan whose counterparties pass its money on to (or from) one other account is half of a
    // scatter-gather: the whole shape, led by its origin, is the ring.
    const whole =
      missed.length === 0
        ? fanScatterGather(tl, o, burst.leader, burst.direction, transfers)
        : null;
    shapes.push(
      whole ??
        fanShape(
          tl,
          burst,
          typology,
          transfers,
          missed,
          shapeScore(missed, burst.surprise, needed),
          amount,
          within,
        ),
    );
  }
  return shapes;
}

/**
 * "two of those payments, made at the same moment, were for the same sum to the cent (...)": a
 * crew paid, or paying, by one instruction.
 */
function describeSameMoment(tl: MoneyTimeline, burst: FanBurst): string {
  const { pairs, equal } = burst.sameMoment;
  const which =
    pairs === 1
      ? 'two of those payments, made at the same moment, were'
      : `${equal} of the ${pairs} pairs of those payments made at the same moment were`;
  const usual =
    burst.direction === 'in'
      ? 'pairs of new accounts paying one account at one moment pay the same sum'
      : 'pairs of new accounts one account pays at one moment get the same sum';
  return `${which} for the same sum to the cent (in this data ${rateText(sameMomentChance(tl, burst.direction))} of the ${usual})`;
}

function fanShape(
  tl: MoneyTimeline,
  burst: FanBurst,
  typology: Typology,
  transfers: number[],
  missed: (() => string)[],
  score: number,
  amount: Float64Array,
  within: () => string,
): Shape {
  const g = tl.graph;
  const k = burst.counterparties.length;
  const inbound = burst.direction === 'in';
  let total = 0;
  for (const i of transfers) total += amount[i]!;
  const roles = new Map<number, RingRole>([[burst.leader, 'ringleader']]);
  for (const c of burst.counterparties) roles.set(c, inbound ? 'member' : 'mule');
  return {
    typology,
    roles,
    leader: burst.leader,
    score,
    missed,
    reasons: () => [
      `${idOf(g, burst.leader)} ${inbound ? 'was paid by' : 'paid'} ${plural(k, 'new account')} within ${within()} (${money(total)} in ${plural(transfers.length, 'transfer')}); over the whole period it dealt with ${burst.total > k ? `only ${plural(burst.total - k, 'other new account')}` : 'no other new account'} that way`,
      `none of the ${inbound ? 'payers' : 'payees'} dealt with it before or after, nor the other way`,
      ...(burst.sameAmounts >= 2
        ? [
            `${plural(burst.sameAmounts, 'pair')} of those payments were for the same amount to the cent`,
          ]
        : []),
      ...(sameMomentSurprise(tl, burst.direction, burst.sameMoment) > 0
        ? [describeSameMoment(tl, burst)]
        : []),
      ...(burst.offRoutine >= MIN_OFF_ROUTINE
        ? [
            `${count(burst.offRoutine)} of those payments were off the payer's routine amount (the amount it pays again and again; in this data ${percent(tl.offRoutine.chance)} of the payments of accounts keeping one are off it): ${burst.offRoutine === burst.offRoutineTotal ? 'all' : percent(burst.offRoutine / burst.offRoutineTotal)} of the ${plural(burst.offRoutineTotal, `new ${inbound ? 'payer' : 'payee'}`)} it had that way`,
          ]
        : []),
      ...(burst.structured.surprise > 0 ? [describeStructured(burst.structured, k)] : []),
      ...(burst.like.surprise > 0 ? [describeLikeAmounts(burst.like)] : []),
    ],
    memberReasons: (v) =>
      v === burst.leader
        ? [
            `${inbound ? 'received' : 'paid'} ${money(total)} ${inbound ? 'from' : 'to'} ${plural(k, 'new account')} within ${within()}`,
          ]
        : [
            inbound
              ? `paid ${idOf(g, burst.leader)} in its burst, the only time they dealt`
              : `was paid by ${idOf(g, burst.leader)} in its burst, the only time they dealt`,
          ],
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * The steps of `typologyRings` as its progress names them, each with the share of the search done
 * when it starts, as measured on 5 million transfers (the search for money passed on weeks later
 * takes half the time).
 */
export const TYPOLOGY_STEPS = [
  { step: 'money shapes: loops of money passed on', at: 0 },
  { step: 'money shapes: flows through middle accounts', at: 0.02 },
  { step: 'money shapes: bipartite blocks', at: 0.04 },
  { step: 'money shapes: bursts of new counterparties', at: 0.15 },
  { step: 'money shapes: money passed on weeks later', at: 0.2 },
  { step: 'money shapes: steady fans', at: 0.7 },
  { step: 'money shapes: slow blocks', at: 0.78 },
] as const;

/**
 * The accounts of the rings found so far in a search, to tell a shape found again from a ring of
 * its own that shares a few accounts with one found before.
 */
class FoundRings {
  /** Accounts in any ring found so far. */
  readonly accounts = new Set<number>();
  /** Per account, the rings (in the order found) holding it. */
  private readonly ringsOf = new Map<number, number[]>();
  private readonly sizes: number[] = [];

  /** Per leader, the time span of its payments with the other accounts of each ring it leads. */
  private readonly spansLed = new Map<number, Span[]>();

  constructor(private readonly tl: MoneyTimeline) {}

  /** A ring found, its accounts and its leader where it has one. */
  add(nodes: Iterable<number>, leader: number | null): void {
    const list = [...nodes];
    if (leader !== null) {
      const spans = this.spansLed.get(leader);
      const span = leaderSpan(this.tl, leader, list);
      if (spans) spans.push(span);
      else this.spansLed.set(leader, [span]);
    }
    const ring = this.sizes.length;
    for (const v of list) {
      const rings = this.ringsOf.get(v);
      if (rings) rings.push(ring);
      else this.ringsOf.set(v, [ring]);
      this.accounts.add(v);
    }
    this.sizes.push(list.length);
  }

  /**
   * Whether a shape is a ring found before, found again: led by that ring's leader, its payments
   * with the leader within half a window (`windowSteps`) of that ring's (a hub's fan-in and
   * fan-out are its one operation; the same hub taking on new counterparties again weeks later
   * is another), or sharing at least half of the smaller group with it.
   */
  repeats(nodes: Iterable<number>, leader: number | null): boolean {
    const list = [...nodes];
    const led = leader === null ? undefined : this.spansLed.get(leader);
    if (leader !== null && led) {
      const span = leaderSpan(this.tl, leader, list);
      const near = this.tl.windowMs / 2;
      if (led.some((s) => span.first <= s.last + near && s.first <= span.last + near)) return true;
    }
    const shared = new Map<number, number>();
    for (const v of list) {
      for (const ring of this.ringsOf.get(v) ?? []) shared.set(ring, (shared.get(ring) ?? 0) + 1);
    }
    for (const [ring, count] of shared) {
      if (count >= 0.5 * Math.min(list.length, this.sizes[ring]!)) return true;
    }
    return false;
  }

  /** Whether the two accounts are in one ring found so far. */
  together(a: number, b: number): boolean {
    const ofA = this.ringsOf.get(a);
    const ofB = this.ringsOf.get(b);
    return ofA !== undefined && ofB !== undefined && ofA.some((ring) => ofB.includes(ring));
  }
}

interface Span {
  first: number;
  last: number;
}

/** The first and last time `leader` paid or was paid by another of `nodes`. */
function leaderSpan(tl: MoneyTimeline, leader: number, nodes: readonly number[]): Span {
  const inGroup = new Set(nodes);
  const { from, to } = tl.graph.transfers;
  const paid = [...transfersOf(tl, leader, 'out')].filter((i) => inGroup.has(to[i]!));
  const received = [...transfersOf(tl, leader, 'in')].filter((i) => inGroup.has(from[i]!));
  return timeSpan(tl, [...paid, ...received]);
}

/**
 * Laundering rings by shape among bank accounts not in `taken`, and the groups that came close
 * (the strongest `nearMisses`), each missed threshold named with its numbers. Finders run in
 * turn, and a shape sharing half its accounts with a ring found before is that ring found again,
 * while one sharing fewer is a ring of its own (an account may serve two rings): cycles of
 * passed-on money and of
 * payments in bursts, flows through middle accounts (scatter-gather, gather-scatter, stacks),
 * bipartite blocks, bursts of new counterparties (fan-in, fan-out), chains of money passed on
 * whole, the groups joined by payments in bursts (`burstRings`: fan-in, fan-out,
 * scatter-gather, gather-scatter, bipartite, stack, cycle or chain, led by their hub where the
 * shape has one), and last money passed on weeks later (`slowShapes`). `onProgress` hears each
 * step (`TYPOLOGY_STEPS`) as it starts, with the share of the search done. A whole graph searched
 * with the default options is searched once (`wholeGraphFindings`).
 */
export function typologyRings(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  options: Partial<TypologyOptions> = {},
  onProgress?: (step: string, fraction: number) => void,
): TypologyFindings {
  const whole = taken.size === 0 && Object.keys(options).length === 0;
  const known = whole ? wholeGraphFindings.get(graph) : undefined;
  if (known) return known;
  const found = searchTypologies(graph, taken, options, onProgress);
  if (whole) wholeGraphFindings.set(graph, found);
  return found;
}

/** What `typologyRings` found: rings, the near misses and notes on what was not looked for. */
export interface TypologyFindings {
  rings: RingCandidate[];
  /** The strongest near misses (`nearMisses` of the options). */
  nearMisses: NearMiss[];
  /**
   * Per node, the score of the strongest near miss it is part of, of all of them (0 for none): a
   * shape that fell short still says something of its accounts.
   */
  nearMissScores: Float64Array;
  notes: string[];
}

/**
 * The findings on each whole graph with the default options, kept while the graph lives: ring
 * detection and risk both search the graph they are given (an analysis graph is never changed
 * once built). Shared: not to be changed.
 */
const wholeGraphFindings = new WeakMap<AnalysisGraph, TypologyFindings>();

function searchTypologies(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  options: Partial<TypologyOptions>,
  onProgress?: (step: string, fraction: number) => void,
): TypologyFindings {
  const stepAt = (k: number) => {
    const { step, at } = TYPOLOGY_STEPS[k]!;
    onProgress?.(step, at);
  };
  const o: TypologyOptions = { ...TYPOLOGY_DEFAULTS, ...options };
  for (const [name, value] of Object.entries(o)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `typologies: option ${name} must be a non-negative number, not ${value}`,
      );
    }
  }
  stepAt(0);
  const tl = moneyTimeline(graph, taken, o);
  const links = passOnLinks(tl, o);
  const found = new FoundRings(tl);
  const accepted: Shape[] = [];
  const misses: Shape[] = [];
  // A shape led by the leader of a ring found before (within half a window of it), or sharing
  // half its accounts with one, is that ring found again (by another search, or with an account
  // more or less); one sharing fewer is a ring of its own and keeps them, as an account may serve
  // two rings.
  const judge = (shapes: Shape[]) => {
    shapes.sort((a, b) => b.score - a.score);
    for (const shape of shapes) {
      if (found.repeats(shape.roles.keys(), shape.leader)) continue;
      if (shape.missed.length > 0) {
        misses.push(shape);
        continue;
      }
      found.add(shape.roles.keys(), shape.leader);
      accepted.push(shape);
    }
  };
  judge(passOnCycles(tl, o, links));
  const bursts = significantBurstPairs(graph);
  judge(burstCycles(tl, o, bursts));
  stepAt(1);
  judge(flows(tl, o, links));
  stepAt(2);
  judge(bipartites(tl, o));
  judge(exactCutShapes(tl, o, oncePayments(tl)));
  stepAt(3);
  judge(fans(tl, o));
  judge(passOnChains(tl, o));
  const rings = accepted.map(toCandidate);
  const fanIns = burstRings(graph, new Set([...taken, ...found.accounts]), bursts);
  for (const ring of fanIns.rings) {
    const reasons = labelled(ring.typology, ring.evidence.reasons);
    rings.push({
      anchor: ring.anchor,
      members: ring.members,
      evidence: { ...ring.evidence, reasons },
      typology: ring.typology,
    });
    found.add(
      ring.members.map((m) => m.node),
      ring.members.find((m) => m.role === 'ringleader')?.node ?? null,
    );
  }
  const judgeSlow = (shapes: Shape[]) => {
    for (const shape of shapes) {
      if (found.repeats(shape.roles.keys(), shape.leader)) continue;
      if (shape.missed.length > 0) {
        misses.push(shape);
        continue;
      }
      found.add(shape.roles.keys(), shape.leader);
      rings.push(toCandidate(shape));
    }
  };
  // Money passed on weeks later, among the payments no ring found so far is made of: a ring's
  // accounts still take part, by their other payments, in rings of their own.
  const { from, to } = tl.graph.transfers;
  const unexplained = (i: number) => !found.together(from[i]!, to[i]!);
  stepAt(4);
  const once = oncePayments(tl, unexplained);
  judgeSlow(slowShapes(tl, o, once));
  stepAt(5);
  judgeSlow(steadyFans(tl, o, oncePaymentsWhere(tl, once, unexplained)));
  stepAt(6);
  judgeSlow(slowBlockShapes(tl, o, oncePaymentsWhere(tl, once, unexplained)));
  // Walks off routine only where accounts keep to their routine; otherwise the run says why not.
  // Walks are sought among accounts in no ring first (most walks through one would be its own
  // money), then among the rest through accounts serving a ring too.
  const passedOver = walksPassedOver(tl, o);
  if (!passedOver) {
    judgeSlow(routineWalks(tl, o, found.accounts));
    judgeSlow(routineWalks(tl, o, found.accounts, unexplained));
  }
  judgeSlow(structuredWalks(tl, o, found.accounts));
  const unrepeated = misses.filter((shape) => !found.repeats(shape.roles.keys(), shape.leader));
  const nearMissScores = new Float64Array(graph.nodeCount);
  const raise = (nodes: Iterable<number>, score: number) => {
    for (const v of nodes) nearMissScores[v] = Math.max(nearMissScores[v]!, score);
  };
  for (const shape of unrepeated) raise(shape.roles.keys(), shape.score);
  for (const miss of fanIns.nearMisses) raise(miss.nodes, miss.score);
  // Only the strongest are told (each in words); every one counts in the scores.
  const kept = unrepeated
    .sort((a, b) => b.score - a.score)
    .slice(0, o.nearMisses)
    .map(toNearMiss)
    .concat(fanIns.nearMisses)
    .sort((a, b) => b.score - a.score)
    .slice(0, o.nearMisses);
  return { rings, nearMisses: kept, nearMissScores, notes: passedOver ? [passedOver] : [] };
}
