/** Generated scenarios the benchmarks share, cached under .ringtrace/bench/. */
import { closeSync, existsSync, openSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { COLUMNS, FILE_KINDS, fileName, writeScenario } from '../../seed/index';
import { PROJECT_ROOT, loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { queries } from '../../server/db/queries';
import { loadScenario } from '../../server/ingest/scenario';

export const BENCH_DIR = path.join(PROJECT_ROOT, '.ringtrace', 'bench');

export type ScenarioSize = 'demo' | 'small' | 'medium' | 'large';

/** A scenario's size preset, optionally with another population. */
export interface ScenarioChoice {
  size: ScenarioSize;
  seed: number;
  /** People instead of the preset's (the preset's rings and activity stay). */
  people?: number;
}

/** A folder-name-safe label of a scenario, e.g. `medium-7` or `medium-7-p40000`. */
function scenarioLabel({ size, seed, people }: ScenarioChoice): string {
  return people === undefined ? `${size}-${seed}` : `${size}-${seed}-p${people}`;
}

/**
 * Whether a generated folder's files have the columns the generator writes now (a folder written
 * before a column was added is generated again).
 */
function currentColumns(dir: string): boolean {
  return FILE_KINDS.every((kind) => {
    const file = path.join(dir, fileName(kind));
    if (!existsSync(file)) return true;
    const buffer = Buffer.alloc(4_096);
    const fd = openSync(file, 'r');
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    const head = buffer.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
    return head === COLUMNS[kind].join(',');
  });
}

/** The scenario's folder, generated on first use (and again when its columns are out of date). */
export async function benchScenario(
  size: ScenarioSize,
  seed: number,
  people?: number,
): Promise<string> {
  const choice = { size, seed, ...(people === undefined ? {} : { people }) };
  const dir = path.join(BENCH_DIR, `scenario-${scenarioLabel(choice)}`);
  if (!existsSync(path.join(dir, 'truth.json')) || !currentColumns(dir)) {
    const with_ = people === undefined ? '' : `, ${people.toLocaleString('en')} people`;
    console.log(`Generating the ${size} scenario (seed ${seed}${with_}) ...`);
    await writeScenario({
      size,
      seed,
      outDir: dir,
      ...(people === undefined ? {} : { overrides: { people } }),
    });
  }
  return dir;
}

/** Median and percentiles of a list of numbers (nearest rank). */
export function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/**
 * A dedicated local Neo4j (under .ringtrace/bench/) holding the scenario's graph: loaded on first
 * use, kept for later runs, and its page cache warmed as on a server that has been answering for
 * a while. `bench:api` and `bench:analysis` share it.
 */
export async function openScenarioGraph(
  size: ScenarioSize,
  seed: number,
  settings: Record<string, string> = {},
  people?: number,
) {
  const scenarioDir = await benchScenario(size, seed, people);
  const label = scenarioLabel({ size, seed, ...(people === undefined ? {} : { people }) });
  const config = loadConfig({
    RINGTRACE_DATA_DIR: path.join(BENCH_DIR, `api-data-${label}`),
    NEO4J_BOLT_PORT: '7696',
    NEO4J_HEAP: '4g',
    NEO4J_PAGECACHE: '3g',
    ...settings,
  });
  console.log('Starting a dedicated local Neo4j ...');
  const database = await openDatabase(config, pino({ level: 'warn' }));
  const { executor } = database;
  const nodeCount = async () =>
    (await executor.run(queries.graphSummary, {})).reduce((sum, row) => sum + row.count, 0);
  // Written once the whole scenario is in; a load cut short is simply run again (loads are
  // idempotent).
  const loadedMarker = path.join(config.dataDir, 'scenario-loaded');
  try {
    if (!existsSync(loadedMarker)) {
      console.log(`Loading the ${label} scenario once (kept for later runs) ...`);
      const started = performance.now();
      await loadScenario(executor, scenarioDir, {
        workDir: path.join(BENCH_DIR, `api-work-${label}`),
        onFile: (kind) =>
          console.log(`  ${kind} (${Math.round((performance.now() - started) / 1000)} s)`),
      });
      writeFileSync(loadedMarker, `${new Date().toISOString()}\n`);
    }
    const nodes = await nodeCount();
    const warming = performance.now();
    await executor.run(queries.warmPageCache, {});
    console.log(
      `Graph: ${nodes.toLocaleString('en')} nodes; page cache warmed in ` +
        `${Math.round((performance.now() - warming) / 1000)} s.`,
    );
    return { database, config, scenarioDir, nodes };
  } catch (error) {
    await database.close();
    throw error;
  }
}
