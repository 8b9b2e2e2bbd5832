/**
 * The bulk first load: partner files into an EMPTY database of the local Neo4j that Ringtrace
 * runs itself, through Neo4j's import tool instead of transactions.
 *
 * Every row is read and normalised by the same code as the online load (`reader.ts`,
 * `mapping.ts`, `kinds/` via `parseRead`), so rejects and summaries are the same. The rows
 * become the import tool's CSV files (`bulkGraph.ts`, fed by each kind's `bulk` plan): the same
 * graph the online writes build, with its provenance, aggregates and `Source` nodes. Then the
 * local Neo4j is stopped, `neo4j-admin database import full` writes the store, Neo4j starts again,
 * the usual schema step creates the constraints and indexes, and the load ends when they are
 * online.
 *
 * It refuses an external server (`NEO4J_URI`), a local server that another process is running,
 * and a database that holds any node: then the online load is the way.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import type { Config, LocalNeo4jConfig } from '../../config';
import { openDatabase, type Database } from '../../db/database';
import { queries } from '../../db/queries';
import { RingtraceError, badRequest } from '../../errors';
import { LocalNeo4j } from '../../neo4j/localServer';
import { kindDefinition, type FileKind } from '../kinds';
import {
  LOAD_DEFAULTS,
  RejectsFile,
  checkHeader,
  parseRead,
  sourceOf,
  type LoadProgress,
  type LoadSummary,
  type RejectedRow,
} from '../loader';
import type { Mapping } from '../mapping';
import { ByteCounter, inspectFile, readRows, type FileInfo } from '../reader';
import { BulkGraph } from './bulkGraph';
import { requireSort } from './externalSort';
import { SOURCE_COLUMNS, headerCell } from './graphModel';

export const BULK_DEFAULTS = {
  /** Heap of the import tool's JVM. */
  importHeap: '2g',
  /** Memory the import tool may use outside its heap. */
  importOffHeap: '2G',
  /** How often the index states are read while they populate. */
  indexPollMs: 500,
} as const;

export interface BulkFile {
  readonly file: string;
  readonly kind: FileKind;
  /** Who supplied the file. */
  readonly organisation: string;
  /** The organisation's own records (`--sector`): see `ParseContext.partner`. */
  readonly partner?: boolean;
  readonly mapping?: Mapping;
  readonly country?: CountryCode;
  /** The name to record for the file. */
  readonly fileName?: string;
}

export type BulkProgress =
  | { readonly phase: 'check' | 'group' | 'start'; readonly message: string }
  | { readonly phase: 'parse'; readonly file: string; readonly progress: LoadProgress }
  | { readonly phase: 'import'; readonly line: string }
  | { readonly phase: 'schema'; readonly done: number; readonly total: number }
  | { readonly phase: 'indexes'; readonly online: number; readonly total: number };

export interface BulkOptions {
  /** Folder for rejects files and the import files (removed after the import). */
  readonly workDir: string;
  readonly logger: Logger;
  readonly onProgress?: (progress: BulkProgress) => void;
  /** Keep the import files (for looking into them). */
  readonly keepFiles?: boolean;
}

/** Seconds spent in each phase, and in all. */
export interface BulkTimings {
  readonly check: number;
  readonly parse: number;
  readonly group: number;
  readonly import: number;
  /** Starting Neo4j and creating the constraints (each builds its index). */
  readonly startAndSchema: number;
  /** Waiting for the other indexes to come online. */
  readonly indexes: number;
  readonly total: number;
}

export interface BulkResult {
  readonly summaries: LoadSummary[];
  readonly timings: BulkTimings;
  readonly nodes: number;
  readonly relationships: number;
  /** The database, open and with its indexes online; the caller closes it. */
  readonly database: Database;
}

function refuse(message: string): never {
  throw new RingtraceError('conflict', `${message} Nothing was loaded.`);
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

/**
 * Refuses unless the local database is empty. Resolves with `stopped`: the server that was
 * started to check stops while the files are read.
 */
async function checkEmpty(
  config: Config,
  local: LocalNeo4j,
  options: BulkOptions,
): Promise<{ stopped: Promise<void> }> {
  if (local.isRunning()) {
    refuse(
      `The local Neo4j in ${(config.neo4j as LocalNeo4jConfig).homeDir} is running (a Ringtrace ` +
        'server or another command is using it). The bulk load stops Neo4j to import: stop ' +
        'Ringtrace first, or load these files online (without --bulk).',
    );
  }
  if (!local.hasDatabase(config.database)) return { stopped: Promise.resolve() };
  options.onProgress?.({
    phase: 'check',
    message: 'Starting the local Neo4j to check that the database is empty',
  });
  const database = await openDatabase(config, options.logger);
  const size = await database.executor.first(queries.countNodes, {}).catch(async (error) => {
    await database.close();
    throw error;
  });
  if ((size?.nodes ?? 0) > 0) {
    await database.close();
    refuse(
      `The database already holds ${(size?.nodes ?? 0).toLocaleString('en')} nodes. --bulk only ` +
        'loads into an empty ' +
        'database (its import replaces the whole store): load these files online, without ' +
        '--bulk, to add them to what is there.',
    );
  }
  return { stopped: database.close() };
}

interface ParsedFile {
  readonly info: FileInfo;
  readonly input: BulkFile;
  readonly sourceId: string;
  rowsRead: number;
  rejected: number;
  readonly rejects: RejectedRow[];
  readonly rejectsFile: RejectsFile;
  seconds: number;
}

/** Reads and normalises every file into the import files (see the module comment). */
async function parseFiles(
  files: readonly { info: FileInfo; input: BulkFile }[],
  graph: BulkGraph,
  options: BulkOptions,
): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  for (const [index, { info, input }] of files.entries()) {
    const started = performance.now();
    const definition = kindDefinition(input.kind);
    const source = sourceOf(input.kind, input.organisation, info.hash);
    const rejectsFile = new RejectsFile(
      path.join(options.workDir, 'rejects', `${source.stem}.rejects.csv`),
    );
    rmSync(rejectsFile.path, { force: true });
    const file: ParsedFile = {
      info,
      input,
      sourceId: source.id,
      rowsRead: 0,
      rejected: 0,
      rejects: [],
      rejectsFile,
      seconds: 0,
    };
    const context = {
      organisation: input.organisation,
      partner: input.partner ?? false,
      country: input.country ?? LOAD_DEFAULTS.country,
      defaultOffset: input.mapping?.defaultOffset,
      roundAmounts: input.mapping?.roundAmounts,
    };
    const counter = new ByteCounter();
    const report = () =>
      options.onProgress?.({
        phase: 'parse',
        file: info.name,
        progress: {
          rowsRead: file.rowsRead,
          loaded: file.rowsRead - file.rejected,
          rejected: file.rejected,
          bytesRead: counter.bytes,
          bytesTotal: info.bytes,
        },
      });
    graph.beginFile(index, source.id);
    for await (const read of readRows(info, counter)) {
      file.rowsRead += 1;
      const result = parseRead(read, definition, input.mapping, context);
      if ('reason' in result) {
        file.rejected += 1;
        if (file.rejects.length < LOAD_DEFAULTS.rejectsInSummary) {
          file.rejects.push({ line: read.line, reason: result.reason });
        }
        rejectsFile.write(read.line, result.reason, result.raw);
      } else {
        graph.beginRecord(read.line, definition.recordLabel, result.row.id);
        definition.bulk(graph, result.row, input.organisation);
      }
      if (file.rowsRead % 512 === 0) {
        await graph.ready();
        if (file.rowsRead % 16_384 === 0) report();
      }
    }
    await rejectsFile.close();
    report();
    file.seconds = seconds(started);
    parsed.push(file);
  }
  return parsed;
}

/**
 * Adds the Source node of each file (one per organisation and content hash, as `recordSource`
 * merges them).
 */
function addSources(graph: BulkGraph, summaries: readonly LoadSummary[]): void {
  const now = new Date().toISOString();
  const sources = new Map<string, (string | number)[]>();
  for (const summary of summaries) {
    const known = sources.get(summary.sourceId);
    sources.set(summary.sourceId, [
      known?.[0] ?? summary.organisation,
      known?.[1] ?? summary.kind,
      known?.[2] ?? summary.file,
      now,
      now,
      summary.rowsRead,
      Number(known?.[6] ?? 0) + summary.loaded,
      summary.rejected,
    ]);
  }
  const header = SOURCE_COLUMNS.map(([name, type]) => headerCell(name, type));
  for (const [id, cells] of sources) graph.source(id, cells, header);
}

/** Waits until every index is online; fails on one that failed. */
async function awaitIndexes(database: Database, options: BulkOptions): Promise<void> {
  for (;;) {
    const indexes = await database.executor.run(queries.schemaIndexes, {});
    const failed = indexes.find((index) => index.state === 'FAILED');
    if (failed) throw new Error(`Index ${failed.name} failed to populate after the bulk import`);
    const online = indexes.filter((index) => index.state === 'ONLINE').length;
    options.onProgress?.({ phase: 'indexes', online, total: indexes.length });
    if (online === indexes.length) return;
    await new Promise((resolve) => setTimeout(resolve, BULK_DEFAULTS.indexPollMs));
  }
}

/**
 * Runs the import tool. A failed import leaves the store unusable: as the database was empty,
 * its files are removed, so that the next start begins with an empty database again.
 */
async function runImport(
  local: LocalNeo4j,
  config: Config,
  args: readonly string[],
  options: BulkOptions,
): Promise<void> {
  try {
    await local.runAdmin(
      args,
      (line) => options.onProgress?.({ phase: 'import', line }),
      BULK_DEFAULTS.importHeap,
    );
  } catch (error) {
    const data = path.join((config.neo4j as LocalNeo4jConfig).homeDir, 'data');
    for (const folder of ['databases', 'transactions']) {
      rmSync(path.join(data, folder, config.database), { recursive: true, force: true });
    }
    if (error instanceof Error) {
      error.message += `\nThe ${config.database} database was left empty; nothing was loaded.`;
    }
    throw error;
  }
}

/** Loads `files` into the empty local database; see the module comment. */
export async function bulkLoad(
  config: Config,
  files: readonly BulkFile[],
  options: BulkOptions,
): Promise<BulkResult> {
  const started = performance.now();
  if (config.neo4j.kind !== 'local') {
    throw badRequest(
      '--bulk loads only into the local Neo4j that Ringtrace runs itself (.ringtrace/), and ' +
        'NEO4J_URI points at an external server. Load these files online (without --bulk).',
    );
  }
  if (config.database !== 'neo4j') {
    throw badRequest(
      `--bulk imports into the local server's database "neo4j", not "${config.database}" ` +
        '(NEO4J_DATABASE). Load online instead.',
    );
  }
  if (files.length === 0) throw badRequest('--bulk needs at least one file.');
  requireSort();
  const inspected: { info: FileInfo; input: BulkFile }[] = [];
  for (const input of files) {
    const info = await inspectFile(input.file, input.fileName);
    checkHeader(info, input.kind, input.mapping);
    inspected.push({ info, input });
  }

  const local = new LocalNeo4j(config.neo4j, options.logger);
  const { stopped } = await checkEmpty(config, local, options);
  const checked = performance.now();

  const importDir = path.join(options.workDir, 'bulk', `import-${Date.now()}`);
  mkdirSync(path.join(importDir, 'sort'), { recursive: true });
  const graph = new BulkGraph(importDir);
  let database: Database | undefined;
  try {
    const parsed = await parseFiles(inspected, graph, options);
    const afterParse = performance.now();
    options.onProgress?.({
      phase: 'group',
      message: 'Grouping identities, links and aggregates, and writing the import files',
    });
    const counts = await graph.countRecords(parsed.length);
    const summaries: LoadSummary[] = parsed.map((file, index) => ({
      file: file.info.name,
      kind: file.input.kind,
      organisation: file.input.organisation,
      sourceId: file.sourceId,
      rowsRead: file.rowsRead,
      loaded: counts[index]?.loaded ?? 0,
      duplicates: counts[index]?.duplicates ?? 0,
      rejected: file.rejected,
      rejectsFile: file.rejectsFile.used ? file.rejectsFile.path : null,
      rejects: file.rejects,
      rejectReasons: file.rejectsFile.reasons(),
      resumedAfterLine: null,
      complete: true,
      seconds: file.seconds,
    }));
    addSources(graph, summaries);
    await graph.finish();
    const afterGroup = performance.now();

    await stopped;
    await runImport(
      local,
      config,
      [
        'database',
        'import',
        'full',
        // The database first: `--nodes` and `--relationships` take every word after them as files.
        config.database,
        '--overwrite-destination=true',
        '--id-type=string',
        `--max-off-heap-memory=${BULK_DEFAULTS.importOffHeap}`,
        `--report-file=${path.join(importDir, 'import.report')}`,
        ...(graph.tables.multiline ? ['--multiline-fields=true'] : []),
        ...graph.tables.importArguments(),
      ],
      options,
    );
    const afterImport = performance.now();
    if (!options.keepFiles) rmSync(importDir, { recursive: true, force: true });

    options.onProgress?.({
      phase: 'start',
      message: 'Starting the local Neo4j on the imported graph and creating the schema',
    });
    database = await openDatabase(config, options.logger, {
      onSchemaApplied: (done, total) => options.onProgress?.({ phase: 'schema', done, total }),
    });
    const afterSchema = performance.now();
    await awaitIndexes(database, options);
    const ready = performance.now();
    const nodes = (await database.executor.first(queries.countNodes, {}))?.nodes ?? 0;
    // No row when there is no relationship.
    const size = await database.executor.first(queries.graphSize, {});
    const span = (from: number, to: number) => Math.round((to - from) / 100) / 10;
    return {
      summaries,
      timings: {
        check: span(started, checked),
        parse: span(checked, afterParse),
        group: span(afterParse, afterGroup),
        import: span(afterGroup, afterImport),
        startAndSchema: span(afterImport, afterSchema),
        indexes: span(afterSchema, ready),
        total: span(started, ready),
      },
      nodes,
      relationships: size?.relationships ?? 0,
      database,
    };
  } catch (error) {
    graph.abort();
    await database?.close();
    await stopped.catch(() => undefined);
    throw error;
  } finally {
    if (!options.keepFiles && !database) rmSync(importDir, { recursive: true, force: true });
  }
}
