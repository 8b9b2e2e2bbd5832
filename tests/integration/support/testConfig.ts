/**
 * Configuration of the Neo4j the integration tests use. Unless NEO4J_URI is given, tests run their
 * own local server with its own data folder and port, so `npm test` never touches the data of a
 * Ringtrace started with `npm start`. With NEO4J_URI, the tests empty that database: point it at a
 * throwaway one.
 */
import { loadConfig, type Config } from '../../../server/config';

export const TEST_BOLT_PORT = '7688';

export function testConfig(env: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig({
    ...env,
    RINGTRACE_DATA_DIR: env.RINGTRACE_TEST_DATA_DIR ?? '.ringtrace/test-data',
    NEO4J_BOLT_PORT: env.RINGTRACE_TEST_BOLT_PORT ?? TEST_BOLT_PORT,
    NEO4J_HEAP: env.NEO4J_HEAP ?? '2g',
    NEO4J_PAGECACHE: env.NEO4J_PAGECACHE ?? '512m',
  });
}
