/**
 * Queries of `cypher/entities/`. One entity by its type and id, as the entity panel shows it,
 * and what the panel says of it beside its properties (holders, source file, link counts).
 */
import { defineQuery, type Nullable } from '../query';
import { ENTITY_TYPES } from '../entityTypes';

export const entitiesQueries = {
  entityById: defineQuery<
    { type: string; id: string; organisation: Nullable<string> },
    { type: string; entity: { labels: string[]; properties: Record<string, unknown> } }
  >('entities/entityById', 'read'),
  entityContext: defineQuery<
    { type: string; id: string },
    {
      people: string[];
      source: { organisation: string | null; kind: string | null; fileName: string | null } | null;
      links: { relationship: string; outgoing: boolean; count: number }[];
    }
  >('entities/entityContext', 'read', { labelParam: { name: 'type', labels: ENTITY_TYPES } }),
} as const;
