/**
 * Queries of `cypher/demo/`. The demo scenario: whether the graph is empty.
 */
import { defineQuery, type NoParams } from '../query';

export const demoQueries = {
  graphIsEmpty: defineQuery<NoParams, { empty: boolean }>('demo/graphIsEmpty', 'read'),
} as const;
