/**
 * One data set's figures: rings detected on its analysis graph against its truth, and report-based
 * risk (Ringtrace's `explainRisk`, plain personalised PageRank and degree, on the same reported
 * sets) against its positives. No I/O.
 */
import { personalizedPageRank } from '../../../server/analysis/centrality';
import {
  ANALYSIS_NODE_TYPES,
  detectRings,
  type AnalysisGraph,
  type DetectParams,
} from '../../../server/analysis/rings/index';
import { explainRisk } from '../../../server/analysis/rings/risk';
import {
  keepTypes,
  leaderAt1,
  matchRings,
  mean,
  meanF1,
  pickReported,
  rankingFigures,
  ringAri,
  ringScores,
  riskPool,
  roleScores,
  setPrecisionRecall,
  truthTypes,
  typeOf,
  type RoleScore,
  type Share,
} from './metrics';
import { restrictToGraph, type BenchTruth } from './truth';

/** What every data set is measured with. */
export const MEASURE_DEFAULTS = {
  detect: { algorithm: 'leiden', resolution: 1, seed: 1 } as DetectParams,
  /** Share of the positives given as reported, and the seeds of the draws (figures are means). */
  reportedShare: 0.2,
  reportSeeds: [1, 2, 3],
  /** Precision is measured over this many top-ranked nodes. */
  top: 100,
} as const;

export interface RankingScore {
  auc: number;
  precisionAtTop: number;
}

export interface RiskFigures {
  ringtrace: RankingScore;
  ppr: RankingScore;
  degree: RankingScore;
  /** The way `explainRisk` chose for each report seed. */
  methods: string[];
  reported: number;
  /** Nodes each ranking was judged on, and the positives among them (first seed). */
  pool: number;
  poolPositives: number;
}

export interface Figures {
  nodes: number;
  links: number;
  detectSeconds: number;
  riskSeconds: number;
  /** Truth entities the graph does not hold (left out of every figure), with a few examples. */
  missing: number;
  missingExamples: string[];
  rings: number;
  /** Null where the truth names no rings. */
  trueRings: number | null;
  ari: number;
  ringPrecision: Share | null;
  ringRecall: Share | null;
  precisionByTypology: Map<string, Share>;
  recallByTypology: Map<string, Share>;
  leader: Share | null;
  roles: RoleScore[];
  roleF1: number;
  /** Members of detected rings (of the truth's entity types) against the positives. */
  members: { precision: number; recall: number; flagged: number; actual: number };
  risk: RiskFigures | null;
  explanation: string;
  /** The strongest near miss in words, when there is one. */
  nearMiss: string | null;
}

/** Number of links of each node in the undirected network. */
function degrees(graph: AnalysisGraph): Float64Array {
  const { offsets } = graph.graph;
  return Float64Array.from({ length: graph.nodeCount }, (_, v) => offsets[v + 1]! - offsets[v]!);
}

/** Risk figures: means over the report seeds of each ranking's AUC and precision at the top. */
export function measureRisk(
  graph: AnalysisGraph,
  positives: readonly number[],
): RiskFigures | null {
  if (positives.length < 2) return null;
  const { reportedShare, reportSeeds, top } = MEASURE_DEFAULTS;
  const caseType = ANALYSIS_NODE_TYPES.indexOf('Case');
  const degree = degrees(graph);
  const runs = reportSeeds.map((seed) => {
    const reported = pickReported(positives, reportedShare, seed);
    const { nodes, labels } = riskPool(graph.types, positives, reported, [caseType]);
    const judge = (scores: ArrayLike<number>) =>
      rankingFigures(
        nodes.map((v) => scores[v]!),
        labels,
        top,
      );
    const risk = explainRisk(graph, reported);
    const ppr = personalizedPageRank(graph.graph, reported).scores;
    return {
      ringtrace: judge(risk.scores),
      ppr: judge(ppr),
      degree: judge(degree),
      method: risk.method,
      reported: reported.length,
      pool: nodes.length,
      poolPositives: labels.filter(Boolean).length,
    };
  });
  const average = (
    pick: (run: (typeof runs)[number]) => { auc: number; precisionAtK: number },
  ) => ({
    auc: mean(runs.map((run) => pick(run).auc)),
    precisionAtTop: mean(runs.map((run) => pick(run).precisionAtK)),
  });
  return {
    ringtrace: average((run) => run.ringtrace),
    ppr: average((run) => run.ppr),
    degree: average((run) => run.degree),
    methods: runs.map((run) => run.method),
    reported: runs[0]!.reported,
    pool: runs[0]!.pool,
    poolPositives: runs[0]!.poolPositives,
  };
}

/** Steps past the first half minute of a detection are printed: a large data set takes long. */
const QUIET_SECONDS = 30;

function slowStepPrinter(): (step: string) => void {
  const started = performance.now();
  return (step) => {
    const seconds = (performance.now() - started) / 1000;
    if (seconds >= QUIET_SECONDS) console.log(`  ${Math.round(seconds)} s: ${step} ...`);
  };
}

/** Every figure of one data set. */
export function measure(graph: AnalysisGraph, fullTruth: BenchTruth): Figures {
  const index = new Map(graph.keys.map((key, v) => [key, v]));
  const { truth, missing, missingExamples } = restrictToGraph(fullTruth, (key) => index.has(key));

  let started = performance.now();
  const analysis = detectRings(graph, MEASURE_DEFAULTS.detect, undefined, slowStepPrinter());
  const detectSeconds = (performance.now() - started) / 1000;

  const types = truth.rings ? truthTypes(truth.rings) : new Set(truth.positives.map(typeOf));
  const found = keepTypes(analysis.rings, types);
  const rings = truth.rings;
  const matches = rings ? matchRings(rings, found) : [];
  const scores = rings ? ringScores(rings, found, matches) : null;
  const roles = roleScores(truth.roleClasses, found);
  const members = setPrecisionRecall(
    found.flatMap((ring) => ring.members.map((member) => member.key)),
    new Set(truth.positives),
  );

  started = performance.now();
  const positives = truth.positives.map((key) => index.get(key)!);
  const risk = measureRisk(graph, positives);
  const riskSeconds = (performance.now() - started) / 1000;

  const best = analysis.nearMisses[0];
  const nearMiss = best
    ? `${best.typology.replace('_', ' ')} of ${best.size} (score ${best.score.toFixed(2)}): ` +
      `${best.reasons.join('; ') || 'no evidence'}; missed ${best.missed.join('; ')}`
    : null;
  const anyLeader = rings?.some((ring) => ring.leaders.length > 0) ?? false;
  return {
    nodes: graph.nodeCount,
    links: graph.graph.edgeCount,
    detectSeconds,
    riskSeconds,
    missing,
    missingExamples,
    rings: analysis.rings.length,
    trueRings: rings ? rings.length : null,
    ari: rings ? ringAri(rings, found) : Number.NaN,
    ringPrecision: scores?.precision ?? null,
    ringRecall: scores?.recall ?? null,
    precisionByTypology: scores?.precisionByTypology ?? new Map(),
    recallByTypology: scores?.recallByTypology ?? new Map(),
    leader: rings && anyLeader ? leaderAt1(rings, found, matches) : null,
    roles,
    roleF1: meanF1(roles),
    members,
    risk,
    explanation: analysis.explanation,
    nearMiss,
  };
}
