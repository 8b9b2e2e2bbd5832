/**
 * Queries of `cypher/entities/`. One entity by its type and id, as the entity panel shows it.
 */
import { defineQuery, type Nullable } from '../query';

export const entitiesQueries = {
  entityById: defineQuery<
    { type: string; id: string; organisation: Nullable<string> },
    { type: string; entity: { labels: string[]; properties: Record<string, unknown> } }
  >('entities/entityById', 'read'),
} as const;
