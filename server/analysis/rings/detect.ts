/**
 * Scam rings in the analysis graph, from whatever evidence it holds, every claim with its reasons
 * in plain words and the numbers behind them:
 * - mule chains (`assemble.ts`, `roles.ts`): victims' money followed through mule accounts to
 *   cash-out and consolidation accounts, with every member's role (ringleader, organisers,
 *   callers, mule herders, mules, cash-out);
 * - money shapes (`typologies.ts`): fan-in, fan-out, cycles, scatter-gather, gather-scatter,
 *   bipartite and stacks among the other accounts, the organising account as ringleader;
 * - calling rings (`callRings.ts`): numbers working the same victims, from call records alone;
 * - communities (Leiden or Louvain, seeded) whose identities carry evidence of two kinds.
 * Candidates that fall short are kept with the thresholds they missed, so a run that finds no
 * ring says why.
 * Pure: no I/O.
 */
import { leiden } from '../leiden';
import { louvain } from '../louvain';
import { modularity as partitionModularity } from '../metrics';
import type { AnalysisGraph } from './graphBuilder';
import { assignRoles } from './roles';
import { victimContactsOfRings } from './victimCallers';
import { attachCases, moneyRoles, ringCores, type RingCore } from './assemble';
import { typologyRings } from './typologies';
import { callRings } from './callRings';
import type {
  MemberClaim,
  NearMiss,
  RingCandidate,
  RingEvidence,
  RingRole,
  Typology,
} from './candidate';
import { SIGNAL_DEFAULTS, TYPE, count, feature, muleScores, plural } from './signals';

/** Key members: the organisers, callers and mule herders. */
export const KEY_ROLES: readonly RingRole[] = ['organiser', 'caller', 'mule_herder'];

export interface RingMember {
  node: number;
  key: string;
  role: RingRole;
  score: number;
  reasons: string[];
}

export interface Ring {
  /** Stable within a run: 'R1' is the highest-scoring ring. */
  id: string;
  /** What kind of ring: mule chains, a money shape (fan-in, cycle, ...), a calling ring. */
  typology: Typology;
  community: number;
  score: number;
  size: number;
  reasons: string[];
  members: RingMember[];
}

export interface RingAnalysis {
  communities: Int32Array;
  modularity: number;
  rings: Ring[];
  /** Communities and candidate groups weighed as rings. */
  considered: number;
  /** The strongest groups that fell short, with the thresholds each missed (at most 10). */
  nearMisses: NearMiss[];
  /** In plain words: what was weighed, and when no ring was found, why. */
  explanation: string;
}

export interface DetectParams {
  algorithm: 'leiden' | 'louvain';
  resolution: number;
  seed: number;
}

/** Defaults of `detectRings`. */
export const DETECT_DEFAULTS: DetectParams = { algorithm: 'leiden', resolution: 1, seed: 1 };

/** A community needs at least this ring score to be reported as a ring. */
export const RING_THRESHOLD = 0.5;
/** Communities smaller than this are never rings. */
export const MIN_RING_SIZE = 4;

/** Communities by Leiden or Louvain on the undirected network. */
export function findCommunities(
  graph: AnalysisGraph,
  params: DetectParams,
): { communities: Int32Array; modularity: number } {
  if (graph.nodeCount === 0) return { communities: new Int32Array(0), modularity: 0 };
  const options = { resolution: params.resolution, seed: params.seed };
  const result =
    params.algorithm === 'louvain' ? louvain(graph.graph, options) : leiden(graph.graph, options);
  return { communities: result.communities, modularity: result.modularity };
}

/** Evidence that a community is a scam ring, with its score in 0..1 and its reasons. */
export function ringEvidence(
  graph: AnalysisGraph,
  nodes: readonly number[],
  mules: Float64Array,
): RingEvidence {
  const reports = feature(graph, 'reports');
  const sims = feature(graph, 'sims');
  const strangers = feature(graph, 'strangers');
  const payers = feature(graph, 'payers');
  let muleCount = 0;
  let muleVictims = 0;
  let cases = 0;
  let reported = 0;
  let cycling = 0;
  let cyclingSims = 0;
  let burst = 0;
  let burstStrangers = 0;
  for (const v of nodes) {
    const type = graph.types[v];
    if (type === TYPE.Case) cases += 1;
    if (reports[v]! > 0 && type !== TYPE.Case) reported += 1;
    if (mules[v]! > 0) {
      muleCount += 1;
      muleVictims += payers[v]!;
    }
    if (type === TYPE.Device && sims[v]! >= SIGNAL_DEFAULTS.cyclingSims) {
      cycling += 1;
      cyclingSims += sims[v]!;
    }
    if (type === TYPE.PhoneNumber && strangers[v]! >= SIGNAL_DEFAULTS.strangerCalls) {
      burst += 1;
      burstStrangers += strangers[v]!;
    }
  }
  const points =
    1.5 * Math.min(muleCount, 6) +
    1.5 * Math.min(cases + reported, 6) +
    1.5 * Math.min(cycling, 3) +
    Math.min(burst, 4);
  const score = 1 - Math.exp(-points / 6);
  const reasons: string[] = [];
  if (reported > 0) {
    reasons.push(
      `${plural(reported, 'of its identifiers', 'of its identifiers')} named in victim reports`,
    );
  }
  if (muleCount > 0) {
    reasons.push(
      `${plural(muleCount, 'account')} act as mules (money from ${count(muleVictims)} payers in all, passed on within minutes)`,
    );
  }
  if (cycling > 0) {
    reasons.push(`${plural(cycling, 'handset')} cycled ${plural(cyclingSims, 'SIM')}`);
  }
  if (burst > 0) {
    reasons.push(`${plural(burst, 'number')} called ${count(burstStrangers)} strangers in bursts`);
  }
  return { score, reasons, muleCount, reportCount: cases + reported, cycling, burst };
}

/** Whether the evidence is enough to call a community a ring. */
function isRing(evidence: RingEvidence, size: number): boolean {
  if (size < MIN_RING_SIZE) return false;
  const kinds = evidenceKinds(evidence);
  return evidence.score >= RING_THRESHOLD && (kinds >= 2 || evidence.muleCount >= 3);
}

/**
 * Finds the rings: communities (or the given `communities`, e.g. from GDS), scored and ranked,
 * with their members' roles. An empty or tiny graph gives no rings.
 */
export function detectRings(
  graph: AnalysisGraph,
  params: DetectParams = DETECT_DEFAULTS,
  communities?: Int32Array,
  onProgress?: (step: string, fraction: number) => void,
): RingAnalysis {
  const progress = onProgress ?? (() => undefined);
  progress('finding communities', 0);
  return ringsOfCommunities(graph, params, communitiesFor(graph, params, communities), progress);
}

/** The given communities (checked, with their modularity), or those `findCommunities` finds. */
export function communitiesFor(
  graph: AnalysisGraph,
  params: DetectParams,
  communities?: Int32Array,
): { communities: Int32Array; modularity: number } {
  if (!communities) return findCommunities(graph, params);
  if (communities.length !== graph.nodeCount) {
    throw new RangeError('rings: communities must give one community a node');
  }
  return {
    communities,
    modularity: graph.nodeCount === 0 ? 0 : partitionModularity(graph.graph, communities),
  };
}

/**
 * The rings among communities already found (`detectRings` after its first step): scored and
 * ranked, with their members' roles.
 */
export function ringsOfCommunities(
  graph: AnalysisGraph,
  params: DetectParams,
  found: { communities: Int32Array; modularity: number },
  onProgress?: (step: string, fraction: number) => void,
): RingAnalysis {
  const progress = onProgress ?? (() => undefined);
  progress('scoring communities', 0.6);
  const mules = muleScores(graph);
  const roles = moneyRoles(graph, mules);
  const cores = ringCores(graph, mules, roles);
  // Callers found from the victims they worked, before the reports join rings: a report naming a
  // caller's number goes with the ring whose victims that caller's handset worked.
  const contacts = victimContactsOfRings(
    graph,
    cores.filter((core) => core.mules.size > 0),
    mules,
  );
  const kitVictims = new Map<number, { core: RingCore; victims: number }>();
  for (const [core, { lines }] of contacts) {
    for (const { node, victims } of lines) {
      if (graph.types[node] === TYPE.Device) kitVictims.set(node, { core, victims });
    }
  }
  attachCases(graph, cores, kitVictims);
  const candidates: RingCandidate[] = [];
  const nearMisses: NearMiss[] = [];
  progress('assigning roles', 0.8);
  // Each ring's mule herders first, so each coordination circle stays with its own herders.
  const herders = new Map<RingCore, number[]>();
  for (const core of cores) {
    if (core.mules.size === 0) continue;
    herders.set(
      core,
      assignRoles(graph, core, mules, roles, contacts.get(core)!, params.seed, null)
        .filter((m) => m.role === 'mule_herder' && graph.types[m.node] === TYPE.PhoneNumber)
        .map((m) => m.node),
    );
  }
  for (const core of cores) {
    if (core.mules.size === 0) continue;
    const own = new Set(herders.get(core));
    const rivals = [...herders.values()].flat().filter((v) => !own.has(v));
    const members = assignRoles(
      graph,
      core,
      mules,
      roles,
      contacts.get(core)!,
      params.seed,
      rivals,
    );
    if (members.length < MIN_RING_SIZE) continue;
    const evidence = ringEvidence(graph, [...members.map((m) => m.node), ...core.cases], mules);
    if (isRing(evidence, members.length)) {
      candidates.push({ anchor: core.anchor, members, evidence, typology: 'mule_chain' });
    }
  }
  const considered = { groups: cores.length };
  // Identities already in a ring; the finders below leave them alone.
  const taken = new Set<number>();
  const take = (found: readonly RingCandidate[]) => {
    for (const candidate of found) for (const m of candidate.members) taken.add(m.node);
  };
  take(candidates);
  // Money shapes (fan-in, fan-out, cycles, chains, scatter-gather, ...) among the other accounts,
  // fast-moving ones too: an account passing money on at once that no mule chain holds may be
  // part of a cycle or a chain.
  const shapes = typologyRings(graph, taken, {}, (step, fraction) =>
    progress(step, Math.round((0.8 + 0.15 * fraction) * 1000) / 1000),
  );
  candidates.push(...shapes.rings);
  nearMisses.push(...shapes.nearMisses);
  considered.groups += shapes.rings.length + shapes.nearMisses.length;
  take(shapes.rings);
  // Calling rings: numbers that work the same victims, from call records alone.
  progress('calling rings', 0.95);
  const calling = callRings(graph, taken);
  candidates.push(...calling.rings);
  nearMisses.push(...calling.nearMisses);
  considered.groups += calling.rings.length + calling.nearMisses.length;
  take(calling.rings);
  // Communities with evidence of several kinds that no finder above explained.
  progress('communities with evidence of several kinds', 0.97);
  const communityPass = communityRings(graph, found.communities, mules, taken);
  candidates.push(...communityPass.rings);
  nearMisses.push(...communityPass.nearMisses);
  // Victims' reports tip candidates that came close.
  const promoted = reportedNearMisses(graph, nearMisses, mules, taken);
  candidates.push(...promoted.rings);
  nearMisses.splice(0, nearMisses.length, ...promoted.left);
  candidates.sort((a, b) => b.evidence.score - a.evidence.score || a.anchor - b.anchor);
  nearMisses.sort((a, b) => b.score - a.score);
  const rings: Ring[] = candidates.map((candidate, rank) => ({
    id: `R${rank + 1}`,
    typology: candidate.typology,
    community: found.communities[candidate.anchor] ?? -1,
    score: round(candidate.evidence.score),
    size: candidate.members.length,
    reasons: candidate.evidence.reasons,
    members: candidate.members.map((member) => ({
      ...member,
      key: graph.keys[member.node]!,
      score: round(member.score),
    })),
  }));
  progress('rings found', 1);
  const kept = nearMisses.slice(0, NEAR_MISSES_KEPT);
  return {
    communities: found.communities,
    modularity: found.modularity,
    rings,
    considered: communityPass.considered + considered.groups,
    nearMisses: kept,
    explanation: [
      explain(rings, communityPass.considered, considered.groups, kept),
      ...shapes.notes,
    ].join(' '),
  };
}

/** Near misses a run keeps. */
export const NEAR_MISSES_KEPT = 10;

/** What the run weighed and found, in plain words; when nothing, why. */
function explain(
  rings: readonly Ring[],
  communities: number,
  groups: number,
  nearMisses: readonly NearMiss[],
): string {
  const weighed = `Weighed ${plural(communities, 'community', 'communities')} and ${plural(groups, 'group')} of accounts and numbers`;
  if (rings.length > 0) {
    const kinds = new Map<Typology, number>();
    for (const ring of rings) kinds.set(ring.typology, (kinds.get(ring.typology) ?? 0) + 1);
    const list = [...kinds].map(([kind, k]) => `${count(k)} ${kind.replace('_', ' ')}`).join(', ');
    return `${weighed}: ${plural(rings.length, 'ring')} (${list}).${withoutLeader(rings)}`;
  }
  if (nearMisses.length === 0) {
    return (
      `${weighed}: no ring. No group had any evidence a ring needs: no identity named in a victim ` +
      `report, no account passing money on within minutes or in a laundering shape, no numbers ` +
      `working the same strangers, no handset cycling SIMs. Load victim reports or more partners' records.`
    );
  }
  const best = nearMisses[0]!;
  return (
    `${weighed}: no ring. The strongest candidate (${plural(best.size, 'identity', 'identities')}, ` +
    `${best.typology.replace('_', ' ')}: ${best.reasons.join('; ')}) fell short: ${best.missed.join('; ')}. ` +
    `${plural(nearMisses.length, 'candidate')} in all are listed with the thresholds they missed.`
  );
}

/** Money shapes that no one account organises. */
const SHAPES_WITHOUT_LEADER: ReadonlySet<Typology> = new Set([
  'cycle',
  'chain',
  'bipartite',
  'stack',
]);

/**
 * Why some rings name no ringleader, or nothing when all do: calling rings show who called and
 * who coordinated the callers, loops, chains, blocks and stacks have no organising account, and a
 * ringleader shows only where money leads to one account.
 */
function withoutLeader(rings: readonly Ring[]): string {
  const leaderless = rings.filter((ring) => !ring.members.some((m) => m.role === 'ringleader'));
  const calls = leaderless.filter(
    (r) => r.typology === 'calling_ring' || r.typology === 'community',
  );
  const shapes = leaderless.filter((r) => SHAPES_WITHOUT_LEADER.has(r.typology));
  const others = leaderless.length - calls.length - shapes.length;
  const sentences: string[] = [];
  if (calls.length > 0) {
    sentences.push(
      `${plural(calls.length, 'calling or community ring')} name${calls.length === 1 ? 's' : ''} no ringleader: ` +
        `the records show who called strangers, cycled SIMs or was reported, and who coordinated the ` +
        `callers, not who runs the ring; a ringleader shows where a ring's money reaches an account ` +
        `one of its people holds, so load the banks' records to look for one.`,
    );
  }
  if (shapes.length > 0) {
    sentences.push(
      `${plural(shapes.length, 'loop, chain, block or stack', 'loops, chains, blocks or stacks')} of payments ` +
        `name${shapes.length === 1 ? 's' : ''} no ringleader: no one account organises such a shape.`,
    );
  }
  if (others > 0) {
    sentences.push(
      `${plural(others, 'other ring')} name${others === 1 ? 's' : ''} no ringleader: nothing in ${others === 1 ? 'its' : 'their'} records points to one account or number that runs ${others === 1 ? 'it' : 'them'}.`,
    );
  }
  return sentences.map((sentence) => ` ${sentence}`).join('');
}

/**
 * Rings among communities on evidence of several kinds (reports, mules, SIM cycling, burst
 * calling) carried by identities no other finder has placed in a ring; communities with some
 * evidence but not enough are near misses.
 */
function communityRings(
  graph: AnalysisGraph,
  communities: Int32Array,
  mules: Float64Array,
  taken: ReadonlySet<number>,
): { rings: RingCandidate[]; nearMisses: NearMiss[]; considered: number } {
  const reports = feature(graph, 'reports');
  const sims = feature(graph, 'sims');
  const strangers = feature(graph, 'strangers');
  const byCommunity = new Map<number, number[]>();
  let considered = 0;
  const evidenceBearing = (v: number) =>
    (reports[v]! > 0 && graph.types[v] !== TYPE.Case) ||
    mules[v]! > 0 ||
    (graph.types[v] === TYPE.Device && sims[v]! >= SIGNAL_DEFAULTS.cyclingSims) ||
    (graph.types[v] === TYPE.PhoneNumber && strangers[v]! >= SIGNAL_DEFAULTS.strangerCalls);
  const sizes = new Map<number, number>();
  for (let v = 0; v < communities.length; v += 1) {
    const c = communities[v]!;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
    if (taken.has(v) || !evidenceBearing(v)) continue;
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(v);
  }
  for (const size of sizes.values()) if (size >= MIN_RING_SIZE) considered += 1;
  const rings: RingCandidate[] = [];
  const nearMisses: NearMiss[] = [];
  for (const [c, nodes] of byCommunity) {
    const members = withIdentityLinks(graph, nodes, communities, c, taken);
    const evidence = ringEvidence(graph, members, mules);
    // SIM cycling and burst calling alone say each number is a scam line, not that they work
    // together: lone lines and SIM boxes meet in one community by calling the same crowd. The
    // calling-ring finder, which asks for shared victims or handsets, judges those.
    const linesOnly = evidence.reportCount === 0 && evidence.muleCount < 2;
    if (!linesOnly && isRing(evidence, members.length)) {
      rings.push({
        anchor: nodes[0]!,
        typology: 'community',
        evidence,
        members: members.map((v) => memberClaim(graph, v, mules)),
      });
      continue;
    }
    const missed: string[] = [];
    if (members.length < MIN_RING_SIZE) {
      missed.push(
        `${plural(members.length, 'identity', 'identities')} with evidence; a ring needs ${MIN_RING_SIZE} (MIN_RING_SIZE)`,
      );
    }
    if (evidence.score < RING_THRESHOLD) {
      missed.push(
        `evidence score ${evidence.score.toFixed(2)}; a ring needs ${RING_THRESHOLD} (RING_THRESHOLD)`,
      );
    }
    if (linesOnly && evidence.cycling + evidence.burst > 0) {
      missed.push(
        'its only evidence is SIM cycling and burst calling, which mark scam lines but not that they work together; a community ring needs a victim report or mule accounts as well (numbers that call the same victims are judged as a calling ring)',
      );
    }
    const kinds = evidenceKinds(evidence);
    if (kinds < 2 && evidence.muleCount < 3) {
      missed.push(
        `${plural(kinds, 'kind')} of evidence; a ring needs 2 (reports, mules, SIM cycling, burst calling) or 3 mule accounts`,
      );
    }
    nearMisses.push({
      typology: 'community',
      nodes: members.slice(0, 40),
      size: members.length,
      score: evidence.score,
      reasons: evidence.reasons,
      missed,
    });
  }
  nearMisses.sort((a, b) => b.score - a.score);
  return { rings, nearMisses: nearMisses.slice(0, NEAR_MISSES_KEPT), considered };
}

/** Evidence-bearing nodes with the SIMs and handsets of their numbers inside the community. */
function withIdentityLinks(
  graph: AnalysisGraph,
  nodes: readonly number[],
  communities: Int32Array,
  community: number,
  taken: ReadonlySet<number>,
): number[] {
  const { offsets, targets } = graph.graph;
  const found = new Set(nodes);
  for (const v of nodes) {
    if (graph.types[v] !== TYPE.PhoneNumber && graph.types[v] !== TYPE.Device) continue;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (graph.types[u] !== TYPE.SIM || communities[u] !== community || taken.has(u)) continue;
      found.add(u);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Near misses that victims' reports tip into rings: a candidate of a money shape or a calling
 * ring that missed one threshold and holds an identity named in a report, or missed more and
 * holds two. Its members are listed as they were seen (`member`, or `mule` for accounts), with
 * their reports. Returns the rings and the near misses left.
 */
function reportedNearMisses(
  graph: AnalysisGraph,
  nearMisses: readonly NearMiss[],
  mules: Float64Array,
  taken: Set<number>,
): { rings: RingCandidate[]; left: NearMiss[] } {
  const reports = feature(graph, 'reports');
  const rings: RingCandidate[] = [];
  const left: NearMiss[] = [];
  for (const miss of nearMisses) {
    const nodes = miss.nodes.filter((v) => !taken.has(v) && graph.types[v] !== TYPE.Case);
    const reported = nodes.filter((v) => reports[v]! > 0).length;
    const tipped =
      miss.typology !== 'community' &&
      nodes.length >= 3 &&
      (reported >= 2 || (reported === 1 && miss.missed.length === 1));
    if (!tipped) {
      left.push(miss);
      continue;
    }
    for (const v of nodes) taken.add(v);
    const members = nodes.map((v) => {
      const claim = memberClaim(graph, v, mules);
      if (claim.role === 'member' && graph.types[v] === TYPE.BankAccount) claim.role = 'mule';
      if (graph.types[v] === TYPE.PhoneNumber) claim.role = 'caller';
      return claim;
    });
    rings.push({
      anchor: nodes[0]!,
      typology: miss.typology,
      members,
      evidence: {
        score: Math.min(1, miss.score + 0.25 * reported),
        reasons: [
          ...miss.reasons,
          `${plural(reported, 'of its identities', 'of its identities')} named in victim reports, so it counts though it missed: ${miss.missed.join('; ')}`,
        ],
        muleCount: 0,
        reportCount: reported,
        cycling: 0,
        burst: 0,
      },
    });
  }
  return { rings, left };
}

/** A community ring member's role and reasons from its own evidence. */
function memberClaim(graph: AnalysisGraph, v: number, mules: Float64Array): MemberClaim {
  const reports = feature(graph, 'reports')[v]!;
  const type = graph.types[v];
  const reasons: string[] = [];
  if (reports > 0) reasons.push(`named in ${plural(reports, 'victim report')}`);
  if (mules[v]! > 0) {
    return {
      node: v,
      role: 'mule',
      score: mules[v]!,
      reasons: [...reasons, 'receives from several payers and passes the money on within minutes'],
    };
  }
  if (type === TYPE.Device) {
    const sims = feature(graph, 'sims')[v]!;
    return {
      node: v,
      role: 'caller',
      score: Math.min(1, sims / 20),
      reasons: [...reasons, `carried ${plural(sims, 'SIM')}`],
    };
  }
  if (type === TYPE.PhoneNumber) {
    const strangers = feature(graph, 'strangers')[v]!;
    if (strangers > 0) reasons.push(`called ${plural(strangers, 'stranger')}`);
    return {
      node: v,
      role: 'caller',
      score: Math.min(1, 0.4 + strangers / 100 + (reports > 0 ? 0.3 : 0)),
      reasons,
    };
  }
  if (type === TYPE.SIM)
    return { node: v, role: 'caller', score: 0.4, reasons: ['carries a number of this ring'] };
  return { node: v, role: 'member', score: reports > 0 ? 0.6 : 0.3, reasons };
}

function evidenceKinds(evidence: RingEvidence): number {
  return (
    (evidence.muleCount >= 2 ? 1 : 0) +
    (evidence.reportCount > 0 ? 1 : 0) +
    (evidence.cycling > 0 ? 1 : 0) +
    (evidence.burst > 0 ? 1 : 0)
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
