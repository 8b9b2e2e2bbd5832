/**
 * The executor: every database call in Ringtrace goes through here.
 *
 * It opens a session per call in the right access mode, runs the query inside a managed
 * transaction (which the driver retries on transient failures), closes the session on every path,
 * converts parameters and results through `values.ts`, and translates Neo4j errors into
 * `RingtraceError`s once.
 */
import {
  Neo4jError,
  type Driver,
  type ManagedTransaction,
  type ServerInfo,
  type Session,
} from 'neo4j-driver';
import type { Logger } from 'pino';
import { RingtraceError } from '../errors';
import { labelledTextKey, type AccessMode, type QueryDefinition, type QueryTexts } from './query';
import { toNeo4jParams, toPlain } from './values';

export interface ExecutorOptions {
  /** Ringtrace's database name, e.g. `neo4j`. */
  readonly database: string;
  readonly texts: QueryTexts;
  readonly logger: Logger;
  /** Server-side limit for one transaction. */
  readonly transactionTimeoutMs?: number;
}

const DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

/** Tries of a read that fails with a transient error (the server busy, a cluster member gone). */
const READ_ATTEMPTS = 3;

/** Neo4j error codes that mean the server cannot be reached or has gone away. */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Starts a query without the stack trace the driver captures for every result (to show where a
 * failed query was started from). Formatting that trace takes about a quarter of a millisecond a
 * query, more than a short read costs Ringtrace in all; a failure here already names its query.
 */
function startQuery<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Translates a driver error into a domain error; `queryName` goes to the log, never the user. */
export function translateError(error: unknown, queryName: string): RingtraceError {
  if (error instanceof RingtraceError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code;
    if (UNAVAILABLE_CODES.has(code)) {
      return new RingtraceError('database-unavailable', 'The graph database cannot be reached.', {
        cause: error,
      });
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new RingtraceError('conflict', 'A record with this identifier already exists.', {
        cause: error,
      });
    }
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
      return new RingtraceError(
        'query-timeout',
        'The query took too long; narrow it (fewer entities, a shorter time window, a lower depth).',
        { cause: error },
      );
    }
    if (code.startsWith('Neo.ClientError.Security.')) {
      return new RingtraceError(
        'database-unavailable',
        'Ringtrace cannot sign in to the graph database; check its credentials.',
        { cause: error },
      );
    }
    if (code.startsWith('Neo.TransientError.')) {
      return new RingtraceError('database-unavailable', 'The graph database is busy; try again.', {
        cause: error,
      });
    }
  }
  return new RingtraceError('internal', `Query ${queryName} failed.`, { cause: error });
}

/** Runs queries inside one transaction (see `Executor.transaction`). */
export interface QueryRunner {
  run<Params, Row>(query: QueryDefinition<Params, Row>, params: Params): Promise<Row[]>;
}

export class Executor {
  readonly #driver: Driver;
  readonly #options: ExecutorOptions;

  constructor(driver: Driver, options: ExecutorOptions) {
    this.#driver = driver;
    this.#options = options;
  }

  get database(): string {
    return this.#options.database;
  }

  /**
   * Runs a query and returns its rows as plain values. A read runs as an auto-commit transaction
   * (one round trip fewer than a managed one), tried again on a transient failure; a write runs
   * in a managed transaction.
   */
  async run<Params, Row>(query: QueryDefinition<Params, Row>, params: Params): Promise<Row[]> {
    if (query.system) return this.#runAutoCommit(query, params);
    if (query.mode === 'write') {
      return this.transaction(query.mode, (tx) => tx.run(query, params), query.timeoutMs);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#runAutoCommit(query, params);
      } catch (error) {
        const cause = error instanceof RingtraceError ? error.cause : undefined;
        if (attempt >= READ_ATTEMPTS || !(cause instanceof Neo4jError && cause.retryable)) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  /**
   * Runs several queries in one managed transaction. `work` may be called again when the driver
   * retries a transient failure, so it must do nothing but run queries and compute from them.
   */
  async transaction<T>(
    mode: AccessMode,
    work: (tx: QueryRunner) => Promise<T>,
    timeoutMs?: number,
  ): Promise<T> {
    const session = this.#session({ mode, system: false });
    const state = { current: 'transaction' };
    try {
      const body = (tx: ManagedTransaction) =>
        work({
          run: async <Params, Row>(query: QueryDefinition<Params, Row>, params: Params) => {
            state.current = query.name;
            const started = performance.now();
            const text = this.#textOf(query, params);
            const prepared = this.#prepare(query, params);
            const result = await startQuery(() => tx.run(text, prepared));
            this.#logQuery(query.name, result.records.length, started);
            return result.records.map((record) => toPlain(record.toObject()) as Row);
          },
        });
      const config = timeoutMs ? { timeout: timeoutMs } : this.#transactionConfig;
      return mode === 'read'
        ? await session.executeRead(body, config)
        : await session.executeWrite(body, config);
    } catch (error) {
      throw this.#translate(error, state.current);
    } finally {
      await session.close();
    }
  }

  /** Runs a query expected to return at most one row. */
  async first<Params, Row>(
    query: QueryDefinition<Params, Row>,
    params: Params,
  ): Promise<Row | undefined> {
    const rows = await this.run(query, params);
    return rows[0];
  }

  /** Checks the server answers and returns its address and protocol version. */
  async serverInfo(): Promise<ServerInfo> {
    try {
      return await this.#driver.getServerInfo({ database: this.#options.database });
    } catch (error) {
      throw translateError(error, 'serverInfo');
    }
  }

  /** One query in an auto-commit transaction (administration commands on `system`, reads). */
  async #runAutoCommit<Params, Row>(
    query: QueryDefinition<Params, Row>,
    params: Params,
  ): Promise<Row[]> {
    const session = this.#session(query);
    try {
      const started = performance.now();
      const text = this.#textOf(query, params);
      const prepared = this.#prepare(query, params);
      const config = query.timeoutMs ? { timeout: query.timeoutMs } : this.#transactionConfig;
      const result = await startQuery(() => session.run(text, prepared, config));
      this.#logQuery(query.name, result.records.length, started);
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    } catch (error) {
      throw this.#translate(error, query.name);
    } finally {
      await session.close();
    }
  }

  get #transactionConfig(): { timeout: number } {
    return { timeout: this.#options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS };
  }

  #prepare<Params>(
    query: QueryDefinition<Params, unknown>,
    params: Params,
  ): Record<string, unknown> {
    return toNeo4jParams(params as Record<string, unknown>, query.integerParams);
  }

  #logQuery(name: string, rows: number, started: number): void {
    this.#options.logger.debug(
      { query: name, rows, ms: Math.round(performance.now() - started) },
      'query',
    );
  }

  #translate(error: unknown, queryName: string): RingtraceError {
    const translated = translateError(error, queryName);
    if (translated.status >= 500) {
      this.#options.logger.warn({ query: queryName, err: error }, translated.message);
    }
    return translated;
  }

  #textOf<Params>(query: QueryDefinition<Params, unknown>, params: Params): string {
    const labelParam = query.labelParam;
    let key = query.name;
    if (labelParam) {
      const label = params[labelParam.name];
      if (typeof label !== 'string' || !labelParam.labels.includes(label)) {
        throw new RingtraceError(
          'internal',
          `Query ${query.name}: $${labelParam.name} must be one of ${labelParam.labels.join(', ')}.`,
        );
      }
      key = labelledTextKey(query.name, label);
    }
    const text = this.#options.texts.get(key);
    if (text === undefined) {
      throw new RingtraceError('internal', `Query ${query.name} was not loaded.`);
    }
    return text;
  }

  #session(query: { readonly mode: AccessMode; readonly system: boolean }): Session {
    return this.#driver.session({
      database: query.system ? 'system' : this.#options.database,
      defaultAccessMode: query.mode === 'read' ? 'READ' : 'WRITE',
    });
  }
}
