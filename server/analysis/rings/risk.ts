/**
 * Risk from victims' reports: given the identities named in reports, how closely every other
 * identity works with them ("who else works with these numbers?"). Personalised PageRank from the
 * reported identities over a degree-normalised network (a link to a busy hub says less than a
 * link to a quiet account), blended with the node's own mule and telecom signals.
 */
import { personalizedPageRank } from '../centrality';
import { compactGraphFromRows, type CompactGraph } from '../compactGraph';
import type { AnalysisGraph } from './graphBuilder';
import { SIGNAL_DEFAULTS, TYPE, feature, muleScores } from './signals';

export interface RiskOptions {
  /** Probability of following a link rather than going back to a reported identity. */
  damping?: number;
  /** Exponent of the degree normalisation: weight / (deg u * deg v)^normalisation. */
  normalisation?: number;
  /** Weight of the node's own signals against closeness to the reports (0..1). */
  signalWeight?: number;
}

/** Defaults of `scoreRisk`. */
export const RISK_DEFAULTS = { damping: 0.85, normalisation: 0.25, signalWeight: 0.3 } as const;

/** The network with each weight divided by (deg u * deg v)^exponent. */
export function degreeNormalised(graph: CompactGraph, exponent: number): CompactGraph {
  if (exponent === 0) return graph;
  const { offsets, targets, weights, nodeCount } = graph;
  const scaled = new Float32Array(weights.length);
  for (let v = 0; v < nodeCount; v += 1) {
    const dv = offsets[v + 1]! - offsets[v]!;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      const du = offsets[u + 1]! - offsets[u]!;
      scaled[at] = weights[at]! / Math.pow(dv * du, exponent);
    }
  }
  return compactGraphFromRows(offsets, targets, scaled);
}

/** Own-signal suspicion of each node in 0..1: mule behaviour, SIM cycling, burst calling. */
export function signalScores(graph: AnalysisGraph): Float64Array {
  const mules = muleScores(graph);
  const sims = feature(graph, 'sims');
  const strangers = feature(graph, 'strangers');
  const scores = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v += 1) {
    let score = mules[v]!;
    if (graph.types[v] === TYPE.Device && sims[v]! >= SIGNAL_DEFAULTS.cyclingSims)
      score = Math.max(score, 0.8);
    if (strangers[v]! >= SIGNAL_DEFAULTS.strangerCalls) score = Math.max(score, 0.6);
    scores[v] = score;
  }
  return scores;
}

/**
 * Risk of every node given the `reported` nodes (indices), in 0..1 with the reported nodes at
 * the top; higher means closer to the reports. Empty reports give signals alone.
 */
export function scoreRisk(
  graph: AnalysisGraph,
  reported: number[],
  options: RiskOptions = {},
): Float64Array {
  const damping = options.damping ?? RISK_DEFAULTS.damping;
  const exponent = options.normalisation ?? RISK_DEFAULTS.normalisation;
  const signalWeight = options.signalWeight ?? RISK_DEFAULTS.signalWeight;
  const n = graph.nodeCount;
  const risk = new Float64Array(n);
  if (n === 0) return risk;
  const signals = signalScores(graph);
  const seeds = reported.filter((v) => Number.isInteger(v) && v >= 0 && v < n);
  if (seeds.length === 0) return signals;
  const closeness = personalizedPageRank(degreeNormalised(graph.graph, exponent), seeds, {
    damping,
    tolerance: 1e-10,
  }).scores;
  // Rank-free scaling: closeness relative to the strongest non-seed node.
  const isSeed = new Uint8Array(n);
  for (const v of seeds) isSeed[v] = 1;
  let top = 0;
  for (let v = 0; v < n; v += 1) if (!isSeed[v] && closeness[v]! > top) top = closeness[v]!;
  for (let v = 0; v < n; v += 1) {
    if (isSeed[v]) {
      risk[v] = 1;
      continue;
    }
    const close = top > 0 ? Math.sqrt(closeness[v]! / top) : 0;
    risk[v] = (1 - signalWeight) * close + signalWeight * signals[v]! * (close > 0 ? 1 : 0.5);
  }
  return risk;
}
