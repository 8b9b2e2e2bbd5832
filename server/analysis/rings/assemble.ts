/**
 * Ring cores from the money: mule accounts pass victims' money on to cash-out accounts, and each
 * cash-out account sweeps to one account, the ring's consolidation account. Every mule and cash-out
 * account is attributed to the consolidation accounts its outgoing money reaches (its share of the
 * money, followed through the mule layers), so a mule shared by two rings belongs to both and
 * joins neither ring to the other. Victims' reports then join the ring whose accounts they name,
 * and bring along the numbers and platform accounts they name. Pure functions over
 * `AnalysisGraph`.
 */
import { DisjointSets } from '../disjointSets';
import type { AnalysisGraph } from './graphBuilder';
import { SIGNAL_DEFAULTS, TYPE, feature, inflowFrom, neighboursOfType } from './signals';

/** Handsets carrying more SIMs than this are not followed (shops, test benches). */
export const KIT_SIM_LIMIT = 200;

/** The handsets (`KIT_SIM_LIMIT` SIMs at most) that carried a SIM of `number`. */
export function kitsCarrying(graph: AnalysisGraph, number: number): number[] {
  const sims = feature(graph, 'sims');
  return neighboursOfType(graph, number, TYPE.SIM).flatMap((sim) =>
    neighboursOfType(graph, sim, TYPE.Device).filter((device) => sims[device]! <= KIT_SIM_LIMIT),
  );
}

/** A mule that carried at least this share of its traced money for other rings is shared. */
export const SHARED_MONEY_SHARE = 0.2;

/** Money held longer than this is a balance, not victims' money in transit. */
const TRANSIT_MS = 86_400_000;

/** Rounds of attribution along the mule layers (layers + cash-out + consolidation, with room). */
const ATTRIBUTION_ROUNDS = 12;

export interface RingCore {
  /** The consolidation account (or, where none is found, a cash-out account). */
  anchor: number;
  /** Whether the anchor received from cash-out accounts. */
  consolidated: boolean;
  /** Mule accounts of the ring with the share of their money that reaches the anchor. */
  mules: Map<number, number>;
  /** Cash-out accounts with the share of their money that reaches the anchor. */
  cashOut: Map<number, number>;
  /** Mules of the ring that pass money on to other rings as well. */
  shared: Set<number>;
  /** Reports naming the ring's accounts (or numbers and platform accounts it already holds). */
  cases: number[];
}

export interface MoneyRoles {
  /** Share of each account's inflow coming from mules (0 for mules themselves). */
  cashOutShare: Float64Array;
  /** Amount each account received from cash-out accounts. */
  fromCashOut: Float64Array;
}

/** Cash-out accounts: not mules, and at least half of what they received came from mules. */
export function moneyRoles(graph: AnalysisGraph, mules: Float64Array): MoneyRoles {
  const amountIn = feature(graph, 'amountIn');
  const fromMules = inflowFrom(graph, mules);
  const cashOutShare = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (graph.types[v] !== TYPE.BankAccount || mules[v]! > 0 || !(amountIn[v]! > 0)) continue;
    const share = fromMules[v]! / amountIn[v]!;
    if (share >= 0.5) cashOutShare[v] = Math.min(1, share);
  }
  return { cashOutShare, fromCashOut: inflowFrom(graph, cashOutShare) };
}

/** The ring cores of the graph, largest first (by mule count, then anchor). */
export function ringCores(
  graph: AnalysisGraph,
  mules: Float64Array,
  roles: MoneyRoles,
): RingCore[] {
  const { offsets, targets, weights } = graph.money;
  const { cashOutShare } = roles;
  const inMoney = (v: number) => mules[v]! > 0 || cashOutShare[v]! > 0;
  const payers = feature(graph, 'payers');
  const payees = feature(graph, 'payees');
  const isHub = (v: number) => payers[v]! + payees[v]! > SIGNAL_DEFAULTS.hubCounterparties;

  // Anchors: the main recipient of each cash-out account that is neither a mule nor cash-out,
  // nor a hub (a shop or a payment processor is paid by everyone, cash-out accounts too).
  const anchorOf = new Map<number, number>();
  const moneyNodes: number[] = [];
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (!inMoney(v)) continue;
    moneyNodes.push(v);
    if (cashOutShare[v]! === 0) continue;
    let best = -1;
    let bestAmount = 0;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (inMoney(u) || isHub(u) || weights[at]! <= bestAmount) continue;
      best = u;
      bestAmount = weights[at]!;
    }
    anchorOf.set(v, best >= 0 ? best : v);
  }
  const anchors = [...new Set(anchorOf.values())].sort((a, b) => a - b);
  const isAnchor = new Set(anchors);

  // Attribution: each account's outgoing money, followed down to the anchors.
  const payersOf = new Map<number, { from: number; amount: number }[]>();
  for (const v of moneyNodes) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (!inMoney(u) && !isAnchor.has(u)) continue;
      let list = payersOf.get(u);
      if (!list) payersOf.set(u, (list = []));
      list.push({ from: v, amount: weights[at]! });
    }
  }
  const fallback = attribute(graph, moneyNodes, anchors, payersOf);
  const traced = traceVictimMoney(graph, mules, cashOutShare, anchorOf);

  const cores = new Map<number, RingCore>();
  const fromCashOut = roles.fromCashOut;
  for (const a of anchors) {
    cores.set(a, {
      anchor: a,
      consolidated: cashOutShare[a]! === 0 && fromCashOut[a]! > 0,
      mules: new Map(),
      cashOut: new Map(),
      shared: new Set(),
      cases: [],
    });
  }
  for (const v of moneyNodes) {
    // A mule joins the ring its victims' money reached, followed transfer by transfer; a mule
    // that carried money of several rings joins the one it carried most for and is shared.
    // Accounts the victims' money cannot be followed through keep the ring of their payees.
    const rings = mules[v]! > 0 ? traced.get(v) : undefined;
    let a: number;
    let top = 1;
    let shared = fallback.mixing.has(v);
    if (rings && rings.size > 0) {
      a = topOf(rings);
      let total = 0;
      for (const amount of rings.values()) total += amount;
      top = rings.get(a)! / total;
      shared = top < 1 - SHARED_MONEY_SHARE;
    } else {
      a = topOf(fallback.share.get(v));
    }
    if (a < 0) continue;
    const core = cores.get(a)!;
    if (shared) core.shared.add(v);
    if (mules[v]! > 0) core.mules.set(v, top);
    else if (v !== a || !core.consolidated) core.cashOut.set(v, 1);
  }
  return [...cores.values()].sort((x, y) => y.mules.size - x.mules.size || x.anchor - y.anchor);
}

/**
 * Reports join the ring whose accounts they name (most named accounts wins; a shared mule counts
 * little). Reports naming numbers carried in the same handset or the same platform accounts were
 * made by victims of the same callers, so they vote together, and a caller handset that talked to
 * a ring's victims (`kitVictims`: per handset, its ring in `cores` and how many of its victims it
 * reached) votes for that ring once per victim: a mule two rings use may pass most of its money to
 * the other ring, while the victims its callers worked are this ring's.
 */
export function attachCases(
  graph: AnalysisGraph,
  cores: RingCore[],
  kitVictims: ReadonlyMap<number, { core: RingCore; victims: number }> = new Map(),
): void {
  const ringOfAccount = new Map<number, number>();
  cores.forEach((core, r) => {
    for (const v of [...core.mules.keys(), ...core.cashOut.keys(), core.anchor]) {
      ringOfAccount.set(v, r);
    }
  });
  const { offsets, targets } = graph.graph;
  // Cases grouped by the caller handsets and platform accounts they name.
  const sets = new DisjointSets();
  const votes = new Map<number, Map<number, number>>();
  const cases: number[] = [];
  for (let k = 0; k < graph.nodeCount; k += 1) {
    if (graph.types[k] !== TYPE.Case) continue;
    cases.push(k);
    sets.find(k);
    const mine = new Map<number, number>();
    for (let at = offsets[k]!; at < offsets[k + 1]!; at += 1) {
      const v = targets[at]!;
      const r = ringOfAccount.get(v);
      if (r !== undefined) {
        // A shared mule is named by victims of every ring it works for: it counts little.
        mine.set(r, (mine.get(r) ?? 0) + (cores[r]!.shared.has(v) ? 0.1 : 1));
      }
      if (graph.types[v] === TYPE.PlatformAccount) sets.union(k, v);
      if (graph.types[v] !== TYPE.PhoneNumber) continue;
      for (const device of kitsCarrying(graph, v)) sets.union(k, device);
    }
    votes.set(k, mine);
  }
  const groupVotes = new Map<number, Map<number, number>>();
  const vote = (root: number, r: number, w: number) => {
    const total = groupVotes.get(root) ?? new Map<number, number>();
    total.set(r, (total.get(r) ?? 0) + w);
    groupVotes.set(root, total);
  };
  for (const k of cases) {
    const root = sets.find(k);
    if (!groupVotes.has(root)) groupVotes.set(root, new Map());
    for (const [r, w] of votes.get(k)!) vote(root, r, w);
  }
  for (const [kit, { core, victims }] of kitVictims) {
    const root = sets.find(kit);
    if (groupVotes.has(root)) vote(root, cores.indexOf(core), victims);
  }
  for (const k of cases) {
    const own = votes.get(k)!;
    const pooled = groupVotes.get(sets.find(k))!;
    const best = topOf(pooled.size > 0 ? pooled : own);
    if (best >= 0) cores[best]!.cases.push(k);
  }
}

/** The key with the largest value (the smallest key on ties), or -1. */
function topOf(reached: Map<number, number> | undefined): number {
  let top = 0;
  let best = -1;
  for (const [anchor, s] of reached ?? []) {
    if (s > top || (s === top && anchor < best)) {
      top = s;
      best = anchor;
    }
  }
  return best;
}

/**
 * The ring of each money account. An account whose money reaches one consolidation account only
 * belongs to that ring. An account whose payees belong to different rings is a shared mule
 * (`mixing`): it joins the ring it pays most, and money paid into it says nothing about which
 * ring its payer works for, so a payer's other payees decide, or, where it pays only shared
 * mules, the accounts paying it. Amounts do not decide between rings: a small ring's money through
 * a shared mule counts as much as a large ring's.
 */
function attribute(
  graph: AnalysisGraph,
  moneyNodes: readonly number[],
  anchors: readonly number[],
  payersOf: Map<number, { from: number; amount: number }[]>,
): { share: Map<number, Map<number, number>>; mixing: Set<number> } {
  const { offsets, targets, weights } = graph.money;
  const isAnchor = new Set(anchors);
  // Which anchors each account's money can reach.
  let reach = new Map<number, Set<number>>();
  for (const a of anchors) reach.set(a, new Set([a]));
  for (let round = 0; round < ATTRIBUTION_ROUNDS; round += 1) {
    const next = new Map<number, Set<number>>();
    for (const a of anchors) next.set(a, new Set([a]));
    for (const v of moneyNodes) {
      if (isAnchor.has(v)) continue;
      const set = new Set<number>();
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        for (const a of reach.get(targets[at]!) ?? []) set.add(a);
      }
      if (set.size > 0) next.set(v, set);
    }
    reach = next;
  }
  const ring = new Map<number, number>();
  const mixing = new Set<number>();
  for (const [v, set] of reach) if (set.size === 1) ring.set(v, [...set][0]!);
  // Accounts decide once all their payees have; where none can, they decide on what is known.
  let relaxed = false;
  for (let round = 0; round < 4 * moneyNodes.length; round += 1) {
    let changed = false;
    for (const v of moneyNodes) {
      if (ring.has(v)) continue;
      const amounts = new Map<number, number>();
      const viaShared = new Map<number, number>();
      let waiting = false;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
        const u = targets[at]!;
        const r = ring.get(u);
        if (r === undefined) {
          if (reach.has(u)) waiting = true;
          continue;
        }
        const into = mixing.has(u) ? viaShared : amounts;
        into.set(r, (into.get(r) ?? 0) + weights[at]!);
      }
      if (waiting && !relaxed) continue;
      let decided = -1;
      if (amounts.size > 0) {
        if (amounts.size > 1) mixing.add(v);
        decided = topOf(amounts);
      } else if (viaShared.size === 1) {
        // Paying only shared mules that all work for one ring.
        decided = topOf(viaShared);
      } else {
        // Paying only shared mules: the one ring all its money can reach, if there is one.
        decided = commonReach(graph, v, reach);
      }
      if (decided < 0) continue;
      ring.set(v, decided);
      changed = true;
      relaxed = false;
    }
    if (!changed) {
      if (relaxed) break;
      relaxed = true;
    }
  }
  // Accounts paying only shared mules join the ring of the accounts paying them.
  for (let round = 0; round < ATTRIBUTION_ROUNDS; round += 1) {
    let changed = false;
    for (const v of moneyNodes) {
      if (ring.has(v)) continue;
      const amounts = new Map<number, number>();
      for (const { from, amount } of payersOf.get(v) ?? []) {
        const r = ring.get(from);
        if (r === undefined || mixing.has(from)) continue;
        amounts.set(r, (amounts.get(r) ?? 0) + amount);
      }
      if (amounts.size === 0) continue;
      ring.set(v, topOf(amounts));
      changed = true;
    }
    if (!changed) break;
  }
  // Whatever is left joins the ring it pays most.
  for (const v of moneyNodes) {
    if (ring.has(v)) continue;
    const amounts = new Map<number, number>();
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const r = ring.get(targets[at]!);
      if (r !== undefined) amounts.set(r, (amounts.get(r) ?? 0) + weights[at]!);
    }
    if (amounts.size > 0) ring.set(v, topOf(amounts));
  }
  const share = new Map<number, Map<number, number>>();
  for (const [v, r] of ring) share.set(v, new Map([[r, 1]]));
  return { share, mixing };
}

/** The one anchor every payee of `v` can pass money to, or -1 when there is none or several. */
function commonReach(graph: AnalysisGraph, v: number, reach: Map<number, Set<number>>): number {
  const { offsets, targets } = graph.money;
  let common: number[] | null = null;
  for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
    const reached = reach.get(targets[at]!);
    if (!reached) continue;
    common = common === null ? [...reached] : common.filter((a) => reached.has(a));
  }
  return common !== null && common.length === 1 ? common[0]! : -1;
}

/**
 * Victims' money followed through the mule accounts transfer by transfer, in time order. Money
 * paid into a mule from outside the mule network is labelled with its payer (the victim's
 * account); each mule passes on what it received last (last in, first out, held under a day),
 * labels and all, until the money reaches cash-out accounts. A victim's money belongs to the ring
 * of the consolidation account its cash-out accounts sweep to; each mule gets, per ring, the
 * amount of money it carried for that ring. So a mule shared by two rings carries each ring's
 * money apart, and a first-layer mule belongs to the ring that its victims' money went on to.
 */
export function traceVictimMoney(
  graph: AnalysisGraph,
  mules: Float64Array,
  cashOutShare: Float64Array,
  anchorOf: Map<number, number>,
): Map<number, Map<number, number>> {
  const { from, to, at, amount } = graph.transfers;
  interface Held {
    time: number;
    left: number;
    /** Share of the amount per victim label. */
    labels: Map<number, number>;
  }
  const held = new Map<number, Held[]>();
  const carried = new Map<number, Map<number, number>>();
  const reached = new Map<number, Map<number, number>>();
  const add = (table: Map<number, Map<number, number>>, key: number, label: number, x: number) => {
    let row = table.get(key);
    if (!row) table.set(key, (row = new Map<number, number>()));
    row.set(label, (row.get(label) ?? 0) + x);
  };
  for (let i = 0; i < from.length; i += 1) {
    const a = from[i]!;
    const b = to[i]!;
    const intoMule = mules[b]! > 0;
    const intoCashOut = cashOutShare[b]! > 0;
    if (!intoMule && !(intoCashOut && mules[a]! > 0)) continue;
    const time = at[i]!;
    const x = amount[i]!;
    let labels: Map<number, number>;
    if (mules[a]! > 0) {
      // What the mule received last leaves first.
      labels = new Map();
      const stack = held.get(a) ?? [];
      let need = x;
      for (let k = stack.length - 1; k >= 0 && need > 0; k -= 1) {
        const item = stack[k]!;
        if (time - item.time > TRANSIT_MS) break;
        if (item.left <= 0) continue;
        const take = Math.min(need, item.left);
        item.left -= take;
        need -= take;
        for (const [label, share] of item.labels) {
          labels.set(label, (labels.get(label) ?? 0) + (share * take) / x);
        }
      }
      while (stack.length > 0 && (stack[stack.length - 1]!.left <= 0 || stack.length > 256)) {
        if (stack[stack.length - 1]!.left <= 0) stack.pop();
        else stack.shift();
      }
    } else if (intoMule && cashOutShare[a]! === 0) {
      labels = new Map([[a, 1]]);
    } else {
      continue;
    }
    if (labels.size === 0) continue;
    if (intoCashOut) {
      for (const [label, share] of labels) add(reached, label, b, share * x);
      continue;
    }
    for (const [label, share] of labels) add(carried, b, label, share * x);
    let stack = held.get(b);
    if (!stack) held.set(b, (stack = []));
    stack.push({ time, left: x, labels });
  }
  // The ring (consolidation account) each victim's money reached, as shares.
  const ringShares = new Map<number, Map<number, number>>();
  for (const [label, cashOuts] of reached) {
    const rings = new Map<number, number>();
    let total = 0;
    for (const [c, x] of cashOuts) {
      const a = anchorOf.get(c);
      if (a === undefined) continue;
      rings.set(a, (rings.get(a) ?? 0) + x);
      total += x;
    }
    if (total <= 0) continue;
    for (const [a, x] of rings) rings.set(a, x / total);
    ringShares.set(label, rings);
  }
  // Each mule's traced money per ring; cash-out accounts count for their own ring.
  const perRing = new Map<number, Map<number, number>>();
  for (const [v, labels] of carried) {
    const rings = new Map<number, number>();
    for (const [label, x] of labels) {
      for (const [a, s] of ringShares.get(label) ?? []) rings.set(a, (rings.get(a) ?? 0) + x * s);
    }
    if (rings.size > 0) perRing.set(v, rings);
  }
  return perRing;
}
