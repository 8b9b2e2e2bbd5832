/**
 * `npm run bench:api [-- --size medium --seed 7 --people <n> --clients 20 --requests 300 --warmup 30]`:
 * how fast the investigation API answers on a graph of at least a million nodes, with concurrent
 * clients (20 by default), and how many of their requests fail (error rate).
 *
 * Loads a generated scenario once into a dedicated local Neo4j (kept under .ringtrace/bench/ for
 * later runs), starts the Ringtrace app on it, signs in, and times real HTTP requests sent by
 * concurrent clients from a worker thread (their own event loop, like a browser): one-hop
 * and two-hop guarded expansion of random accounts, six-hop money-flow traces of victims'
 * transfers, and identifier search with phone numbers as partners write them. Prints p50, p95 and
 * p99 per request kind against the goals.
 */
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Truth } from '../../seed/index';
import { neighbourPage, twoHopNeighbourPage } from '../../server/services/expand';
import { PATH_LINK_TYPES } from '../../server/services/paths';
import { startBenchApp, type BenchApp } from './benchApp';
import { openScenarioGraph, percentiles, type ScenarioSize } from './scenarios';

const BENCH_USER = 'bench.investigator';
const BENCH_PASSWORD = 'bench password for the api benchmark';

/** Every `step`-th value of a CSV column, up to `max` of them. */
async function columnSample(file: string, columns: string[], step: number, max: number) {
  const lines = createInterface({ input: createReadStream(file) });
  const picked: string[][] = [];
  let header: string[] | undefined;
  let line = 0;
  for await (const text of lines) {
    if (!header) {
      header = text.split(',');
      continue;
    }
    line += 1;
    if (line % step !== 0) continue;
    const cells = text.split(',');
    picked.push(columns.map((column) => cells[header?.indexOf(column) ?? -1] ?? ''));
    if (picked.length >= max) break;
  }
  lines.close();
  return picked;
}

/**
 * The clients, as plain JavaScript for a worker thread: they have their own event loop, as a
 * detective's browser has its own machine, so sending requests and reading answers does not
 * queue behind the server's work (nor the server's behind theirs). They use `node:http` with
 * kept-alive connections, which costs the shared cores about a third of a millisecond less a
 * request than `fetch`.
 */
const CLIENTS_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
const { base, cookie, urls, clients } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const times = [];
const failures = [];
let next = 0;
function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(base + url, { agent, headers: { cookie } }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve(response.statusCode));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}
async function client() {
  while (next < urls.length) {
    const url = urls[next++];
    const started = performance.now();
    const status = await get(url).catch((error) => String(error));
    times.push(performance.now() - started);
    if (typeof status !== 'number' || status >= 400) failures.push(status + ' ' + url);
  }
}
Promise.all(Array.from({ length: clients }, client)).then(
  () => parentPort.postMessage({ times, failures }),
  (error) => parentPort.postMessage({ times, failures: [String(error)] }),
);
`;

/** Runs `urls` through `clients` concurrent clients; returns each request's milliseconds. */
function timed(
  base: string,
  cookie: string,
  urls: readonly string[],
  clients: number,
): Promise<{ times: number[]; failures: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENTS_SCRIPT, {
      eval: true,
      workerData: { base, cookie, urls, clients },
    });
    worker.once('message', (result: { times: number[]; failures: string[] }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'medium' },
      seed: { type: 'string', default: '7' },
      people: { type: 'string' },
      clients: { type: 'string', default: '20' },
      requests: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '30' },
    },
  });
  const size = values.size as ScenarioSize;
  const clients = Number(values.clients);
  const requests = Number(values.requests);
  const warmupSeconds = Number(values.warmup);
  const { database, config, scenarioDir } = await openScenarioGraph(
    size,
    Number(values.seed),
    { EXPENSIVE_RATE_LIMIT: '100000' },
    values.people === undefined ? undefined : Number(values.people),
  );
  const executor = database.executor;
  let bench: BenchApp | undefined;
  try {
    bench = await startBenchApp(database, config, {
      username: BENCH_USER,
      password: BENCH_PASSWORD,
      displayName: 'Benchmark',
    });
    const { base, cookie } = bench;

    const accounts = (
      await columnSample(
        path.join(scenarioDir, 'bank-accounts.csv'),
        ['bank', 'account'],
        97,
        2_000,
      )
    ).map(([bank, account]) => `${bank}:${account}`);
    const numbers = (
      await columnSample(path.join(scenarioDir, 'telecom-cdr.csv'), ['calling_number'], 331, 2_000)
    ).map(([number]) => number ?? '');
    const truth = JSON.parse(readFileSync(path.join(scenarioDir, 'truth.json'), 'utf8')) as Truth;
    const victimTransfers = truth.victimPayments
      .map((payment) => payment.paths[0]?.[0])
      .filter((hop) => hop !== undefined)
      .map((hop) => `${hop.fromAccount.split(':')[0] ?? ''}:${hop.transferId}`);
    const pick = (list: readonly string[], count: number, offset = 0) =>
      Array.from(
        { length: count },
        (_, index) => list[((index + offset) * 7919) % list.length] as string,
      );
    /** Every other entity is timed; the rest only warm up, so no timed request repeats one. */
    const split = (list: readonly string[]) => ({
      timed: list.filter((_, index) => index % 2 === 0),
      warming: list.filter((_, index) => index % 2 === 1),
    });

    const workloads = [
      {
        name: '1-hop expansion',
        goal: 'p50 <= 10 ms, p99 <= 50 ms',
        met: (p: ReturnType<typeof percentiles>) => p.p50 <= 10 && p.p99 <= 50,
        ids: split(accounts),
        count: requests,
        url: (id: string) =>
          `/api/entities/BankAccount/${encodeURIComponent(id)}/neighbours?limit=50`,
      },
      {
        name: '2-hop guarded expansion',
        goal: 'p99 <= 200 ms',
        met: (p: ReturnType<typeof percentiles>) => p.p99 <= 200,
        ids: split(accounts),
        count: requests,
        url: (id: string) =>
          `/api/entities/BankAccount/${encodeURIComponent(id)}/neighbours?hops=2&limit=50`,
      },
      {
        name: '6-hop money-flow trace',
        goal: 'p95 <= 1000 ms',
        met: (p: ReturnType<typeof percentiles>) => p.p95 <= 1000,
        ids: split(victimTransfers),
        count: Math.min(requests, 200),
        url: (id: string) =>
          `/api/trace/forward?transfer=${encodeURIComponent(id)}&depth=6&windowHours=72`,
      },
      {
        name: 'search (phone numbers as written)',
        goal: 'p99 <= 100 ms',
        met: (p: ReturnType<typeof percentiles>) => p.p99 <= 100,
        ids: split(numbers),
        count: requests,
        url: (q: string) => `/api/search?q=${encodeURIComponent(q)}`,
      },
    ];

    console.log(
      `\n${clients} concurrent clients. Each kind is first run for ${warmupSeconds} s on other ` +
        'entities than those timed, untimed: Neo4j compiles its Java code during the first minutes of load, and\n' +
        'a server that has been answering for a while is what detectives meet. "warm-up p50" ' +
        'gives the first and the last warm-up pass.\n',
    );
    console.log(
      'request kind                        n  errors     p50     p95     p99   warm-up p50     goal',
    );
    const ms = (value: number) => `${value.toFixed(1)}`.padStart(7);
    for (const workload of workloads) {
      const warmUntil = performance.now() + warmupSeconds * 1000;
      const passes: number[] = [];
      for (let pass = 1; passes.length === 0 || performance.now() < warmUntil; pass += 1) {
        const warming = pick(workload.ids.warming, workload.count, pass * workload.count);
        passes.push(
          percentiles((await timed(base, cookie, warming.map(workload.url), clients)).times).p50,
        );
      }
      const urls = pick(workload.ids.timed, workload.count).map(workload.url);
      const { times, failures } = await timed(base, cookie, urls, clients);
      const p = percentiles(times);
      const warm = `${(passes[0] ?? 0).toFixed(0)} -> ${(passes.at(-1) ?? 0).toFixed(0)}`;
      const errorRate = `${((100 * failures.length) / Math.max(1, urls.length)).toFixed(1)}%`;
      console.log(
        `${workload.name.padEnd(32)} ${String(p.count).padStart(5)} ${errorRate.padStart(7)} ` +
          `${ms(p.p50)} ${ms(p.p95)} ` +
          `${ms(p.p99)}   ${warm.padStart(11)}     ${workload.goal} ` +
          `${workload.met(p) ? '(met)' : '(NOT met)'}` +
          (failures.length > 0 ? `  ${failures.length} failed, e.g. ${failures[0]}` : ''),
      );
    }

    // Peer in the same run: the same expansions straight through the executor, without HTTP,
    // the session lookup and the audit entry every request writes before it is answered.
    console.log('\nThe same expansions without HTTP, session and audit (the database part):');
    const direct = async (name: string, work: (id: string) => Promise<unknown>) => {
      const ids = pick(split(accounts).timed, requests);
      const times: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const started = performance.now();
          await work(id);
          times.push(performance.now() - started);
        }
      };
      await Promise.all(Array.from({ length: clients }, worker));
      const p = percentiles(times);
      console.log(
        `${name.padEnd(32)} ${String(p.count).padStart(5)} ${p.p50.toFixed(1).padStart(7)} ` +
          `${p.p95.toFixed(1).padStart(7)} ${p.p99.toFixed(1).padStart(7)}`,
      );
    };
    const page = { order: 'most', skip: 0, limit: 50 } as const;
    await direct('1-hop expansion (direct)', (id) =>
      neighbourPage(executor, 'BankAccount', id, page),
    );
    await direct('2-hop guarded expansion (direct)', (id) =>
      twoHopNeighbourPage(executor, 'BankAccount', id, {
        relationships: PATH_LINK_TYPES,
        skip: 0,
        limit: 50,
      }),
    );
  } finally {
    await bench?.close();
    await database.close();
  }
}

await main();
