/**
 * `npm run bench:upload [-- --mb 200 --idle 10 --port 7743]`: whether one hostile upload stalls
 * the API for everyone else (issue 16, item 3; goal: health p99 < 50 ms while it loads).
 *
 * Starts a dedicated local Neo4j (Bolt port 7743, a fresh database under
 * .ringtrace/bench/upload-data each run) and the Ringtrace app on it, writes a hostile
 * bank-transfers file of `--mb` megabytes (amounts of 60,000 and 100,000 zeros, 200 KB lines of
 * junk bytes, quotes never closed, NUL bytes, text in GBK, among ordinary rows), and uploads it
 * from a worker thread while another worker polls `GET /api/health` and the signed-in
 * `GET /api/auth/session` one request at a time. Prints p50/p99/max of both idle (the peer, the
 * same run before the upload) and under the upload, the delay of the server thread's event loop
 * (`monitorEventLoopDelay`: how long a request that arrives waits for the thread), and the upload's
 * summary. On a machine whose CPUs are busy with other work the idle figures show what that costs.
 */
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { startBenchApp, type BenchApp } from './benchApp';
import { BENCH_DIR, percentiles } from './scenarios';

const BENCH_USER = 'bench.uploader';
const BENCH_PASSWORD = 'bench password for the upload benchmark';
const HEADER =
  'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time,channel,reference';

/** Writes the hostile file (kept for later runs of the same size). */
async function hostileFile(megabytes: number): Promise<string> {
  const file = path.join(BENCH_DIR, `upload-hostile-${megabytes}mb.csv`);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_DIR, { recursive: true });
  console.log(`Writing a ${megabytes} MB hostile file ...`);
  const out = createWriteStream(file);
  const write = (chunk: string | Buffer) =>
    out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(`${HEADER}\n`);
  const junk = Buffer.alloc(200 * 1024);
  let seed = 7;
  for (let index = 0; index < junk.length; index += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const byte = seed % 256;
    junk[index] = byte === 0x0a || byte === 0x0d ? 0x20 : byte;
  }
  const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
  const row = (id: string, amount: string, reference: string) => {
    const n = Number(id.replace(/\D/g, '')) || 0;
    return (
      `${id},ICBC,62220202${String(n % 997).padStart(8, '0')},ABC,` +
      `62284800${String((n * 13) % 991).padStart(8, '0')},${amount},CNY,` +
      `2026-10-03T21:${String(n % 60).padStart(2, '0')}:00+08:00,mobile,${reference}\n`
    );
  };
  const zeros60 = '0'.repeat(60_000);
  const zeros100 = '0'.repeat(100_000);
  let block = 0;
  while (out.bytesWritten + out.writableLength < megabytes * 1_048_576) {
    block += 1;
    let rows = '';
    for (let index = 0; index < 190; index += 1) {
      rows += row(`B${block}R${index}`, `${(index % 50) + 1}.25`, 'invoice');
    }
    await write(rows);
    await write(row(`B${block}Z1`, `1.${zeros100}1`, 'zeros'));
    await write(row(`B${block}Z2`, `1.${zeros60}1`, 'zeros'));
    await write(Buffer.concat([Buffer.from(`B${block}J,`), junk, Buffer.from('\n')]));
    await write(row(`B${block}Q`, '1.00', '"a quote never closed'));
    await write(row(`B${block}N`, '1.00', 'nul\0byte'));
    await write(Buffer.concat([Buffer.from(row(`B${block}G`, '1.00', 'x').slice(0, -2)), gbk]));
    await write('\n');
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return file;
}

/** Polls `urls` one request at a time each until told to stop; answers each one's times. */
const POLL_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
const { base, cookie, urls, gapMs } = workerData;
const agent = new http.Agent({ keepAlive: true });
let stop = false;
parentPort.on('message', () => { stop = true; });
function get(url) {
  return new Promise((resolve, reject) => {
    http.get(base + url, { agent, headers: { cookie } }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode));
      response.on('error', reject);
    }).on('error', reject);
  });
}
async function poll(url) {
  const times = [];
  const failures = [];
  while (!stop) {
    const started = performance.now();
    const status = await get(url);
    times.push(performance.now() - started);
    if (status >= 400) failures.push(status);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return { url, times, failures };
}
Promise.all(urls.map(poll)).then((results) => parentPort.postMessage(results));
`;

/** Sends the file as the body of one upload. */
const UPLOAD_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream, statSync } = require('node:fs');
const http = require('node:http');
const { base, cookie, csrf, file, url } = workerData;
const started = Date.now();
const request = http.request(base + url, {
  method: 'POST',
  headers: {
    cookie, 'x-csrf-token': csrf, 'content-type': 'text/csv',
    'content-length': statSync(file).size,
  },
}, (response) => {
  let body = '';
  response.on('data', (chunk) => { body += chunk; });
  response.on('end', () =>
    parentPort.postMessage({ status: response.statusCode, body, seconds: (Date.now() - started) / 1000 }));
});
request.on('error', (error) => parentPort.postMessage({ status: 0, body: String(error), seconds: 0 }));
createReadStream(file).pipe(request);
`;

interface Polled {
  url: string;
  times: number[];
  failures: number[];
}

function startPolling(base: string, cookie: string, urls: string[]) {
  const worker = new Worker(POLL_SCRIPT, {
    eval: true,
    workerData: { base, cookie, urls, gapMs: 20 },
  });
  const results = new Promise<Polled[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop(): Promise<Polled[]> {
      worker.postMessage('stop');
      const polled = await results;
      await worker.terminate();
      return polled;
    },
  };
}

function upload(base: string, cookie: string, csrf: string, file: string, url: string) {
  return new Promise<{ status: number; body: string; seconds: number }>((resolve, reject) => {
    const worker = new Worker(UPLOAD_SCRIPT, {
      eval: true,
      workerData: { base, cookie, csrf, file, url },
    });
    worker.once('message', (result: { status: number; body: string; seconds: number }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '200' },
      idle: { type: 'string', default: '10' },
      port: { type: 'string', default: '7743' },
    },
  });
  const megabytes = Number(values.mb);
  const file = await hostileFile(megabytes);
  const dataDir = path.join(BENCH_DIR, 'upload-data');
  rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({
    RINGTRACE_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: values.port,
    NEO4J_HEAP: '1g',
    NEO4J_PAGECACHE: '512m',
    INGEST_MAX_UPLOAD_MB: String(megabytes + 10),
    EXPENSIVE_RATE_LIMIT: '100000',
  });
  console.log(`Starting a dedicated local Neo4j (Bolt port ${values.port}) ...`);
  const database = await openDatabase(config, pino({ level: 'warn' }));
  let bench: BenchApp | undefined;
  try {
    bench = await startBenchApp(database, config, {
      username: BENCH_USER,
      password: BENCH_PASSWORD,
      displayName: 'Upload benchmark',
    });
    const { base, cookie, csrfToken } = bench;
    const urls = ['/api/health', '/api/auth/session'];

    const loop = monitorEventLoopDelay({ resolution: 10 });
    const phase = async (name: string, work: () => Promise<void>) => {
      loop.reset();
      loop.enable();
      const polling = startPolling(base, cookie, urls);
      await work();
      const polled = await polling.stop();
      loop.disable();
      const stall = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6 };
      return { name, polled, stall: { ...stall, max: loop.max / 1e6 } };
    };
    console.log(`Idle for ${values.idle} s, then the upload ...`);
    const idle = await phase(
      'idle',
      () => new Promise((r) => setTimeout(r, Number(values.idle) * 1000)),
    );
    let answer = { status: 0, body: '', seconds: 0 };
    const busy = await phase(`under a ${megabytes} MB hostile upload`, async () => {
      answer = await upload(base, cookie, csrfToken, file, '/api/ingest/bank-transfers?org=BENCH');
    });

    const ms = (value: number) => value.toFixed(1).padStart(8);
    console.log(
      `\n${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}; ` +
        `file ${(statSync(file).size / 1_048_576).toFixed(0)} MB\n`,
    );
    console.log('phase / request                                   n      p50      p99      max');
    for (const { name, polled, stall } of [idle, busy]) {
      for (const { url, times, failures } of polled) {
        const p = percentiles(times);
        const goal =
          url === '/api/health' && name !== 'idle' ? (p.p99 < 50 ? ' (met)' : ' (NOT met)') : '';
        console.log(
          `${`${name}: GET ${url}`.padEnd(46)} ${String(p.count).padStart(6)} ${ms(p.p50)} ` +
            `${ms(p.p99)} ${ms(p.max)}${goal}` +
            (failures.length > 0 ? `  ${failures.length} failed` : ''),
        );
      }
      console.log(
        `${`${name}: server thread's delay`.padEnd(46)}        ${ms(stall.p50)} ${ms(stall.p99)} ` +
          `${ms(stall.max)}`,
      );
    }
    console.log(`\nUpload: HTTP ${answer.status} in ${answer.seconds.toFixed(1)} s`);
    const summary = JSON.parse(answer.body || '{}') as Record<string, unknown>;
    const { rowsRead, loaded, duplicates, rejected, rejects } = summary as {
      rowsRead?: number;
      loaded?: number;
      duplicates?: number;
      rejected?: number;
      rejects?: { reason: string }[];
    };
    console.log({ rowsRead, loaded, duplicates, rejected });
    const reasons = new Map<string, number>();
    for (const reject of rejects ?? []) {
      const reason = reject.reason.replace(/\d[\d,]*/g, 'N');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    console.log('Reasons among the first rejects:', Object.fromEntries(reasons));
  } finally {
    await bench?.close();
    await database.close();
  }
}

await main();
