/**
 * Queries of `cypher/graph/`. The graph's size and its counts by label.
 */
import { defineQuery, type NoParams } from '../query';

export const graphQueries = {
  graphSummary: defineQuery<NoParams, { label: string; count: number }>(
    'graph/graphSummary',
    'read',
  ),
  graphSize: defineQuery<NoParams, { nodes: number; relationships: number }>(
    'graph/graphSize',
    'read',
  ),
} as const;
