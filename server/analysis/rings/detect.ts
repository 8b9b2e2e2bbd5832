/**
 * Scam rings in the analysis graph: communities (Leiden or Louvain, seeded) scored by what makes
 * a community a ring (victims' reports, mule accounts, SIM-cycling handsets, burst calling to
 * strangers), ranked, and inside each ring the roles of its members (ringleader, organisers,
 * callers, mule herders, mules, cash-out), every claim with its reasons in plain words and the
 * numbers behind them. Pure: no I/O.
 */
import { leiden } from '../leiden';
import { louvain } from '../louvain';
import { modularity as partitionModularity } from '../metrics';
import type { AnalysisGraph } from './graphBuilder';
import { assignRoles, type MemberClaim, type RingEvidence } from './roles';
import { SIGNAL_DEFAULTS, TYPE, count, feature, inflowFrom, muleScores, plural } from './signals';

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

function communityLists(communities: Int32Array): number[][] {
  let largest = -1;
  for (const c of communities) if (c > largest) largest = c;
  const lists: number[][] = Array.from({ length: largest + 1 }, () => []);
  for (let v = 0; v < communities.length; v += 1) {
    const c = communities[v]!;
    if (c >= 0) lists[c]!.push(v);
  }
  return lists;
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

/**
 * Suspicious nodes: mules, accounts paid mostly by mules (cash-out), SIM-cycling handsets and
 * their SIMs, numbers calling strangers in bursts.
 */
export function suspiciousNodes(graph: AnalysisGraph, mules: Float64Array): Uint8Array {
  const sims = feature(graph, 'sims');
  const strangers = feature(graph, 'strangers');
  const amountIn = feature(graph, 'amountIn');
  const fromMules = inflowFrom(graph, mules);
  const flags = new Uint8Array(graph.nodeCount);
  const { offsets, targets } = graph.graph;
  for (let v = 0; v < graph.nodeCount; v += 1) {
    const type = graph.types[v];
    if (mules[v]! > 0) flags[v] = 1;
    else if (type === TYPE.BankAccount && amountIn[v]! > 0 && fromMules[v]! >= 0.5 * amountIn[v]!) {
      flags[v] = 1;
    } else if (type === TYPE.Device && sims[v]! >= SIGNAL_DEFAULTS.cyclingSims) {
      flags[v] = 1;
      for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) flags[targets[at]!] = 1;
    } else if (type === TYPE.PhoneNumber && strangers[v]! >= SIGNAL_DEFAULTS.strangerCalls) {
      flags[v] = 1;
    }
  }
  return flags;
}

/**
 * Joins the fragments of one ring that community detection splits apart (the money layers, the
 * SIM box, the ringleader's accounts, the reports) along the links that only a ring makes: money
 * leaving a suspicious account, a suspicious account and its holder, a SIM-cycling handset and
 * its SIMs and numbers, and a report and what it names.
 * Money paid into a mule and calls from a burst caller are not followed: victims make those.
 * Returns renumbered communities; each joined community stays connected.
 */
export function joinRingFragments(
  graph: AnalysisGraph,
  communities: Int32Array,
  mules: Float64Array,
): Int32Array {
  const n = graph.nodeCount;
  const flags = suspiciousNodes(graph, mules);
  let largest = -1;
  for (const c of communities) if (c > largest) largest = c;
  const parent = new Int32Array(largest + 1);
  for (let c = 0; c <= largest; c += 1) parent[c] = c;
  const find = (c: number): number => {
    while (parent[c] !== c) {
      parent[c] = parent[parent[c]!]!;
      c = parent[c]!;
    }
    return c;
  };
  const union = (a: number, b: number) => {
    const x = find(a);
    const y = find(b);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const { offsets, targets } = graph.graph;
  for (let v = 0; v < n; v += 1) {
    const cv = communities[v]!;
    const tv = graph.types[v];
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      const cu = communities[u]!;
      if (cu === cv) continue;
      const tu = graph.types[u];
      if (tv === TYPE.Case) union(cv, cu);
      else if (!flags[v]) continue;
      else if (tv === TYPE.BankAccount && tu === TYPE.BankAccount) {
        if (hasArc(graph, v, u)) union(cv, cu);
      } else if (tv === TYPE.BankAccount && tu === TYPE.Person) union(cv, cu);
      else if (tv === TYPE.Device || tv === TYPE.SIM) {
        if (tu !== TYPE.IPAddress) union(cv, cu);
      }
    }
  }
  const joined = new Int32Array(n);
  const renumber = new Int32Array(largest + 1).fill(-1);
  let next = 0;
  for (let v = 0; v < n; v += 1) {
    const root = find(communities[v]!);
    if (renumber[root] === -1) renumber[root] = next++;
    joined[v] = renumber[root]!;
  }
  return joined;
}

function hasArc(graph: AnalysisGraph, source: number, target: number): boolean {
  const { offsets, targets } = graph.money;
  for (let at = offsets[source]!; at < offsets[source + 1]!; at += 1) {
    if (targets[at] === target) return true;
  }
  return false;
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
  if (communities && communities.length !== graph.nodeCount) {
    throw new RangeError('rings: communities must give one community a node');
  }
  progress('finding communities', 0);
  const found = communities
    ? {
        communities,
        modularity: graph.nodeCount === 0 ? 0 : partitionModularity(graph.graph, communities),
      }
    : findCommunities(graph, params);
  progress('scoring communities', 0.6);
  const mules = muleScores(graph);
  const joined = joinRingFragments(graph, found.communities, mules);
  const lists = communityLists(joined);
  const candidates: { community: number; nodes: number[]; evidence: RingEvidence }[] = [];
  lists.forEach((nodes, community) => {
    if (nodes.length < MIN_RING_SIZE) return;
    const evidence = ringEvidence(graph, nodes, mules);
    if (isRing(evidence, nodes.length)) candidates.push({ community, nodes, evidence });
  });
  candidates.sort((a, b) => b.evidence.score - a.evidence.score || a.community - b.community);
  progress('assigning roles', 0.8);
  const rings: Ring[] = [];
  candidates.forEach((candidate, rank) => {
    const members: MemberClaim[] = assignRoles(graph, candidate.nodes, mules, params.seed);
    rings.push({
      id: `R${rank + 1}`,
      community: candidate.community,
      score: round(candidate.evidence.score),
      size: members.length,
      reasons: candidate.evidence.reasons,
      members: members.map((member) => ({
        ...member,
        key: graph.keys[member.node]!,
        score: round(member.score),
      })),
    });
  });
  progress('rings found', 1);
  return { communities: joined, modularity: found.modularity, rings };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
