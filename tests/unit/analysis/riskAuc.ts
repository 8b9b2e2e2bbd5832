/** Report-based risk against its plain peer, as the risk tests judge it. */
import type { AnalysisGraph } from '../../../server/analysis/rings/index';
import { scoreRisk } from '../../../server/analysis/rings/index';
import { personalizedPageRank } from '../../../server/analysis/centrality';
import { rocAuc } from '../../../server/analysis/metrics';

/**
 * ROC AUC over `nodes` (those for which `positive` holds against the rest) of report-based risk
 * and of plain personalised PageRank, both from `reported`.
 */
export function riskAndPlainAuc(
  graph: AnalysisGraph,
  reported: number[],
  nodes: readonly number[],
  positive: (v: number) => boolean,
): { risk: number; plain: number } {
  const labels = nodes.map(positive);
  const auc = (scores: ArrayLike<number>) =>
    rocAuc(
      nodes.map((v) => scores[v]!),
      labels,
    );
  return {
    risk: auc(scoreRisk(graph, reported)),
    plain: auc(personalizedPageRank(graph.graph, reported).scores),
  };
}
