/**
 * `npm run ingest -- --kind <kind> --org <organisation> [--mapping <file or shipped name>] [--country CN] <file>...`
 * loads partner files; `npm run ingest -- --scenario <folder>` loads a folder of files named by
 * kind (a generated scenario). Shows progress, then a summary per file: rows read, loaded,
 * duplicates, rejected, and where the rejects file is. Re-running an interrupted load resumes it.
 * With `--bulk`, the files are the first load of an empty local database, through Neo4j's import
 * tool (see server/ingest/bulk/bulkLoad.ts). `--org` names who supplied the files (recorded as their
 * source); the load is a police load unless `--sector` says the files are that partner's own
 * records, loaded as its upload would be (its sector's kinds only, ids in its namespace, rows
 * about other organisations' records rejected). The new events of a file load are scored by early
 * warning (`--history`: learnt from, no alert); a scenario folder and a bulk load are history.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CountryCode } from 'libphonenumber-js';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { SECTORS, isSector, organisationProblem, uploadRefusal } from '../auth/sectors';
import { RingtraceError } from '../errors';
import { FILE_KINDS, isFileKind } from '../ingest/kinds';
import { loadFile, type LoadProgress, type LoadSummary } from '../ingest/loader';
import { mappingByPathOrName } from '../ingest/mapping';
import { SCENARIO_FILES, loadScenario, scenarioFile } from '../ingest/scenario';
import { bulkLoad, type BulkFile, type BulkProgress } from '../ingest/bulk/bulkLoad';
import { createLogger } from '../logger';
import { WarningService } from '../warning/service';
import { runCommand } from './run';

const USAGE = [
  'Usage:',
  '  npm run ingest -- --kind <kind> --org <organisation> [--sector <sector>] [--mapping <file or shipped name>] [--country CN] <file>...',
  `  --sector ${SECTORS.join('|')}: the files are that partner's own records, loaded as its upload`,
  '  npm run ingest -- --scenario <folder>',
  '  add --bulk for the first load of an empty local database (Neo4j import tool; much faster)',
  '  add --history to load files as history: early warning learns from them and raises no alert',
  '  (a scenario folder and a bulk load are always history)',
  `Kinds: ${FILE_KINDS.join(', ')}`,
].join('\n');

function fail(message: string): never {
  throw new RingtraceError('bad-request', message);
}

function progressPrinter(label: string) {
  const started = Date.now();
  // The first line after a second, when the rate means something.
  let last = started;
  return (progress: LoadProgress) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    const percent = ((100 * progress.bytesRead) / Math.max(1, progress.bytesTotal)).toFixed(0);
    const rate = Math.round(progress.rowsRead / Math.max(0.001, (now - started) / 1000));
    process.stderr.write(
      `\r${label}: ${percent}%  ${progress.rowsRead.toLocaleString('en')} rows read, ` +
        `${progress.loaded.toLocaleString('en')} loaded, ${progress.rejected} rejected, ` +
        `${rate.toLocaleString('en')} rows/s   `,
    );
  };
}

function printSummary(summary: LoadSummary): void {
  process.stderr.write('\n');
  console.log(
    `${summary.file} (${summary.kind}, from ${summary.organisation}): ` +
      `${summary.rowsRead} rows read, ${summary.loaded} loaded, ${summary.duplicates} duplicates, ` +
      `${summary.rejected} rejected in ${summary.seconds} s` +
      (summary.resumedAfterLine !== null
        ? ` (resumed after line ${summary.resumedAfterLine})`
        : ''),
  );
  if (summary.rejectsFile) {
    console.log('  rejected rows by reason:');
    const shown = summary.rejectReasons.slice(0, 8);
    const width = String(shown[0]?.rows ?? 0).length;
    for (const { reason, rows } of shown) {
      console.log(`    ${String(rows).padStart(width)}  ${reason}`);
    }
    const more = summary.rejectReasons.length - shown.length;
    if (more > 0) console.log(`    and ${more} more reasons`);
    for (const reject of summary.rejects.slice(0, 3)) {
      console.log(`  line ${reject.line}: ${reject.reason}`);
    }
    console.log(`  every rejected row, with its line and reason: ${summary.rejectsFile}`);
  }
}

const IMPORT_FILE_LIST = /^(\s+\/|\s+\[?\w+\]?:$|Nodes:$|Relationships:$)/;

function bulkProgressPrinter() {
  let printer = progressPrinter('');
  let file = '';
  let last = 0;
  return (event: BulkProgress) => {
    if (event.phase === 'parse') {
      if (event.file !== file) {
        if (file) process.stderr.write('\n');
        file = event.file;
        printer = progressPrinter(`parsing ${file}`);
      }
      printer(event.progress);
    } else if (event.phase === 'import') {
      // The tool's own progress and figures; not the list of files it was given.
      if (event.line.trim() && !IMPORT_FILE_LIST.test(event.line)) {
        process.stderr.write(`  import: ${event.line}\n`);
      }
    } else if (event.phase === 'schema' || event.phase === 'indexes') {
      const now = Date.now();
      const [done, total] =
        event.phase === 'schema' ? [event.done, event.total] : [event.online, event.total];
      if (now - last < 1000 && done < total) return;
      last = now;
      const what = event.phase === 'schema' ? 'constraints and indexes created' : 'indexes online';
      process.stderr.write(`\r  ${what}: ${done}/${total}   ${done === total ? '\n' : ''}`);
    } else {
      if (file) process.stderr.write('\n');
      file = '';
      process.stderr.write(`${event.message} ...\n`);
    }
  };
}

async function ingestBulk(
  files: BulkFile[],
  config: ReturnType<typeof loadConfig>,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  const result = await bulkLoad(config, files, {
    workDir: config.ingestDir,
    logger,
    onProgress: bulkProgressPrinter(),
  });
  try {
    result.summaries.forEach(printSummary);
    const { timings } = result;
    console.log(
      `Bulk load done in ${timings.total} s: ${result.nodes.toLocaleString('en')} nodes, ` +
        `${result.relationships.toLocaleString('en')} relationships (check ${timings.check} s, ` +
        `parse ${timings.parse} s, group ${timings.group} s, import ${timings.import} s, ` +
        `start and schema ${timings.startAndSchema} s, indexes ${timings.indexes} s).`,
    );
  } finally {
    await result.database.close();
  }
}

async function ingest(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      org: { type: 'string' },
      sector: { type: 'string' },
      mapping: { type: 'string' },
      country: { type: 'string', default: 'CN' },
      batch: { type: 'string' },
      scenario: { type: 'string' },
      bulk: { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
    },
  });
  const batchSize = values.batch ? Number(values.batch) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    fail('--batch must be a whole number of rows');
  }
  if (!values.scenario) {
    if (positionals.length === 0 || !values.kind || !values.org) fail(USAGE);
    if (!isFileKind(values.kind)) fail(`Unknown kind "${values.kind}".\n${USAGE}`);
    if (!/^[A-Z]{2}$/.test(values.country)) fail('--country must be a two-letter code, e.g. CN');
  }
  const sector = values.sector;
  if (sector !== undefined) {
    if (values.scenario) fail('--sector applies to --kind and --org, not to --scenario');
    if (!isSector(sector)) fail(`--sector must be one of ${SECTORS.join(', ')}`);
    const problem =
      organisationProblem(sector, values.org as string) ??
      uploadRefusal(sector, values.kind as (typeof FILE_KINDS)[number]);
    if (problem) fail(problem);
  }
  const partner = sector !== undefined;
  const mapping = values.mapping ? mappingByPathOrName(values.mapping) : undefined;

  const config = loadConfig(process.env);
  const logger = createLogger({ logLevel: 'warn' }, Boolean(process.stdout.isTTY));
  if (values.bulk) {
    if (batchSize !== undefined) fail('--batch applies to the online load only, not to --bulk');
    const files: BulkFile[] = values.scenario
      ? SCENARIO_FILES.flatMap(({ kind, organisation }) => {
          const file = scenarioFile(values.scenario as string, kind);
          return file ? [{ file, kind, organisation }] : [];
        })
      : positionals.map((file) => ({
          file,
          kind: values.kind as (typeof FILE_KINDS)[number],
          organisation: values.org as string,
          partner,
          country: values.country as CountryCode,
          ...(mapping ? { mapping } : {}),
        }));
    if (files.length === 0) fail(`No partner files named by kind in ${values.scenario ?? '.'}`);
    await ingestBulk(files, config, logger);
    return;
  }
  const database = await openDatabase(config, logger, { reuseRunning: true });
  const workDir = config.ingestDir;
  let failed = false;
  try {
    if (values.scenario) {
      let printer = progressPrinter('');
      const summaries = await loadScenario(database.executor, values.scenario, {
        workDir,
        ...(batchSize ? { batchSize } : {}),
        onFile: (kind) => {
          printer = progressPrinter(kind);
        },
        onProgress: (progress) => printer(progress),
      });
      summaries.forEach(printSummary);
      return;
    }
    // New events are scored as they are written: alerts go to the graph, where a running
    // server's alert stream finds them.
    const warning = new WarningService(database.executor, { settings: config.warning, logger });
    await warning.rebuild();
    const history = values.history === true;
    for (const file of positionals) {
      try {
        const summary = await loadFile(database.executor, file, {
          onWritten: async (kind, rows) => {
            await warning.score(kind, rows, { history });
          },
          kind: values.kind as (typeof FILE_KINDS)[number],
          organisation: values.org as string,
          partner,
          workDir,
          country: values.country as CountryCode,
          ...(mapping ? { mapping } : {}),
          ...(batchSize ? { batchSize } : {}),
          onProgress: progressPrinter(path.basename(file)),
        });
        printSummary(summary);
      } catch (error) {
        if (!(error instanceof RingtraceError) || error.status >= 500) throw error;
        console.error(error.message);
        failed = true;
      }
    }
  } finally {
    await database.close();
  }
  if (failed) process.exitCode = 1;
}

runCommand(ingest);
