/**
 * Queries of `cypher/expand/`. Guarded expansion: a start node's neighbours, counted, paged, and
 * two hops out.
 */
import { defineQuery } from '../query';
import { ENTITY_TYPES } from '../entityTypes';

/** The start of a query that begins at one identity, given by `$type` and `$id`. */
const startLabel = { name: 'type', labels: ENTITY_TYPES } as const;

/** A neighbour in a guarded expansion. */
export interface NeighbourRow {
  relationship: string;
  outgoing: boolean;
  type: string;
  id: string;
  /** A person's name; null for other kinds. */
  name: string | null;
  degree: number;
  at: string | null;
  properties: Record<string, unknown>;
}

export const expandQueries = {
  neighbourCounts: defineQuery<
    { type: string; id: string },
    { relationship: string; outgoing: boolean; neighbourType: string; count: number }
  >('expand/neighbourCounts', 'read', { labelParam: startLabel }),
  neighbourPage: defineQuery<
    {
      type: string;
      id: string;
      relationships: string[] | null;
      neighbourTypes: string[] | null;
      from: string | null;
      to: string | null;
      mostConnected: boolean;
      scanCap: number;
      skip: number;
      limit: number;
    },
    { total: number; neighbours: NeighbourRow[] }
  >('expand/neighbourPage', 'read', {
    integerParams: ['scanCap', 'skip', 'limit'],
    labelParam: startLabel,
  }),
  twoHopNeighbourPage: defineQuery<
    {
      type: string;
      id: string;
      relationships: string[];
      neighbourTypes: string[] | null;
      firstCap: number;
      perNeighbourCap: number;
      skip: number;
      limit: number;
    },
    {
      firstHop: number;
      firstHopCapped: boolean;
      cutNeighbours: number;
      total: number;
      neighbours: { type: string; id: string; via: number; through: string[] }[];
    }
  >('expand/twoHopNeighbourPage', 'read', {
    integerParams: ['firstCap', 'perNeighbourCap', 'skip', 'limit'],
    labelParam: startLabel,
  }),
} as const;
