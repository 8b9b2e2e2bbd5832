/**
 * Fan-in groups: laundering that places money in many small pieces ("smurfing") shows as accounts
 * paid in bursts (several transfers from the same payer within an hour) by several payers. Such
 * bursts between ordinary accounts are rare; a payment processor receives some among thousands
 * of payers, so bursts must also be a noticeable share of an account's payers. Accounts joined by
 * burst payments form a group; a group of at least `MIN_GROUP` accounts is reported as a ring of
 * its own when none of its accounts already belongs to a ring built from mule chains. Pure
 * functions over `AnalysisGraph`.
 */
import type { AnalysisGraph } from './graphBuilder';
import type { MemberClaim, RingEvidence } from './roles';
import { TYPE, count, feature, money, percent, plural } from './signals';

export const FAN_IN_DEFAULTS = {
  /** Two transfers from one payer to one payee this close together make a burst. */
  burstMs: 3_600_000,
  /** A collecting account has at least this many burst payers ... */
  burstPayers: 2,
  /** ... making up at least this share of all its payers. */
  burstShare: 0.05,
  /** A group needs at least this many accounts. */
  minGroup: 4,
} as const;

/** A payer's bursts into one payee: transfers in bursts, their amount, the last one's time. */
export interface BurstPair {
  transfers: number;
  amount: number;
  lastCounted: number;
}

export interface FanInRing {
  anchor: number;
  members: MemberClaim[];
  evidence: RingEvidence;
}

/** Burst pairs: payer and payee with two transfers within `burstMs`, with their transfers. */
export function burstPairs(
  graph: AnalysisGraph,
  burstMs: number = FAN_IN_DEFAULTS.burstMs,
): Map<number, Map<number, BurstPair>> {
  const { from, to, at, amount } = graph.transfers;
  const n = graph.nodeCount;
  const last = new Map<number, { at: number; amount: number }>();
  const pairs = new Map<number, Map<number, BurstPair>>();
  for (let i = 0; i < from.length; i += 1) {
    const key = from[i]! * n + to[i]!;
    const before = last.get(key);
    last.set(key, { at: at[i]!, amount: amount[i]! });
    if (before === undefined || at[i]! - before.at > burstMs) continue;
    let payers = pairs.get(to[i]!);
    if (!payers) pairs.set(to[i]!, (payers = new Map<number, BurstPair>()));
    const pair = payers.get(from[i]!);
    // The transfer before counts too, once.
    const counted = pair?.lastCounted === before.at;
    const entry = pair ?? { transfers: 0, amount: 0, lastCounted: -Infinity };
    entry.transfers += counted ? 1 : 2;
    entry.amount += counted ? amount[i]! : amount[i]! + before.amount;
    entry.lastCounted = at[i]!;
    if (!pair) payers.set(from[i]!, entry);
  }
  return pairs;
}

/** Fan-in rings among accounts not in `taken`. */
export function fanInRings(graph: AnalysisGraph, taken: ReadonlySet<number>): FanInRing[] {
  const payersCount = feature(graph, 'payers');
  const pairs = burstPairs(graph);
  const collectors = new Map<number, Map<number, BurstPair>>();
  for (const [payee, payers] of pairs) {
    if (graph.types[payee] !== TYPE.BankAccount) continue;
    if (payers.size < FAN_IN_DEFAULTS.burstPayers) continue;
    if (payers.size < FAN_IN_DEFAULTS.burstShare * payersCount[payee]!) continue;
    collectors.set(payee, payers);
  }
  // Groups: collectors and their burst payers, joined where they share accounts.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: number, b: number) => {
    const x = find(a);
    const y = find(b);
    if (x !== y) parent.set(Math.max(x, y), Math.min(x, y));
  };
  for (const [payee, payers] of collectors) {
    find(payee);
    for (const payer of payers.keys()) union(payee, payer);
  }
  const groups = new Map<number, number[]>();
  for (const v of parent.keys()) {
    const root = find(v);
    let list = groups.get(root);
    if (!list) groups.set(root, (list = []));
    list.push(v);
  }
  const rings: FanInRing[] = [];
  for (const nodes of groups.values()) {
    if (nodes.length < FAN_IN_DEFAULTS.minGroup || nodes.some((v) => taken.has(v))) continue;
    nodes.sort((a, b) => a - b);
    const members: MemberClaim[] = [];
    let bursts = 0;
    let payerCount = 0;
    const inGroup = new Set(nodes);
    for (const v of nodes) {
      const payers = collectors.get(v);
      if (!payers) continue;
      let transfers = 0;
      let total = 0;
      for (const p of payers.values()) {
        transfers += p.transfers;
        total += p.amount;
      }
      bursts += transfers;
      payerCount += payers.size;
      members.push({
        node: v,
        role: 'cash_out',
        score: Math.min(1, payers.size / 5),
        reasons: [
          `received ${plural(transfers, 'transfer')} (${money(total)}) in bursts from ${plural(payers.size, 'payer')}, several from one payer within an hour (${percent(payers.size / Math.max(1, payersCount[v]!))} of all who paid it)`,
        ],
      });
    }
    for (const v of nodes) {
      if (collectors.has(v) && members.some((m) => m.node === v)) continue;
      const paid: string[] = [];
      let transfers = 0;
      for (const [payee, payers] of collectors) {
        const p = payers.get(v);
        if (!p || !inGroup.has(payee)) continue;
        transfers += p.transfers;
        paid.push(graph.keys[payee]!.slice(graph.keys[payee]!.indexOf(':') + 1));
      }
      members.push({
        node: v,
        role: 'member',
        score: Math.min(1, transfers / 10),
        reasons: [
          `paid ${count(transfers)} transfers in bursts (several within an hour) to ${paid.join(', ')}`,
        ],
      });
    }
    const score = 1 - Math.exp(-Math.min(bursts, 40) / 12);
    rings.push({
      anchor: nodes[0]!,
      members,
      evidence: {
        score,
        reasons: [
          `${plural(members.length, 'account')} joined by payments in bursts: ${count(bursts)} transfers from ${plural(payerCount, 'payer')}, several from one payer within an hour`,
        ],
        muleCount: 0,
        reportCount: 0,
        cycling: 0,
        burst: 0,
      },
    });
  }
  return rings;
}
