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
import { DisjointSets, groupsSharingKeys } from '../disjointSets';
import { seededRandom, shuffledRange } from '../random';
import type { AnalysisGraph } from './graphBuilder';
import type {
  MemberClaim,
  NearMiss,
  RingCandidate,
  RingEvidence,
  RingRole,
  Typology,
} from './candidate';
import {
  arcIndex,
  burstSurprise,
  bulkBatch,
  burstTransfers,
  fanBursts,
  burstRings,
  firstAtOrAfter,
  isBrief,
  isFresh,
  moneyTimeline,
  scanTries,
  sharedPartner,
  significantBurstPairs,
  transfersOf,
  type BurstPair,
  type BurstPairs,
  type FanBurst,
  type MoneyTimeline,
} from './fanIn';
import { SIGNAL_DEFAULTS, count, idOf, money, percent, plural } from './signals';

/** Thresholds of the typology rules; times are in steps (see the file header). */
export const TYPOLOGY_DEFAULTS = {
  /** The shortest step: data finer than this (real time) is counted in steps of this many ms. */
  minStepMs: 3_600_000,
  /**
   * A shape completes within this many steps (a cycle: each hop of it); a pair that deals once
   * does so within it.
   */
  windowSteps: 32,
  /** A fan's burst of new counterparties lasts at most this many steps. */
  burstSteps: 16,
  /** A pair deals once when it made at most this many transfers (all within one window). */
  maxPairTransfers: 6,
  /** Accounts with more distinct counterparties than this are hubs and never take part. */
  hubCounterparties: SIGNAL_DEFAULTS.hubCounterparties,
  /** Passed on: an account pays out at least this share of what it received ... */
  passOnMin: 0.5,
  /** ... and no more than this share (a little over 1 for rounding). */
  passOnMax: 1.005,
  /** A payment of at least this share of one amount received passes that amount on whole. */
  passOnWhole: 0.8,
  /** A flow through middle accounts passes on at least this share of what they received. */
  minFlowPassOn: 0.8,
  /** A flow goes at most this many rounds in its window, each gathering, then passing on. */
  maxRounds: 3,
  /** A fan-in or fan-out has at least this many new counterparties in one burst ... */
  minFan: 4,
  /** ... and at most this many (more is a business event: a payroll, a sale) ... */
  maxFan: 60,
  /** ... making up at least this share of all its new counterparties that way. */
  minConcentration: 0.6,
  /** A chain of passed-on money has at least this many accounts (`minSlowChain` if slow). */
  minChain: 4,
  minSlowChain: 5,
  /** A cycle has at least this many accounts, and at most `maxCycle`. */
  minCycle: 3,
  maxCycle: 12,
  /** Slow shapes (hops weeks apart) pass on at least this share at each hop ... */
  slowCycleShare: 0.895,
  /** ... and are weighed against the shapes found this many times with the amounts shuffled. */
  slowShuffles: 10,
  /** Payments are equal shares when the largest is at most this much over the smallest. */
  equalShares: 0.04,
  /** Slow shapes of a kind and size are rings when chance gives at most this share of them. */
  maxSlowChanceShare: 0.1,
  /** A scatter-gather passes money through at least this many middle accounts. */
  minMiddles: 3,
  /** A gather-scatter hub gathers from, and scatters to, at least this many accounts each. */
  minGather: 3,
  minScatter: 3,
  /** A stack or bipartite block has at least this many accounts in each layer ... */
  minLayer: 2,
  /** ... and at least this share of the possible payments between consecutive layers. */
  minDensity: 0.5,
  /** A bipartite block has at least this many payments. */
  minBlockPayments: 4,
  /**
   * Groups as surprising as a ring (see `burstSurprise`) may turn up by chance among all the
   * groups of a kind weighed at most this many times.
   */
  maxChanceShapes: 0.1,
  /** Near misses kept. */
  nearMisses: 20,
} as const;

export type TypologyOptions = { [K in keyof typeof TYPOLOGY_DEFAULTS]: number };

/** A shape found: accepted when `missed` is empty, else a near miss. Text is built on demand. */
interface Shape {
  typology: Typology;
  /** Its accounts with their roles. */
  roles: Map<number, RingRole>;
  leader: number | null;
  /** Evidence score in 0..1 (how close it came, for a near miss). */
  score: number;
  /** The thresholds it missed, each in plain words with its numbers. */
  missed: (() => string)[];
  reasons: () => string[];
  memberReasons: (node: number) => string[];
}

function idList(graph: AnalysisGraph, nodes: Iterable<number>, limit = 6): string {
  const all = [...nodes];
  const shown = all.slice(0, limit).map((v) => idOf(graph, v));
  return all.length > limit
    ? `${shown.join(', ')} and ${count(all.length - limit)} more`
    : shown.join(', ');
}

/** A duration in the data's time: "3 hours", "2 days", "1 step". */
function duration(tl: MoneyTimeline, ms: number): string {
  const steps = Math.max(1, Math.ceil(ms / tl.step - 1e-9));
  if (tl.step === 3_600_000)
    return steps >= 48 ? plural(Math.ceil(steps / 24), 'day') : plural(steps, 'hour');
  if (tl.step === 86_400_000) return plural(steps, 'day');
  return plural(steps, 'step');
}

function timeSpan(tl: MoneyTimeline, transfers: Iterable<number>): { first: number; last: number } {
  const { at } = tl.graph.transfers;
  let first = Infinity;
  let last = -Infinity;
  for (const i of transfers) {
    first = Math.min(first, at[i]!);
    last = Math.max(last, at[i]!);
  }
  return { first, last };
}

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
function passOnCycles(
  tl: MoneyTimeline,
  o: TypologyOptions,
  links: PassOn,
  claimed: ReadonlySet<number>,
): Shape[] {
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
      if (onPath.has(w) || path.length + 1 >= o.maxCycle || claimed.has(w)) continue;
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
    if (claimed.has(start) || claimed.has(to[e]!)) continue;
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
 * Slow shapes: money passed on weeks later (AMLSim's patterns run over months, a hop every few
 * weeks), so no window ties their payments together; each payment is its pair's only dealing.
 * What ties them is the amount. An account that pays on `slowCycleShare` or more of one payment
 * it received (and no more than `passOnMax`), in one later payment, to someone else, passed it on
 * (`slowLinks`): loops of such links are cycles, three or more middle accounts passing on to one
 * account what one origin paid them a scatter-gather, a path through `minSlowChain` accounts a
 * chain. An account that gathered from several accounts, then paid several others equal shares
 * adding up to what it gathered (less a fee), is a gather-scatter's hub (`slowGatherScatters`),
 * and such hubs sharing their payers or payees the middle layer of a stack. These run last, among
 * accounts no other shape placed. Amounts that cluster (round sums, a simulator's narrow range)
 * match by chance, so the same search runs again `slowShuffles` times with those payments'
 * amounts shuffled among them (for hubs, only what they gathered): shapes of a kind and size are
 * rings when chance gives no more than `maxSlowChanceShare` of as many as were found.
 */
function slowShapes(tl: MoneyTimeline, o: TypologyOptions, claimed: ReadonlySet<number>): Shape[] {
  const { amount } = tl.graph.transfers;
  const once = oncePayments(tl, claimed);
  const links = slowLinks(tl, o, once, amount);
  const loops = slowLoops(tl, o, links);
  const fans = slowScatterGathers(tl, o, links);
  const chains = slowChains(tl, o, links);
  const candidates = equalShareHubs(tl, o, once);
  const hubs = slowGatherScatters(o, candidates, amount);
  if (loops.length + fans.length + chains.length + hubs.length === 0) return [];
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
      loops: number[][];
      fans: SlowScatterGather[];
      hubs: SlowGatherScatter[];
      chains: number[][];
    },
  ) => {
    for (const loop of shapes.loops) tally(into.loops, loop.length, loop.length, weight);
    for (const fan of shapes.fans) tally(into.fans, o.minMiddles, fan.paths.length, weight);
    for (const hub of shapes.hubs) tally(into.hubs, o.minLayer, hub.outs.length, weight);
    for (const chain of shapes.chains) tally(into.chains, o.minSlowChain, chain.length + 1, weight);
  };
  tallyAll(found, 1, { loops, fans, hubs, chains });
  const random = seededRandom(1);
  const shuffled = new Float64Array(amount.length);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffledRange(once.list.length, random);
    once.list.forEach((i, k) => (shuffled[i] = amount[once.list[order[k]!]!]!));
    const chanceLinks = slowLinks(tl, o, once, shuffled);
    tallyAll(chance, 1 / rounds, {
      loops: slowLoops(tl, o, chanceLinks),
      fans: slowScatterGathers(tl, o, chanceLinks),
      // A hub keeps the shares it paid; what it gathered before is shuffled.
      hubs: slowGatherScatters(o, candidates, shuffled),
      chains: slowChains(tl, o, chanceLinks),
    });
  }
  const weigh = (shape: Shape, kind: keyof typeof found, size: number, like: string): Shape => {
    const expected = chance[kind].get(size) ?? 0;
    const seen = found[kind].get(size) ?? 1;
    if (expected > o.maxSlowChanceShare * seen) {
      shape.missed.push(
        () =>
          `${like} turn up ${expected.toFixed(1)} times in this data with its amounts shuffled, against ${count(seen)} found; a ring needs chance to give at most ${percent(o.maxSlowChanceShare)} of them (maxSlowChanceShare)`,
      );
    }
    return shape;
  };
  return [
    ...loops.map((loop) =>
      weigh(
        describeCycle(tl, [loop]),
        'loops',
        loop.length,
        `loops of ${plural(loop.length, 'account')} passing money on like this`,
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

/** Payments of pairs dealing once, between accounts no other shape placed, in time order. */
interface OncePayments {
  list: number[];
  /** Per account, the ones it made and the ones it received. */
  outsOf: Map<number, number[]>;
  insOf: Map<number, number[]>;
}

function oncePayments(tl: MoneyTimeline, claimed: ReadonlySet<number>): OncePayments {
  const { from, to } = tl.graph.transfers;
  const once: OncePayments = { list: [], outsOf: new Map(), insOf: new Map() };
  const add = (map: Map<number, number[]>, v: number, i: number) => {
    let list = map.get(v);
    if (!list) map.set(v, (list = []));
    list.push(i);
  };
  for (let i = 0; i < from.length; i += 1) {
    if (!isFresh(tl, i) || claimed.has(from[i]!) || claimed.has(to[i]!)) continue;
    once.list.push(i);
    add(once.outsOf, from[i]!, i);
    add(once.insOf, to[i]!, i);
  }
  return once;
}

/**
 * Per payment received among `once` (pairs dealing once), the one later payment of its receiver,
 * also among `once` and not back to the payer, that passes it on (`slowCycleShare`..`passOnMax`
 * of it), amounts read from `amountOf`. An amount that several later payments would pass on was
 * not passed on: the account pays such sums.
 */
function slowLinks(
  tl: MoneyTimeline,
  o: TypologyOptions,
  once: OncePayments,
  amountOf: ArrayLike<number>,
): Map<number, number> {
  const { from, to, at } = tl.graph.transfers;
  const links = new Map<number, number>();
  for (const i of once.list) {
    const outs = once.outsOf.get(to[i]!);
    if (!outs) continue;
    let passedOn = -1;
    for (let k = firstAtOrAfter(tl, outs, at[i]! + 1); k < outs.length; k += 1) {
      const b = outs[k]!;
      const share = amountOf[b]! / amountOf[i]!;
      if (share < o.slowCycleShare || share > o.passOnMax || to[b] === from[i]) continue;
      if (passedOn >= 0) {
        passedOn = -1;
        break;
      }
      passedOn = b;
    }
    if (passedOn >= 0) links.set(i, passedOn);
  }
  return links;
}

/** The loops of `slowLinks`: each loop's payments in loop order, one loop per set of accounts. */
function slowLoops(tl: MoneyTimeline, o: TypologyOptions, links: Map<number, number>): number[][] {
  const { from, to } = tl.graph.transfers;
  const found = new Map<string, number[]>();
  for (const e of links.keys()) {
    // Links are one-to-one onward, so each payment starts one path: follow it round.
    const start = from[e]!;
    const path = [e];
    const seen = new Set([start, to[e]!]);
    let next = links.get(e);
    while (next !== undefined && path.length < o.maxCycle) {
      const w = to[next]!;
      path.push(next);
      if (w === start) {
        if (path.length >= o.minCycle) {
          const key = path
            .map((i) => from[i]!)
            .sort((x, y) => x - y)
            .join(',');
          if (!found.has(key)) found.set(key, path);
        }
        break;
      }
      if (seen.has(w)) break;
      seen.add(w);
      next = links.get(next);
    }
  }
  return [...found.values()];
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
}

/**
 * Accounts that paid `minLayer` or more accounts, one payment each, amounts within
 * `equalShares` of each other (not all round sums), after `minGather` or more accounts had paid
 * them, one payment each (all among `once`): candidate hubs, whatever they gathered. A hub alone
 * makes a gather-scatter only with `minScatter` shares; with fewer it takes part in a stack.
 */
function equalShareHubs(
  tl: MoneyTimeline,
  o: TypologyOptions,
  once: OncePayments,
): SlowGatherScatter[] {
  const { from, to, at, amount } = tl.graph.transfers;
  const found: SlowGatherScatter[] = [];
  for (const [hub, allOuts] of once.outsOf) {
    if (allOuts.length < o.minLayer) continue;
    const sorted = allOuts.slice().sort((x, y) => amount[x]! - amount[y]!);
    // The most payments whose amounts lie within `equalShares` of each other.
    let best: number[] = [];
    for (let lo = 0, hi = 0; hi < sorted.length; hi += 1) {
      while (amount[sorted[hi]!]! > (1 + o.equalShares) * amount[sorted[lo]!]!) lo += 1;
      if (hi - lo + 1 > best.length) best = sorted.slice(lo, hi + 1);
    }
    // The same round sum to several accounts is a habit (allowances, gifts), not a share.
    if (best.length < o.minLayer || best.every((b) => isRoundSum(amount[b]!))) continue;
    const first = Math.min(...best.map((b) => at[b]!));
    const ins = (once.insOf.get(hub) ?? []).filter((i) => at[i]! < first);
    if (ins.length < o.minGather) continue;
    found.push({
      hub,
      ins,
      senders: ins.map((i) => from[i]!),
      outs: best,
      receivers: best.map((b) => to[b]!),
      paid: best.reduce((sum, b) => sum + amount[b]!, 0),
    });
  }
  return found;
}

/**
 * The `candidates` whose equal shares add up to `slowCycleShare`..`passOnMax` of what they had
 * gathered, the amounts gathered read from `gatheredOf`.
 */
function slowGatherScatters(
  o: TypologyOptions,
  candidates: readonly SlowGatherScatter[],
  gatheredOf: ArrayLike<number>,
): SlowGatherScatter[] {
  return candidates.filter(({ ins, paid }) => {
    let gathered = 0;
    for (const i of ins) gathered += gatheredOf[i]!;
    const share = paid / gathered;
    return share >= o.slowCycleShare && share <= o.passOnMax;
  });
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

/** Whether an amount in minor units is a whole multiple of 10.00. */
function isRoundSum(amount: number): boolean {
  return Math.round(amount) % 1000 === 0;
}

function describeSlowGatherScatter(tl: MoneyTimeline, found: SlowGatherScatter): Shape {
  const g = tl.graph;
  const { amount } = g.transfers;
  const { hub, ins, outs, senders, receivers } = found;
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
      `${idOf(g, hub)} gathered ${money(gathered)} from ${plural(senders.length, 'account')}, then paid ${plural(receivers.length, 'account')} equal shares ${Math.min(...shares) === Math.max(...shares) ? `of ${money(shares[0]!)}` : `(${money(Math.min(...shares))}-${money(Math.max(...shares))})`}, ${percent(paid / gathered)} of it, over ${duration(tl, span.last - span.first)}`,
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

function describeCycle(tl: MoneyTimeline, rounds: number[][]): Shape {
  const g = tl.graph;
  const { from, to, at, amount } = g.transfers;
  const cycle = rounds[0]!;
  const nodes = cycle.map((i) => from[i]!);
  const shares = cycle.slice(1).map((i, k) => amount[i]! / amount[cycle[k]!]!);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const span = timeSpan(tl, cycle);
  return {
    typology: 'cycle',
    roles: new Map(nodes.map((v) => [v, 'mule'])),
    leader: null,
    score: Math.min(0.95, 0.55 + 0.04 * nodes.length + (low >= 0.8 ? 0.1 : 0)),
    missed: [],
    reasons: () => [
      `money went round a loop of ${plural(nodes.length, 'account')} in ${duration(tl, span.last - span.first)}, each passing on ${percent(low)}${percent(low) === percent(high) ? '' : `-${percent(high)}`} of what it received${rounds.length > 1 ? ` (${count(rounds.length)} rounds)` : ''}`,
      `none of the ${plural(nodes.length, 'pair')} in the loop dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const k = nodes.indexOf(v);
      const i = cycle[k]!;
      const before = cycle[(k - 1 + cycle.length) % cycle.length]!;
      return k === 0
        ? [
            `started the loop: paid ${money(amount[i]!)} to ${idOf(g, to[i]!)}; ${money(amount[before]!)} came back from ${idOf(g, from[before]!)} ${duration(tl, at[before]! - at[i]!)} later`,
          ]
        : [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} and passed on ${money(amount[i]!)} (${percent(amount[i]! / amount[before]!)}) to ${idOf(g, to[i]!)} ${duration(tl, at[i]! - at[before]!)} later`,
          ];
    },
  };
}

/**
 * Chains of passed-on money (a layering chain, AMLSim's random walk): one amount passed nearly
 * whole from account to account, between accounts new to each other (a walk may go back and
 * forth between two of them, even straight back to the payer), through at least `minChain`
 * accounts within the window. From each payment that no passed-on money fed, the longest such
 * path is kept; a chain must be as surprising as a ring (`shapeSurprise`) among all the chains
 * weighed.
 */
function passOnChains(
  tl: MoneyTimeline,
  o: TypologyOptions,
  claimed: ReadonlySet<number>,
): Shape[] {
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
      if (claimed.has(w) || at[next]! - at[path[0]!]! > tl.windowMs) continue;
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
    if (fed.has(e) || !brief(e) || claimed.has(from[e]!) || claimed.has(to[e]!)) continue;
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

/** A chain of passed-on money as a shape, with the score and missed thresholds its finder gave. */
function describeChain(
  tl: MoneyTimeline,
  chain: number[],
  score: number,
  missed: (() => string)[],
): Shape {
  const g = tl.graph;
  const { from, to, at, amount } = g.transfers;
  const nodes = [from[chain[0]!]!, ...chain.map((i) => to[i]!)];
  const accounts = new Set(nodes).size;
  const backAndForth = !chain.every((i) => isFresh(tl, i));
  const shares = chain.slice(1).map((i, k) => amount[i]! / amount[chain[k]!]!);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const span = timeSpan(tl, chain);
  return {
    typology: 'chain',
    roles: new Map(nodes.map((v, k) => [v, k === nodes.length - 1 ? 'cash_out' : 'mule'])),
    leader: null,
    score,
    missed,
    reasons: () => [
      `${money(amount[chain[0]!]!)} passed along a chain of ${plural(accounts, 'account')}${accounts < nodes.length ? ' (some of them more than once)' : ''} in ${duration(tl, span.last - span.first)}, each passing on ${percent(low)}${percent(low) === percent(high) ? '' : `-${percent(high)}`} of what it received`,
      backAndForth
        ? `its accounts dealt with each other only within the chain, some back and forth`
        : `none of the ${plural(chain.length, 'pair')} in the chain dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const k = nodes.indexOf(v);
      if (k === 0) {
        return [
          `started the chain: paid ${money(amount[chain[0]!]!)} to ${idOf(g, to[chain[0]!]!)}`,
        ];
      }
      const before = chain[k - 1]!;
      const i = chain[k];
      return i === undefined
        ? [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} at the end of the chain`,
          ]
        : [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} and passed on ${money(amount[i]!)} (${percent(amount[i]! / amount[before]!)}) to ${idOf(g, to[i]!)} ${duration(tl, at[i]! - at[before]!)} later`,
          ];
    },
  };
}

/**
 * Cycles of payments in bursts: each account pays the next in several transfers within an hour
 * (or one step), and the last pays the first (as AMLSim's cycles do); one payment of the loop may
 * be a plain one. Burst pairs are rare, so a loop of them is no accident, and it need not close
 * in time order.
 */
function burstCycles(
  tl: MoneyTimeline,
  o: TypologyOptions,
  bursts: BurstPairs,
  claimed: ReadonlySet<number>,
): Shape[] {
  const g = tl.graph;
  const n = g.nodeCount;
  const next = new Map<number, number[]>();
  const pieces = new Map<number, BurstPair>();
  for (const [payee, payers] of bursts) {
    if (tl.usable[payee] !== 1 || claimed.has(payee)) continue;
    for (const [payer, pair] of payers) {
      if (tl.usable[payer] !== 1 || claimed.has(payer)) continue;
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

function flows(
  tl: MoneyTimeline,
  o: TypologyOptions,
  links: PassOn,
  claimed: ReadonlySet<number>,
): Shape[] {
  const { from, to, at, amount } = tl.graph.transfers;
  const episodes = new Map<number, Episode>();
  for (let l = 0; l < links.inOf.length; l += 1) {
    if (links.valid[l] !== 1) continue;
    const i = links.inOf[l]!;
    const b = links.outOf[l]!;
    const middle = to[i]!;
    if (claimed.has(middle) || claimed.has(from[i]!) || claimed.has(to[b]!)) continue;
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
    score:
      missed.length === 0 ? surpriseScore(surprise, needed) : 0.5 * Math.min(1, surprise / needed),
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
 * A large group of receivers split into the groups of those sharing more payers: two receivers
 * stay together when they share at least `least` payers, raised until each group is small enough
 * (`shared`: payers per receiver pair, keyed `r1 * n + r2`). Receivers left alone are dropped.
 */
function splitReceivers(
  receivers: readonly number[],
  shared: ReadonlyMap<number, readonly number[]>,
  n: number,
  maxSize: number,
  least = 3,
): number[][] {
  const inGroup = new Set(receivers);
  const sets = new DisjointSets();
  for (const [key, payers] of shared) {
    if (payers.length < least) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    if (inGroup.has(a) && inGroup.has(b)) sets.union(a, b);
  }
  return [...sets.groups().values()].flatMap((group) =>
    group.length < 2
      ? []
      : group.length <= maxSize
        ? [group]
        : splitReceivers(group, shared, n, maxSize, least + 1),
  );
}

function bipartites(tl: MoneyTimeline, o: TypologyOptions, claimed: ReadonlySet<number>): Shape[] {
  const g = tl.graph;
  const n = g.nodeCount;
  const { to, at } = g.transfers;
  // Receivers paid by the same payer within a window, pair by pair: the payers they share.
  const shared = new Map<number, number[]>();
  const firstPayees = new Map<number, number[]>();
  for (let s = 0; s < n; s += 1) {
    if (tl.usable[s] !== 1 || claimed.has(s) || tl.freshOut[s]! < 2) continue;
    const list: number[] = [];
    for (const i of transfersOf(tl, s, 'out')) {
      if (isFresh(tl, i) && tl.pairFirst[tl.pairOf[i]!] === at[i] && !claimed.has(to[i]!))
        list.push(i);
    }
    if (list.length < 2 || list.length > o.maxFan) continue;
    firstPayees.set(s, list);
    for (let x = 0; x < list.length; x += 1) {
      for (let y = x + 1; y < list.length && at[list[y]!]! - at[list[x]!]! <= tl.windowMs; y += 1) {
        const r1 = Math.min(to[list[x]!]!, to[list[y]!]!);
        const r2 = Math.max(to[list[x]!]!, to[list[y]!]!);
        const key = r1 * n + r2;
        let payers = shared.get(key);
        if (!payers) shared.set(key, (payers = []));
        payers.push(s);
      }
    }
  }
  // Receivers sharing two payers or more join one block.
  const sets = new DisjointSets();
  const core = new Map<number, Set<number>>();
  for (const [key, payers] of shared) {
    if (payers.length < 2) continue;
    const r1 = Math.floor(key / n);
    const r2 = key % n;
    sets.union(r1, r2);
    for (const r of [r1, r2]) {
      let set = core.get(r);
      if (!set) core.set(r, (set = new Set()));
      for (const s of payers) set.add(s);
    }
  }
  const blocks = new Map<number, number[]>();
  for (const r of core.keys()) {
    const root = sets.find(r);
    let list = blocks.get(root);
    if (!list) blocks.set(root, (list = []));
    list.push(r);
  }
  // Receivers that chance payers happened to join into one large group are split into the
  // groups whose payers they share most.
  const candidates = [...blocks.values()].flatMap((receivers) =>
    receivers.length > o.maxFan ? splitReceivers(receivers, shared, n, o.maxFan) : [receivers],
  );
  const weighed = candidates.length;
  const needed = neededSurprise(o, weighed);
  const shapes: Shape[] = [];
  for (const receivers of candidates) {
    if (receivers.length > o.maxFan) continue;
    const inBlock = new Set(receivers);
    const payers = new Set<number>();
    for (const r of receivers) for (const s of core.get(r)!) payers.add(s);
    const transfers: number[] = [];
    for (const s of payers) {
      const paid = firstPayees.get(s)!.filter((i) => inBlock.has(to[i]!));
      if (paid.length >= 2) transfers.push(...paid);
      else payers.delete(s);
    }
    if (payers.size < 2 || payers.size > o.maxFan) continue;
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
      score:
        missed.length === 0
          ? surpriseScore(surprise, needed)
          : 0.5 * Math.min(1, surprise / needed),
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

function fans(tl: MoneyTimeline, o: TypologyOptions, claimed: ReadonlySet<number>): Shape[] {
  const g = tl.graph;
  const { amount } = g.transfers;
  const { bursts, weighed } = fanBursts(tl, claimed, {
    windowSteps: Math.min(o.burstSteps, o.windowSteps),
    minFan: o.minFan,
  });
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
    if (k < o.minConcentration * burst.total) {
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
    shapes.push(
      fanShape(
        tl,
        burst,
        typology,
        transfers,
        missed,
        missed.length === 0
          ? surpriseScore(burst.surprise, needed)
          : 0.5 * Math.min(1, burst.surprise / needed),
        amount,
        within,
      ),
    );
  }
  return shapes;
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

/** The typologies' names as the first reason gives them. */
const LABELS: Partial<Record<Typology, string>> = {
  fan_in: 'Fan-in',
  fan_out: 'Fan-out',
  cycle: 'Cycle',
  chain: 'Chain',
  scatter_gather: 'Scatter-gather',
  gather_scatter: 'Gather-scatter',
  bipartite: 'Bipartite block',
  stack: 'Stack',
};

/** The shape's reasons, the first naming its typology. */
function labelled(typology: Typology, reasons: string[]): string[] {
  const [first, ...rest] = reasons;
  return first === undefined ? [] : [`${LABELS[typology] ?? typology}: ${first}`, ...rest];
}

function toCandidate(shape: Shape): RingCandidate {
  const members: MemberClaim[] = [...shape.roles].map(([node, role]) => ({
    node,
    role,
    score: role === 'ringleader' ? shape.score : shape.score * (role === 'member' ? 0.7 : 0.85),
    reasons: shape.memberReasons(node),
  }));
  members.sort((a, b) => Number(b.role === 'ringleader') - Number(a.role === 'ringleader'));
  const evidence: RingEvidence = {
    score: shape.score,
    reasons: labelled(shape.typology, shape.reasons()),
    muleCount: 0,
    reportCount: 0,
    cycling: 0,
    burst: 0,
  };
  const anchor = shape.leader ?? Math.min(...shape.roles.keys());
  return { anchor, members, evidence, typology: shape.typology };
}

function toNearMiss(shape: Shape): NearMiss {
  const nodes = [...shape.roles.keys()];
  return {
    typology: shape.typology,
    nodes: nodes.slice(0, 40),
    size: nodes.length,
    score: shape.score,
    reasons: labelled(shape.typology, shape.reasons()),
    missed: shape.missed.map((text) => text()),
  };
}

/**
 * Laundering rings by shape among bank accounts not in `taken`, and the groups that came close
 * (the strongest `nearMisses`), each missed threshold named with its numbers. Finders run in
 * turn, each leaving the accounts it placed to no other: cycles of passed-on money and of
 * payments in bursts, flows through middle accounts (scatter-gather, gather-scatter, stacks),
 * bipartite blocks, bursts of new counterparties (fan-in, fan-out), chains of money passed on
 * whole, the groups joined by payments in bursts (`burstRings`: fan-in, fan-out,
 * scatter-gather, gather-scatter, bipartite, stack, cycle or chain, led by their hub where the
 * shape has one), and last money passed on weeks later (`slowShapes`).
 */
export function typologyRings(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  options: Partial<TypologyOptions> = {},
): { rings: RingCandidate[]; nearMisses: NearMiss[] } {
  const o: TypologyOptions = { ...TYPOLOGY_DEFAULTS, ...options };
  for (const [name, value] of Object.entries(o)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `typologies: option ${name} must be a non-negative number, not ${value}`,
      );
    }
  }
  const tl = moneyTimeline(graph, taken, o);
  const links = passOnLinks(tl, o);
  const claimed = new Set<number>();
  const accepted: Shape[] = [];
  const misses: Shape[] = [];
  const judge = (found: Shape[]) => {
    found.sort((a, b) => b.score - a.score);
    for (const shape of found) {
      // A shape may lose an account or a fifth of them to a ring found before, not its leader.
      const lost = [...shape.roles.keys()].filter((v) => claimed.has(v));
      const allowed = Math.max(1, Math.floor(shape.roles.size / 5));
      if (lost.length > allowed || (shape.leader !== null && claimed.has(shape.leader))) continue;
      if (shape.roles.size - lost.length < 3) continue;
      for (const v of lost) shape.roles.delete(v);
      if (shape.missed.length > 0) {
        misses.push(shape);
        continue;
      }
      for (const v of shape.roles.keys()) claimed.add(v);
      accepted.push(shape);
    }
  };
  judge(passOnCycles(tl, o, links, claimed));
  const bursts = significantBurstPairs(graph);
  judge(burstCycles(tl, o, bursts, claimed));
  judge(flows(tl, o, links, claimed));
  judge(bipartites(tl, o, claimed));
  judge(fans(tl, o, claimed));
  judge(passOnChains(tl, o, claimed));
  const rings = accepted.map(toCandidate);
  const fanIns = burstRings(graph, new Set([...taken, ...claimed]), bursts);
  for (const ring of fanIns.rings) {
    const reasons = labelled(ring.typology, ring.evidence.reasons);
    rings.push({
      anchor: ring.anchor,
      members: ring.members,
      evidence: { ...ring.evidence, reasons },
      typology: ring.typology,
    });
  }
  const placed = new Set([
    ...claimed,
    ...fanIns.rings.flatMap((ring) => ring.members.map((m) => m.node)),
  ]);
  for (const shape of slowShapes(tl, o, placed)) {
    if ([...shape.roles.keys()].some((v) => placed.has(v))) continue;
    if (shape.missed.length > 0) {
      misses.push(shape);
      continue;
    }
    for (const v of shape.roles.keys()) placed.add(v);
    rings.push(toCandidate(shape));
  }
  const kept = misses
    .filter((shape) => ![...shape.roles.keys()].some((v) => claimed.has(v)))
    .map(toNearMiss)
    .concat(fanIns.nearMisses)
    .sort((a, b) => b.score - a.score)
    .slice(0, o.nearMisses);
  return { rings, nearMisses: kept };
}
