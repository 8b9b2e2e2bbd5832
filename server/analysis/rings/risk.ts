/**
 * Risk from victims' reports: given the identities named in reports, how closely every other
 * identity works with them ("who else works with these numbers?"). Three ways to rank, and the
 * reports themselves pick the one that suits the graph at hand:
 * - `links`: plain personalised PageRank from the reported identities over the network as it is;
 * - `quiet links`: personalised PageRank over a degree-normalised network (a link to a busy hub
 *   says less than a link to a quiet account), restarting more weakly at identities with strong
 *   signals of their own (mule and telecom signals, and transfers in the amounts that move around
 *   the reported accounts, learnt from the reports), blended with those signals;
 * - `learned`: a logistic model, fitted to the reported identities against the rest (but those
 *   linked to a reported one, likely accomplices), of each identity's own signals (calls,
 *   strangers, transfers, payments off the payer's routine amount, SIMs, a part in a laundering
 *   shape such as a cycle or a fan-in, ...),
 *   how many of its partners move money in the amounts telling around the reports or take part
 *   in a laundering shape, the strongest shape it took part in that fell short of a ring (a fan
 *   a little too likely by chance, say), the strongest burst of new counterparties it took part
 *   in (a hub paid by many new accounts within hours, and those accounts: seen where amounts
 *   tell nothing), and both closeness scores, so that the signals this graph holds decide and
 *   those it lacks weigh nothing;
 * - `both`: each identity's mean rank under `quiet links` and `learned`;
 * - `either`: each identity's higher rank under `quiet links` and `learned`: close to the reports
 *   or working like them, whichever says more of it.
 * With six or more reports, each way is tried on folds of the reports (ranked from the others,
 * how high do the held-back ones come?) and the best is used; plain `links` wins unless another
 * does clearly better, so the answer is never worse than plain personalised PageRank on the
 * reports' own evidence. Fewer reports are too few to hold back: `either`, since a lone scam
 * number's accomplices need not be near it, and a ring's members need not work like the one
 * reported (each way alone falls below plain closeness on one of those, `either` on neither). On
 * a graph too big to try the ways on folds, plain `links`.
 */
import { pageRank, personalizedPageRank } from '../centrality';
import { fitLogistic, predictLogistic } from '../logistic';
import { rocAuc } from '../metrics';
import { seededRandom, shuffledRange } from '../random';
import { compactGraphFromRows, type CompactGraph } from '../compactGraph';
import { FEATURE_NAMES, type AnalysisGraph } from './graphBuilder';
import { SIGNAL_DEFAULTS, TYPE, feature, muleScores } from './signals';
import { typologyRings } from './typologies';
import { burstParts, moneyTimeline } from './fanIn';
import { TYPOLOGY_DEFAULTS, fanOptions } from './typologyOptions';

export interface RiskOptions {
  /** Probability of following a link rather than going back to a reported identity. */
  damping?: number;
  /** Exponent of the degree normalisation: weight / (deg u * deg v)^normalisation. */
  normalisation?: number;
  /** Weight of the node's own signals against closeness to the reports (0..1). */
  signalWeight?: number;
  /** Graphs with more nodes than this are ranked by plain `links` (`RISK_SELECTION_DEFAULTS`). */
  maxFoldNodes?: number;
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

/** Shape scores of the graphs already scored (a kept graph answers many risk requests). */
const shapesOfGraph = new WeakMap<AnalysisGraph, Float64Array>();

/**
 * Each account's part in a laundering shape its money takes (fan-in, fan-out, cycle, chain,
 * scatter-gather, gather-scatter, bipartite, stack: `typologyRings`), found without the reports:
 * the evidence score of the strongest shape it belongs to, 0 for none. A shape needs no report to
 * be seen, so its accounts are suspicious even where no victim has named one of them. Found once
 * per graph; the array returned is shared, not to be changed.
 */
export function shapeScores(graph: AnalysisGraph): Float64Array {
  let scores = shapesOfGraph.get(graph);
  if (scores) return scores;
  scores = new Float64Array(graph.nodeCount);
  if (graph.transfers.from.length > 0) {
    for (const ring of typologyRings(graph, new Set()).rings) {
      const score = Math.max(0.5, Math.min(1, ring.evidence.score));
      for (const member of ring.members) {
        scores[member.node] = Math.max(scores[member.node]!, score);
      }
    }
  }
  shapesOfGraph.set(graph, scores);
  return scores;
}

/**
 * Each account's part in a laundering shape that fell short of a ring (`typologyRings`' near
 * misses): the score of the strongest it belongs to, 0 for none. A fan a little too likely by
 * chance among the thousands of accounts weighed is no ring, but its accounts are more suspect
 * than the rest; the reports say how much. The array returned is shared, not to be changed.
 */
function nearMissScores(graph: AnalysisGraph): Float64Array {
  if (graph.transfers.from.length === 0) return new Float64Array(graph.nodeCount);
  return typologyRings(graph, new Set()).nearMissScores;
}

/** Burst scores of the graphs already weighed (a kept graph answers many risk requests). */
const burstsOfGraph = new WeakMap<AnalysisGraph, Float64Array>();

/**
 * Per account, the score of the strongest burst of new counterparties it took part in
 * (`burstParts`; 0 for none), found once per graph.
 */
function burstScores(graph: AnalysisGraph): Float64Array {
  let scores = burstsOfGraph.get(graph);
  if (scores) return scores;
  scores = new Float64Array(graph.nodeCount);
  if (graph.transfers.from.length > 0) {
    const o = TYPOLOGY_DEFAULTS;
    const parts = burstParts(moneyTimeline(graph, new Set(), o), fanOptions(o));
    for (const { accounts, score } of parts) {
      for (const v of accounts) scores[v] = Math.max(scores[v]!, score);
    }
  }
  burstsOfGraph.set(graph, scores);
  return scores;
}

/** Own signals (`signalScores`) raised to each account's laundering-shape score. */
function ownSignals(graph: AnalysisGraph): Float64Array {
  const shapes = shapeScores(graph);
  const signals = signalScores(graph);
  for (let v = 0; v < graph.nodeCount; v += 1) signals[v] = Math.max(signals[v]!, shapes[v]!);
  return signals;
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

/** PageRank stops when scores change by less than this in all: enough to rank by. */
const RANKING_TOLERANCE = 1e-7;

/** The ways `scoreRisk` can rank, as named to users. */
export const RISK_METHODS = ['links', 'quiet links', 'learned', 'both', 'either'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

/** How `scoreRisk` chooses its way of ranking. */
export const RISK_SELECTION_DEFAULTS = {
  /**
   * Graphs with more nodes than this skip the folds (their two dozen PageRanks take about a
   * minute per 600,000 nodes on two cores) and are ranked by plain `links`: with no folds to show
   * that another way does better here, the peer's own way is the one never worse than the peer.
   */
  maxFoldNodes: 1_000_000,
  /**
   * Fewer reports than this are ranked by `either`, not compared on folds: from this many on,
   * each of the three folds holds back two reports or more; one held-back report says too little
   * to pick a way by (on the call and laundering worlds used for tuning, `either` beat the ways
   * picked on folds of two and three reports on average, and on all but the laundering world).
   */
  minFoldReports: 6,
  /** Folds of the reports (with fewer reports, one a report). */
  folds: 3,
  /** Another way must beat plain `links` by this much mean AUC over the folds to be chosen. */
  margin: 0.005,
  /** Unreported nodes a fold's AUC and the model's training sample at most. */
  sample: 20_000,
  /** Damping of plain personalised PageRank (the peer's). */
  linksDamping: 0.85,
} as const;

export interface RiskResult {
  scores: Float64Array;
  method: RiskMethod;
  /** Mean AUC of each way over the folds of the reports (empty when no folds were run). */
  trials: { method: RiskMethod; auc: number }[];
  /** Why this way, in plain words. */
  reason: string;
}

/**
 * Risk of every node given the `reported` nodes (indices), in 0..1 with the reported nodes at
 * 1; higher means closer to the reports or working like them. See the module comment for how
 * the way of ranking is chosen. Empty reports give the nodes' own signals alone.
 */
export function scoreRisk(
  graph: AnalysisGraph,
  reported: number[],
  options: RiskOptions = {},
): Float64Array {
  return explainRisk(graph, reported, options).scores;
}

/** `scoreRisk` with the way of ranking it chose and why. */
export function explainRisk(
  graph: AnalysisGraph,
  reported: readonly number[],
  options: RiskOptions = {},
): RiskResult {
  const n = graph.nodeCount;
  const seeds = [...new Set(reported.filter((v) => Number.isInteger(v) && v >= 0 && v < n))];
  if (n === 0 || seeds.length === 0) {
    return {
      scores: n === 0 ? new Float64Array(0) : ownSignals(graph),
      method: 'quiet links',
      trials: [],
      reason: 'no reported identity in the graph: own signals only',
    };
  }
  const selection = RISK_SELECTION_DEFAULTS;
  if (seeds.length < selection.minFoldReports) {
    const few =
      seeds.length === 1
        ? 'one reported identity cannot be held back to compare ways of ranking'
        : `${seeds.length} reported identities are too few to compare ways of ranking on folds (${selection.minFoldReports} at least)`;
    return {
      scores: withSeedsOnTop(rankWith(riskContext(graph, options), 'either', seeds), seeds),
      method: 'either',
      trials: [],
      reason: `${few}: each identity ranks by the higher of its ranks by closeness to the reports (quiet links) and by likeness to them (learned)`,
    };
  }
  const maxFoldNodes = options.maxFoldNodes ?? selection.maxFoldNodes;
  if (n > maxFoldNodes) {
    const closeness = personalizedPageRank(graph.graph, seeds, {
      damping: selection.linksDamping,
      tolerance: RANKING_TOLERANCE,
    }).scores;
    return {
      scores: withSeedsOnTop(closeness, seeds),
      method: 'links',
      trials: [],
      reason: `the graph's ${n.toLocaleString('en')} identities are too many to compare ways of ranking in one answer (${maxFoldNodes.toLocaleString('en')} at most): plain closeness to the reports`,
    };
  }
  const context = riskContext(graph, options);
  const folds = Math.min(seeds.length, selection.folds);
  const trials = foldTrials(context, seeds, folds);
  const links = trials.find((t) => t.method === 'links')!.auc;
  let best: { method: RiskMethod; auc: number } = { method: 'links', auc: links };
  for (const trial of trials) {
    if (trial.auc > best.auc && trial.auc >= links + selection.margin) best = trial;
  }
  const described = trials.map((t) => `${t.method} ${t.auc.toFixed(3)}`).join(', ');
  return {
    scores: withSeedsOnTop(rankWith(context, best.method, seeds), seeds),
    method: best.method,
    trials,
    reason: `held-back reports ranked best by ${best.method} (mean AUC over ${folds} folds: ${described})`,
  };
}

interface RiskContext {
  graph: AnalysisGraph;
  options: RiskOptions;
  /** The degree-normalised network, made once. */
  quiet: CompactGraph;
  /** Each node's own signals (`signalScores`), made once. */
  signals: Float64Array;
  /** Each account's laundering-shape score (`shapeScores`), made once. */
  shapes: Float64Array;
  /** A node's own features, log-scaled (made on demand: a row per node would not fit big graphs). */
  features: (v: number) => number[];
  /** Rankings already made in this call, by way and reports (folds and the model reuse them). */
  made: Map<string, Float64Array>;
}

function riskContext(graph: AnalysisGraph, options: RiskOptions): RiskContext {
  const exponent = options.normalisation ?? RISK_DEFAULTS.normalisation;
  return {
    graph,
    options,
    quiet: degreeNormalised(graph.graph, exponent),
    signals: signalScores(graph),
    shapes: shapeScores(graph),
    features: nodeFeatures(graph),
    made: new Map(),
  };
}

/** Scores of one way of ranking from `seeds` (seeds not lifted to the top). */
function rankWith(
  context: RiskContext,
  method: RiskMethod,
  seeds: readonly number[],
): Float64Array {
  if (method === 'links') return linksCloseness(context, seeds);
  if (method === 'quiet links') return quietLinksRisk(context, seeds);
  if (method === 'learned') return learnedRisk(context, seeds);
  const quiet = rankShares(quietLinksRisk(context, seeds));
  const learned = rankShares(learnedRisk(context, seeds));
  if (method === 'both') return Float64Array.from(quiet, (x, v) => (x + learned[v]!) / 2);
  return Float64Array.from(quiet, (x, v) => Math.max(x, learned[v]!));
}

/** Each node's rank (0 lowest .. 1 highest) by `scores`, tied scores sharing their mean rank. */
function rankShares(scores: Float64Array): Float64Array {
  const order = Array.from(scores.keys()).sort((x, y) => scores[x]! - scores[y]!);
  const ranks = new Float64Array(scores.length);
  const last = Math.max(1, scores.length - 1);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end += 1;
    const shared = (start + end - 1) / 2 / last;
    for (let k = start; k < end; k += 1) ranks[order[k]!] = shared;
    start = end;
  }
  return ranks;
}

/** `make()` once per way and set of reports within one call. */
function once(
  context: RiskContext,
  method: RiskMethod,
  seeds: readonly number[],
  make: () => Float64Array,
): Float64Array {
  const key = `${method}:${seeds.join(',')}`;
  let scores = context.made.get(key);
  if (!scores) context.made.set(key, (scores = make()));
  return scores;
}

function linksCloseness(context: RiskContext, seeds: readonly number[]): Float64Array {
  return once(
    context,
    'links',
    seeds,
    () =>
      personalizedPageRank(context.graph.graph, seeds, {
        damping: RISK_SELECTION_DEFAULTS.linksDamping,
        tolerance: RANKING_TOLERANCE,
      }).scores,
  );
}

/** Mean AUC of each way over folds of the reports, the held-back ones against unreported nodes. */
function foldTrials(
  context: RiskContext,
  seeds: readonly number[],
  folds: number,
): { method: RiskMethod; auc: number }[] {
  const { graph } = context;
  const { sample } = RISK_SELECTION_DEFAULTS;
  const order = shuffledRange(seeds.length, seededRandom(seeds.length));
  const isSeed = new Uint8Array(graph.nodeCount);
  for (const v of seeds) isSeed[v] = 1;
  const types = new Set(seeds.map((v) => graph.types[v]!));
  const pool: number[] = [];
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (!isSeed[v] && types.has(graph.types[v]!)) pool.push(v);
  }
  const negatives = sampleOf(pool, sample, 7);
  const totals = new Map<RiskMethod, number>(RISK_METHODS.map((m) => [m, 0]));
  for (let fold = 0; fold < folds; fold += 1) {
    const held: number[] = [];
    const train: number[] = [];
    order.forEach((i, k) => (k % folds === fold ? held : train).push(seeds[i]!));
    const nodes = [...held, ...negatives];
    const labels = nodes.map((_, k) => k < held.length);
    for (const method of RISK_METHODS) {
      const scores = rankWith(context, method, train);
      const auc = rocAuc(
        nodes.map((v) => scores[v]!),
        labels,
      );
      totals.set(method, totals.get(method)! + (Number.isFinite(auc) ? auc : 0.5) / folds);
    }
  }
  return RISK_METHODS.map((method) => ({ method, auc: totals.get(method)! }));
}

/** Up to `size` of `values`, chosen with a fixed seed. */
function sampleOf(values: readonly number[], size: number, seed: number): number[] {
  if (values.length <= size) return values.slice();
  const order = shuffledRange(values.length, seededRandom(seed));
  return Array.from(order.subarray(0, size), (i) => values[i]!);
}

/**
 * `quiet links`: closeness over the degree-normalised network from the reported nodes and, more
 * weakly, from nodes whose own signals are strong, blended with those signals (including
 * transfers in the amount bands telling around the reported accounts).
 */
function quietLinksRisk(context: RiskContext, seeds: readonly number[]): Float64Array {
  return once(context, 'quiet links', seeds, () => quietLinksOnce(context, seeds));
}

function quietLinksOnce(context: RiskContext, seeds: readonly number[]): Float64Array {
  const { graph, options } = context;
  const damping = options.damping ?? RISK_DEFAULTS.damping;
  const signalWeight = options.signalWeight ?? RISK_DEFAULTS.signalWeight;
  const n = graph.nodeCount;
  const signals = context.signals.slice();
  const inBands = transfersInBands(graph, reportedAmountBands(graph, seeds));
  for (let v = 0; v < n; v += 1) {
    if (inBands[v]! > 0) signals[v] = Math.max(signals[v]!, 1 - Math.pow(0.5, inBands[v]!));
  }
  const isSeed = new Uint8Array(n);
  const restart = new Float64Array(n);
  for (const v of seeds) isSeed[v] = 1;
  for (let v = 0; v < n; v += 1) restart[v] = isSeed[v] ? 1 : signals[v]! * SIGNAL_SEED_WEIGHT;
  const closeness = pageRank(context.quiet, {
    damping,
    tolerance: RANKING_TOLERANCE,
    restart,
  }).scores;
  // Rank-free scaling: closeness relative to the strongest non-seed node.
  let top = 0;
  for (let v = 0; v < n; v += 1) if (!isSeed[v] && closeness[v]! > top) top = closeness[v]!;
  const risk = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    const close = top > 0 ? Math.sqrt(closeness[v]! / top) : 0;
    risk[v] = isSeed[v] ? 1 : (1 - signalWeight) * close + signalWeight * signals[v]!;
  }
  return risk;
}

/**
 * `learned`: a logistic model of the nodes' own features and their closeness (both ways) to the
 * reports. A reported node's closeness is measured from the other half of the reports, so the
 * model learns how close a reported node's accomplice sits, not how close a seed is to itself.
 */
function learnedRisk(context: RiskContext, seeds: readonly number[]): Float64Array {
  return once(context, 'learned', seeds, () => learnedOnce(context, seeds));
}

function learnedOnce(context: RiskContext, seeds: readonly number[]): Float64Array {
  const { graph } = context;
  const n = graph.nodeCount;
  if (seeds.length === 0) return quietLinksRisk(context, seeds);
  const order = shuffledRange(seeds.length, seededRandom(seeds.length + 1));
  const halves: number[][] = [[], []];
  order.forEach((i, k) => halves[k % 2]!.push(seeds[i]!));
  const closenessOf = (from: readonly number[]) => [
    logScaled(linksCloseness(context, from), n),
    logScaled(quietLinksRisk(context, from), 1),
  ];
  // A single report has no other half to be close to: the model learns from its own signals
  // alone (closeness 0 throughout, which a linear model gives no weight).
  const none = () => [new Float64Array(n), new Float64Array(n)];
  const fromHalf = seeds.length > 1 ? halves.map(closenessOf) : [none(), none()];
  // Transfers in the amounts telling around the reports (0 where there are no transfers).
  const inBands = transfersInBands(graph, reportedAmountBands(graph, seeds));
  const fromAll = closenessOf(seeds);
  const isSeed = new Uint8Array(n);
  const half = new Int8Array(n).fill(-1);
  halves.forEach((list, h) => list.forEach((v) => ((isSeed[v] = 1), (half[v] = h))));
  const types = new Set(seeds.map((v) => graph.types[v]!));
  // The model's negatives: unreported identities of the reported kinds, but not those linked to
  // a reported one directly (likely accomplices, unreported so far, not examples of innocence).
  const linked = new Uint8Array(n);
  const { offsets, targets } = graph.graph;
  for (const v of seeds) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) linked[targets[at]!] = 1;
  }
  const pool: number[] = [];
  for (let v = 0; v < n; v += 1) {
    if (!isSeed[v] && !linked[v] && types.has(graph.types[v]!)) pool.push(v);
  }
  // Too few identities apart from the reports and their partners to learn what innocent looks
  // like: closeness alone.
  if (pool.length < Math.max(MIN_NEGATIVES, seeds.length)) return quietLinksRisk(context, seeds);
  const negatives = sampleOf(pool, Math.max(2_000, 20 * seeds.length), 11);
  const bursts = burstScores(graph);
  const fellShort = nearMissScores(graph);
  const rows: Float64Array[] = [];
  const labels: boolean[] = [];
  // Each identity's partners moving money in those amounts, or taking part in a laundering shape.
  const nearBands = new Float64Array(n);
  const nearShapes = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (inBands[u]! > 0) nearBands[v]! += 1;
      if (context.shapes[u]! > 0) nearShapes[v]! += 1;
    }
  }
  const row = (v: number, closeness: Float64Array[]) =>
    Float64Array.of(
      ...context.features(v),
      Math.log1p(inBands[v]!),
      context.shapes[v]!,
      fellShort[v]!,
      bursts[v]!,
      Math.log1p(nearBands[v]!),
      Math.log1p(nearShapes[v]!),
      closeness[0]![v]!,
      closeness[1]![v]!,
    );
  for (const v of seeds) {
    rows.push(row(v, fromHalf[1 - half[v]!]!));
    labels.push(true);
  }
  const averaged = [0, 1].map((k) =>
    Float64Array.from(fromHalf[0]![k]!, (x, v) => (x + fromHalf[1]![k]![v]!) / 2),
  );
  for (const v of negatives) {
    rows.push(row(v, averaged));
    labels.push(false);
  }
  const model = fitLogistic(rows, labels);
  const scores = new Float64Array(n);
  // The model knows the kinds of identity the reports name; others are ranked by quiet links.
  const quiet = quietLinksRisk(context, seeds);
  for (let v = 0; v < n; v += 1) {
    scores[v] = types.has(graph.types[v]!) ? predictLogistic(model, row(v, fromAll)) : quiet[v]!;
  }
  return scores;
}

/** `learned` needs at least this many negatives (and as many as there are reports). */
const MIN_NEGATIVES = 50;

/** log(score * scale + tiny): closeness on a scale a linear model can use. */
function logScaled(scores: Float64Array, scale: number): Float64Array {
  return Float64Array.from(scores, (x) => Math.log(x * scale + 1e-9));
}

/** Per node: log(1 + value) of every signal, its type (one flag each) and its link count. */
function nodeFeatures(graph: AnalysisGraph): (v: number) => number[] {
  const columns = FEATURE_NAMES.flatMap((name) => graph.features[name] ?? []);
  const typeList = [...new Set(graph.types)].sort((a, b) => a - b);
  const { offsets } = graph.graph;
  return (v) => [
    ...columns.map((values) => Math.log1p(Math.max(0, values[v]!))),
    ...typeList.map((t) => (graph.types[v] === t ? 1 : 0)),
    Math.log1p(offsets[v + 1]! - offsets[v]!),
  ];
}

/** Scores scaled into 0..1 below the reported nodes, which get 1. */
function withSeedsOnTop(scores: Float64Array, seeds: readonly number[]): Float64Array {
  const isSeed = new Uint8Array(scores.length);
  for (const v of seeds) isSeed[v] = 1;
  let low = Infinity;
  let high = -Infinity;
  for (let v = 0; v < scores.length; v += 1) {
    if (isSeed[v]) continue;
    low = Math.min(low, scores[v]!);
    high = Math.max(high, scores[v]!);
  }
  const span = high > low ? high - low : 1;
  return Float64Array.from(scores, (x, v) =>
    isSeed[v] ? 1 : Number.isFinite(low) ? (0.999 * (x - low)) / span : 0,
  );
}
