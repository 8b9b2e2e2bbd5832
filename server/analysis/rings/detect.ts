/**
 * Scam rings in the analysis graph: communities (Leiden or Louvain, seeded) scored by what makes
 * a community a ring (victims' reports, mule accounts, SIM-cycling handsets, burst calling to
 * strangers), ranked, and inside each ring the roles of its members (ringleader, organisers,
 * callers, mule herders, mules, cash-out), every claim with its reasons in plain words and the
 * numbers behind them. Groups of accounts that launder by many small payments in bursts into
 * collecting accounts (fan-in, `fanIn.ts`) are rings of their own where no mule chain holds them.
 * Pure: no I/O.
 */
import { leiden } from '../leiden';
import { louvain } from '../louvain';
import { modularity as partitionModularity } from '../metrics';
import type { AnalysisGraph } from './graphBuilder';
import { assignRoles, type MemberClaim, type RingEvidence } from './roles';
import { attachCases, moneyRoles, ringCores, type RingCore } from './assemble';
import { fanInRings } from './fanIn';
import { SIGNAL_DEFAULTS, TYPE, count, feature, muleScores, plural } from './signals';

export type RingRole =
  'ringleader' | 'organiser' | 'caller' | 'mule_herder' | 'mule' | 'cash_out' | 'member';

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
  const kinds =
    (evidence.muleCount >= 2 ? 1 : 0) +
    (evidence.reportCount > 0 ? 1 : 0) +
    (evidence.cycling > 0 ? 1 : 0) +
    (evidence.burst > 0 ? 1 : 0);
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
  attachCases(graph, cores);
  const candidates: { anchor: number; members: MemberClaim[]; evidence: RingEvidence }[] = [];
  progress('assigning roles', 0.8);
  // Each ring's mule herders first, so each coordination circle stays with its own herders.
  const herders = new Map<RingCore, number[]>();
  for (const core of cores) {
    if (core.mules.size === 0) continue;
    herders.set(
      core,
      assignRoles(graph, core, mules, roles, params.seed, null)
        .filter((m) => m.role === 'mule_herder' && graph.types[m.node] === TYPE.PhoneNumber)
        .map((m) => m.node),
    );
  }
  for (const core of cores) {
    if (core.mules.size === 0) continue;
    const own = new Set(herders.get(core));
    const rivals = [...herders.values()].flat().filter((v) => !own.has(v));
    const members = assignRoles(graph, core, mules, roles, params.seed, rivals);
    if (members.length < MIN_RING_SIZE) continue;
    const evidence = ringEvidence(graph, [...members.map((m) => m.node), ...core.cases], mules);
    if (isRing(evidence, members.length))
      candidates.push({ anchor: core.anchor, members, evidence });
  }
  // Laundering by many small payments into collecting accounts, apart from the mule chains.
  const taken = new Set<number>();
  for (const candidate of candidates) for (const m of candidate.members) taken.add(m.node);
  for (let v = 0; v < graph.nodeCount; v += 1) if (mules[v]! > 0) taken.add(v);
  candidates.push(...fanInRings(graph, taken));
  candidates.sort((a, b) => b.evidence.score - a.evidence.score || a.anchor - b.anchor);
  const rings: Ring[] = candidates.map((candidate, rank) => ({
    id: `R${rank + 1}`,
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
  return { communities: found.communities, modularity: found.modularity, rings };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
