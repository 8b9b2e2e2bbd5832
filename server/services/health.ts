/**
 * Health of Ringtrace's graph database: Neo4j version and edition, whether the GDS and APOC
 * plugins are loaded, and whether every constraint and index of `cypher/schema/` is online.
 */
import { RingtraceError } from '../errors';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import type { HealthReport } from '../contract/health';
import type { LocalNeo4jStatus } from '../neo4j/keeper';

export type { HealthReport };
export type PluginHealth = HealthReport['gds'];

export interface HealthContext {
  readonly executor: Executor;
  readonly kind: 'local' | 'remote';
  readonly schemaNames: readonly string[];
  /** The local Neo4j's state and restarts, when Ringtrace keeps one running. */
  readonly localNeo4j?: (() => LocalNeo4jStatus | undefined) | undefined;
}

const NOT_LOADED: PluginHealth = { loaded: false, version: null };

async function pluginVersions(
  executor: Executor,
): Promise<{ gds: PluginHealth; apoc: PluginHealth }> {
  const names = (await executor.first(queries.installedExtensions, {}))?.names ?? [];
  const gds = names.includes('gds.version')
    ? { loaded: true, version: (await executor.first(queries.gdsVersion, {}))?.version ?? null }
    : NOT_LOADED;
  const apoc = names.includes('apoc.version')
    ? { loaded: true, version: (await executor.first(queries.apocVersion, {}))?.version ?? null }
    : NOT_LOADED;
  return { gds, apoc };
}

/** What does not change while a Neo4j server runs: its version, edition and plugins. */
interface ServerFacts {
  readonly version: string | null;
  readonly edition: string | null;
  readonly gds: PluginHealth;
  readonly apoc: PluginHealth;
}

/** Server facts are read again after this long, and whenever Neo4j could not be reached. */
const FACTS_TTL_MS = 60_000;

const knownFacts = new WeakMap<Executor, { facts: ServerFacts; readAt: number }>();

async function serverFacts(executor: Executor): Promise<ServerFacts> {
  const known = knownFacts.get(executor);
  if (known && Date.now() - known.readAt < FACTS_TTL_MS) return known.facts;
  const components = await executor.run(queries.dbmsComponents, {});
  const kernel = components.find((row) => row.name === 'Neo4j Kernel') ?? components[0];
  const facts = {
    version: kernel?.versions[0] ?? null,
    edition: kernel?.edition ?? null,
    ...(await pluginVersions(executor)),
  };
  knownFacts.set(executor, { facts, readAt: Date.now() });
  return facts;
}

/**
 * The health report. Each call asks Neo4j for the state of the schema (which also shows it is
 * reachable); its version and plugins are read once a minute, so a busy monitor costs one query.
 */
export async function checkHealth(context: HealthContext): Promise<HealthReport> {
  const { executor, kind, schemaNames } = context;
  const neo4jBase = { kind, database: executor.database, local: context.localNeo4j?.() ?? null };
  try {
    const online = new Set(
      (await executor.run(queries.schemaIndexes, {}))
        .filter((row) => row.state === 'ONLINE')
        .map((row) => row.name),
    );
    const { version, edition, gds, apoc } = await serverFacts(executor);
    const missing = schemaNames.filter((name) => !online.has(name));
    const healthy = missing.length === 0 && gds.loaded && apoc.loaded;
    return {
      status: healthy ? 'ok' : 'degraded',
      neo4j: { ...neo4jBase, reachable: true, version, edition },
      gds,
      apoc,
      schema: { inPlace: missing.length === 0, missing },
    };
  } catch (error) {
    if (!(error instanceof RingtraceError) || error.kind !== 'database-unavailable') throw error;
    knownFacts.delete(executor);
    return {
      status: 'unavailable',
      neo4j: { ...neo4jBase, reachable: false, version: null, edition: null },
      gds: NOT_LOADED,
      apoc: NOT_LOADED,
      schema: { inPlace: false, missing: [...schemaNames] },
    };
  }
}
