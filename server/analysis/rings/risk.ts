/**
 * Risk from victims' reports: given the identities named in reports, how closely every other
 * identity works with them ("who else works with these numbers?"). Personalised PageRank over a
 * degree-normalised network (a link to a busy hub says less than a link to a quiet account) from
 * the reported identities and, more weakly, from identities with strong signals of their own:
 * mule and telecom signals, and transfers in the amounts that move around the reported accounts
 * (learnt from the reports themselves), blended with those signals.
 */
import { pageRank } from '../centrality';
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
export const RISK_DEFAULTS = { damping: 0.7, normalisation: 0.5, signalWeight: 0.5 } as const;

/** Restart weight of a node with the strongest own signals, against 1 for a reported node. */
export const SIGNAL_SEED_WEIGHT = 0.5;

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

/** What the amounts learnt from the reports need before they count. */
export const AMOUNT_BAND_DEFAULTS = {
  /** A band's transfers must be at least this many times as common around the reports. */
  lift: 3,
  /** ... with at least this many of them touching a reported account. */
  support: 5,
} as const;

/** The amount band of a transfer: the power of two of its amount in minor units. */
function bandOf(amount: number): number {
  return Math.floor(Math.log2(Math.max(1, amount)));
}

/**
 * Amounts that move around the reported accounts: the bands (powers of two of minor units) whose
 * transfers are at least `lift` times as common among the transfers paying or paid by a reported
 * account as among all transfers, with at least `support` of those. A ring that launders in
 * small or in fixed amounts shows in its reported members' transfers; the band's lift says how
 * telling it is.
 */
export function reportedAmountBands(
  graph: AnalysisGraph,
  reported: readonly number[],
): Map<number, number> {
  const { from, to, amount } = graph.transfers;
  const isReported = new Uint8Array(graph.nodeCount);
  for (const v of reported) isReported[v] = 1;
  const all = new Map<number, number>();
  const near = new Map<number, number>();
  let nearTotal = 0;
  for (let i = 0; i < from.length; i += 1) {
    const band = bandOf(amount[i]!);
    all.set(band, (all.get(band) ?? 0) + 1);
    if (isReported[from[i]!] || isReported[to[i]!]) {
      near.set(band, (near.get(band) ?? 0) + 1);
      nearTotal += 1;
    }
  }
  const bands = new Map<number, number>();
  if (nearTotal === 0) return bands;
  for (const [band, n] of near) {
    const lift = n / nearTotal / (all.get(band)! / from.length);
    if (n >= AMOUNT_BAND_DEFAULTS.support && lift >= AMOUNT_BAND_DEFAULTS.lift) {
      bands.set(band, lift);
    }
  }
  return bands;
}

/** Per account, how many of its transfers (in and out) fall in `bands`. */
export function transfersInBands(graph: AnalysisGraph, bands: Map<number, number>): Float64Array {
  const counts = new Float64Array(graph.nodeCount);
  if (bands.size === 0) return counts;
  const { from, to, amount } = graph.transfers;
  for (let i = 0; i < from.length; i += 1) {
    if (!bands.has(bandOf(amount[i]!))) continue;
    counts[from[i]!]! += 1;
    counts[to[i]!]! += 1;
  }
  return counts;
}

/**
 * Risk of every node given the `reported` nodes (indices), in 0..1 with the reported nodes at
 * the top; higher means closer to the reports or working like them. Two parts:
 * - the node's own signals: mule behaviour, SIM cycling, burst calling, and transfers in the
 *   amount bands that are telling around the reported accounts (`reportedAmountBands`);
 * - closeness: personalised PageRank over the degree-normalised network from the reported nodes
 *   and, more weakly, from the nodes whose own signals are strong, so accounts that deal with
 *   the ring's other accounts rise too.
 * Empty reports give signals alone.
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
  const inBands = transfersInBands(graph, reportedAmountBands(graph, seeds));
  for (let v = 0; v < n; v += 1) {
    if (inBands[v]! > 0) signals[v] = Math.max(signals[v]!, 1 - Math.pow(0.5, inBands[v]!));
  }
  const isSeed = new Uint8Array(n);
  const restart = new Float64Array(n);
  for (const v of seeds) isSeed[v] = 1;
  for (let v = 0; v < n; v += 1) restart[v] = isSeed[v] ? 1 : signals[v]! * SIGNAL_SEED_WEIGHT;
  const closeness = pageRank(degreeNormalised(graph.graph, exponent), {
    damping,
    tolerance: 1e-10,
    restart,
  }).scores;
  // Rank-free scaling: closeness relative to the strongest non-seed node.
  let top = 0;
  for (let v = 0; v < n; v += 1) if (!isSeed[v] && closeness[v]! > top) top = closeness[v]!;
  for (let v = 0; v < n; v += 1) {
    if (isSeed[v]) {
      risk[v] = 1;
      continue;
    }
    const close = top > 0 ? Math.sqrt(closeness[v]! / top) : 0;
    risk[v] = (1 - signalWeight) * close + signalWeight * signals[v]!;
  }
  return risk;
}
