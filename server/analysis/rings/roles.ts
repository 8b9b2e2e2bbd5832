/**
 * The members of one ring and their roles, each claim with its reasons and numbers, built out
 * from the ring's core (its mule and cash-out accounts, its consolidation account and the reports
 * naming them). Only identities with evidence of their own are listed:
 * - mules: accounts that receive from several payers and pass the money on within minutes, and
 *   the people holding them; platform accounts opened from a mule herder's handset;
 * - cash-out: accounts at the end of the mule chains (paid by mules, not forwarding fast), and
 *   their holders;
 * - ringleader: the account receiving the consolidated money from the cash-out accounts and the
 *   person holding it, with that person's other accounts;
 * - callers: numbers and platform accounts named in the ring's reports, the handsets carrying
 *   those numbers (SIM boxes and burner phones) with all their SIMs and numbers, and platform
 *   accounts registered with those numbers or from those handsets;
 * - mule herders: handsets from which several of the ring's mule platform accounts (opened from
 *   the ring's address) were opened or used, with the herder's own SIMs, numbers and accounts;
 * - organisers: people paid from the ringleader's account who are neither of the above.
 * - members: the ring's coordination circle (`circle.ts`), the people in touch with the herders
 *   and with each other, with their numbers' SIMs, handsets and platform accounts.
 * Centrality in the ring (PageRank; betweenness, exact on small rings, sampled on large ones) is
 * given as context for the ringleader.
 */
import { betweenness, pageRank, sampledBetweenness } from '../centrality';
import { inducedSubgraph } from '../compactGraph';
import type { AnalysisGraph } from './graphBuilder';
import { KIT_SIM_LIMIT, kitsCarrying, type MoneyRoles, type RingCore } from './assemble';
import { ringCircle } from './circle';
import type { VictimContacts } from './victimCallers';
import {
  SIGNAL_DEFAULTS,
  TYPE,
  count,
  feature,
  idOf,
  money,
  neighboursOfType,
  percent,
  plural,
} from './signals';
import type { MemberClaim, RingRole } from './candidate';

/** Rings larger than this get sampled betweenness. */
export const EXACT_BETWEENNESS_LIMIT = 3000;
const BETWEENNESS_SAMPLES = 256;
/** A circle member's handset carries at most this many SIMs (a phone, not a SIM box). */
const CIRCLE_HANDSET_SIMS = 3;

/** The roles of the ring's own people, whose numbers are the ring's too. */
const CORE_ROLES: ReadonlySet<RingRole> = new Set([
  'ringleader',
  'organiser',
  'mule_herder',
  'caller',
]);

const ROLE_ORDER: Record<RingRole, number> = {
  ringleader: 0,
  organiser: 1,
  mule_herder: 2,
  caller: 3,
  cash_out: 4,
  mule: 5,
  member: 6,
};

/** Amount `from` paid `to`. */
function paid(graph: AnalysisGraph, from: number, to: number): number {
  const { offsets, targets, weights } = graph.money;
  for (let at = offsets[from]!; at < offsets[from + 1]!; at += 1)
    if (targets[at] === to) return weights[at]!;
  return 0;
}

/**
 * Assigns the members of the ring grown from `core`, with their roles, scores and reasons.
 * `fromVictims`: the callers the ring's victims point to, each given to one ring
 * (`victimContactsOfRings`). `rivals`: the numbers of other rings' mule herders, whose circles are
 * theirs (null: leave the coordination circle out).
 */
export function assignRoles(
  graph: AnalysisGraph,
  core: RingCore,
  mules: Float64Array,
  roles: MoneyRoles,
  fromVictims: VictimContacts,
  seed: number,
  rivals: readonly number[] | null = [],
): MemberClaim[] {
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
  const reports = f('reports');
  const victim = f('victim');
  const { fromCashOut } = roles;
  const holders = (account: number) =>
    neighboursOfType(graph, account, TYPE.Person).filter((p) => !(victim[p]! > 0));

  // Mules and the people holding them.
  for (const [v, share] of core.mules) {
    const reasons = [
      `received from ${plural(payers[v]!, 'different payer')} and forwarded ${percent(fastShare[v]!)} within ${Math.max(1, Math.round(minutes[v]!))} minutes (median)`,
    ];
    if (share < 1 - 1e-9) {
      reasons.push(`${percent(share)} of the money it passed on reached this ring's cash-out`);
    }
    if (reports[v]! > 0) reasons.push(`named in ${plural(reports[v]!, 'victim report')}`);
    claim(v, 'mule', mules[v]!, reasons);
    for (const person of holders(v)) {
      claim(person, 'mule', mules[v]! * 0.9, [`holds mule account ${idOf(graph, v)}`]);
    }
  }

  // Cash-out: paid mostly by mules, not forwarding fast.
  for (const v of core.cashOut.keys()) {
    const share = roles.cashOutShare[v]!;
    let muleSenders = 0;
    let fromMules = 0;
    for (const u of core.mules.keys()) {
      const amount = paid(graph, u, v);
      if (amount > 0) {
        muleSenders += 1;
        fromMules += amount;
      }
    }
    claim(v, 'cash_out', share, [
      `received ${money(fromMules)} from ${plural(muleSenders, 'mule account')} (${percent(share)} of all it received)`,
    ]);
    for (const person of holders(v)) {
      claim(person, 'cash_out', share * 0.9, [`holds cash-out account ${idOf(graph, v)}`]);
    }
  }

  // Ringleader: the consolidation account and its holder, with the holder's other accounts.
  const leaderAccount = core.consolidated ? core.anchor : -1;
  const leaders: number[] = [];
  const memberAccounts: number[] = [];
  if (leaderAccount >= 0) {
    const { offsets, targets } = graph.money;
    for (let at = offsets[leaderAccount]!; at < offsets[leaderAccount + 1]!; at += 1) {
      const u = targets[at]!;
      if (!core.cashOut.has(u) && !core.mules.has(u) && mules[u]! === 0) memberAccounts.push(u);
    }
    claim(leaderAccount, 'ringleader', 1, [
      `received ${money(fromCashOut[leaderAccount]!)} consolidated from ${plural(core.cashOut.size, 'cash-out account')} at the end of the mule chains`,
      `paid ${plural(memberAccounts.length, 'account')} of the ring's members`,
    ]);
    for (const person of holders(leaderAccount)) {
      leaders.push(person);
      claim(person, 'ringleader', 1, [
        `holds account ${idOf(graph, leaderAccount)}, which received the consolidated money (${money(fromCashOut[leaderAccount]!)})`,
      ]);
      for (const other of neighboursOfType(graph, person, TYPE.BankAccount)) {
        if (other === leaderAccount || mules[other]! > 0) continue;
        claim(other, 'ringleader', 0.8, [`held by the ringleader ${idOf(graph, person)}`]);
      }
    }
  }

  // Callers: what the ring's reports name, the handsets carrying named numbers, their SIMs.
  const namedBy = new Map<number, number>();
  for (const k of core.cases) {
    for (const type of [TYPE.PhoneNumber, TYPE.PlatformAccount]) {
      for (const v of neighboursOfType(graph, k, type)) namedBy.set(v, (namedBy.get(v) ?? 0) + 1);
    }
  }
  // Handsets of callers, each with why it is one.
  const kits = new Map<number, string[]>();
  const callerNumbers = new Set<number>();
  const addKit = (device: number, why: string) => {
    const reasons = kits.get(device) ?? [];
    if (!reasons.includes(why)) reasons.push(why);
    kits.set(device, reasons);
  };
  const kitsOf = (number: number, why: string) => {
    for (const device of kitsCarrying(graph, number)) addKit(device, why);
  };
  for (const [v, cases] of namedBy) {
    if (graph.types[v] === TYPE.PlatformAccount) {
      claim(v, 'caller', 0.7, [`named in ${plural(cases, 'victim report')} of this ring`]);
      continue;
    }
    callerNumbers.add(v);
    claim(v, 'caller', Math.min(1, 0.6 + strangers[v]! / 500), [
      `named in ${plural(cases, 'victim report')} of this ring; made ${plural(callsOut[v]!, 'call')}, received ${count(callsIn[v]!)}`,
    ]);
    kitsOf(v, `carried numbers named in this ring's reports`);
  }
  // Callers no report names: lines and handsets that talked to several of the ring's victims.
  for (const caller of fromVictims.lines) {
    const why = `talked to ${caller.victims} of the ${caller.of} people whose money this ring's mules received, none of whom called back, and to ${count(caller.talkedTo)} numbers in all of the ${count(caller.callees)} it called (chance gives ${caller.chance.toPrecision(1)} such lines among those that called one of them)`;
    if (graph.types[caller.node] === TYPE.Device) {
      addKit(caller.node, why);
      continue;
    }
    callerNumbers.add(caller.node);
    claim(caller.node, 'caller', Math.min(1, 0.5 + caller.victims / 20), [why]);
    kitsOf(caller.node, `carried number ${idOf(graph, caller.node)}, which ${why}`);
  }
  for (const handle of fromVictims.chats) {
    const why = `exchanged messages with ${handle.victims} of the ${handle.of} people whose money this ring's mules received, and with ${plural(handle.talkedTo, 'account')} in all (chance gives ${handle.chance.toPrecision(1)} such accounts among those that wrote to one of them)`;
    claim(handle.node, 'caller', Math.min(1, 0.5 + handle.victims / 20), [why]);
    const via = `chat account ${idOf(graph, handle.node)}, which ${why}`;
    for (const number of neighboursOfType(graph, handle.node, TYPE.PhoneNumber)) {
      callerNumbers.add(number);
      claim(number, 'caller', 0.6, [`registered ${via}`]);
      kitsOf(number, `carried number ${idOf(graph, number)}, which registered ${via}`);
    }
    for (const device of neighboursOfType(graph, handle.node, TYPE.Device)) {
      if (sims[device]! <= KIT_SIM_LIMIT) addKit(device, `opened or used ${via}`);
    }
  }
  for (const [device, why] of kits) {
    claim(device, 'caller', Math.min(1, sims[device]! / 20), [
      `carried ${plural(sims[device]!, 'SIM')} and made ${plural(deviceCalls[device]!, 'call')}`,
      ...why,
    ]);
    for (const sim of neighboursOfType(graph, device, TYPE.SIM)) {
      claim(sim, 'caller', 0.6, [`seen in caller handset ${idOf(graph, device)}`]);
      for (const number of neighboursOfType(graph, sim, TYPE.PhoneNumber)) {
        callerNumbers.add(number);
        claim(number, 'caller', 0.6, [
          `carried by a SIM of caller handset ${idOf(graph, device)}; made ${plural(callsOut[number]!, 'call')}, received ${count(callsIn[number]!)}`,
        ]);
      }
    }
    for (const account of neighboursOfType(graph, device, TYPE.PlatformAccount)) {
      claim(account, 'caller', 0.5, [`opened or used from caller handset ${idOf(graph, device)}`]);
    }
  }
  for (const number of callerNumbers) {
    for (const account of neighboursOfType(graph, number, TYPE.PlatformAccount)) {
      claim(account, 'caller', 0.5, [`registered with caller number ${idOf(graph, number)}`]);
    }
  }

  // Mule herders: the ring's address (where its scam accounts are run from: two or more of its
  // caller accounts were registered from or used it) opened the mules' platform accounts; the
  // handsets that opened or used several of them are the herders'.
  const callerAccounts = [...claims.values()]
    .filter((c) => c.role === 'caller' && graph.types[c.node] === TYPE.PlatformAccount)
    .map((c) => c.node);
  const callerUse = new Map<number, number>();
  for (const account of callerAccounts) {
    for (const ip of neighboursOfType(graph, account, TYPE.IPAddress)) {
      callerUse.set(ip, (callerUse.get(ip) ?? 0) + 1);
    }
  }
  const addresses = [...callerUse].filter(([, used]) => used >= 2).map(([ip]) => ip);
  const muleAccounts = new Set<number>();
  for (const ip of addresses) {
    for (const account of neighboursOfType(graph, ip, TYPE.PlatformAccount)) {
      if (!claims.has(account)) muleAccounts.add(account);
    }
  }
  const handsetUse = new Map<number, number>();
  for (const account of muleAccounts) {
    for (const device of neighboursOfType(graph, account, TYPE.Device)) {
      if (!kits.has(device)) handsetUse.set(device, (handsetUse.get(device) ?? 0) + 1);
    }
  }
  for (const [device, used] of handsetUse) {
    if (used < 2) continue;
    claim(device, 'mule_herder', Math.min(1, used / 6), [
      `opened or used ${plural(used, 'platform account')} of other people from the ring's address`,
    ]);
    const own = new Set<number>();
    for (const sim of neighboursOfType(graph, device, TYPE.SIM)) {
      claim(sim, 'mule_herder', 0.6, [`seen in mule herder's handset ${idOf(graph, device)}`]);
      for (const number of neighboursOfType(graph, sim, TYPE.PhoneNumber)) {
        own.add(number);
        claim(number, 'mule_herder', 0.6, [
          `carried in mule herder's handset ${idOf(graph, device)}`,
        ]);
      }
    }
    for (const account of neighboursOfType(graph, device, TYPE.PlatformAccount)) {
      const mine = neighboursOfType(graph, account, TYPE.PhoneNumber).some((n) => own.has(n));
      if (mine) {
        claim(account, 'mule_herder', 0.6, [
          `the herder's own account, registered with their number`,
        ]);
      } else {
        claim(account, 'mule', 0.4, [
          `opened or used from mule herder's handset ${idOf(graph, device)} for another person`,
        ]);
      }
    }
    for (const number of own) {
      for (const account of neighboursOfType(graph, number, TYPE.PlatformAccount)) {
        claim(account, 'mule_herder', 0.6, [
          `the herder's own account, registered with their number ${idOf(graph, number)}`,
        ]);
      }
    }
  }
  for (const account of muleAccounts) {
    if (claims.has(account)) continue;
    claim(account, 'mule', 0.3, [`opened or used from the ring's address with its scam accounts`]);
  }

  // Key members: people paid from the consolidated money, with their accounts.
  for (const account of memberAccounts) {
    const reasons = [
      `paid ${money(paid(graph, leaderAccount, account))} by the ringleader's account ${idOf(graph, leaderAccount)}`,
    ];
    claim(account, 'organiser', 0.7, reasons);
    for (const person of holders(account)) {
      if (leaders.includes(person)) continue;
      claim(person, 'organiser', 0.7, reasons);
      for (const other of neighboursOfType(graph, person, TYPE.BankAccount)) {
        if (other !== account && mules[other]! === 0) {
          claim(other, 'organiser', 0.5, [`held by ring member ${idOf(graph, person)}`]);
        }
      }
    }
  }

  // The coordination circle around the herders: the people they work with, and the SIMs,
  // handsets and platform accounts of those people's numbers.
  const herderNumbers = [...claims.values()]
    .filter((c) => c.role === 'mule_herder' && graph.types[c.node] === TYPE.PhoneNumber)
    .map((c) => c.node);
  const circle =
    herderNumbers.length > 0 && rivals !== null
      ? ringCircle(graph, herderNumbers, rivals)
      : new Map<number, number>();
  for (const [person, touching] of circle) {
    const what = graph.types[person] === TYPE.PhoneNumber ? 'number' : 'platform account';
    claim(person, 'member', Math.min(1, touching / 10), [
      `in touch (calls, messages) with ${touching} others of the circle that coordinates the ring, grown from its mule herders' numbers (${herderNumbers.map((v) => idOf(graph, v)).join(', ')})`,
    ]);
    if (graph.types[person] !== TYPE.PhoneNumber) continue;
    const own = `of circle ${what} ${idOf(graph, person)}`;
    for (const account of neighboursOfType(graph, person, TYPE.PlatformAccount)) {
      claim(account, 'member', 0.4, [`registered with the number ${own.slice(3)}`]);
    }
    for (const sim of neighboursOfType(graph, person, TYPE.SIM)) {
      claim(sim, 'member', 0.4, [`carries the number ${own.slice(3)}`]);
      for (const device of neighboursOfType(graph, sim, TYPE.Device)) {
        if (sims[device]! > CIRCLE_HANDSET_SIMS) continue;
        claim(device, 'member', 0.4, [`the handset carrying the number ${own.slice(3)}`]);
      }
    }
  }

  // The core's own numbers (the mobile a bank registered to each of its people): the number of a
  // ringleader, organiser, herder or caller that no one outside the ring uses takes that person's
  // role, as the handsets and SIMs of callers do, with the SIM carrying it, the phone holding
  // that SIM (a phone: a few SIMs at most) and the platform accounts registered with the number.
  // Mules and cash-out holders are recruited account holders: their phones are their own, not the
  // ring's.
  const ownPhone = (number: number, member: MemberClaim) => {
    const whose = `${idOf(graph, member.node)} (${member.role.replace('_', ' ')})`;
    const score = member.score * 0.8;
    for (const sim of neighboursOfType(graph, number, TYPE.SIM)) {
      claim(sim, member.role, score, [`carries the number of ${whose}`]);
      for (const device of neighboursOfType(graph, sim, TYPE.Device)) {
        if (sims[device]! > CIRCLE_HANDSET_SIMS) continue;
        claim(device, member.role, score, [`the phone carrying the number of ${whose}`]);
      }
    }
    for (const account of neighboursOfType(graph, number, TYPE.PlatformAccount)) {
      claim(account, member.role, score, [`registered with the number of ${whose}`]);
    }
  };
  for (const member of [...claims.values()]) {
    if (graph.types[member.node] !== TYPE.Person || !CORE_ROLES.has(member.role)) continue;
    for (const number of neighboursOfType(graph, member.node, TYPE.PhoneNumber)) {
      const users = neighboursOfType(graph, number, TYPE.Person);
      if (users.some((user) => user !== member.node && !claims.has(user))) continue;
      claim(number, member.role, member.score * 0.9, [
        `the number registered to ${idOf(graph, member.node)} (${member.role.replace('_', ' ')})`,
      ]);
      ownPhone(number, member);
    }
  }

  // Context for the ringleader: centrality in the ring's network.
  if (leaderAccount >= 0 && claims.size > 1) {
    const nodes = Int32Array.from(claims.keys()).sort();
    const local = inducedSubgraph(graph.graph, nodes);
    const rank = pageRank(local.graph).scores;
    const between =
      local.graph.nodeCount <= EXACT_BETWEENNESS_LIMIT
        ? betweenness(local.graph, { normalized: true })
        : sampledBetweenness(local.graph, BETWEENNESS_SAMPLES, { normalized: true, seed });
    const at = local.toLocal[leaderAccount]!;
    claims
      .get(leaderAccount)!
      .reasons.push(
        `betweenness in the ring ${between[at]!.toFixed(3)}, PageRank ${(rank[at]! * local.graph.nodeCount).toFixed(2)} times the ring's average`,
      );
  }
  void amountIn;
  void SIGNAL_DEFAULTS;
  return [...claims.values()].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.score - a.score || a.node - b.node,
  );
}
