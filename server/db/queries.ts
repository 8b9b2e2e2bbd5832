/**
 * The query registry: every query Ringtrace runs, by intent, with its parameter and row types.
 * Each entry has a file in `cypher/`; `loadQueries` checks files and registry match at start.
 * Schema statements (`cypher/schema/`) are applied by `server/db/schema.ts` instead.
 */
import { defineQuery, type NoParams } from './query';

export const queries = {
  dbmsComponents: defineQuery<NoParams, { name: string; versions: string[]; edition: string }>(
    'health/dbmsComponents',
    'read',
  ),
  installedExtensions: defineQuery<NoParams, { names: string[] }>(
    'health/installedExtensions',
    'read',
  ),
  gdsVersion: defineQuery<NoParams, { version: string }>('health/gdsVersion', 'read'),
  apocVersion: defineQuery<NoParams, { version: string }>('health/apocVersion', 'read'),
  schemaIndexes: defineQuery<NoParams, { name: string; state: string }>(
    'health/schemaIndexes',
    'read',
  ),
  changeInitialPassword: defineQuery<{ currentPassword: string; newPassword: string }, never>(
    'admin/changeInitialPassword',
    'write',
    { system: true },
  ),
} as const;

export const allQueries = Object.values(queries);
