/**
 * Roles inside one ring, each claim with its reasons and numbers:
 * - mules: accounts that receive from several payers and pass the money on within minutes, and
 *   the people holding them; platform accounts run from a mule herder's handset;
 * - cash-out: accounts at the end of the mule chains (paid by mules, not forwarding fast);
 * - ringleader: the account receiving the consolidated money from the cash-out accounts (with
 *   the most central position in the ring's money as a tie-break) and the person holding it;
 * - organisers, callers, mule herders (key members): people paid by the ringleader's account;
 *   SIM-cycling handsets and SIM boxes with their SIMs and numbers, numbers calling strangers in
 *   bursts and the platform accounts registered with them (callers); handsets and addresses that
 *   run several mule platform accounts (mule herders).
 * Centrality in the ring (PageRank; betweenness, exact on small rings, sampled on large ones)
 * ranks candidates. Everything else in the community is listed as a plain member, except victims,
 * reports and shared addresses.
 */
import { betweenness, pageRank, sampledBetweenness } from '../centrality';
import { inducedSubgraph } from '../compactGraph';
import type { AnalysisGraph } from './graphBuilder';
import {
  SIGNAL_DEFAULTS,
  TYPE,
  count,
  feature,
  inflowFrom,
  money,
  percent,
  plural,
} from './signals';
import type { RingRole } from './detect';

export interface RingEvidence {
  score: number;
  reasons: string[];
  muleCount: number;
  reportCount: number;
  cycling: number;
  burst: number;
}

export interface MemberClaim {
  node: number;
  role: RingRole;
  score: number;
  reasons: string[];
}

/** Rings larger than this get sampled betweenness. */
export const EXACT_BETWEENNESS_LIMIT = 3000;
const BETWEENNESS_SAMPLES = 256;

const ROLE_ORDER: Record<RingRole, number> = {
  ringleader: 0,
  organiser: 1,
  mule_herder: 2,
  caller: 3,
  cash_out: 4,
  mule: 5,
  member: 6,
};

/** The id of node `v` without its type. */
function idOf(graph: AnalysisGraph, v: number): string {
  const key = graph.keys[v]!;
  return key.slice(key.indexOf(':') + 1);
}

/** Neighbours of `v` in the undirected network. */
function* neighbours(graph: AnalysisGraph, v: number): Generator<number> {
  const { offsets, targets } = graph.graph;
  for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) yield targets[at]!;
}

/** Assigns a role, with its score and reasons, to each member of the ring's community. */
export function assignRoles(
  graph: AnalysisGraph,
  nodes: readonly number[],
  mules: Float64Array,
  seed: number,
): MemberClaim[] {
  const inRing = new Set(nodes);
  const claims = new Map<number, MemberClaim>();
  const claim = (node: number, role: RingRole, score: number, reasons: string[]) => {
    const old = claims.get(node);
    if (
      old &&
      (ROLE_ORDER[old.role] < ROLE_ORDER[role] || (old.role === role && old.score >= score))
    ) {
      return;
    }
    claims.set(node, { node, role, score, reasons });
  };
  const f = (name: string) => feature(graph, name);
  const payers = f('payers');
  const fastShare = f('fastShare');
  const amountIn = f('amountIn');
  const minutes = f('forwardMinutes');
  const sims = f('sims');
  const deviceCalls = f('deviceCalls');
  const strangers = f('strangers');
  const callsOut = f('callsOut');
  const callsIn = f('callsIn');
  const platformAccounts = f('platformAccounts');
  const reports = f('reports');
  const victim = f('victim');

  // Centrality inside the ring.
  const local = inducedSubgraph(graph.graph, Int32Array.from(nodes).sort());
  const rank = pageRank(local.graph).scores;
  const between =
    local.graph.nodeCount <= EXACT_BETWEENNESS_LIMIT
      ? betweenness(local.graph, { normalized: true })
      : sampledBetweenness(local.graph, BETWEENNESS_SAMPLES, { normalized: true, seed });
  const centrality = (v: number) => {
    const at = local.toLocal[v]!;
    return { pageRank: rank[at]! * local.graph.nodeCount, betweenness: between[at]! };
  };
  const holders = (account: number) =>
    [...neighbours(graph, account)].filter((u) => graph.types[u] === TYPE.Person && inRing.has(u));

  // Mules.
  const ringMules = nodes.filter((v) => mules[v]! > 0);
  for (const v of ringMules) {
    const reasons = [
      `received from ${plural(payers[v]!, 'different payer')} and forwarded ${percent(fastShare[v]!)} within ${Math.max(1, Math.round(minutes[v]!))} minutes (median)`,
    ];
    if (reports[v]! > 0) reasons.push(`named in ${plural(reports[v]!, 'victim report')}`);
    claim(v, 'mule', mules[v]!, reasons);
    for (const person of holders(v)) {
      claim(person, 'mule', mules[v]! * 0.9, [`holds mule account ${idOf(graph, v)}`]);
    }
  }

  // Cash-out: paid mostly by mules, not forwarding fast.
  const fromMules = inflowFrom(graph, mules);
  const cashOut = new Float64Array(graph.nodeCount);
  for (const v of nodes) {
    if (graph.types[v] !== TYPE.BankAccount || mules[v]! > 0 || amountIn[v] === 0) continue;
    const share = fromMules[v]! / amountIn[v]!;
    if (share < 0.5 || fromMules[v]! === 0) continue;
    let muleSenders = 0;
    const { offsets, targets } = graph.money;
    for (const u of nodes) {
      if (mules[u]! === 0) continue;
      for (let at = offsets[u]!; at < offsets[u + 1]!; at += 1)
        if (targets[at] === v) muleSenders += 1;
    }
    cashOut[v] = share;
    claim(v, 'cash_out', share, [
      `received ${money(fromMules[v]!)} from ${plural(muleSenders, 'mule account')} (${percent(share)} of all it received)`,
    ]);
    for (const person of holders(v)) {
      claim(person, 'cash_out', share * 0.9, [`holds cash-out account ${idOf(graph, v)}`]);
    }
  }

  // Ringleader: consolidation of the cash-out accounts' money.
  const fromCashOut = inflowFrom(graph, cashOut);
  let leaderAccount = -1;
  let best = 0;
  for (const v of nodes) {
    if (graph.types[v] !== TYPE.BankAccount || cashOut[v]! > 0 || mules[v]! > 0) continue;
    const value = fromCashOut[v]! * (1 + centrality(v).betweenness);
    if (value > best) {
      best = value;
      leaderAccount = v;
    }
  }
  if (leaderAccount >= 0) {
    const paid: number[] = [];
    const { offsets, targets } = graph.money;
    for (let at = offsets[leaderAccount]!; at < offsets[leaderAccount + 1]!; at += 1) {
      const u = targets[at]!;
      if (inRing.has(u) && cashOut[u] === 0 && mules[u] === 0) paid.push(u);
    }
    const c = centrality(leaderAccount);
    const reasons = [
      `received ${money(fromCashOut[leaderAccount]!)} consolidated from cash-out accounts at the end of the mule chains`,
      `paid ${plural(paid.length, 'account')} of the ring's members`,
      `betweenness in the ring ${c.betweenness.toFixed(3)}, PageRank ${c.pageRank.toFixed(2)} times the ring's average`,
    ];
    claim(leaderAccount, 'ringleader', 1, reasons);
    for (const person of holders(leaderAccount)) {
      const calls = [...neighbours(graph, person)].length;
      claim(person, 'ringleader', 1, [
        `holds account ${idOf(graph, leaderAccount)}, which received the consolidated money (${money(fromCashOut[leaderAccount]!)})`,
        `linked to ${plural(calls, 'identifier')} in the graph`,
      ]);
    }
    // Key members: paid from the consolidated money.
    for (const account of paid) {
      let amount = 0;
      for (let at = offsets[leaderAccount]!; at < offsets[leaderAccount + 1]!; at += 1) {
        if (targets[at] === account) amount = graph.money.weights[at]!;
      }
      const reasons = [
        `paid ${money(amount)} by the ringleader's account ${idOf(graph, leaderAccount)}`,
      ];
      claim(account, 'organiser', 0.7, reasons);
      for (const person of holders(account)) claim(person, 'organiser', 0.7, reasons);
    }
  }

  // Callers: SIM-cycling handsets and SIM boxes, their SIMs and numbers, burst callers.
  for (const v of nodes) {
    const type = graph.types[v];
    if (type === TYPE.Device && sims[v]! >= SIGNAL_DEFAULTS.cyclingSims) {
      claim(v, 'caller', Math.min(1, sims[v]! / 20), [
        `carried ${plural(sims[v]!, 'SIM')} and made ${plural(deviceCalls[v]!, 'call')}`,
      ]);
      for (const sim of neighbours(graph, v)) {
        if (graph.types[sim] !== TYPE.SIM || !inRing.has(sim)) continue;
        claim(sim, 'caller', 0.6, [`seen in SIM-cycling handset ${idOf(graph, v)}`]);
        for (const number of neighbours(graph, sim)) {
          if (graph.types[number] === TYPE.PhoneNumber && inRing.has(number)) {
            claim(number, 'caller', 0.6, [
              `carried by a SIM of SIM-cycling handset ${idOf(graph, v)}; made ${plural(callsOut[number]!, 'call')}, received ${count(callsIn[number]!)}`,
            ]);
          }
        }
      }
    }
    if (type === TYPE.PhoneNumber && strangers[v]! >= SIGNAL_DEFAULTS.strangerCalls) {
      claim(v, 'caller', Math.min(1, strangers[v]! / 200), [
        `called ${count(strangers[v]!)} strangers who never called back (${count(callsOut[v]!)} calls made, ${count(callsIn[v]!)} received)`,
      ]);
    }
  }
  for (const v of nodes) {
    if (graph.types[v] !== TYPE.PlatformAccount) continue;
    for (const u of neighbours(graph, v)) {
      if (claims.get(u)?.role === 'caller' && graph.types[u] === TYPE.PhoneNumber) {
        claim(v, 'caller', 0.5, [`registered with caller number ${idOf(graph, u)}`]);
      }
    }
  }

  // Mule herders: handsets that run several platform accounts; those accounts are the mules'.
  for (const v of nodes) {
    if (graph.types[v] !== TYPE.Device || platformAccounts[v]! < SIGNAL_DEFAULTS.controlledAccounts)
      continue;
    if (claims.get(v)?.role === 'caller') continue;
    claim(v, 'mule_herder', Math.min(1, platformAccounts[v]! / 10), [
      `registered or logged in to ${plural(platformAccounts[v]!, 'platform account')} of other people`,
    ]);
    for (const account of neighbours(graph, v)) {
      if (graph.types[account] === TYPE.PlatformAccount && inRing.has(account)) {
        claim(account, 'mule', 0.4, [
          `run from handset ${idOf(graph, v)}, which runs ${count(platformAccounts[v]!)} platform accounts`,
        ]);
      }
    }
  }

  // Everything else in the community, except victims, reports and addresses.
  for (const v of nodes) {
    if (claims.has(v)) continue;
    const type = graph.types[v];
    if (type === TYPE.Case || type === TYPE.IPAddress || victim[v]! > 0) continue;
    const c = centrality(v);
    claim(v, 'member', Math.min(0.3, c.pageRank / 10), [
      `in the ring's community; PageRank ${c.pageRank.toFixed(2)} times the ring's average`,
    ]);
  }
  return [...claims.values()].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.score - a.score || a.node - b.node,
  );
}
