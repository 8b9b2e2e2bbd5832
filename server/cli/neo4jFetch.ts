/**
 * `npm run neo4j:fetch`: fetches the local Neo4j runtime (server, GDS, APOC) without starting it,
 * e.g. to prepare a machine before going offline.
 */
import { loadConfig, ConfigError } from '../config';
import { StartupError } from '../errors';
import { createLogger } from '../logger';
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

fetchRuntime().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  throw error;
});
