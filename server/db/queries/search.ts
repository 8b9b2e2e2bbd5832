/**
 * Queries of `cypher/search/`. Search across identifiers, names and handles.
 */
import { defineQuery } from '../query';

export const searchQueries = {
  searchEntities: defineQuery<
    {
      ids: string[];
      accountNumber: string | null;
      handle: string | null;
      name: string | null;
      organisation: string | null;
      limit: number;
    },
    { type: string; id: string; label: string; rank: number; summary: string }
  >('search/searchEntities', 'read', { integerParams: ['limit'] }),
} as const;
