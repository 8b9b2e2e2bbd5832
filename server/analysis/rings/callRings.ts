/**
 * Calling rings from call records alone: the numbers that work the same victims. A scam caller
 * calls many people who never call back (strangers), mostly briefly; the callers of one ring work
 * from one list of victims, so they call the same strangers — far more of them than chance would
 * give two busy numbers — and often carry their SIMs in the same handsets. Callers joined by
 * shared victims or a shared handset form a ring; the numbers that call several of its callers
 * again and again without calling any victim coordinate them. Numbers named in victims' reports
 * join as callers and strengthen the case. Every claim carries its counts. Pure functions over
 * `AnalysisGraph`.
 */
import { CompactGraphBuilder, edgeWeight } from '../compactGraph';
import { DisjointSets, groupsSharingKeys } from '../disjointSets';
import { PairIndex } from '../pairIndex';
import { leiden } from '../leiden';
import type { AnalysisGraph } from './graphBuilder';
import type { MemberClaim, NearMiss, RingCandidate } from './candidate';
import { KIT_SIM_LIMIT } from './assemble';
import { poissonTail } from './tails';
import {
  SIGNAL_DEFAULTS,
  TYPE,
  count,
  feature,
  idOf,
  neighboursOfType,
  percent,
  plural,
} from './signals';

/** Thresholds of the calling-ring rules. */
export const CALL_RING_DEFAULTS = {
  /** A caller called at least this many strangers (or is named in a report) ... */
  minStrangers: 10,
  /**
   * ... who make up at least this share of everyone it was in touch with (a person also calls
   * shops and acquaintances once; a scam number hardly calls anyone else, and hardly anyone
   * calls it) ...
   */
  minStrangerShare: 0.65,
  /**
   * ... or the numbers that ever called it make up at most this share of everyone it was in touch
   * with (a caller working hooked victims calls them again and again, so they stop counting as
   * strangers, but they hardly ever call it; a person is called by a good part of those it calls).
   */
  maxCalledBackShare: 0.15,
  /** Two callers are joined when they called at least this many of the same strangers ... */
  minSharedVictims: 2,
  /** ... at least this many times as many as chance would give two numbers that busy. */
  minLift: 10,
  /** A stranger called by more callers than this says nothing about who works together. */
  maxCallersPerVictim: 40,
  /**
   * A calling ring has at least this many callers (a ring of just this many also shares a
   * handset, a coordinator or a victim report: three lone fraudsters may work one bought list) ...
   */
  minCallers: 3,
  /** ... who called at least this many shared victims in all ... */
  minSharedTotal: 6,
  /**
   * ... making up at least this share of all the strangers they called: a ring works one list of
   * victims, while busy legitimate numbers (couriers, call centres) meet by chance. A caller named
   * in a victim report halves both.
   */
  minSharedShare: 0.15,
  /** A coordinator is in repeated touch with at least this many of the ring's callers. */
  coordinatorCallers: 2,
  /** Calls between a coordinator and one caller, at least. */
  coordinatorCalls: 3,
  /** Numbers in touch with more numbers than this (switchboards) do not coordinate. */
  busyLimit: 200,
  /** Weight of a shared handset between two callers, against 1 per shared victim. */
  handsetWeight: 5,
  /**
   * A caller tied to its ring by victims alone stays in it only when it called `minLift` times
   * as many of the others' victims as chance would give a number calling as many strangers, or
   * chance gives that many less often than this: a courier or call centre meets a big ring's
   * victims now and then, its own callers work them.
   */
  maxSharedChance: 0.001,
} as const;

export type CallRingOptions = Partial<typeof CALL_RING_DEFAULTS>;
type CallRingRules = typeof CALL_RING_DEFAULTS;

/**
 * Calling rings among numbers not in `taken`, and the groups that came close. Each ring's members:
 * its callers (with their SIMs and handsets) and its coordinators.
 */
export function callRings(
  graph: AnalysisGraph,
  taken: ReadonlySet<number>,
  options: CallRingOptions = {},
): { rings: RingCandidate[]; nearMisses: NearMiss[] } {
  const o = { ...CALL_RING_DEFAULTS, ...options };
  const strangers = feature(graph, 'strangers');
  const callees = feature(graph, 'callees');
  const callers = feature(graph, 'callers');
  const shortStrangers = feature(graph, 'shortStrangers');
  const reports = feature(graph, 'reports');
  const sims = feature(graph, 'sims');
  const { offsets, targets, weights } = graph.calls;
  const n = graph.nodeCount;

  // Callers and the strangers each called.
  const isCaller = new Uint8Array(n);
  let numbers = 0;
  for (let v = 0; v < n; v += 1) {
    if (graph.types[v] !== TYPE.PhoneNumber) continue;
    numbers += 1;
    if (taken.has(v)) continue;
    const contacts = callees[v]! + callers[v]!;
    // Mostly strangers, or hardly ever called back: a caller working hooked victims calls them
    // again and again, so they stop counting as strangers, but they still do not call it.
    const mostlyStrangers =
      strangers[v]! >= o.minStrangerShare * contacts ||
      callers[v]! <= o.maxCalledBackShare * contacts;
    if (reports[v]! > 0 && strangers[v]! > 0) isCaller[v] = 1;
    else if (strangers[v]! >= o.minStrangers && mostlyStrangers) isCaller[v] = 1;
  }
  const callersOf = new Map<number, number[]>();
  for (let v = 0; v < n; v += 1) {
    if (!isCaller[v]) continue;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (weights[at]! > 2 || edgeWeight(graph.calls, u, v) > 0) continue;
      let list = callersOf.get(u);
      if (!list) callersOf.set(u, (list = []));
      list.push(v);
    }
  }
  // Shared victims per pair of callers.
  const callerPairs = new PairIndex(n);
  const sharedCounts: number[] = [];
  for (const [u, list] of callersOf) {
    if (list.length < 2 || callers[u]! > o.maxCallersPerVictim) continue;
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const pair = callerPairs.add(list[i]!, list[j]!);
        sharedCounts[pair] = (sharedCounts[pair] ?? 0) + 1;
      }
    }
  }
  const sharedBetween = (a: number, b: number): number => {
    const pair = callerPairs.find(a, b);
    return pair < 0 ? 0 : sharedCounts[pair]!;
  };
  // The callers' network: joined by victims shared beyond chance and by shared handsets; its
  // communities are the rings (two rings that once called the same few people stay apart).
  const local = new Map<number, number>();
  const callerList: number[] = [];
  const localOf = (v: number) => {
    let i = local.get(v);
    if (i === undefined) {
      local.set(v, (i = callerList.length));
      callerList.push(v);
    }
    return i;
  };
  const links = new CompactGraphBuilder(1 << 10);
  const sharedOf = new Map<number, number>();
  for (let pair = 0; pair < callerPairs.size; pair += 1) {
    const a = callerPairs.low[pair]!;
    const b = callerPairs.high[pair]!;
    const value = sharedCounts[pair]!;
    const expected = (strangers[a]! * strangers[b]!) / Math.max(1, numbers);
    if (value < o.minSharedVictims || value < o.minLift * expected) continue;
    links.addEdge(localOf(a), localOf(b), value);
    sharedOf.set(a, (sharedOf.get(a) ?? 0) + value);
    sharedOf.set(b, (sharedOf.get(b) ?? 0) + value);
  }
  // Callers whose SIMs sat in the same handset (not a shop's test bench) work together.
  const handsetsOf = new Map<number, number[]>();
  const simsOf = new Map<number, number[]>();
  const byHandset = new Map<number, number[]>();
  for (let v = 0; v < n; v += 1) {
    if (!isCaller[v]) continue;
    const own = neighboursOfType(graph, v, TYPE.SIM);
    simsOf.set(v, own);
    const handsets = new Set<number>();
    for (const s of own) {
      for (const d of neighboursOfType(graph, s, TYPE.Device)) {
        if (sims[d]! <= KIT_SIM_LIMIT) handsets.add(d);
      }
    }
    handsetsOf.set(v, [...handsets]);
    for (const d of handsets) {
      let list = byHandset.get(d);
      if (!list) byHandset.set(d, (list = []));
      list.push(v);
    }
  }
  for (const list of byHandset.values()) {
    for (const v of list.slice(1)) links.addEdge(localOf(list[0]!), localOf(v), o.handsetWeight);
  }
  // Callers that keep calling each other, both ways, work together as much as those sharing a
  // handset.
  const tiesOf = new Map<number, number[]>();
  const tie = (a: number, b: number) => {
    const list = tiesOf.get(a);
    if (list) list.push(b);
    else tiesOf.set(a, [b]);
  };
  for (let v = 0; v < n; v += 1) {
    if (!isCaller[v]) continue;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (u <= v || !isCaller[u] || !talksOften(graph, v, u, o)) continue;
      links.addEdge(localOf(v), localOf(u), o.handsetWeight);
      tie(v, u);
      tie(u, v);
    }
  }
  const groups = new Map<number, number[]>();
  if (callerList.length > 0) {
    const { communities } = leiden(links.build(callerList.length), { seed: 1 });
    callerList.forEach((v, i) => {
      let list = groups.get(communities[i]!);
      if (!list) groups.set(communities[i]!, (list = []));
      list.push(v);
    });
  }
  const rings: RingCandidate[] = [];
  const nearMisses: NearMiss[] = [];
  const teams = [...groups.values()].flatMap((group) =>
    splitByCoordinators(graph, group, callersOf, sharedBetween, o),
  );
  const assess = (group: number[]): { ring: RingCandidate } | { nearMiss: NearMiss } => {
    group.sort((a, b) => a - b);
    const inGroup = new Set(group);
    // Victims the group's callers share.
    const victims = new Set<number>();
    let reached = 0;
    for (const [u, list] of callersOf) {
      let k = 0;
      for (const c of list) if (inGroup.has(c)) k += 1;
      if (k >= 1) reached += 1;
      if (k >= 2) victims.add(u);
    }
    const sharedShare = victims.size / Math.max(1, reached);
    const reported = group.filter((v) => reports[v]! > 0).length;
    const handsets = new Set(group.flatMap((v) => handsetsOf.get(v) ?? []));
    const cycling = [...handsets].filter((d) => sims[d]! >= SIGNAL_DEFAULTS.cyclingSims).length;
    let strangerCalls = 0;
    let shortCalls = 0;
    for (const v of group) {
      strangerCalls += strangers[v]!;
      shortCalls += shortStrangers[v]!;
    }
    const needShared = reported > 0 ? Math.ceil(o.minSharedTotal / 2) : o.minSharedTotal;
    const crew = crewOf(group, tiesOf);
    const reasons = [
      `${plural(group.length, 'number')} called ${plural(victims.size, 'person', 'people')} in common who never called back (${percent(sharedShare)} of the strangers they called) (${count(strangerCalls)} strangers called in all${shortCalls > 0 ? `, ${percent(shortCalls / Math.max(1, strangerCalls))} of them for a minute or less` : ''})`,
    ];
    if (reported > 0)
      reasons.push(
        `${plural(reported, 'of its numbers', 'of its numbers')} named in victim reports`,
      );
    if (handsets.size > 0) {
      reasons.push(
        `its numbers' SIMs were carried by ${plural(handsets.size, 'handset')}${cycling > 0 ? `, ${count(cycling)} cycling SIMs` : ''}`,
      );
    }
    if (crew.length >= o.minCallers) {
      reasons.push(
        `${plural(crew.length, 'of its numbers', 'of its numbers')} keep calling each other, both ways, each with at least two of the others: scam lines working as one crew`,
      );
    }
    const points =
      1.5 * Math.min(crew.length, 4) +
      1.5 * Math.min(group.length, 6) +
      2 * Math.min(reported, 4) +
      Math.min(victims.size / 4, 4) +
      1.5 * Math.min(cycling, 2);
    const score = 1 - Math.exp(-points / 8);
    const missed: string[] = [];
    if (group.length < o.minCallers) {
      missed.push(
        `${plural(group.length, 'caller')} worked the same victims; a calling ring needs ${o.minCallers} (minCallers)`,
      );
    }
    // A crew calling each other needs no victims in common: its own calls tie it.
    const isCrew = crew.length >= o.minCallers;
    if (victims.size < needShared && !isCrew) {
      missed.push(
        `${plural(victims.size, 'victim')} shared; a calling ring needs ${needShared} (minSharedTotal${reported > 0 ? ', halved for a reported caller' : ''})`,
      );
    }
    const needShare = reported > 0 ? o.minSharedShare / 2 : o.minSharedShare;
    if (sharedShare < needShare && !isCrew) {
      missed.push(
        `${percent(sharedShare)} of the strangers they called were called by another of them; a calling ring needs ${percent(needShare)} (minSharedShare${reported > 0 ? ', halved for a reported caller' : ''})`,
      );
    }
    // The smallest ring with nothing but victims in common may be lone fraudsters working one
    // bought list: it needs a tie of another kind.
    const coordinators = coordinatorsOf(graph, group, victims, o);
    const sharesHandset = [...handsets].some(
      (d) => group.filter((v) => handsetsOf.get(v)?.includes(d)).length >= 2,
    );
    if (
      group.length <= o.minCallers &&
      reported === 0 &&
      coordinators.length === 0 &&
      !sharesHandset &&
      !isCrew
    ) {
      missed.push(
        `its ${plural(group.length, 'number')} share nothing but victims (no handset, no number coordinating them, no victim report), as lone fraudsters working one bought list would; a ring of ${o.minCallers} needs one of those ties (minCallers)`,
      );
    }
    if (missed.length > 0) {
      return {
        nearMiss: {
          typology: 'calling_ring',
          nodes: group.slice(0, 40),
          size: group.length,
          score,
          reasons,
          missed,
        },
      };
    }
    const members: MemberClaim[] = [];
    for (const v of group) {
      const why = [
        `called ${plural(strangers[v]!, 'stranger')}${shortStrangers[v]! > 0 ? ` (${count(shortStrangers[v]!)} for a minute or less)` : ''}, ${plural(sharedOf.get(v) ?? 0, 'of them', 'of them')} also called by other numbers of this ring`,
      ];
      if (reports[v]! > 0) why.push(`named in ${plural(reports[v]!, 'victim report')}`);
      members.push({
        node: v,
        role: 'caller',
        score: Math.min(1, 0.5 + (sharedOf.get(v) ?? 0) / 20 + (reports[v]! > 0 ? 0.3 : 0)),
        reasons: why,
      });
      for (const s of simsOf.get(v) ?? []) {
        members.push({
          node: s,
          role: 'caller',
          score: 0.5,
          reasons: [`carries the caller number ${idOf(graph, v)}`],
        });
      }
    }
    for (const d of handsets) {
      const carried = group.filter((v) => handsetsOf.get(v)?.includes(d)).length;
      members.push({
        node: d,
        role: 'caller',
        score: Math.min(1, 0.4 + sims[d]! / 20),
        reasons: [
          `carried the SIMs of ${plural(carried, 'caller number')} (${plural(sims[d]!, 'SIM')} in all)`,
        ],
      });
    }
    for (const { node, callers, calls } of coordinators) {
      members.push({
        node,
        role: 'organiser',
        score: Math.min(1, 0.4 + callers / 6),
        reasons: [
          `in touch with ${plural(callers, 'caller')} of this ring again and again (${plural(calls, 'call')}) and with none of its victims`,
        ],
      });
    }
    if (coordinators.length > 0) {
      reasons.push(
        `${plural(coordinators.length, 'number')} ${coordinators.length === 1 ? 'coordinates' : 'coordinate'} its callers`,
      );
    }
    const unique = new Map<number, MemberClaim>();
    for (const m of members) if (!unique.has(m.node)) unique.set(m.node, m);
    return {
      ring: {
        anchor: group[0]!,
        members: [...unique.values()],
        typology: 'calling_ring',
        evidence: {
          score,
          reasons,
          muleCount: 0,
          reportCount: reported,
          cycling,
          burst: group.length,
        },
      },
    };
  };
  // A caller sharing a handset with another of the group, or calling one of them often.
  const tiedByMoreThanVictims = (v: number, group: readonly number[]) =>
    (handsetsOf.get(v) ?? []).some((d) =>
      group.some((c) => c !== v && handsetsOf.get(c)?.includes(d)),
    ) || (tiesOf.get(v) ?? []).some((u) => group.includes(u));
  for (const merged of mergedByCoordinator(graph, teams, callersOf, o)) {
    const group = withoutChanceCallers(merged, callersOf, numbers, tiedByMoreThanVictims, o);
    if (group.length === 0) continue;
    let result = assess(group);
    // A group that fell short may hold a ring: the callers answering to its coordinators.
    const core = 'nearMiss' in result ? coordinatedCore(graph, group, callersOf, o) : group;
    if (core.length >= o.minCallers && core.length < group.length) {
      const coreResult = assess(core);
      if ('ring' in coreResult) result = coreResult;
    }
    if ('ring' in result) rings.push(result.ring);
    else nearMisses.push(result.nearMiss);
  }
  nearMisses.sort((a, b) => b.score - a.score);
  return { rings, nearMisses: nearMisses.slice(0, 20) };
}

/**
 * `group` without the callers whose only tie to it is victims shared by chance, peeled one round
 * at a time until every caller left shares a handset with another, calls one of them often (both
 * ways), or called more of the others' strangers than chance allows (`minLift` times as many, or
 * `maxSharedChance`) for a number calling as many strangers when the others reach as many of all
 * numbers. A busy honest line (a courier, a call centre) meets a big ring's victims now and then;
 * the ring's own callers work them.
 */
function withoutChanceCallers(
  group: readonly number[],
  callersOf: Map<number, number[]>,
  numbers: number,
  tiedByMoreThanVictims: (v: number, group: readonly number[]) => boolean,
  o: CallRingRules,
): number[] {
  let kept = [...group];
  const strangersOf = new Map<number, number[]>();
  const inGroup = new Set(kept);
  for (const [u, list] of callersOf) {
    if (list.length > o.maxCallersPerVictim) continue;
    for (const c of list) {
      if (!inGroup.has(c)) continue;
      let own = strangersOf.get(c);
      if (!own) strangersOf.set(c, (own = []));
      own.push(u);
    }
  }
  for (let round = 0; round < 10; round += 1) {
    // How many of the group's callers called each stranger.
    const reachedBy = new Map<number, number>();
    for (const c of kept) {
      for (const u of strangersOf.get(c) ?? []) reachedBy.set(u, (reachedBy.get(u) ?? 0) + 1);
    }
    const next = kept.filter((v) => {
      if (tiedByMoreThanVictims(v, kept)) return true;
      const own = strangersOf.get(v) ?? [];
      let shared = 0;
      for (const u of own) if (reachedBy.get(u)! >= 2) shared += 1;
      const othersReach = reachedBy.size - (own.length - shared);
      const expected = (own.length * othersReach) / Math.max(1, numbers);
      if (shared < o.minSharedVictims) return false;
      return shared >= o.minLift * expected || poissonTail(shared, expected) <= o.maxSharedChance;
    });
    if (next.length === kept.length) break;
    kept = next;
  }
  return kept;
}

/**
 * Numbers in repeated touch (calls both ways, or several calls) with at least
 * `coordinatorCallers` of the group's callers, that are neither callers nor victims of the group,
 * and not switchboards.
 */
function coordinatorsOf(
  graph: AnalysisGraph,
  group: readonly number[],
  victims: ReadonlySet<number>,
  o: typeof CALL_RING_DEFAULTS,
): { node: number; callers: number; calls: number }[] {
  const callees = feature(graph, 'callees');
  const callers = feature(graph, 'callers');
  const inGroup = new Set(group);
  const touched = new Map<number, { callers: number; calls: number }>();
  const { offsets, targets } = graph.graph;
  for (const c of group) {
    for (let at = offsets[c]!; at < offsets[c + 1]!; at += 1) {
      const x = targets[at]!;
      if (graph.types[x] !== TYPE.PhoneNumber || inGroup.has(x) || victims.has(x)) continue;
      if (callsVictims(graph, x, victims)) continue;
      if (!runs(graph, x, c, o)) continue;
      const entry = touched.get(x) ?? { callers: 0, calls: 0 };
      entry.callers += 1;
      entry.calls += edgeWeight(graph.calls, x, c) + edgeWeight(graph.calls, c, x);
      touched.set(x, entry);
    }
  }
  return [...touched]
    .filter(
      ([x, t]) => t.callers >= o.coordinatorCallers && callees[x]! + callers[x]! <= o.busyLimit,
    )
    .map(([node, t]) => ({ node, ...t }))
    .sort((a, b) => b.callers - a.callers || b.calls - a.calls || a.node - b.node);
}

/** Whether `x` called any of `victims`. */
function callsVictims(graph: AnalysisGraph, x: number, victims: ReadonlySet<number>): boolean {
  const { offsets, targets } = graph.calls;
  for (let at = offsets[x]!; at < offsets[x + 1]!; at += 1)
    if (victims.has(targets[at]!)) return true;
  return false;
}

/** Victims (called as strangers) that at least two of `group`'s callers share. */
function sharedVictims(group: readonly number[], callersOf: Map<number, number[]>): Set<number> {
  const inGroup = new Set(group);
  const victims = new Set<number>();
  for (const [u, list] of callersOf) {
    let k = 0;
    for (const c of list) if (inGroup.has(c)) k += 1;
    if (k >= 2) victims.add(u);
  }
  return victims;
}

/** Calls from `a` to `b`, and back. */
function callsBothWays(graph: AnalysisGraph, a: number, b: number): [number, number] {
  return [edgeWeight(graph.calls, a, b), edgeWeight(graph.calls, b, a)];
}

/** Whether `a` and `b` call each other, both ways, at least `coordinatorCalls` times in all. */
function talksOften(graph: AnalysisGraph, a: number, b: number, o: CallRingRules): boolean {
  const [there, back] = callsBothWays(graph, a, b);
  return there > 0 && back > 0 && there + back >= o.coordinatorCalls;
}

/**
 * The callers of `group` that each keep calling (`talksOften`) at least two others of them, the
 * rest peeled off until none is left with fewer: a crew working together.
 */
function crewOf(group: readonly number[], tiesOf: Map<number, number[]>): number[] {
  let crew = [...group];
  for (let changed = true; changed;) {
    const inCrew = new Set(crew);
    const next = crew.filter((v) => (tiesOf.get(v) ?? []).filter((u) => inCrew.has(u)).length >= 2);
    changed = next.length < crew.length;
    crew = next;
  }
  return crew;
}

/**
 * Whether `coordinator` keeps in repeated touch with `caller`: they speak often, and it calls at
 * least half as often as it is called. A hooked victim is called again and again by the callers
 * working it, and calls back now and then.
 */
function runs(
  graph: AnalysisGraph,
  coordinator: number,
  caller: number,
  o: CallRingRules,
): boolean {
  const [out, back] = callsBothWays(graph, coordinator, caller);
  return out > 0 && out >= back / 2 && out + back >= o.coordinatorCalls;
}

/** Per coordinator of `group` (`coordinatorsOf`), the callers of the group it runs. */
function coordinatorTeams(
  graph: AnalysisGraph,
  group: readonly number[],
  callersOf: Map<number, number[]>,
  o: typeof CALL_RING_DEFAULTS,
): number[][] {
  return coordinatorsOf(graph, group, sharedVictims(group, callersOf), o).map(({ node }) =>
    group.filter((c) => runs(graph, node, c, o)),
  );
}

/** The callers of `group` that one of its coordinators runs. */
function coordinatedCore(
  graph: AnalysisGraph,
  group: readonly number[],
  callersOf: Map<number, number[]>,
  o: typeof CALL_RING_DEFAULTS,
): number[] {
  const core = new Set(coordinatorTeams(graph, group, callersOf, o).flat());
  return group.filter((c) => core.has(c));
}

/**
 * A group of callers that answer to different coordinators is as many rings: two rings that once
 * worked a few of the same victims may fall into one community, but each caller keeps calling its
 * own organiser. Callers in repeated touch with the same coordinator (or with coordinators who
 * share callers) form a team; with two teams of `minCallers` or more the group is split, each
 * caller without a coordinator joining the team it shares most victims with.
 */
function splitByCoordinators(
  graph: AnalysisGraph,
  group: number[],
  callersOf: Map<number, number[]>,
  sharedBetween: (a: number, b: number) => number,
  o: typeof CALL_RING_DEFAULTS,
): number[][] {
  if (group.length < 2 * o.minCallers) return [group];
  const byCoordinator = coordinatorTeams(graph, group, callersOf, o);
  if (byCoordinator.length < 2) return [group];
  const sets = new DisjointSets();
  const coordinated = new Set<number>();
  for (const team of byCoordinator) {
    for (const c of team) coordinated.add(c);
    for (const c of team.slice(1)) sets.union(c, team[0]!);
  }
  const teams = new Map<number, number[]>();
  for (const c of coordinated) {
    const root = sets.find(c);
    teams.set(root, [...(teams.get(root) ?? []), c]);
  }
  const kept = [...teams.values()].filter((team) => team.length >= o.minCallers);
  if (kept.length < 2) return [group];
  const teamOf = new Map<number, number>();
  kept.forEach((team, t) => team.forEach((c) => teamOf.set(c, t)));
  for (const c of group) {
    if (teamOf.has(c)) continue;
    const ties = kept.map((team) => team.reduce((sum, t) => sum + sharedBetween(c, t), 0));
    let best = 0;
    ties.forEach((tie, t) => {
      if (tie > ties[best]! || (tie === ties[best] && kept[t]!.length > kept[best]!.length))
        best = t;
    });
    kept[best]!.push(c);
    teamOf.set(c, best);
  }
  return kept;
}

/**
 * Groups of callers coordinated by the same number are one ring: community detection may split
 * a ring whose callers each worked a part of its list, but they answer to the same coordinator.
 */
function mergedByCoordinator(
  graph: AnalysisGraph,
  groups: number[][],
  callersOf: Map<number, number[]>,
  o: typeof CALL_RING_DEFAULTS,
): number[][] {
  const coordinated = (group: number[]) =>
    group.length < 2
      ? []
      : coordinatorsOf(graph, group, sharedVictims(group, callersOf), o).map(({ node }) => node);
  return groupsSharingKeys(groups, coordinated).map((merged) => merged.flat());
}
