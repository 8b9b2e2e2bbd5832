/**
 * The bulk first load (`npm run ingest -- --bulk`) builds the same graph as the online load: a
 * generated scenario and the ingest fixtures (bad rows, a duplicate, JSON Lines) are loaded both
 * ways, online into the test Neo4j and in bulk into a local Neo4j of this file's own, and the two
 * graphs are compared node by node and relationship by relationship, with the load summaries.
 * The bulk load refuses an external server, a running local server and a database that is not
 * empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScenario } from '../../seed/index';
import { PROJECT_ROOT, loadConfig } from '../../server/config';
import { loadAllQueries, type Database } from '../../server/db/database';
import { Executor } from '../../server/db/executor';
import { queries } from '../../server/db/queries';
import { loadQueries } from '../../server/db/query';
import { RingtraceError } from '../../server/errors';
import { bulkLoad, type BulkFile, type BulkResult } from '../../server/ingest/bulk/bulkLoad';
import { loadFile, type LoadSummary } from '../../server/ingest/loader';
import { SCENARIO_FILES, scenarioFile } from '../../server/ingest/scenario';
import {
  FIXTURE_DIR,
  fixtureQueries,
  graphCounts,
  silentLogger,
  useTestDatabase,
} from './support/testDatabase';

const db = useTestDatabase();

/** The local Neo4j the bulk loads go to: its own folder and port, emptied before each load. */
const bulkEnv = {
  RINGTRACE_DATA_DIR:
    process.env.RINGTRACE_TEST_BULK_DATA_DIR ?? path.join('.ringtrace', 'test-bulk'),
  NEO4J_BOLT_PORT: process.env.RINGTRACE_TEST_BULK_PORT ?? '7689',
  NEO4J_HEAP: '1g',
  NEO4J_PAGECACHE: '256m',
};
const bulkConfig = loadConfig(bulkEnv);

const open: Database[] = [];
afterAll(async () => {
  for (const database of open) await database.close();
});

function bulkExecutor(database: Database): Executor {
  const { texts } = loadAllQueries();
  const fixtures = loadQueries(FIXTURE_DIR, Object.values(fixtureQueries));
  return new Executor(database.driver, {
    database: 'neo4j',
    texts: new Map([...texts, ...fixtures]),
    logger: silentLogger,
  });
}

/** Bulk-loads into an emptied local database; the database stays open until the file ends. */
async function bulk(files: BulkFile[]): Promise<BulkResult> {
  rmSync(bulkConfig.dataDir, { recursive: true, force: true });
  const result = await bulkLoad(bulkConfig, files, {
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bulk-')),
    logger: silentLogger,
  });
  open.push(result.database);
  return result;
}

async function online(files: BulkFile[]): Promise<LoadSummary[]> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-online-'));
  const summaries: LoadSummary[] = [];
  for (const file of files) {
    summaries.push(
      await loadFile(db.executor, file.file, {
        kind: file.kind,
        organisation: file.organisation,
        ...(file.partner ? { partner: true } : {}),
        workDir,
      }),
    );
  }
  return summaries;
}

/** Keys sorted, so equal values print equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}

/** The whole graph as sorted lines; the times a Source was loaded differ and are left out. */
async function snapshot(executor: Executor): Promise<{ nodes: string[]; links: string[] }> {
  const nodes = await executor.run(fixtureQueries.allNodes, {});
  const links = await executor.run(fixtureQueries.allRelationships, {});
  return {
    nodes: nodes
      .map(({ labels, props }) => {
        const { firstLoadedAt, lastLoadedAt, ...kept } = props;
        const loadTimes = labels.includes('Source') ? [typeof firstLoadedAt, lastLoadedAt] : [];
        return canonical({ labels: [...labels].sort(), props: kept, loadTimes: loadTimes.length });
      })
      .sort(),
    links: links
      .map((link) =>
        canonical({ ...link, fromLabels: link.fromLabels.sort(), toLabels: link.toLabels.sort() }),
      )
      .sort(),
  };
}

function counted(summaries: readonly LoadSummary[]) {
  return summaries.map((summary) => ({
    file: summary.file,
    kind: summary.kind,
    sourceId: summary.sourceId,
    rowsRead: summary.rowsRead,
    loaded: summary.loaded,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    rejects: summary.rejects,
  }));
}

describe('the bulk first load', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bulk-scenario-'));
  let scenario: BulkFile[];

  beforeAll(async () => {
    await writeScenario({ size: 'demo', seed: 11, outDir: dir });
    scenario = SCENARIO_FILES.flatMap(({ kind, organisation }) => {
      const file = scenarioFile(dir, kind);
      return file ? [{ file, kind, organisation }] : [];
    });
  }, 60_000);

  it('builds the same graph from a generated scenario as the online load', async () => {
    const onlineSummaries = await online(scenario);
    const result = await bulk(scenario);
    expect(counted(result.summaries)).toEqual(counted(onlineSummaries));

    const executor = bulkExecutor(result.database);
    const [expected, actual] = [await graphCounts(db.executor), await graphCounts(executor)];
    expect(actual).toEqual(expected);
    expect(expected.labels.Call).toBeGreaterThan(10_000);
    expect(result.nodes).toBe(
      Object.values(expected.labels).reduce((a, b) => a + b, 0) - (expected.labels.Victim ?? 0),
    );

    const [want, got] = [await snapshot(db.executor), await snapshot(executor)];
    expect(got.nodes).toEqual(want.nodes);
    expect(got.links).toEqual(want.links);
    expect(await executor.run(fixtureQueries.transferAggregates, {})).toEqual(
      await db.executor.run(fixtureQueries.transferAggregates, {}),
    );

    // The constraints and indexes of the schema step are in place and online.
    const indexes = await executor.run(queries.schemaIndexes, {});
    expect(indexes.length).toBeGreaterThan(20);
    expect(indexes.filter((index) => index.state !== 'ONLINE')).toEqual([]);
  }, 600_000);

  it('refuses a running local server and a database that is not empty', async () => {
    const files = scenario.slice(0, 1);
    const running = bulkLoad(bulkConfig, files, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bulk-')),
      logger: silentLogger,
    });
    await expect(running).rejects.toThrow(/is running .* stop Ringtrace first/s);

    for (const database of open.splice(0)) await database.close();
    const again = bulkLoad(bulkConfig, files, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bulk-')),
      logger: silentLogger,
    });
    await expect(again).rejects.toThrow(
      /already holds [\d,]+ nodes\. --bulk only loads into an empty/,
    );
    await expect(again).rejects.toBeInstanceOf(RingtraceError);
  }, 300_000);

  it('refuses an external server named by NEO4J_URI', async () => {
    const remote = loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7999', NEO4J_PASSWORD: 'x' });
    await expect(
      bulkLoad(remote, scenario, { workDir: os.tmpdir(), logger: silentLogger }),
    ).rejects.toThrow(/NEO4J_URI points at an external server/);
  });
});

describe('bad rows in a bulk load', () => {
  const fixture = (name: string) => path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', name);
  const files: BulkFile[] = [
    { file: fixture('bank-accounts.csv'), kind: 'bank-accounts', organisation: 'ICBC' },
    // Holders' registered mobile numbers (USES_NUMBER), one row rejected for a number without a holder.
    { file: fixture('bank-accounts-phones.csv'), kind: 'bank-accounts', organisation: 'ICBC' },
    { file: fixture('platform-accounts.csv'), kind: 'platform-accounts', organisation: 'wechat' },
    { file: fixture('sightings.jsonl'), kind: 'telecom-sightings', organisation: 'CMCC' },
    { file: fixture('transfers.csv'), kind: 'bank-transfers', organisation: 'ICBC' },
    // A reference over two lines, with quotes, and a duplicate among rows of that kind; loaded as
    // ABC's own records (`--sector bank`), so its ids are ABC's.
    {
      file: fixture('transfers-multiline.csv'),
      kind: 'bank-transfers',
      organisation: 'ABC',
      partner: true,
    },
    { file: fixture('cdr.csv'), kind: 'telecom-cdr', organisation: 'CMCC' },
    { file: fixture('platform-logins.csv'), kind: 'platform-logins', organisation: 'wechat' },
    { file: fixture('platform-messages.csv'), kind: 'platform-messages', organisation: 'wechat' },
    { file: fixture('reports.csv'), kind: 'police-reports', organisation: 'police' },
  ];

  it('go to the rejects file with line and reason while the good rows load, as online', async () => {
    const onlineSummaries = await online(files);
    const result = await bulk(files);
    expect(counted(result.summaries)).toEqual(counted(onlineSummaries));

    const transfers = result.summaries.find((summary) => summary.kind === 'bank-transfers');
    expect(transfers).toMatchObject({ rowsRead: 12, loaded: 5, duplicates: 1, rejected: 6 });
    expect(transfers?.rejects).toContainEqual({ line: 7, reason: 'amount "-50.00" is negative' });
    expect(transfers?.rejects).toContainEqual({
      line: 12,
      reason: 'line has 8 fields, the header has 10',
    });
    expect(transfers?.rejectsFile).toMatch(/bank-transfers-ICBC-[0-9a-f]{16}\.rejects\.csv$/);
    expect(
      result.summaries.find((summary) => summary.file === 'transfers-multiline.csv'),
    ).toMatchObject({ rowsRead: 3, loaded: 2, duplicates: 1, rejected: 0 });

    const executor = bulkExecutor(result.database);
    const [want, got] = [await snapshot(db.executor), await snapshot(executor)];
    expect(got).toEqual(want);
  }, 600_000);
});
