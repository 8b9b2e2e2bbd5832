/**
 * `npm run bench:ingest [-- --size medium --seed 7]`: how fast Ringtrace loads transfers and calls.
 *
 * Generates a scenario (cached under .ringtrace/bench/), starts a dedicated local Neo4j on an
 * empty database, loads the accounts, then times the full transfer and call files, sampling the
 * loader's memory to show it stays flat. As a peer in the same run, three equal slices of another
 * scenario's transfers load with different batch sizes. Prints events per second and memory.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import type { Executor } from '../../server/db/executor';
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'medium' },
      seed: { type: 'string', default: '7' },
    },
  });
  const size = values.size as 'demo' | 'small' | 'medium' | 'large';
  const scenarioDir = await benchScenario(size, Number(values.seed));
  const peerDir = await benchScenario('small', Number(values.seed) + 1);
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
