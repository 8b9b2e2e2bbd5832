/**
 * Opening the graph database: the local server Ringtrace runs itself, or the server or cluster
 * named by `NEO4J_URI`. Loads and checks every query file, connects, applies the schema, and hands
 * back the executor with a `close()` that also stops the local server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { PROJECT_ROOT, type Config } from '../config';
import { RingtraceError, StartupError } from '../errors';
import { LocalNeo4j } from '../neo4j/localServer';
import { Executor } from './executor';
import { queries, allQueries } from './queries';
import { loadQueries, type QueryTexts } from './query';
import {
  applySchema,
  schemaObjectName,
  schemaStatements,
  SCHEMA_FOLDER,
  type SchemaStatement,
} from './schema';

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');

export interface Credentials {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
}

export interface Database {
  readonly executor: Executor;
  readonly driver: Driver;
  readonly kind: 'local' | 'remote';
  /** How this database was reached; the test setup hands these to the test files. */
  readonly credentials: Credentials;
  /** Names of the constraints and indexes `cypher/schema/` creates. */
  readonly schemaNames: readonly string[];
  close(): Promise<void>;
}

/** Reads every query file (registry and schema) and checks it; fails at once on a mismatch. */
export function loadAllQueries(cypherDir = CYPHER_DIR): {
  texts: QueryTexts;
  schema: SchemaStatement[];
} {
  const schema = schemaStatements(cypherDir);
  const texts = loadQueries(cypherDir, [...allQueries, ...schema], [SCHEMA_FOLDER]);
  return { texts, schema };
}

const INITIAL_PASSWORD = 'neo4j';

function createDriver({ uri, user, password }: Credentials): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    userAgent: 'ringtrace/0.1',
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
  });
}

async function canSignIn(credentials: Credentials): Promise<boolean> {
  const driver = createDriver(credentials);
  try {
    return await driver.verifyAuthentication();
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

/**
 * Credentials for the local server. On first start the `neo4j` user still has its initial
 * password: Ringtrace generates one, keeps it in the home folder (mode 600) and sets it.
 */
export async function localCredentials(
  server: LocalNeo4j,
  texts: QueryTexts,
  logger: Logger,
): Promise<Credentials> {
  const passwordFile = path.join(server.homeDir, 'password');
  const stored = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '';
  const credentials = {
    uri: server.uri,
    user: 'neo4j',
    password: stored || randomBytes(24).toString('base64url'),
  };
  if (stored && (await canSignIn(credentials))) return credentials;

  // First start (or the last one stopped before the password was set): set it now.
  if (!stored) writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  const driver = createDriver({ ...credentials, password: INITIAL_PASSWORD });
  try {
    const executor = new Executor(driver, { database: 'system', texts, logger });
    await executor.run(queries.changeInitialPassword, {
      currentPassword: INITIAL_PASSWORD,
      newPassword: credentials.password,
    });
    logger.info({ passwordFile }, 'Set a generated password for the local Neo4j');
    return credentials;
  } catch (error) {
    throw new StartupError(
      `The local Neo4j in ${server.homeDir} does not accept the password kept in ${passwordFile}. ` +
        `If that file was removed, remove ${server.homeDir} as well (this deletes the local graph) ` +
        'and start again.',
      { cause: error },
    );
  } finally {
    await driver.close();
  }
}

async function connect(
  credentials: Credentials,
  config: Config,
  texts: QueryTexts,
  logger: Logger,
): Promise<{ driver: Driver; executor: Executor }> {
  const driver = createDriver(credentials);
  try {
    await driver.verifyConnectivity({ database: config.database });
  } catch (error) {
    await driver.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(
      `Cannot connect to Neo4j at ${credentials.uri} (database "${config.database}"): ${reason}. ` +
        'Check NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.',
      { cause: error },
    );
  }
  return { driver, executor: new Executor(driver, { database: config.database, texts, logger }) };
}

/** Starts the local server when the configuration asks for it; returns how to reach Neo4j. */
async function startServer(
  config: Config,
  texts: QueryTexts,
  logger: Logger,
  options: OpenOptions,
): Promise<{ credentials: Credentials; local?: LocalNeo4j }> {
  if (config.neo4j.kind === 'remote') return { credentials: config.neo4j };
  const local = new LocalNeo4j(config.neo4j, logger);
  try {
    await local.start({ reuseRunning: options.reuseRunning ?? false });
    return { credentials: await localCredentials(local, texts, logger), local };
  } catch (error) {
    await local.stop();
    throw error;
  }
}

export interface OpenOptions {
  /** Use the local Neo4j a running Ringtrace server started, instead of refusing the busy port. */
  readonly reuseRunning?: boolean;
  /** Hears of each schema statement applied (see `applySchema`). */
  readonly onSchemaApplied?: (done: number, total: number, name: string) => void;
}

/** Opens the database named by the configuration, starting the local server when needed. */
export async function openDatabase(
  config: Config,
  logger: Logger,
  options: OpenOptions = {},
): Promise<Database> {
  const { texts, schema } = loadAllQueries();
  const dbLogger = logger.child({ component: 'database' });
  const { credentials, local } = await startServer(config, texts, logger, options);
  try {
    const { driver, executor } = await connect(credentials, config, texts, dbLogger);
    try {
      await applySchema(executor, schema, options.onSchemaApplied);
    } catch (error) {
      await driver.close();
      const reason = error instanceof RingtraceError ? error.message : String(error);
      throw new StartupError(`Applying the graph schema failed: ${reason}`, { cause: error });
    }
    dbLogger.info({ uri: credentials.uri, database: config.database }, 'Connected to Neo4j');
    return {
      executor,
      driver,
      kind: local ? 'local' : 'remote',
      credentials,
      schemaNames: schema.map((statement) => schemaObjectName(texts.get(statement.name) ?? '')),
      async close() {
        await driver.close();
        await local?.stop();
      },
    };
  } catch (error) {
    await local?.stop();
    throw error;
  }
}
