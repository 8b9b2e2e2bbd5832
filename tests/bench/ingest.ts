/**
 * `npm run bench:ingest [-- --size medium --seed 7 --runs 1 --skip-online --skip-bulk]`: how fast
 * Ringtrace loads transfers and calls.
 *
 * Online: generates a scenario (cached under .ringtrace/bench/), starts a dedicated local Neo4j on
 * an empty database, loads the accounts, then times the full transfer and call files, sampling the
 * loader's memory to show it stays flat. As a peer in the same run, three equal slices of another
 * scenario's transfers load with different batch sizes.
 *
 * Bulk first load (`--bulk`): into a fresh local database each time, the accounts with the
 * transfers, the call records alone, and all three together; the time counted is the whole load:
 * reading and normalising, writing the import files, the import, and starting Neo4j until its
 * constraints and indexes are online. `--runs N` repeats each and reports medians. Prints events
 * per second and the loader's memory.
 */
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import type { Executor } from '../../server/db/executor';
import { bulkLoad, type BulkFile, type BulkTimings } from '../../server/ingest/bulk/bulkLoad';
import { loadFile, type LoadOptions, type LoadSummary } from '../../server/ingest/loader';
import type { FileKind } from '../../server/ingest/kinds';
import { BENCH_DIR, benchScenario } from './scenarios';

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1_048_576);
}

/** Loads a file while sampling memory; returns the summary, rate and memory figures. */
async function timedLoad(
  executor: Executor,
  file: string,
  kind: FileKind,
  extra: Pick<LoadOptions, 'batchSize' | 'mapping'> = {},
) {
  const samples: { fraction: number; rss: number }[] = [];
  const timer = setInterval(() => samples.push({ fraction: -1, rss: rssMb() }), 250);
  const summary: LoadSummary = await loadFile(executor, file, {
    kind,
    organisation: 'bench',
    workDir: path.join(BENCH_DIR, 'work'),
    ...extra,
    onProgress: (progress) =>
      samples.push({ fraction: progress.bytesRead / progress.bytesTotal, rss: rssMb() }),
  });
  clearInterval(timer);
  const rates = summary.loaded / summary.seconds;
  const atQuarter = samples.find((sample) => sample.fraction >= 0.25)?.rss ?? 0;
  const peak = Math.max(...samples.map((sample) => sample.rss));
  return { summary, perSecond: Math.round(rates), atQuarter, peak };
}

/** Writes lines [from, to) of a CSV (plus its header) to a new file. */
async function slice(file: string, from: number, to: number, out: string): Promise<void> {
  const output = createWriteStream(out);
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file) })) {
    if (line === 0 || (line >= from && line < to)) output.write(`${text}\n`);
    line += 1;
    if (line >= to) break;
  }
  await new Promise<void>((resolve) => output.end(resolve));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One bulk load into a fresh database, sampling the loader's memory. */
async function timedBulk(files: BulkFile[]) {
  const dataDir = path.join(BENCH_DIR, 'bulk-neo4j-data');
  rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({
    RINGTRACE_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: '7698',
    NEO4J_HEAP: '4g',
    NEO4J_PAGECACHE: '2g',
  });
  const samples: { fraction: number; rss: number }[] = [];
  const timer = setInterval(() => samples.push({ fraction: -1, rss: rssMb() }), 250);
  // What the loader holds: the heap left after a full collection, every two seconds.
  const live: { fraction: number; heap: number }[] = [];
  let fraction = 0;
  const liveTimer = setInterval(() => {
    (globalThis as { gc?: () => void }).gc?.();
    live.push({ fraction, heap: Math.round(process.memoryUsage().heapUsed / 1_048_576) });
  }, 2_000);
  const totalBytes = files.reduce((sum, file) => sum + statSync(file.file).size, 0);
  let doneBytes = 0;
  let lastFile = '';
  let lastBytes = 0;
  const result = await bulkLoad(config, files, {
    workDir: path.join(dataDir, 'ingest'),
    logger: pino({ level: 'warn' }),
    onProgress: (event) => {
      if (event.phase !== 'parse') return;
      if (event.file !== lastFile) {
        doneBytes += lastBytes;
        lastFile = event.file;
      }
      lastBytes = event.progress.bytesRead;
      fraction = (doneBytes + lastBytes) / totalBytes;
      samples.push({ fraction, rss: rssMb() });
    },
  });
  clearInterval(timer);
  clearInterval(liveTimer);
  await result.database.close();
  const events = result.summaries
    .filter((summary) => summary.kind === 'bank-transfers' || summary.kind === 'telecom-cdr')
    .reduce((sum, summary) => sum + summary.loaded, 0);
  const parsing = samples.filter((sample) => sample.fraction >= 0);
  return {
    events,
    timings: result.timings,
    atQuarter: parsing.find((sample) => sample.fraction >= 0.25)?.rss ?? 0,
    atThreeQuarters: parsing.find((sample) => sample.fraction >= 0.75)?.rss ?? 0,
    peak: Math.max(...samples.map((sample) => sample.rss)),
    liveQuarter: live.find((sample) => sample.fraction >= 0.25)?.heap ?? 0,
    liveEnd: live.filter((sample) => sample.fraction < 1).at(-1)?.heap ?? 0,
    livePeak: Math.max(0, ...live.map((sample) => sample.heap)),
  };
}

/** The bulk first load: transfers, calls, and both, `runs` times each; medians printed. */
async function benchBulk(scenarioDir: string, runs: number): Promise<void> {
  const file = (kind: BulkFile['kind'], organisation: string): BulkFile => ({
    file: path.join(scenarioDir, `${kind}.csv`),
    kind,
    organisation,
  });
  const accounts = file('bank-accounts', 'bench');
  const transfers = file('bank-transfers', 'bench');
  const calls = file('telecom-cdr', 'bench');
  const cases: [string, BulkFile[]][] = [
    ['transfers (with their accounts)', [accounts, transfers]],
    ['calls', [calls]],
    ['accounts, transfers and calls', [accounts, transfers, calls]],
  ];
  console.log(
    `\nBulk first load into an empty database (whole time: parse, import files, import, ` +
      `restart until indexes are online; median of ${runs})`,
  );
  for (const [label, files] of cases) {
    const results: Awaited<ReturnType<typeof timedBulk>>[] = [];
    for (let run = 0; run < runs; run += 1) results.push(await timedBulk(files));
    const phase = (name: keyof BulkTimings) =>
      median(results.map((result) => result.timings[name])).toFixed(1);
    const events = results[0]?.events ?? 0;
    const total = median(results.map((result) => result.timings.total));
    console.log(
      `  ${label}: ${events.toLocaleString('en')} events in ${total.toFixed(1)} s = ` +
        `${Math.round(events / total).toLocaleString('en')} events/s ` +
        `(parse ${phase('parse')} s, group ${phase('group')} s, import ${phase('import')} s, ` +
        `start and schema ${phase('startAndSchema')} s, indexes ${phase('indexes')} s); ` +
        `loader live heap ${median(results.map((result) => result.liveQuarter))} MB at 25%, ` +
        `${median(results.map((result) => result.liveEnd))} MB near the end of parsing, ` +
        `peak ${median(results.map((result) => result.livePeak))} MB; ` +
        `RSS ${median(results.map((result) => result.atQuarter))} MB at 25%, ` +
        `${median(results.map((result) => result.atThreeQuarters))} MB at 75%, ` +
        `peak ${median(results.map((result) => result.peak))} MB` +
        (runs > 1
          ? `; runs: ${results.map((result) => result.timings.total.toFixed(1)).join(', ')} s`
          : ''),
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'medium' },
      seed: { type: 'string', default: '7' },
      runs: { type: 'string', default: '1' },
      'skip-online': { type: 'boolean', default: false },
      'skip-bulk': { type: 'boolean', default: false },
    },
  });
  const size = values.size as 'demo' | 'small' | 'medium' | 'large';
  const scenarioDir = await benchScenario(size, Number(values.seed));
  if (!values['skip-online']) await benchOnline(scenarioDir, Number(values.seed));
  if (!values['skip-bulk']) await benchBulk(scenarioDir, Math.max(1, Number(values.runs)));
}

/** The online load (see the module comment). */
async function benchOnline(scenarioDir: string, seed: number): Promise<void> {
  const peerDir = await benchScenario('small', seed + 1);
  const dataDir = path.join(BENCH_DIR, 'neo4j-data');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.join(BENCH_DIR, 'work'), { recursive: true, force: true });
  const config = loadConfig({
    RINGTRACE_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: '7692',
    NEO4J_HEAP: '4g',
    NEO4J_PAGECACHE: '2g',
  });
  console.log('Starting a dedicated local Neo4j on an empty database ...');
  const database = await openDatabase(config, pino({ level: 'warn' }));
  const executor = database.executor;
  try {
    const file = (kind: FileKind) => path.join(scenarioDir, `${kind}.csv`);
    for (const dir of [scenarioDir, peerDir]) {
      await loadFile(executor, path.join(dir, 'bank-accounts.csv'), {
        kind: 'bank-accounts',
        organisation: 'bench',
        workDir: path.join(BENCH_DIR, 'work'),
      });
    }

    console.log("\nPeer: three 20,000-row slices of another scenario's transfers, by batch size");
    for (const [index, batchSize] of [1_000, 5_000, 20_000].entries()) {
      const out = path.join(BENCH_DIR, `slice-${index}.csv`);
      const transfers = path.join(peerDir, 'bank-transfers.csv');
      await slice(transfers, 1 + index * 20_000, 1 + (index + 1) * 20_000, out);
      // Prefixed ids: the peer's transfers never collide with the main scenario's.
      const run = await timedLoad(executor, out, 'bank-transfers', {
        batchSize,
        mapping: { columns: { transfer_id: { template: 'PEER-{transfer_id}' } } },
      });
      console.log(`  batch ${String(batchSize).padStart(6)}: ${run.perSecond} transfers/s`);
    }

    console.log('\nFull files (default batch size)');
    let events = 0;
    let seconds = 0;
    for (const kind of ['bank-transfers', 'telecom-cdr'] as const) {
      const run = await timedLoad(executor, file(kind), kind);
      events += run.summary.loaded;
      seconds += run.summary.seconds;
      console.log(
        `  ${kind}: ${run.summary.loaded.toLocaleString('en')} new events in ${run.summary.seconds} s ` +
          `= ${run.perSecond.toLocaleString('en')} events/s ` +
          `(${run.summary.duplicates} duplicates, ${run.summary.rejected} rejected); ` +
          `loader memory ${run.atQuarter} MB at 25%, peak ${run.peak} MB`,
      );
    }
    console.log(
      `\nTransfers and calls together: ${events.toLocaleString('en')} events, ` +
        `${Math.round(events / seconds).toLocaleString('en')} events/s (goal: 50,000)`,
    );
  } finally {
    await database.close();
  }
}

await main();
