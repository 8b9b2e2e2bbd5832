/**
 * Ring analysis: the analysis graph's assembly, ring detection with roles and reasons, and risk
 * from victims' reports. Pure functions over typed arrays, safe to run in a worker thread.
 */
export {
  ANALYSIS_NODE_TYPES,
  AnalysisGraphBuilder,
  FEATURE_NAMES,
  neighbourhood,
  restrictAnalysisGraph,
  type AnalysisGraph,
  type AnalysisNodeType,
  type NodeRef,
} from './graphBuilder';
export {
  DETECT_DEFAULTS,
  KEY_ROLES,
  detectRings,
  findCommunities,
  type DetectParams,
  type Ring,
  type RingAnalysis,
  type RingMember,
} from './detect';
export type { RingRole } from './candidate';
export { scoreRisk, RISK_DEFAULTS, type RiskOptions } from './risk';
