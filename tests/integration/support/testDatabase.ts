/**
 * Per-file access to the test Neo4j: a driver and an executor that know Ringtrace's queries plus
 * the fixture queries in `support/cypher/`, and an empty graph before every test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { loadAllQueries, type Credentials } from '../../../server/db/database';
import { Executor } from '../../../server/db/executor';
import { defineQuery, loadQueries, type NoParams } from '../../../server/db/query';
import type { SchemaStatement } from '../../../server/db/schema';

export interface TestNeo4j extends Credentials {
  readonly database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cypher');

/** Queries only the tests run: they write and read test data directly. */
export const fixtureQueries = {
  deleteAllData: defineQuery<NoParams, { deleted: number }>('deleteAllData', 'write'),
  countNodes: defineQuery<NoParams, { count: number }>('countNodes', 'read'),
  createRingRun: defineQuery<
    { runId: string; members: { type: string; id: string; role: string }[] },
    { ring: string }
  >('createRingRun', 'write'),
  createListedRing: defineQuery<
    { runId: string; members: { type: string; id: string; role: string }[] },
    { ring: string }
  >('createListedRing', 'write'),
  createPhoneNumber: defineQuery<
    { id: string; raw: string; firstSeen: string; calls: number },
    { id: string }
  >('createPhoneNumber', 'write', { integerParams: ['calls'] }),
  phoneNumberById: defineQuery<
    { id: string },
    { id: string; raw: string; firstSeen: string; calls: number; node: unknown }
  >('phoneNumberById', 'read'),
  phoneNumbersInOrder: defineQuery<{ limit: number }, { id: string }>(
    'phoneNumbersInOrder',
    'read',
    { integerParams: ['limit'] },
  ),
  ageSessions: defineQuery<{ minutes: number }, never>('ageSessions', 'write', {
    integerParams: ['minutes'],
  }),
  editAuditEntry: defineQuery<{ seq: number; actor: string }, never>('editAuditEntry', 'write', {
    integerParams: ['seq'],
  }),
  deleteAuditEntry: defineQuery<{ seq: number }, never>('deleteAuditEntry', 'write', {
    integerParams: ['seq'],
  }),
  truncateAuditTrail: defineQuery<{ keep: number }, never>('truncateAuditTrail', 'write', {
    integerParams: ['keep'],
  }),
  rewriteAuditEntries: defineQuery<
    {
      entries: { seq: number; actor: string; prevHash: string; hash: string }[];
      seq: number;
      hash: string;
    },
    never
  >('rewriteAuditEntries', 'write', { integerParams: ['seq'] }),
  createBankAccount: defineQuery<{ id: string; bank: string }, never>('createBankAccount', 'write'),
  createPerson: defineQuery<{ id: string; name: string }, never>('createPerson', 'write'),
  labelCounts: defineQuery<NoParams, { label: string; count: number }>('labelCounts', 'read'),
  relationshipCounts: defineQuery<NoParams, { type: string; count: number }>(
    'relationshipCounts',
    'read',
  ),
  transfersInGraph: defineQuery<
    NoParams,
    {
      id: string;
      from: string;
      to: string;
      amountMinor: number;
      currency: string;
      time: string;
      timeOffset: string;
      sourceId: string;
      sourceLine: number;
    }
  >('transfersInGraph', 'read'),
  transferAggregates: defineQuery<
    NoParams,
    {
      from: string;
      to: string;
      currency: string;
      count: number;
      totalMinor: number;
      first: string;
      last: string;
    }
  >('transferAggregates', 'read'),
  linksOf: defineQuery<
    { id: string },
    {
      type: string;
      outgoing: boolean;
      label: string;
      other: string;
      props: Record<string, unknown>;
    }
  >('linksOf', 'read'),
  identityIdByLabel: defineQuery<{ label: string; id: string }, { id: string }>(
    'identityIdByLabel',
    'read',
    { labelParam: { name: 'label', labels: ['PhoneNumber', 'BankAccount'] } },
  ),
  nodeById: defineQuery<{ id: string }, { labels: string[]; props: Record<string, unknown> }>(
    'nodeById',
    'read',
  ),
  allNodes: defineQuery<NoParams, { labels: string[]; props: Record<string, unknown> }>(
    'allNodes',
    'read',
  ),
  allRelationships: defineQuery<
    NoParams,
    {
      type: string;
      fromLabels: string[];
      from: string;
      toLabels: string[];
      to: string;
      props: Record<string, unknown>;
    }
  >('allRelationships', 'read'),
} as const;

/** Label -> node count, and type -> relationship count, of the whole graph. */
export async function graphCounts(
  executor: Executor,
): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const labels = await executor.run(fixtureQueries.labelCounts, {});
  const types = await executor.run(fixtureQueries.relationshipCounts, {});
  return {
    labels: Object.fromEntries(labels.map((row) => [row.label, row.count])),
    types: Object.fromEntries(types.map((row) => [row.type, row.count])),
  };
}

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface TestDatabase {
  readonly driver: Driver;
  readonly executor: Executor;
  readonly schema: readonly SchemaStatement[];
  readonly settings: TestNeo4j;
}

/**
 * Connects the test file to the test Neo4j and empties the graph before each test, or with
 * `emptyBefore: 'all'` once before the file's tests (they then share what the first one loads).
 */
export function useTestDatabase(
  driverConfig: DriverConfig = {},
  options: { emptyBefore?: 'each' | 'all' } = {},
): TestDatabase {
  const state = {} as { driver: Driver; executor: Executor; schema: SchemaStatement[] };
  const settings = inject('neo4j');

  beforeAll(() => {
    const { texts, schema } = loadAllQueries();
    const fixtures = loadQueries(FIXTURE_DIR, Object.values(fixtureQueries));
    state.driver = neo4j.driver(
      settings.uri,
      neo4j.auth.basic(settings.user, settings.password),
      driverConfig,
    );
    state.executor = new Executor(state.driver, {
      database: settings.database,
      texts: new Map([...texts, ...fixtures]),
      logger: silentLogger,
    });
    state.schema = schema;
  });

  // In slices, so a large graph left by a benchmark-sized test fits in transaction memory.
  const emptyGraph = async () => {
    while (((await state.executor.first(fixtureQueries.deleteAllData, {}))?.deleted ?? 0) > 0);
  };
  if (options.emptyBefore === 'all') beforeAll(emptyGraph, 300_000);
  else beforeEach(emptyGraph);

  afterAll(async () => {
    await state.driver?.close();
  });

  return {
    get driver() {
      return state.driver;
    },
    get executor() {
      return state.executor;
    },
    get schema() {
      return state.schema;
    },
    settings,
  };
}
