/**
 * `npm run neo4j:fetch`: fetches the local Neo4j runtime (server, GDS, APOC) without starting it,
 * e.g. to prepare a machine before going offline.
 */
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { runCommand } from './run';
import { ensureRuntime, isRuntimeFetched } from '../neo4j/runtime';

async function fetchRuntime(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config, Boolean(process.stdout.isTTY));
  if (config.neo4j.kind !== 'local') {
    logger.info('NEO4J_URI is set: Ringtrace uses that server and needs no local runtime.');
    return;
  }
  const runtimeDir = config.neo4j.runtimeDir;
  if (isRuntimeFetched(runtimeDir)) {
    logger.info({ runtimeDir }, 'The local Neo4j runtime is already fetched.');
    return;
  }
  await ensureRuntime(runtimeDir, logger);
}

runCommand(fetchRuntime);
