/**
 * Queries of `cypher/admin/`. Administration: the first start's password change on the `system`
 * database, and warming the page cache.
 */
import { defineQuery, type NoParams } from '../query';

export const adminQueries = {
  changeInitialPassword: defineQuery<{ currentPassword: string; newPassword: string }, never>(
    'admin/changeInitialPassword',
    'write',
    { system: true },
  ),
  warmPageCache: defineQuery<NoParams, { nodes: number; relationships: number }>(
    'admin/warmPageCache',
    'read',
  ),
} as const;
