/**
 * Fan-in and fan-out: one account dealing with many others in a burst.
 * - Payments in bursts (`burstRings`): laundering that places money in many small pieces
 *   ("smurfing") shows as pairs of accounts with several transfers within an hour (or one step
 *   of a simulation). Such bursts between ordinary accounts are rare, and a pair's burst counts
 *   only when that many of its transfers falling together is unlikely for a pair dealing that
 *   often (a regular customer buys twice the same day now and then) and it does not burst again
 *   and again (a firm's monthly supplier run). Collectors paid in bursts by several payers,
 *   distributors paying several accounts in bursts, single pairs no chance gives and hops passed
 *   on whole join accounts into groups; an account bursting with many partners, but no more than
 *   chance gives one that busy (a payment processor), joins none. A group of at least `minGroup`
 *   accounts (or `minGroup - 1` far beyond chance) is a ring of its own when none of its accounts
 *   already belongs to a ring, its shape named by its hubs.
 * - Bursts of new counterparties (`fanBursts`): an account paid by (fan-in) or paying (fan-out)
 *   many accounts it never dealt with before or after, within a short window, far more than its
 *   own rate of new counterparties and the data's traffic at the time would give.
 * The money timeline (`moneyTimeline`: pairs, per-account transfers in time order, the time step)
 * and the burst statistics here serve the other typologies (`typologies.ts`) too. Pure functions
 * over `AnalysisGraph`.
 */
import type { OffRoutine } from './routine';
import { DisjointSets } from '../disjointSets';
import { firstAtLeast } from '../sortedSearch';
import { joinOnSchedule } from './burstSchedule';
import { binomialTail, poissonTail } from './tails';
import { structuring, structuringRates, type Structured } from './structuring';
import { likeAmounts, sortedAmounts, type LikeAmounts } from './likeAmounts';
import type { AnalysisGraph } from './graphBuilder';
import type { MemberClaim, NearMiss, RingEvidence, Typology } from './candidate';
import {
  TYPE,
  count,
  feature,
  idOf,
  isRoundSum,
  money,
  neighboursOfType,
  percent,
  plural,
} from './signals';

export const FAN_IN_DEFAULTS = {
  /** Two transfers from one payer to one payee this close together make a burst. */
  burstMs: 3_600_000,
  /** A collecting account has at least this many burst payers ... */
  burstPayers: 2,
  /** ... making up at least this share of all its payers. */
  burstShare: 0.05,
  /** A group needs at least this many accounts. */
  minGroup: 4,
  /**
   * A pair's bursts count only when so many of its transfers that close together are unlikely
   * for a pair dealing that often (at most this chance): a shop's regular customer buying twice
   * the same day is no burst.
   */
  maxPairChance: 0.03,
  /**
   * A pair that bursts this many separate times is a standing arrangement (a firm paying its
   * supplier in a batch each month), not money placed in pieces.
   */
  routineBursts: 3,
  /**
   * Groups join where an account passed on at least this share of what it received in bursts,
   * in one payment, to an account that paid it on in bursts.
   */
  passOnShare: 0.8,
  /**
   * A group of `minGroup - 1` accounts (a collector and two burst payers) is a ring of its own
   * only when two of the collector's payers bursting by chance is at most this likely; so is an
   * account whose burst payers are less than `burstShare` of its payers.
   */
  smallGroupChance: 1e-6,
} as const;

/** Burst pairs by one side (payee or payer), then the other. */
export type BurstPairs = Map<number, Map<number, BurstPair>>;

/**
 * A payer's bursts into one payee: transfers in bursts, their amount, the last one's time, and
 * all the pair's transfers.
 */
export interface BurstPair {
  transfers: number;
  amount: number;
  lastCounted: number;
  pairTransfers: number;
  /** Pairs of the pair's transfers that fall in one burst (a burst of k holds k(k-1)/2). */
  together: number;
  /** Separate bursts. */
  bursts: number;
  /** The chance of so many of the pair's transfers that close together (`burstChance`). */
  chance: number;
}

/**
 * The data's time resolution in ms: the largest of a day, an hour, a minute and a second that
 * divides (nearly) every transfer time; 1 for times to the millisecond. AMLSim, for one, writes
 * whole simulation steps.
 */
export function timeResolution(at: ArrayLike<number>): number {
  const stride = Math.max(1, Math.floor(at.length / 5000));
  for (const unit of [86_400_000, 3_600_000, 60_000, 1000]) {
    let fit = 0;
    let seen = 0;
    for (let i = 0; i < at.length; i += stride) {
      seen += 1;
      if (at[i]! % unit === 0) fit += 1;
    }
    if (seen > 0 && fit >= 0.99 * seen) return unit;
  }
  return 1;
}

/**
 * Burst pairs: payer and payee with two transfers within `burstMs`, with their transfers. Where
 * the data's resolution is `burstMs` or coarser, "within" can only mean at the same time (the
 * same simulation step): two payments a step apart may be a day apart.
 */
export function burstPairs(
  graph: AnalysisGraph,
  burstMs: number = FAN_IN_DEFAULTS.burstMs,
): BurstPairs {
  const { from, to, at, amount } = graph.transfers;
  const within = timeResolution(at) >= burstMs ? 0 : burstMs;
  // Per pair (arc of the money graph): its last transfer's time and amount, its transfers.
  const arcs = graph.money.targets.length;
  const lastAt = new Float64Array(arcs);
  const lastAmount = new Float64Array(arcs);
  const transfers = new Int32Array(arcs);
  // Per pair: transfers in its current burst so far.
  const run = new Int32Array(arcs);
  const pairs = new Map<number, Map<number, BurstPair>>();
  for (let i = 0; i < from.length; i += 1) {
    const arc = arcIndex(graph, from[i]!, to[i]!);
    if (arc < 0) continue;
    const seen = transfers[arc]! > 0;
    const beforeAt = lastAt[arc]!;
    const beforeAmount = lastAmount[arc]!;
    transfers[arc]! += 1;
    lastAt[arc] = at[i]!;
    lastAmount[arc] = amount[i]!;
    if (!seen || at[i]! - beforeAt > within) {
      run[arc] = 1;
      continue;
    }
    run[arc]! += 1;
    let payers = pairs.get(to[i]!);
    if (!payers) pairs.set(to[i]!, (payers = new Map<number, BurstPair>()));
    const pair = payers.get(from[i]!);
    // The transfer before counts too, once.
    const counted = pair?.lastCounted === beforeAt;
    const entry = pair ?? {
      transfers: 0,
      amount: 0,
      lastCounted: -Infinity,
      pairTransfers: 0,
      together: 0,
      bursts: 0,
      chance: 1,
    };
    entry.together += run[arc]! - 1;
    if (run[arc] === 2) entry.bursts += 1;
    entry.transfers += counted ? 1 : 2;
    entry.amount += counted ? amount[i]! : amount[i]! + beforeAmount;
    entry.lastCounted = at[i]!;
    if (!pair) payers.set(from[i]!, entry);
  }
  for (const [payee, payers] of pairs) {
    for (const [payer, entry] of payers) {
      entry.pairTransfers = transfers[arcIndex(graph, payer, payee)] ?? entry.transfers;
    }
  }
  return pairs;
}

/**
 * The chance that at least `together` pairs of a pair's `transfers` fall within `width` of each
 * other by accident over a period `span` long: each of its transfers(transfers - 1)/2 pairs of
 * transfers does with chance width/span, so such pairs come about as a Poisson count. A shop's
 * daily customer has some purchases on the same day by chance; five payments at once from a
 * pair that deals six times do not happen by chance.
 */
export function burstChance(
  transfers: number,
  together: number,
  width: number,
  span: number,
): number {
  const expected = ((transfers * (transfers - 1)) / 2) * Math.min(1, width / Math.max(width, span));
  return poissonTail(together, expected);
}

/**
 * Burst pairs (`burstPairs`) whose bursts are unlikely for a pair dealing that often (at most
 * `maxPairChance`) and not routine (fewer than `routineBursts` of them), by payee.
 */
export function significantBurstPairs(graph: AnalysisGraph): BurstPairs {
  const pairs = burstPairs(graph);
  const { at } = graph.transfers;
  const span = at.length > 0 ? at[at.length - 1]! - at[0]! : 0;
  const width = Math.max(FAN_IN_DEFAULTS.burstMs, timeResolution(at));
  for (const [payee, payers] of pairs) {
    for (const [payer, entry] of payers) {
      entry.chance = burstChance(entry.pairTransfers, entry.together, width, span);
      const routine = entry.bursts >= FAN_IN_DEFAULTS.routineBursts;
      if (routine || entry.chance > FAN_IN_DEFAULTS.maxPairChance) payers.delete(payer);
    }
    if (payers.size === 0) pairs.delete(payee);
  }
  return pairs;
}

/**
 * Rings of payments in bursts among bank accounts not in `taken`, and the groups of three that
 * chance could give (`nearMisses`); `pairs`: the significant burst pairs when already found.
 * Accounts are joined by a collector's burst payers (fan-in), a distributor's burst payees
 * (fan-out), and single pairs whose bursts no chance gives (money passed along in bursts, as
 * AMLSim's walks and cycles spread over weeks do).
 */
export function burstRings(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  pairs: BurstPairs = significantBurstPairs(graph),
): { rings: BurstRing[]; nearMisses: NearMiss[] } {
  const payersCount = feature(graph, 'payers');
  const payeesCount = feature(graph, 'payees');
  // A reported victim paying in instalments is a victim, not a member.
  const victims = victimAccounts(graph);
  const isAccount = (v: number) => graph.types[v] === TYPE.BankAccount && !victims.has(v);
  const byPayer = new Map<number, Map<number, BurstPair>>();
  for (const [payee, payers] of pairs) {
    for (const [payer, pair] of payers) {
      let payees = byPayer.get(payer);
      if (!payees) byPayer.set(payer, (payees = new Map<number, BurstPair>()));
      payees.set(payee, pair);
    }
  }
  // Accounts many pay (or are paid by) in bursts, as chance gives one so busy, join no group.
  const paid = hubsOf(pairs, payersCount, isAccount);
  const paying = hubsOf(byPayer, payeesCount, isAccount);
  const crowded = new Set([...paid.crowded, ...paying.crowded]);
  const collectors = withoutCrowded(paid.hubs, crowded);
  const distributors = withoutCrowded(paying.hubs, crowded);
  const sets = new DisjointSets();
  for (const hubs of [collectors, distributors]) {
    for (const [hub, partners] of hubs) {
      sets.find(hub);
      for (const partner of partners.keys()) sets.union(hub, partner);
    }
  }
  // Single pairs no chance gives, by payer.
  const links = new Map<number, BurstPair[]>();
  for (const [payee, payers] of pairs) {
    for (const [payer, pair] of payers) {
      if (pair.chance > FAN_IN_DEFAULTS.smallGroupChance) continue;
      if (!isAccount(payer) || !isAccount(payee) || crowded.has(payer) || crowded.has(payee)) {
        continue;
      }
      let own = links.get(payer);
      if (!own) links.set(payer, (own = []));
      own.push(pair);
      sets.union(payer, payee);
    }
  }
  const passedOn = joinPassedOn(graph, sets, pairs);
  const onSchedule = joinOnSchedule(
    graph,
    sets,
    { collectors, distributors },
    timeResolution(graph.transfers.at),
    FAN_IN_DEFAULTS.burstMs,
    (v) => isAccount(v) && !crowded.has(v) && !taken.has(v),
  );
  const rings: BurstRing[] = [];
  const nearMisses: NearMiss[] = [];
  for (const nodes of sets.groups().values()) {
    if (nodes.length < FAN_IN_DEFAULTS.minGroup - 1 || nodes.some((v) => taken.has(v))) continue;
    nodes.sort((a, b) => a - b);
    const stars = [
      ...starsOf(nodes, collectors, payersCount, 'fan_in'),
      ...starsOf(nodes, distributors, payeesCount, 'fan_out'),
    ];
    let chance = 0;
    if (nodes.length < FAN_IN_DEFAULTS.minGroup) {
      const linked = nodes.flatMap((v) => links.get(v) ?? []);
      const linksChance = linked.reduce((product, pair) => product * pair.chance, 1);
      chance = Math.min(linked.length > 1 ? linksChance : 1, ...stars.map((star) => star.chance));
    }
    const odds = `bursts like these between accounts that seldom burst come about by chance ${onceIn(chance)}`;
    if (chance > FAN_IN_DEFAULTS.smallGroupChance) {
      nearMisses.push({
        typology: stars[0]?.typology ?? 'chain',
        nodes,
        size: nodes.length,
        score: Math.min(0.5, Math.log10(chance) / Math.log10(FAN_IN_DEFAULTS.smallGroupChance) / 2),
        reasons: [`${plural(nodes.length, 'account')} joined by payments in bursts; ${odds}`],
        missed: [
          `${plural(nodes.length, 'account')}: a ring of fewer than ${FAN_IN_DEFAULTS.minGroup} needs its bursts to be at most ${FAN_IN_DEFAULTS.smallGroupChance} likely by chance (smallGroupChance)`,
        ],
      });
      continue;
    }
    const ring = describeBurstGroup(graph, nodes, stars, { pairs, byPayer }, passedOn, onSchedule);
    if (chance > 0) ring.evidence.reasons.push(`so few accounts, but ${odds}`);
    rings.push(ring);
  }
  return { rings, nearMisses };
}

/** A ring of payments in bursts, with its shape and the account that leads it, if any. */
export interface BurstRing {
  anchor: number;
  typology: Extract<
    Typology,
    | 'fan_in'
    | 'fan_out'
    | 'scatter_gather'
    | 'gather_scatter'
    | 'bipartite'
    | 'stack'
    | 'cycle'
    | 'chain'
  >;
  leader: number | null;
  members: MemberClaim[];
  evidence: RingEvidence;
}

/** Bank accounts held by a person who reported being a victim. */
function victimAccounts(graph: AnalysisGraph): Set<number> {
  const victim = feature(graph, 'victim');
  const accounts = new Set<number>();
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (graph.types[v] !== TYPE.Person || victim[v] !== 1) continue;
    for (const account of neighboursOfType(graph, v, TYPE.BankAccount)) accounts.add(account);
  }
  return accounts;
}

/**
 * Joins groups where an account passed on nearly all it received in bursts from its group
 * (`passOnShare` or more, none beyond it) in one plain payment to an account that later paid its
 * own group in bursts: a walk or a cycle with a hop sent whole. Returns, per account that passed
 * money on so, to whom and the reason.
 */
function joinPassedOn(
  graph: AnalysisGraph,
  sets: DisjointSets,
  pairs: BurstPairs,
): Map<number, { to: number; reason: string }> {
  const inGroup = (a: number, b: number) =>
    sets.has(a) && sets.has(b) && sets.find(a) === sets.find(b);
  // What each grouped account received in bursts from its group and when; when it paid its
  // group in bursts last.
  const received = new Map<number, { amount: number; last: number }>();
  const paidOn = new Map<number, number>();
  for (const [payee, payers] of pairs) {
    for (const [payer, pair] of payers) {
      if (!inGroup(payer, payee)) continue;
      const got = received.get(payee) ?? { amount: 0, last: -Infinity };
      got.amount += pair.amount;
      got.last = Math.max(got.last, pair.lastCounted);
      received.set(payee, got);
      paidOn.set(payer, Math.max(paidOn.get(payer) ?? -Infinity, pair.lastCounted));
    }
  }
  const { from, to, at, amount } = graph.transfers;
  const joins: [number, number, number][] = [];
  for (let i = 0; i < from.length; i += 1) {
    const got = received.get(from[i]!);
    const onward = paidOn.get(to[i]!);
    if (!got || onward === undefined || inGroup(from[i]!, to[i]!)) continue;
    if (at[i]! <= got.last || at[i]! >= onward) continue;
    if (amount[i]! > got.amount || amount[i]! < FAN_IN_DEFAULTS.passOnShare * got.amount) continue;
    joins.push([from[i]!, to[i]!, i]);
  }
  const passed = new Map<number, { to: number; reason: string }>();
  for (const [payer, payee, i] of joins) {
    sets.union(payer, payee);
    const got = received.get(payer)!;
    passed.set(payer, {
      to: payee,
      reason: `passed on ${money(amount[i]!)} (${percent(amount[i]! / got.amount)} of what it received in bursts) to ${idOf(graph, payee)} in one payment, which paid it on in bursts`,
    });
  }
  return passed;
}

/**
 * Hubs of burst pairs: accounts with at least `burstPayers` partners bursting with them, which
 * make up `burstShare` of all their partners (`partnersCount`) or burst together far beyond
 * chance even among so many. `pairs`: by hub, its partners' burst pairs. Accounts with that many
 * burst partners but no more than chance gives one so busy (a shop) are `crowded`.
 */
function hubsOf(
  pairs: BurstPairs,
  partnersCount: ArrayLike<number>,
  isAccount: (v: number) => boolean,
): { hubs: BurstPairs; crowded: number[] } {
  const hubs = new Map<number, Map<number, BurstPair>>();
  const crowded: number[] = [];
  for (const [hub, all] of pairs) {
    if (!isAccount(hub)) continue;
    const partners = new Map([...all].filter(([v]) => isAccount(v)));
    if (partners.size < FAN_IN_DEFAULTS.burstPayers) continue;
    if (
      partners.size < FAN_IN_DEFAULTS.burstShare * partnersCount[hub]! &&
      hubChance(partners, partnersCount[hub]!) > FAN_IN_DEFAULTS.smallGroupChance
    ) {
      crowded.push(hub);
      continue;
    }
    hubs.set(hub, partners);
  }
  return { hubs, crowded };
}

/** `hubs` without the `crowded` accounts, as hubs or partners; hubs left too small are dropped. */
function withoutCrowded(hubs: BurstPairs, crowded: ReadonlySet<number>): BurstPairs {
  const kept = new Map<number, Map<number, BurstPair>>();
  for (const [hub, partners] of hubs) {
    if (crowded.has(hub)) continue;
    const left = new Map([...partners].filter(([v]) => !crowded.has(v)));
    if (left.size >= FAN_IN_DEFAULTS.burstPayers) kept.set(hub, left);
  }
  return kept;
}

interface Star {
  hub: number;
  typology: 'fan_in' | 'fan_out';
  partners: Map<number, BurstPair>;
  chance: number;
}

/** The hubs among `nodes`, biggest first. */
function starsOf(
  nodes: readonly number[],
  hubs: BurstPairs,
  partnersCount: ArrayLike<number>,
  typology: Star['typology'],
): Star[] {
  const stars: Star[] = [];
  for (const hub of nodes) {
    const partners = hubs.get(hub);
    if (!partners) continue;
    stars.push({ hub, typology, partners, chance: hubChance(partners, partnersCount[hub]!) });
  }
  return stars.sort((a, b) => b.partners.size - a.partners.size || a.hub - b.hub);
}

/**
 * The shape of a group of `size` accounts joined by bursts, with its leader and in words:
 * - accounts that each collect and pay out in bursts: a stack of layers, led by nobody;
 * - one hub that both collects and pays out in bursts: gather-scatter, led by that hub;
 * - several collectors and several distributors: a bipartite block, led by nobody;
 * - a distributor whose payees pay a collector: scatter-gather, led by the distributor;
 * - a hub whose partners are at least half the group: fan-in or fan-out, led by the hub;
 * - else money passed along in bursts (a chain), led by nobody.
 */
function burstShape(
  graph: AnalysisGraph,
  size: number,
  stars: readonly Star[],
): { typology: BurstRing['typology']; leader: number | null; shape: string } {
  const collectors = stars.filter((star) => star.typology === 'fan_in');
  const distributors = stars.filter((star) => star.typology === 'fan_out');
  const middles = distributors.filter((d) => collectors.some((c) => c.hub === d.hub));
  if (middles.length > 1) {
    return {
      typology: 'stack',
      leader: null,
      shape: `${plural(middles.length, 'account')} each collected in bursts and paid on in bursts, layer after layer`,
    };
  }
  const hub = middles[0];
  if (hub) {
    const gathered = collectors.find((c) => c.hub === hub.hub)!.partners.size;
    return {
      typology: 'gather_scatter',
      leader: hub.hub,
      shape: `${idOf(graph, hub.hub)} collected from ${plural(gathered, 'account')} and paid ${plural(hub.partners.size, 'account')} in bursts`,
    };
  }
  for (const origin of distributors) {
    const end = collectors.find((c) => {
      let through = 0;
      for (const payee of origin.partners.keys()) if (c.partners.has(payee)) through += 1;
      return 2 * through >= Math.min(origin.partners.size, c.partners.size);
    });
    if (end) {
      return {
        typology: 'scatter_gather',
        leader: origin.hub,
        shape: `${idOf(graph, origin.hub)} paid ${plural(origin.partners.size, 'account')} in bursts, which paid ${idOf(graph, end.hub)} in bursts`,
      };
    }
  }
  if (collectors.length > 1 && distributors.length > 1) {
    return {
      typology: 'bipartite',
      leader: null,
      shape: `${plural(distributors.length, 'account')} each paid several of the same ${plural(collectors.length, 'account')} in bursts`,
    };
  }
  const star = stars.reduce<Star | undefined>(
    (best, s) => (!best || s.partners.size > best.partners.size ? s : best),
    undefined,
  );
  if (star && 2 * (star.partners.size + 1) >= size) {
    const hubId = idOf(graph, star.hub);
    return {
      typology: star.typology,
      leader: star.hub,
      shape:
        star.typology === 'fan_in'
          ? `${hubId} collected from ${plural(star.partners.size, 'payer')} in bursts`
          : `${hubId} paid ${plural(star.partners.size, 'account')} in bursts`,
    };
  }
  return { typology: 'chain', leader: null, shape: 'money passed along between them in bursts' };
}

/**
 * Whether the money of a group passed along in bursts (and hops sent whole) went round: every
 * account was paid by another of the group, or the one that started it was paid by the one that
 * ended it.
 */
function closesLoop(
  graph: AnalysisGraph,
  nodes: readonly number[],
  byPayer: BurstPairs,
  passedOn: Map<number, { to: number; reason: string }>,
): boolean {
  const inGroup = new Set(nodes);
  const paid = new Set<number>();
  const paying = new Set<number>();
  for (const v of nodes) {
    for (const payee of byPayer.get(v)?.keys() ?? []) {
      if (!inGroup.has(payee)) continue;
      paying.add(v);
      paid.add(payee);
    }
    const hop = passedOn.get(v);
    if (hop && inGroup.has(hop.to)) {
      paying.add(v);
      paid.add(hop.to);
    }
  }
  const starts = nodes.filter((v) => !paid.has(v));
  const ends = nodes.filter((v) => !paying.has(v));
  if (starts.length === 0) return true;
  return starts.length === 1 && ends.length === 1 && arcIndex(graph, ends[0]!, starts[0]!) >= 0;
}

/**
 * A group's ring, its shape named by `burstShape`; each member with what it sent and received in
 * bursts within the group (`pairs` by payee, `byPayer` by payer).
 */
function describeBurstGroup(
  graph: AnalysisGraph,
  nodes: readonly number[],
  stars: Star[],
  { pairs, byPayer }: { pairs: BurstPairs; byPayer: BurstPairs },
  passedOn: Map<number, { to: number; reason: string }>,
  onSchedule: ReadonlyMap<number, string>,
): BurstRing {
  const inGroup = new Set(nodes);
  // Accounts that joined by a single payment on a hub's schedule add to its shape, not change it.
  const found = burstShape(graph, nodes.filter((v) => !onSchedule.has(v)).length, stars);
  const { leader } = found;
  let { typology, shape } = found;
  if (typology === 'chain' && closesLoop(graph, nodes, byPayer, passedOn)) {
    typology = 'cycle';
    shape = 'money went round a loop between them, in bursts but for a hop or two';
  }
  let transfers = 0;
  let pairCount = 0;
  const members: MemberClaim[] = nodes.map((v) => {
    const sent: string[] = [];
    const got: string[] = [];
    let own = 0;
    for (const [payee, pair] of byPayer.get(v) ?? []) {
      if (!inGroup.has(payee)) continue;
      own += pair.transfers;
      transfers += pair.transfers;
      pairCount += 1;
      sent.push(`${idOf(graph, payee)} ${plural(pair.transfers, 'time')} (${money(pair.amount)})`);
    }
    for (const [payer, pair] of pairs.get(v) ?? []) {
      if (!inGroup.has(payer)) continue;
      own += pair.transfers;
      got.push(`${idOf(graph, payer)} ${plural(pair.transfers, 'time')} (${money(pair.amount)})`);
    }
    const reasons = [
      ...(got.length > 0 ? [`received in bursts from ${got.join(', ')}`] : []),
      ...(sent.length > 0 ? [`paid in bursts ${sent.join(', ')}`] : []),
      ...(passedOn.has(v) ? [passedOn.get(v)!.reason] : []),
      ...(onSchedule.has(v) ? [onSchedule.get(v)!] : []),
    ];
    const collects = stars.some((star) => star.hub === v && star.typology === 'fan_in');
    const role = v === leader ? 'ringleader' : collects ? 'cash_out' : 'member';
    // One payment on a hub's schedule counts as one transfer.
    const counted = Math.max(own, onSchedule.has(v) ? 1 : 0);
    return { node: v, role, score: Math.min(1, counted / 10), reasons };
  });
  return {
    anchor: leader ?? nodes[0]!,
    typology,
    leader,
    members,
    evidence: {
      score: 1 - Math.exp(-Math.min(transfers, 40) / 12),
      reasons: [
        `${plural(nodes.length, 'account')} joined by payments in bursts: ${shape}; ${count(transfers)} transfers in ${plural(pairCount, 'pair')}, several from one payer within an hour`,
      ],
      muleCount: 0,
      reportCount: 0,
      cycling: 0,
      burst: 0,
    },
  };
}

/** A chance in words: "about once in 3,400", "less than once in a billion". */
function onceIn(chance: number): string {
  return chance < 1e-9
    ? 'less than once in a billion'
    : `about once in ${count(Math.round(1 / chance))}`;
}

/**
 * The chance that as many of a hub's `partners` would burst with it by chance (about: the ways
 * to pick them among all `dealtWith` who dealt with it, times each pair's burst chance).
 */
function hubChance(partners: Map<number, BurstPair>, dealtWith: number): number {
  let chance = 1;
  let picked = 0;
  for (const pair of partners.values()) {
    picked += 1;
    chance *= (pair.chance * (dealtWith - picked + 1)) / picked;
  }
  return Math.min(1, chance);
}

// ---------------------------------------------------------------------------------------------
// The money timeline: transfers by pair and by account, in steps of the data's resolution.

/** What the timeline needs of the typology options (documented in `TYPOLOGY_DEFAULTS`). */
export interface TimelineOptions {
  minStepMs: number;
  windowSteps: number;
  maxPairTransfers: number;
  hubCounterparties: number;
}

/** The transfers seen per account and per pair, with the time step. */
export interface MoneyTimeline {
  graph: AnalysisGraph;
  /** The data's time resolution in ms (see `timeResolution`). */
  resolution: number;
  /** Milliseconds per step: the data's resolution, at least `minStepMs`. */
  step: number;
  /** Milliseconds of a window (`windowSteps` steps). */
  windowMs: number;
  /** Per transfer: the index of its pair (arc) in `graph.money`. */
  pairOf: Int32Array;
  /** Per pair: the time of its first transfer. */
  pairFirst: Float64Array;
  /** Per pair: it deals once (all its transfers, a few, within one window) and not both ways. */
  fresh: Uint8Array;
  /** Per pair: it deals once, whether or not the other way too. */
  brief: Uint8Array;
  /** Per node: a bank account that may take part (not taken, not a hub). */
  usable: Uint8Array;
  /** Per node: pairs dealing once that paid it, and that it paid. */
  freshIn: Int32Array;
  freshOut: Int32Array;
  /** Accounts that paid anyone, and accounts that anyone paid. */
  payingAccounts: number;
  paidAccounts: number;
  /** Per node: its outgoing and incoming transfers in time order (CSR over transfer indices). */
  outOffsets: Int32Array;
  outList: Int32Array;
  inOffsets: Int32Array;
  inList: Int32Array;
  /** See `sameAmountChance`, each way; NaN until first asked for. */
  sameAmountChance: { in: number; out: number };
  /** See `sameMomentChance`, each way; NaN until first asked for. */
  sameMomentChance: { in: number; out: number };
  /** Transfers off their payer's routine, and how often such transfers are (see `routine.ts`). */
  offRoutine: OffRoutine;
  /** Per reporting threshold, the share of transfers just under it (see `structuring.ts`). */
  structuringRates: Float64Array;
  /** All transfer amounts in ascending order (see `likeAmounts.ts`). */
  sortedAmounts: Float64Array;
}

/** The arc `from` -> `to` in the money graph, or -1. */
export function arcIndex(graph: AnalysisGraph, from: number, to: number): number {
  const { offsets, targets } = graph.money;
  let low = offsets[from]!;
  let high = offsets[from + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = targets[middle]!;
    if (found === to) return middle;
    if (found < to) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Builds the timeline of `graph`'s transfers; accounts in `taken` are not usable. */
export function moneyTimeline(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  options: TimelineOptions,
): MoneyTimeline {
  const { from, to, at } = graph.transfers;
  const n = graph.nodeCount;
  const t = from.length;
  const resolution = timeResolution(at);
  const step = Math.max(options.minStepMs, resolution);
  const windowMs = options.windowSteps * step;
  const { offsets, targets } = graph.money;
  const arcs = targets.length;
  const pairOf = new Int32Array(t);
  const pairFirst = new Float64Array(arcs).fill(Infinity);
  const pairLast = new Float64Array(arcs).fill(-Infinity);
  const pairTransfers = new Int32Array(arcs);
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  for (let i = 0; i < t; i += 1) {
    const p = arcIndex(graph, from[i]!, to[i]!);
    pairOf[i] = p;
    if (p < 0) continue;
    pairFirst[p] = Math.min(pairFirst[p]!, at[i]!);
    pairLast[p] = Math.max(pairLast[p]!, at[i]!);
    pairTransfers[p]! += 1;
    outOffsets[from[i]! + 1]! += 1;
    inOffsets[to[i]! + 1]! += 1;
  }
  for (let v = 0; v < n; v += 1) {
    outOffsets[v + 1]! += outOffsets[v]!;
    inOffsets[v + 1]! += inOffsets[v]!;
  }
  const outList = new Int32Array(outOffsets[n]!);
  const inList = new Int32Array(inOffsets[n]!);
  const outFill = outOffsets.slice(0, n);
  const inFill = inOffsets.slice(0, n);
  for (let i = 0; i < t; i += 1) {
    if (pairOf[i]! < 0) continue;
    outList[outFill[from[i]!]!++] = i;
    inList[inFill[to[i]!]!++] = i;
  }
  const payers = feature(graph, 'payers');
  const payees = feature(graph, 'payees');
  const usable = new Uint8Array(n);
  let payingAccounts = 0;
  let paidAccounts = 0;
  for (let v = 0; v < n; v += 1) {
    if (payees[v]! > 0) payingAccounts += 1;
    if (payers[v]! > 0) paidAccounts += 1;
    const hub = payers[v]! + payees[v]! > options.hubCounterparties;
    usable[v] = graph.types[v] === TYPE.BankAccount && !taken.has(v) && !hub ? 1 : 0;
  }
  const fresh = new Uint8Array(arcs);
  const brief = new Uint8Array(arcs);
  const freshIn = new Int32Array(n);
  const freshOut = new Int32Array(n);
  for (let v = 0; v < n; v += 1) {
    for (let p = offsets[v]!; p < offsets[v + 1]!; p += 1) {
      const once =
        pairTransfers[p]! <= options.maxPairTransfers && pairLast[p]! - pairFirst[p]! <= windowMs;
      brief[p] = once ? 1 : 0;
      if (!once || arcIndex(graph, targets[p]!, v) >= 0) continue;
      fresh[p] = 1;
      freshOut[v]! += 1;
      freshIn[targets[p]!]! += 1;
    }
  }
  return {
    graph,
    resolution,
    step,
    windowMs,
    pairOf,
    pairFirst,
    fresh,
    brief,
    usable,
    freshIn,
    freshOut,
    payingAccounts,
    paidAccounts,
    outOffsets,
    outList,
    inOffsets,
    inList,
    sameAmountChance: { in: Number.NaN, out: Number.NaN },
    sameMomentChance: { in: Number.NaN, out: Number.NaN },
    offRoutine: graph.transfers.offRoutine,
    structuringRates: structuringRates(graph.transfers.amount),
    sortedAmounts: sortedAmounts(graph.transfers.amount),
  };
}

/** Whether transfer `i` joins usable accounts whose pair deals once and not both ways. */
export function isFresh(tl: MoneyTimeline, i: number): boolean {
  const p = tl.pairOf[i]!;
  const { from, to } = tl.graph.transfers;
  return p >= 0 && tl.fresh[p] === 1 && tl.usable[from[i]!] === 1 && tl.usable[to[i]!] === 1;
}

/** Whether transfer `i` is fresh (`isFresh`) and the first of its pair: where a new counterparty shows. */
export function isFreshFirst(tl: MoneyTimeline, i: number): boolean {
  return isFresh(tl, i) && tl.pairFirst[tl.pairOf[i]!] === tl.graph.transfers.at[i];
}

/**
 * Whether transfer `i` joins usable accounts whose pair deals once, and deals once the other way
 * if at all: money passed back and forth within a window between accounts new to each other.
 */
export function isBrief(tl: MoneyTimeline, i: number): boolean {
  const p = tl.pairOf[i]!;
  const { from, to } = tl.graph.transfers;
  if (p < 0 || tl.brief[p] !== 1 || tl.usable[from[i]!] !== 1 || tl.usable[to[i]!] !== 1) {
    return false;
  }
  const back = arcIndex(tl.graph, to[i]!, from[i]!);
  return back < 0 || tl.brief[back] === 1;
}

/** Account `v`'s transfers received ('in') or paid ('out'), in time order. */
export function transfersOf(tl: MoneyTimeline, v: number, direction: 'in' | 'out'): Int32Array {
  return direction === 'in'
    ? tl.inList.subarray(tl.inOffsets[v], tl.inOffsets[v + 1])
    : tl.outList.subarray(tl.outOffsets[v], tl.outOffsets[v + 1]);
}

/**
 * The first position in a time-ordered list of transfers (or its part `start`..`end`) at or after
 * `time`; `end` where none is.
 */
export function firstAtOrAfter(
  tl: MoneyTimeline,
  list: ArrayLike<number>,
  time: number,
  start = 0,
  end = list.length,
): number {
  const { at } = tl.graph.transfers;
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (at[list[middle]!]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

// ---------------------------------------------------------------------------------------------
// How surprising a burst is.

/** The share of all transfers made in [from, to): how busy the data was in a window. */
export function traffic(tl: MoneyTimeline, from: number, to: number): number {
  const { at } = tl.graph.transfers;
  // Transfers are in time order: those made before a time are the first ones.
  const made = firstAtLeast(at, to) - firstAtLeast(at, from);
  return Math.max(1, made) / Math.max(1, at.length);
}

/**
 * log10 of the chance that at least `m` events fall in a window of relative length `width` when
 * `seen` events fell in `exposure`: a negative binomial (a Poisson whose rate is only known from
 * what was seen, so its tail is wider).
 */
export function countTail(m: number, seen: number, exposure: number, width: number): number {
  if (m <= 0) return 0;
  const r = seen + 1;
  const p = exposure / (exposure + width);
  const q = 1 - p;
  let logTerm = r * Math.log(p) + m * Math.log(q);
  for (let i = 1; i <= m; i += 1) logTerm += Math.log((i + r - 1) / i);
  let sum = 1;
  let term = 1;
  for (let x = m; x < m + 2000; x += 1) {
    term *= ((x + r) / (x + 1)) * q;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return Math.min(0, (logTerm + Math.log(sum)) / Math.LN10);
}

/**
 * How surprising `k` new counterparties of `v` (paying it: 'in'; paid by it: 'out') are in the
 * window [from, to), given the account's other new counterparties over the whole period and how
 * busy the window was for everyone: -log10 of the chance that, after the first, at least k - 1
 * more come in so short a time.
 */
export function burstSurprise(
  tl: MoneyTimeline,
  v: number,
  direction: 'in' | 'out',
  k: number,
  from: number,
  to: number,
): number {
  const total = direction === 'in' ? tl.freshIn[v]! : tl.freshOut[v]!;
  return surpriseAt(total, k, traffic(tl, from, to));
}

/** `burstSurprise` for a window carrying `share` of all transfers, of `total` counterparties. */
function surpriseAt(total: number, k: number, share: number): number {
  const width = Math.min(0.5, share);
  return -countTail(k - 1, Math.max(0, total - k), 1 - width, width);
}

/** log10 of the windows like [from, to) a scan over the whole period tries. */
export function scanTries(tl: MoneyTimeline, from: number, to: number): number {
  return -Math.log10(Math.min(1, traffic(tl, from, to)));
}

/** Pairs among transfers, round sums left out, and those of them for the same amount. */
export interface AmountPairs {
  pairs: number;
  equal: number;
}

/**
 * Pairs among `transfers` (round sums left out; with `byMoment`, only pairs made in the same step
 * of the data), and how many of them are for the same amount to the cent: a crew paid (or
 * paying) one amount each, or by one instruction at one moment, where people choose their own.
 */
export function amountPairs(
  tl: MoneyTimeline,
  transfers: ArrayLike<number>,
  byMoment: boolean,
): AmountPairs {
  const { amount, at } = tl.graph.transfers;
  const groups = new Map<number, { size: number; counts: Map<number, number> }>();
  let pairs = 0;
  let equal = 0;
  for (let k = 0; k < transfers.length; k += 1) {
    const i = transfers[k]!;
    const value = amount[i]!;
    if (isRoundSum(value)) continue;
    const key = byMoment ? Math.floor(at[i]! / tl.step) : 0;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { size: 0, counts: new Map() }));
    const same = group.counts.get(value) ?? 0;
    pairs += group.size;
    equal += same;
    group.size += 1;
    group.counts.set(value, same + 1);
  }
  return { pairs, equal };
}

/** Pairs among `transfers` for the same amount to the cent, round sums left out. */
export function equalAmountPairs(tl: MoneyTimeline, transfers: readonly number[]): number {
  return amountPairs(tl, transfers, false).equal;
}

/**
 * Equal amounts count from this many pairs (three payments of one amount, or two pairs): one
 * pair of like small sums turns up by chance among the many accounts weighed.
 */
const MIN_EQUAL_PAIRS = 2;

/**
 * -log10 of the chance that `k` payments of one account `direction` hold `pairs` or more pairs of
 * the same amount, where two such payments of this data carry the same amount with the chance
 * `sameAmountChance` gives: a Poisson tail over the k(k-1)/2 pairs. 0 below `MIN_EQUAL_PAIRS`.
 */
export function equalAmountSurprise(
  tl: MoneyTimeline,
  direction: 'in' | 'out',
  k: number,
  pairs: number,
): number {
  if (pairs < MIN_EQUAL_PAIRS) return 0;
  const mean = ((k * (k - 1)) / 2) * sameAmountChance(tl, direction);
  return -Math.log10(Math.max(1e-300, poissonTail(pairs, mean)));
}

/** Payments off their payers' routine count from this many in a burst. */
export const MIN_OFF_ROUTINE = 2;

/**
 * -log10 of the chance that `off` or more of `k` payments are off their payer's routine, where
 * a payment of an account keeping a routine is off it as often as in this data as a whole (see
 * `routine.ts`): where accounts keep no routine, or leave it often, it says little. 0 below
 * `MIN_OFF_ROUTINE`.
 */
export function offRoutineSurprise(tl: MoneyTimeline, k: number, off: number): number {
  if (off < MIN_OFF_ROUTINE) return 0;
  return -binomialTail(off, k, Math.max(1e-6, tl.offRoutine.chance));
}

/**
 * The chance that two payments an account made to different accounts (`out`), or received from
 * different accounts (`in`), are for the same amount to the cent, round sums left out: the share
 * of such pairs over all accounts of the data. Where accounts repeat their amounts (a standing
 * payment, a fixed price), equal amounts say little. Computed once per timeline and direction.
 */
export function sameAmountChance(tl: MoneyTimeline, direction: 'in' | 'out'): number {
  const cached = tl.sameAmountChance[direction];
  if (!Number.isNaN(cached)) return cached;
  const { pairs, equal } = dataAmountPairs(tl, direction, false);
  // At least one chance in a million: data of few amounts must not make every match a wonder.
  const chance = pairs === 0 ? 1 : Math.max(1e-6, equal / pairs);
  tl.sameAmountChance[direction] = chance;
  return chance;
}

/**
 * `amountPairs` over every account's payments one way, one payment per counterparty (the pair's
 * first), summed over the data.
 */
function dataAmountPairs(
  tl: MoneyTimeline,
  direction: 'in' | 'out',
  byMoment: boolean,
): AmountPairs {
  let pairs = 0;
  let equal = 0;
  const firsts: number[] = [];
  for (let v = 0; v < tl.graph.nodeCount; v += 1) {
    firsts.length = 0;
    for (const i of transfersOf(tl, v, direction)) {
      if (tl.pairFirst[tl.pairOf[i]!] === tl.graph.transfers.at[i]) firsts.push(i);
    }
    if (firsts.length < 2) continue;
    const found = amountPairs(tl, firsts, byMoment);
    pairs += found.pairs;
    equal += found.equal;
  }
  return { pairs, equal };
}

/**
 * The chance that two payments an account made to different new accounts (`out`), or received
 * from them (`in`), in the same step are for the same amount to the cent, round sums left out:
 * over all accounts of the data, one more equal pair than seen among one more pair than seen (no
 * equal pair among a few hundred is not proof that there never is one). Where accounts pay one
 * standing amount to everyone, it is near 1 and says nothing. Computed once per timeline and way.
 */
export function sameMomentChance(tl: MoneyTimeline, direction: 'in' | 'out'): number {
  const cached = tl.sameMomentChance[direction];
  if (!Number.isNaN(cached)) return cached;
  const { pairs, equal } = dataAmountPairs(tl, direction, true);
  const chance = Math.min(1, (equal + 1) / (pairs + 1));
  tl.sameMomentChance[direction] = chance;
  return chance;
}

/**
 * -log10 of the chance that `found.pairs` pairs of payments made at the same moment hold
 * `found.equal` or more of one amount, each with `sameMomentChance`: a Poisson tail. 0 where no
 * pair is equal.
 */
export function sameMomentSurprise(
  tl: MoneyTimeline,
  direction: 'in' | 'out',
  found: AmountPairs,
): number {
  if (found.equal < 1) return 0;
  const mean = found.pairs * sameMomentChance(tl, direction);
  return -Math.log10(Math.max(1e-300, poissonTail(found.equal, mean)));
}

// ---------------------------------------------------------------------------------------------
// Bursts of new counterparties.

/** What the burst finder needs of the typology options (documented in `TYPOLOGY_DEFAULTS`). */
export interface FanOptions {
  windowSteps: number;
  minFan: number;
  minConcentration: number;
}

/** Window lengths tried, in steps (at most the window). */
const LADDER = [1, 2, 4, 8, 16, 32, 64];
/** log10 of the window lengths tried: an account's like amounts are looked for in each. */
const LADDER_TRIES = Math.log10(LADDER.length);

/** An account's strongest burst of new counterparties one way. */
export interface FanBurst {
  leader: number;
  direction: 'in' | 'out';
  /** The new counterparties in the burst, in time order. */
  counterparties: number[];
  /** First and last transfer time of the burst. */
  first: number;
  last: number;
  /** New counterparties that way over the whole period. */
  total: number;
  /**
   * -log10 of its chance (see `burstSurprise`), less the windows a scan tries, plus that of its
   * payments of the same amount (see `equalAmountSurprise`), off routine, just under a reporting
   * threshold and of like sums (see `likeAmounts.ts`).
   */
  surprise: number;
  /** Pairs of its first payments for the same amount to the cent (not round sums). */
  sameAmounts: number;
  /** Pairs of its first payments made in the same step, and those for the same amount. */
  sameMoment: AmountPairs;
  /** Its first payments off their payer's routine (see `offRoutineSurprise`) ... */
  offRoutine: number;
  /** ... and such payments with new counterparties that way over the whole period. */
  offRoutineTotal: number;
  /** Its first payments kept just under a reporting threshold (see `structuring.ts`). */
  structured: Structured;
  /** The band its first payments' different sums span (see `likeAmounts.ts`). */
  like: LikeAmounts;
}

/**
 * The strongest burst of new counterparties of `v` one way: counterparties of pairs dealing once,
 * counted at their first transfer, in sliding windows of the ladder's lengths up to the
 * `windowSteps` window; null when `v` has fewer than two. Windows of at least `minCount`
 * counterparties come first (two payments at one moment may be more surprising than the fan they
 * belong to, but are no fan). With a burst found `before`, the strongest more than a window
 * apart from it, weighed against the counterparties outside it.
 */
export function strongestBurst(
  tl: MoneyTimeline,
  v: number,
  direction: 'in' | 'out',
  windowSteps: number,
  before?: FanBurst,
  minCount = 2,
): FanBurst | null {
  const { from, to, at } = tl.graph.transfers;
  const times: number[] = [];
  const others: number[] = [];
  const firsts: number[] = [];
  // Past a burst found before: its window's counterparties are explained, and left out.
  const apart = (time: number) =>
    !before || time < before.first - tl.windowMs || time > before.last + tl.windowMs;
  let explained = 0;
  for (const i of transfersOf(tl, v, direction)) {
    if (!isFreshFirst(tl, i)) continue;
    if (!apart(at[i]!)) {
      explained += 1;
      continue;
    }
    times.push(at[i]!);
    others.push(direction === 'in' ? from[i]! : to[i]!);
    firsts.push(i);
  }
  const total = (direction === 'in' ? tl.freshIn[v]! : tl.freshOut[v]!) - explained;
  if (times.length < 2) return null;
  const offRoutineTotal = firsts.filter((i) => tl.offRoutine.off[i] === 1).length;
  let best: FanBurst | null = null;
  let lastK = 0;
  for (const steps of LADDER) {
    if (steps > windowSteps) break;
    const width = steps * tl.step;
    let low = 0;
    let bestK = 0;
    let bestLow = 0;
    for (let high = 0; high < times.length; high += 1) {
      while (times[high]! - times[low]! >= width) low += 1;
      if (high - low + 1 > bestK) {
        bestK = high - low + 1;
        bestLow = low;
      }
    }
    // A wider window with no more counterparties is no more surprising.
    if (bestK === lastK) continue;
    lastK = bestK;
    const start = times[bestLow]!;
    const share = traffic(tl, start, start + width);
    const inBurst = firsts.slice(bestLow, bestLow + bestK);
    const sameAmounts = equalAmountPairs(tl, inBurst);
    const sameMoment = amountPairs(tl, inBurst, true);
    const offRoutine = inBurst.filter((i) => tl.offRoutine.off[i] === 1).length;
    const structured = structuring(tl.graph.transfers.amount, inBurst, tl.structuringRates);
    const like = likeAmounts(tl.graph.transfers.amount, inBurst, tl.sortedAmounts, LADDER_TRIES);
    const surprise =
      surpriseAt(total, bestK, share) +
      Math.log10(Math.min(1, share)) +
      Math.max(
        equalAmountSurprise(tl, direction, bestK, sameAmounts),
        sameMomentSurprise(tl, direction, sameMoment),
      ) +
      offRoutineSurprise(tl, bestK, offRoutine) +
      structured.surprise +
      like.surprise;
    const enough = bestK >= minCount;
    const bestEnough = best !== null && best.counterparties.length >= minCount;
    if (!best || (enough && !bestEnough) || (enough === bestEnough && surprise > best.surprise)) {
      best = {
        leader: v,
        direction,
        counterparties: others.slice(bestLow, bestLow + bestK),
        first: start,
        last: times[bestLow + bestK - 1]!,
        total,
        surprise,
        sameAmounts,
        sameMoment,
        offRoutine,
        offRoutineTotal,
        structured,
        like,
      };
    }
  }
  return best;
}

/**
 * The share of `burst`'s leader's new counterparties that way, over the whole period, with a
 * first payment in the band of its burst's like amounts that fall in the burst: a burst of like
 * sums stands out from a busy account's stream of others. 0 where its amounts are not alike.
 */
export function likeShare(tl: MoneyTimeline, burst: FanBurst): number {
  const { like } = burst;
  if (like.surprise <= 0) return 0;
  const { amount, at } = tl.graph.transfers;
  let inBand = 0;
  let inBurst = 0;
  for (const i of transfersOf(tl, burst.leader, burst.direction)) {
    if (!isFreshFirst(tl, i)) continue;
    if (amount[i]! < like.lowest || amount[i]! > like.highest) continue;
    inBand += 1;
    if (at[i]! >= burst.first && at[i]! <= burst.last) inBurst += 1;
  }
  return inBand === 0 ? 0 : inBurst / inBand;
}

/**
 * Every usable account's strongest burst each way with at least `minFan - 1` counterparties, and
 * its strongest burst more than a window apart from that one where most of it is off its payers'
 * routine, strongest first; and how many bursts were weighed (accounts with two new
 * counterparties or more that way, and such second bursts).
 */
export function fanBursts(
  tl: MoneyTimeline,
  options: FanOptions,
): { bursts: FanBurst[]; weighed: number } {
  const bursts: FanBurst[] = [];
  const fan = options.minFan - 1;
  let weighed = 0;
  for (let v = 0; v < tl.graph.nodeCount; v += 1) {
    if (tl.usable[v] !== 1) continue;
    for (const direction of ['in', 'out'] as const) {
      const burst = strongestBurst(tl, v, direction, options.windowSteps, undefined, fan);
      if (!burst) continue;
      weighed += 1;
      if (burst.counterparties.length >= fan) bursts.push(burst);
      // A second burst more than a window from the first, mostly off its payers' routine: a hub
      // serving two rings weeks apart. Waves of new counterparties paid at routine amounts are
      // an account's business, and not looked for.
      const second = strongestBurst(tl, v, direction, options.windowSteps, burst, fan);
      const k = second?.counterparties.length ?? 0;
      if (!second || second.offRoutine < options.minConcentration * k) continue;
      weighed += 1;
      if (k >= fan) bursts.push(second);
    }
  }
  bursts.sort((a, b) => b.surprise - a.surprise || a.leader - b.leader);
  return { bursts, weighed };
}

/**
 * A shared partner must be this unlikely to be shared by chance, over all the accounts the
 * burst's counterparties dealt with.
 */
const SHARED_PARTNER_CHANCE = 0.01;

/**
 * Another account that at least half of a burst's counterparties (two at least) also dealt with
 * the same way, as a habit, more of them than chance would give an account that busy, or -1: a
 * savings club's members pay each round's collector the same sum, friends split bill after bill,
 * a firm's staff are paid by it month after month. A popular shop that a few of them also paid
 * is no such partner, nor is an account each of them paid once, each a sum of its own (another
 * ring's collector the same accounts paid), unless the burst itself is of one sum (the members'
 * contributions to this round's collector).
 */
export function sharedPartner(tl: MoneyTimeline, burst: FanBurst): number {
  const { from, to, amount } = tl.graph.transfers;
  // Per account dealt with: how many counterparties dealt with it more than once, and how many
  // paid (or were paid) each sum once.
  const repeated = new Map<number, number>();
  const sums = new Map<number, Map<number, number>>();
  const dealings = new Map<number, { count: number; amount: number }>();
  for (const c of burst.counterparties) {
    dealings.clear();
    for (const i of transfersOf(tl, c, burst.direction === 'in' ? 'out' : 'in')) {
      const other = burst.direction === 'in' ? to[i]! : from[i]!;
      if (other === burst.leader || tl.usable[other] !== 1) continue;
      const known = dealings.get(other);
      if (known) known.count += 1;
      else dealings.set(other, { count: 1, amount: amount[i]! });
    }
    for (const [other, { count, amount: sum }] of dealings) {
      if (count > 1) {
        repeated.set(other, (repeated.get(other) ?? 0) + 1);
        continue;
      }
      const bySum = sums.get(other) ?? new Map<number, number>();
      bySum.set(sum, (bySum.get(sum) ?? 0) + 1);
      sums.set(other, bySum);
    }
  }
  const need = Math.max(2, Math.ceil(burst.counterparties.length / 2));
  const burstSums = new Map<number, number>();
  for (const i of burstTransfers(tl, burst)) {
    burstSums.set(amount[i]!, (burstSums.get(amount[i]!) ?? 0) + 1);
  }
  const oneSum = Math.max(0, ...burstSums.values()) >= need;
  const tally = new Map<number, number>();
  for (const other of new Set([...repeated.keys(), ...sums.keys()])) {
    const once = [...(sums.get(other)?.values() ?? [])];
    const counted = oneSum ? once.reduce((total, k) => total + k, 0) : Math.max(0, ...once);
    tally.set(other, (repeated.get(other) ?? 0) + counted);
  }
  // How busy an account is: the share of all paying (or paid) accounts that deal with it.
  const partners = feature(tl.graph, burst.direction === 'in' ? 'payers' : 'payees');
  const active = burst.direction === 'in' ? tl.payingAccounts : tl.paidAccounts;
  let best = -1;
  for (const [other, k] of tally) {
    if (k < need || (best >= 0 && other > best)) continue;
    const busy = Math.min(1, partners[other]! / Math.max(1, active));
    const chance = 10 ** binomialTail(k, burst.counterparties.length, busy) * tally.size;
    if (chance <= SHARED_PARTNER_CHANCE) best = other;
  }
  return best;
}

/** The transfers between a burst's leader and its counterparties, of pairs dealing once. */
export function burstTransfers(tl: MoneyTimeline, burst: FanBurst): number[] {
  const { from, to } = tl.graph.transfers;
  const others = new Set(burst.counterparties);
  return [...transfersOf(tl, burst.leader, burst.direction)].filter(
    (i) => others.has(burst.direction === 'in' ? from[i]! : to[i]!) && isFresh(tl, i),
  );
}

/**
 * Whether a burst's payments went out as one bulk file: in data timed to the minute or finer,
 * at least four payments spaced evenly (most gaps within a quarter of the median, under a minute)
 * or all at one time, as
 * payroll, refunds and dividends are paid; people paying by hand are not that regular.
 */
export function bulkBatch(tl: MoneyTimeline, transfers: readonly number[]): boolean {
  if (tl.resolution > 60_000 || transfers.length < 4) return false;
  const { at } = tl.graph.transfers;
  const times = transfers.map((i) => at[i]!).sort((x, y) => x - y);
  const gaps = times.slice(1).map((time, k) => time - times[k]!);
  const median = [...gaps].sort((x, y) => x - y)[gaps.length >> 1]!;
  if (median === 0) return true;
  // Evenly spaced: most gaps within a quarter of the median (a payment of another batch may
  // fall between two of them, or one payee be left out).
  const even = gaps.filter((gap) => Math.abs(gap - median) <= 0.25 * median).length;
  return even >= 0.75 * gaps.length && median <= 60_000;
}

/** A burst of new counterparties as risk weighs it: its accounts and how surprising it was. */
export interface BurstPart {
  /** The hub first, then its new counterparties in the burst. */
  accounts: number[];
  /** Its surprise less the bursts weighed, plus half of that (> 0; larger is stronger). */
  score: number;
}

/**
 * Every account's strongest burst of new counterparties each way (`fanBursts`) whose surprise
 * comes within half the chance test of the rings (the bursts weighed), strongest first: a burst
 * too weak to make a ring still says something of its accounts.
 */
export function burstParts(tl: MoneyTimeline, options: FanOptions): BurstPart[] {
  const { bursts, weighed } = fanBursts(tl, options);
  const half = Math.log10(Math.max(1, weighed)) / 2;
  const parts: BurstPart[] = [];
  for (const burst of bursts) {
    const score = burst.surprise - half;
    if (score <= 0) break;
    parts.push({ accounts: [burst.leader, ...burst.counterparties], score });
  }
  return parts;
}
