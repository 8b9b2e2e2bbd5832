/**
 * Queries of `cypher/health/`. Health: what Neo4j runs, its extensions and the state of the schema
 * indexes.
 */
import { defineQuery, type NoParams } from '../query';

export const healthQueries = {
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
} as const;
