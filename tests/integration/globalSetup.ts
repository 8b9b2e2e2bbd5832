/**
 * Starts the Neo4j of the integration tests once for the whole run (the local one unless
 * NEO4J_URI is set), and stops it afterwards. Test files receive its credentials via `inject`.
 */
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { createLogger } from '../../server/logger';
import { testConfig } from './support/testConfig';
import type { TestNeo4j } from './support/testDatabase';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = testConfig(process.env);
  const logger = createLogger(
    { logLevel: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn' },
    false,
  );
  const database = await openDatabase(config, logger);
  const neo4j: TestNeo4j = { ...database.credentials, database: config.database };
  project.provide('neo4j', neo4j);
  return async () => {
    await database.close();
  };
}
