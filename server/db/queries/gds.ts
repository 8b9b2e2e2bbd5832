/**
 * Queries of `cypher/gds/`. Community detection in the Graph Data Science library, when it is
 * installed.
 */
import { defineQuery } from '../query';

/** Community detection in GDS on a large graph may take longer than an ordinary query. */
const ANALYSIS_TIMEOUT_MS = 30 * 60_000;

export const gdsQueries = {
  projectAnalysisGraph: defineQuery<
    { name: string; sources: number[]; targets: number[]; weights: number[] },
    { nodeCount: number; relationshipCount: number }
  >('gds/projectAnalysisGraph', 'write', {
    integerParams: ['sources', 'targets'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  gdsLouvainStream: defineQuery<
    { name: string; concurrency: number },
    { nodeId: number; communityId: number }
  >('gds/louvainStream', 'read', {
    integerParams: ['concurrency'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  gdsLeidenStream: defineQuery<
    { name: string; resolution: number; seed: number; concurrency: number },
    { nodeId: number; communityId: number }
  >('gds/leidenStream', 'read', {
    integerParams: ['seed', 'concurrency'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  dropGdsGraph: defineQuery<{ name: string }, { graphName: string }>('gds/dropGraph', 'write'),
} as const;
