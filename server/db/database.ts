/**
 * Opening the graph database: the local server Ringtrace runs itself, or the server or cluster
 * named by `NEO4J_URI`. Loads and checks every query file, connects, applies the schema, and hands
 * back the executor with a `close()` that also stops the local server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { PROJECT_ROOT, type Config } from '../config';
import { RingtraceError, StartupError } from '../errors';
import { LocalNeo4jKeeper, type LocalNeo4jStatus } from '../neo4j/keeper';
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
  /** The local server's state and restarts, when it is kept running (`keepLocalRunning`). */
  localStatus(): LocalNeo4jStatus | undefined;
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

/** Error codes and socket errors that mean nothing answered at the address (or it went away). */
const UNREACHABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
const UNREACHABLE_SOCKET =
  /\b(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)\b/;

/** The error and its causes, outermost first. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [error];
  let current = error;
  while (current instanceof Error && current.cause !== undefined && chain.length < 10) {
    current = current.cause;
    chain.push(current);
  }
  return chain;
}

/** The `code` of an error (a Neo4j status code, or a socket error such as `ECONNREFUSED`). */
function codeOf(error: unknown): string {
  const code = error instanceof Neo4jError ? error.code : (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

/** True when the error or one of its causes has a code or message matching `pattern`. */
function mentions(error: unknown, pattern: RegExp): boolean {
  return causeChain(error).some(
    (entry) =>
      pattern.test(codeOf(entry)) || (entry instanceof Error && pattern.test(entry.message)),
  );
}

/**
 * Why connecting to Neo4j failed: `unreachable` when nothing answered at the address (connection
 * refused, host unknown or unreachable: the driver's `ServiceUnavailable`), `sign-in-refused` when
 * the server answered and refused the user or password, `other` otherwise.
 */
export function connectionProblem(error: unknown): 'unreachable' | 'sign-in-refused' | 'other' {
  const codes = causeChain(error).map(codeOf);
  if (codes.some((code) => code.startsWith('Neo.ClientError.Security.'))) return 'sign-in-refused';
  if (codes.some((code) => UNREACHABLE_CODES.has(code)) || mentions(error, UNREACHABLE_SOCKET)) {
    return 'unreachable';
  }
  return 'other';
}

/** Where start-up tried to reach Neo4j: the local server Ringtrace runs, or `NEO4J_URI`. */
export interface ConnectionTarget {
  readonly uri: string;
  readonly database: string;
  /** The local server's home folder and password file; undefined for a server named by NEO4J_URI. */
  readonly local?: { readonly homeDir: string; readonly passwordFile: string };
}

/** `host:port` of a Bolt URI (7687 when it names no port). */
function hostAndPort(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.hostname}:${url.port || '7687'}`;
  } catch {
    return uri;
  }
}

/**
 * What to tell the user when start-up cannot use Neo4j, by the cause: nothing answering on the
 * port (say which port, and how to name the right one), a refused sign-in (which credentials), or
 * anything else. Only a refused sign-in of the local server mentions removing its data folder, and
 * only as the way out when its password file is gone; a connection error never does.
 */
export function connectionFailureMessage(error: unknown, target: ConnectionTarget): string {
  const problem = connectionProblem(error);
  const address = hostAndPort(target.uri);
  const reason = error instanceof Error ? error.message : String(error);
  if (problem === 'unreachable') {
    const fix = target.local
      ? `Ringtrace looked for its local Neo4j (${target.local.homeDir}) on port ` +
        `${address.slice(address.lastIndexOf(':') + 1)}, set by NEO4J_BOLT_PORT (default 7687). ` +
        'If that Neo4j was started with another NEO4J_BOLT_PORT (for example by `npm start` in ' +
        'another shell), run this command with the same NEO4J_BOLT_PORT; to use a Neo4j running ' +
        'elsewhere, set NEO4J_URI (with NEO4J_PASSWORD) to its bolt:// address.'
      : 'Check NEO4J_URI: it must name the host and Bolt port of a running Neo4j ' +
        '(bolt://host:7687). To use the local Neo4j Ringtrace runs itself instead, unset NEO4J_URI ' +
        '(its port is NEO4J_BOLT_PORT, default 7687).';
    const what = mentions(error, /\bECONNREFUSED\b/)
      ? `Nothing answers on ${address} (${target.uri}): no Neo4j is listening there, or it is ` +
        'still starting.'
      : `Neo4j at ${address} (${target.uri}) cannot be reached: ${reason}`;
    return `${what} ${fix} Nothing was changed; the graph data is untouched.`;
  }
  if (problem === 'sign-in-refused') {
    return target.local
      ? `The local Neo4j in ${target.local.homeDir} does not accept the password kept in ` +
          `${target.local.passwordFile}. If that file was removed, remove ${target.local.homeDir} ` +
          'as well (this deletes the local graph) and start again.'
      : `Neo4j at ${target.uri} refused the sign-in: check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  return (
    `Cannot connect to Neo4j at ${target.uri} (database "${target.database}"): ${reason}. ` +
    (target.local
      ? 'See the local Neo4j log in ' + path.join(target.local.homeDir, 'logs') + '.'
      : 'Check NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.')
  );
}

/**
 * True when the credentials sign in, false when the server refuses them; throws when the server
 * cannot be reached (a refused password and an absent server call for different advice).
 */
async function canSignIn(credentials: Credentials): Promise<boolean> {
  const driver = createDriver(credentials);
  try {
    return await driver.verifyAuthentication();
  } catch (error) {
    if (connectionProblem(error) === 'unreachable') throw error;
    return false;
  } finally {
    await driver.close();
  }
}

/** Where the local server's generated password is kept. */
function passwordFileOf(homeDir: string): string {
  return path.join(homeDir, 'password');
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
  const passwordFile = passwordFileOf(server.homeDir);
  const stored = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '';
  const credentials = {
    uri: server.uri,
    user: 'neo4j',
    password: stored || randomBytes(24).toString('base64url'),
  };
  const target: ConnectionTarget = {
    uri: server.uri,
    database: 'system',
    local: { homeDir: server.homeDir, passwordFile },
  };
  try {
    if (stored && (await canSignIn(credentials))) return credentials;
  } catch (error) {
    throw new StartupError(connectionFailureMessage(error, target), { cause: error });
  }

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
    throw new StartupError(connectionFailureMessage(error, target), { cause: error });
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
    const { neo4j: server } = config;
    const target: ConnectionTarget = {
      uri: credentials.uri,
      database: config.database,
      ...(server.kind === 'local'
        ? { local: { homeDir: server.homeDir, passwordFile: passwordFileOf(server.homeDir) } }
        : {}),
    };
    throw new StartupError(connectionFailureMessage(error, target), { cause: error });
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
  /** Start the local server again whenever it exits on its own (the Ringtrace server does). */
  readonly keepLocalRunning?: boolean;
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
    const keeper =
      local && options.keepLocalRunning ? new LocalNeo4jKeeper(local, logger) : undefined;
    return {
      executor,
      driver,
      kind: local ? 'local' : 'remote',
      credentials,
      schemaNames: schema.map((statement) => schemaObjectName(texts.get(statement.name) ?? '')),
      localStatus: () => keeper?.status,
      async close() {
        await keeper?.stop();
        await driver.close();
        await local?.stop();
      },
    };
  } catch (error) {
    await local?.stop();
    throw error;
  }
}
