/**
 * Queries of `cypher/paths/`. Paths between entities: shortest paths, and events followed forward
 * in time.
 */
import { defineQuery } from '../query';

/** A node on a path. */
export interface PathNodeRow {
  type: string;
  id: string;
  label: string;
}

/** A relationship on a path: its type, `Type:id` of its ends, and its properties. */
export interface PathLinkRow {
  type: string;
  source: string;
  target: string;
  [property: string]: unknown;
}

export const pathsQueries = {
  shortestPaths: defineQuery<
    {
      fromType: string;
      fromId: string;
      toType: string;
      toId: string;
      relationships: string[];
      maxHops: number;
      k: number;
    },
    { nodes: PathNodeRow[]; links: PathLinkRow[] }
  >('paths/shortestPaths', 'read', { integerParams: ['maxHops', 'k'] }),
  eventsOutAfter: defineQuery<
    {
      kind: 'BankAccount' | 'PhoneNumber';
      frontier: { node: string; after: string }[];
      until: string;
      perNode: number;
    },
    {
      from: string;
      to: string;
      event: string;
      at: string;
      amountMinor: number | null;
      currency: string | null;
    }
  >('paths/eventsOutAfter', 'read', { integerParams: ['perNode'] }),
} as const;
