/**
 * `npm run bench:warning [-- --size demo --seed 13 --days-history 14 --day-seconds 20
 *   --tick-ms 500 --probe-days 2 --port 7745 --bank-minutes 30 --json out.json]`: the early-warning
 *   replay benchmark, with simulated banks answering the centre's stop-payment requests.
 *
 * Replays a generated scenario through the live intake as a centre would receive it, and scores
 * the alerts against the scenario's ground truth:
 *
 * 1. **Scenario.** `--size` and `--seed` (generated once under .ringtrace/bench/). Seeds 3, 5 and
 *    11 were run while the replay and the server's rules were being built, and their figures were
 *    seen; the default report seed, 13, was first run for the figures reported. Seed 42 (the
 *    demo's) is not used here. Tune on 3, 5 and 11; report on seeds never looked at.
 * 2. **History.** A fresh dedicated Neo4j (Bolt `--port`, under .ringtrace/bench/warning-data)
 *    and the app in this process; an investigator posts, through `POST /api/events?history=true`
 *    (loaded, no alert raised), every bank and platform account and then the events of the first
 *    `--days-history` days in time order. One ring analysis then runs, so rings are known.
 * 3. **Live.** The remaining days' events (transfers, calls, sightings, logins, messages, and each
 *    victim report at its `reported_at`) merged in time order, cut into windows of `--tick-ms` of
 *    wall time (one scenario day lasts `--day-seconds`), each window posted through
 *    `POST /api/events` once its scenario time has passed. A ring analysis starts every scenario
 *    night at 03:00 (one at a time, while the replay goes on). An SSE client in a worker thread
 *    keeps `/api/alerts/stream` open and stamps each alert's arrival; the latency of an alert is
 *    its arrival less the wall time the batch holding its newest evidence event was posted.
 * 4. **Intake.** After the live days (and after the alerts were read), the events of the last
 *    `--probe-days` (not reports) are posted again under new record ids (`-PH`, `-PS` appended),
 *    in the same windows, once with `history=true` (loaded, not scored: the server's only way to
 *    load without scoring) and once live (loaded and scored), the two copies of each window one
 *    after the other, which goes first taking turns. Intake is events per second of request time
 *    (the sum of the posts' durations) of each copy.
 * 5. **Figures** (tests/bench/warning/metrics.ts), from truth.json and the files, read only after
 *    the replay: share of victims warned before their first payment (victims whose first payment
 *    falls in the live days; all of them, and those whose ring was known by the latest finished
 *    analysis when the ring first called them), alert precision, false alerts per 10,000
 *    legitimate people per day, latency p50/p95 and the intake ratio, with the goals beside them;
 *    then the victims missed and the false alerts, for the failure analysis. `--json` writes them.
 * 6. **Freeze.** During the live days one partner user per bank code polls
 *    `GET /api/stops?since=` and answers each request `--bank-minutes` of scenario time after its
 *    `eventAt`, from the ledger (tests/bench/warning/bank.ts). After the replay the requests are
 *    scored against the victims' payment trees: money secured, payment to hold, and a grid of
 *    bank, report, mule and cash-out assumptions (tests/bench/warning/freezeMetrics.ts).
 *
 * Organisations: partner records are posted under `scenario-telecom`, the organisation the scenario
 * loader records the operator's files under, so that graph ids are those of `npm run ingest` (a
 * call's or sighting's id takes the posting organisation; a transfer's its payer bank, a login's or
 * message's its platform), and one window's records of every partner go in one batch, in time
 * order. Victim reports are posted under `scenario-police`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import type { Truth } from '../../seed/index';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import type { FileKind } from '../../server/ingest/kinds';
import { startBenchApp, type BenchApp } from './benchApp';
import { bankSessions, SimulatedBanks, type SeenStop } from './warning/bank';
import {
  freezeMetrics,
  Ledger,
  ledgerTransfers,
  reportTimes,
  type RecordedRequest,
} from './warning/freezeMetrics';
import { printFreezeReport } from './warning/freezeReport';
import { BENCH_DIR, benchScenario, percentiles, type ScenarioSize } from './scenarios';
import {
  e164,
  entityKey,
  victimFacts,
  warningMetrics,
  alertLatencies,
  percentile,
  type AlertDelivery,
  type AnalysisSnapshot,
  type IntakeSample,
  type SeenAlert,
  type WarningMetrics,
} from './warning/metrics';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FEED_ORG = 'scenario-telecom';
const POLICE_ORG = 'scenario-police';
const MAX_EVENTS = 5_000;
const MAX_BYTES = 1_900_000;
const USER = {
  username: 'bench.warning',
  password: 'bench password for the warning replay',
  displayName: 'Warning replay',
};

type EventKind = Exclude<FileKind, 'bank-accounts' | 'platform-accounts'>;
const EVENT_KINDS: readonly EventKind[] = [
  'bank-transfers',
  'telecom-cdr',
  'telecom-sightings',
  'platform-logins',
  'platform-messages',
  'police-reports',
];
const TIME_COLUMN: Readonly<Record<EventKind, string>> = {
  'bank-transfers': 'time',
  'telecom-cdr': 'start_time',
  'telecom-sightings': 'seen_at',
  'platform-logins': 'time',
  'platform-messages': 'time',
  'police-reports': 'reported_at',
};

type Row = Record<string, string>;

interface ReplayEvent {
  readonly kind: FileKind;
  readonly record: Row;
  /** Record time, ms (0 for accounts). */
  readonly at: number;
  readonly org: string;
  /** The graph node the event becomes, as an `entityKey` (for latencies); '' for accounts. */
  readonly key: string;
}

interface Batch {
  readonly org: string;
  readonly history: boolean;
  readonly body: string;
  readonly keys: readonly string[];
  readonly events: number;
  /** Scenario time the window ends at (ms). */
  readonly windowEnd: number;
}

/** The graph node an event becomes (see the header on organisations). */
function eventKey(kind: EventKind, row: Row): string {
  switch (kind) {
    case 'bank-transfers':
      return entityKey('Transfer', `${row.from_bank}:${row.transfer_id}`);
    case 'telecom-cdr':
      return entityKey('Call', `${FEED_ORG}:${row.record_id}`);
    case 'telecom-sightings':
      return entityKey('Sighting', `${FEED_ORG}:${row.record_id}`);
    case 'platform-logins':
      return entityKey('Login', `${row.platform}:${row.record_id}`);
    case 'platform-messages':
      return entityKey('Message', `${row.platform}:${row.record_id}`);
    case 'police-reports':
      return entityKey('Case', row.case_number ?? '');
  }
}

/** The last `:`-separated part of a key, with its type: matches ids whatever prefix they carry. */
function suffixKey(key: string): string {
  return `${key.slice(0, key.indexOf(':'))}|${key.slice(key.lastIndexOf(':') + 1)}`;
}

function readRows(dir: string, kind: FileKind): Row[] {
  return parse<Row>(readFileSync(path.join(dir, `${kind}.csv`)), { columns: true });
}

/**
 * Cuts events (in time order) into batches: one a window of `windowMs` of scenario time, split
 * where the organisation changes and at the intake's limits.
 */
function batches(
  events: readonly ReplayEvent[],
  from: number,
  windowMs: number,
  history: boolean,
): Batch[] {
  const out: Batch[] = [];
  let lines: string[] = [];
  let keys: string[] = [];
  let bytes = 0;
  let org = '';
  let windowEnd = from + windowMs;
  const flush = () => {
    if (lines.length > 0) {
      out.push({ org, history, body: lines.join(''), keys, events: lines.length, windowEnd });
    }
    lines = [];
    keys = [];
    bytes = 0;
  };
  for (const event of events) {
    if (event.at >= windowEnd) {
      flush();
      while (event.at >= windowEnd) windowEnd += windowMs;
    }
    const line = `${JSON.stringify({ kind: event.kind, record: event.record })}\n`;
    if (
      event.org !== org ||
      lines.length >= MAX_EVENTS ||
      bytes + Buffer.byteLength(line) > MAX_BYTES
    ) {
      flush();
      org = event.org;
    }
    lines.push(line);
    if (event.key) keys.push(event.key);
    bytes += Buffer.byteLength(line);
  }
  flush();
  return out;
}

/** Reads `/api/alerts/stream` in a worker thread, stamping each alert when its bytes arrive. */
const STREAM_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { base, cookie } = workerData;
const request = http.get(base + '/api/alerts/stream', { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
  if (response.statusCode !== 200) {
    parentPort.postMessage({ error: 'HTTP ' + response.statusCode });
    response.resume();
    return;
  }
  parentPort.postMessage({ open: true });
  response.setEncoding('utf8');
  let buffer = '';
  response.on('data', (chunk) => {
    const arrivedAt = Date.now();
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\\n\\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (event === 'alert' && data.length > 0) parentPort.postMessage({ arrivedAt, data: data.join('\\n') });
    }
  });
  response.on('end', () => parentPort.postMessage({ ended: true }));
});
request.on('error', (error) => parentPort.postMessage({ error: String(error) }));
parentPort.on('message', () => { request.destroy(); parentPort.close(); });
`;

interface StreamMessage {
  open?: boolean;
  ended?: boolean;
  error?: string;
  arrivedAt?: number;
  data?: string;
}

function openStream(app: BenchApp, deliveries: AlertDelivery[]) {
  const worker = new Worker(STREAM_SCRIPT, {
    eval: true,
    workerData: { base: app.base, cookie: app.cookie },
  });
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: StreamMessage) => {
      if (message.open) resolve();
      else if (message.error) {
        console.error(`Alert stream: ${message.error}`);
        reject(new Error(message.error));
      } else if (message.data !== undefined && message.arrivedAt !== undefined) {
        deliveries.push({
          alert: JSON.parse(message.data) as SeenAlert,
          arrivedAt: message.arrivedAt,
        });
      }
    });
    worker.once('error', reject);
  });
  return {
    opened,
    async close() {
      worker.postMessage('stop');
      await worker.terminate();
    },
  };
}

interface RequestOptions {
  method?: string;
  body?: string;
  contentType?: string;
}

async function call<T>(app: BenchApp, url: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(`${app.base}${url}`, {
    method: options.method ?? 'GET',
    headers: {
      cookie: app.cookie,
      'x-csrf-token': app.csrfToken,
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `${options.method ?? 'GET'} ${url}: HTTP ${response.status} ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as T;
}

interface Receipt {
  received: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  rejects: { index: number; kind: string | null; reason: string }[];
  alerts: { id: string }[];
}

/**
 * What a post's time counts in: the paced history and live phases, and the intake probe's two
 * halves (the same events posted under new ids, without and with scoring, batch by batch in turn).
 */
type Sample = 'history' | 'live' | 'probeHistory' | 'probeScoring';

/** A copy of an event under new record ids (`suffix`): the same event, loaded afresh. */
function restamped(event: ReplayEvent, suffix: string): ReplayEvent {
  const column = event.kind === 'bank-transfers' ? 'transfer_id' : 'record_id';
  return {
    ...event,
    record: { ...event.record, [column]: `${event.record[column] ?? ''}${suffix}` },
    key: '',
  };
}

/** Posting batches, with what each took and what the server said. */
class Poster {
  readonly postedAt = new Map<string, number>();
  readonly postedBySuffix = new Map<string, number>();
  readonly rejectReasons = new Map<string, number>();
  readonly samples: Record<Sample, { events: number; seconds: number; posts: number }> = {
    history: { events: 0, seconds: 0, posts: 0 },
    live: { events: 0, seconds: 0, posts: 0 },
    probeHistory: { events: 0, seconds: 0, posts: 0 },
    probeScoring: { events: 0, seconds: 0, posts: 0 },
  };
  readonly durations: Record<Sample, number[]> = {
    history: [],
    live: [],
    probeHistory: [],
    probeScoring: [],
  };
  totals = { received: 0, loaded: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly app: BenchApp) {}

  /** Posts one batch; `sample` says which intake figure its time counts in (null: none). */
  async post(batch: Batch, sample: Sample | null): Promise<Receipt> {
    const query = `org=${batch.org}${batch.history ? '&history=true' : ''}`;
    const wall = Date.now();
    const started = performance.now();
    const receipt = await call<Receipt>(this.app, `/api/events?${query}`, {
      method: 'POST',
      body: batch.body,
      contentType: 'application/x-ndjson',
    });
    const seconds = (performance.now() - started) / 1000;
    if (sample) {
      this.samples[sample].events += batch.events;
      this.samples[sample].seconds += seconds;
      this.samples[sample].posts += 1;
      this.durations[sample].push(seconds * 1000);
    }
    for (const key of batch.keys) {
      this.postedAt.set(key, wall);
      this.postedBySuffix.set(suffixKey(key), wall);
    }
    this.totals.received += receipt.received;
    this.totals.loaded += receipt.loaded;
    this.totals.duplicates += receipt.duplicates;
    this.totals.rejected += receipt.rejected;
    for (const reject of receipt.rejects) {
      const reason = `${reject.kind ?? '?'}: ${reject.reason.replace(/\d[\d,.]*/g, 'N')}`;
      this.rejectReasons.set(reason, (this.rejectReasons.get(reason) ?? 0) + 1);
    }
    return receipt;
  }

  /** The wall time the batch holding an event was posted. */
  at(ref: { type: string; id: string }): number | undefined {
    const key = entityKey(ref.type, ref.id);
    return this.postedAt.get(key) ?? this.postedBySuffix.get(suffixKey(key));
  }
}

interface AnalysisRunState {
  status: 'running' | 'finished' | 'failed';
  error: string | null;
  ringCount: number | null;
}

interface RingPage {
  rings: { ring: string; size: number }[];
  more: boolean;
}

interface RingDetailAnswer {
  members: { entity: { type: string; id: string } }[];
}

/** Runs one ring analysis of the whole graph to its end; the entities of the rings it found. */
async function analyse(
  app: BenchApp,
): Promise<{ id: string; seconds: number; rings: number; entities: Set<string> }> {
  const started = performance.now();
  const { id } = await call<{ id: string }>(app, '/api/analysis/runs', {
    method: 'POST',
    body: '{}',
    contentType: 'application/json',
  });
  let run: AnalysisRunState;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await call<AnalysisRunState>(app, `/api/analysis/runs/${encodeURIComponent(id)}`);
    if (run.status !== 'running') break;
  }
  if (run.status === 'failed') throw new Error(`Analysis ${id} failed: ${run.error ?? '?'}`);
  const entities = new Set<string>();
  let rings = 0;
  for (let skip = 0; ; skip += 500) {
    const page = await call<RingPage>(
      app,
      `/api/rings?run=${encodeURIComponent(id)}&limit=500&skip=${skip}`,
    );
    for (const ring of page.rings) {
      rings += 1;
      const detail = await call<RingDetailAnswer>(
        app,
        `/api/rings/${encodeURIComponent(id)}/${encodeURIComponent(ring.ring)}`,
      );
      for (const member of detail.members)
        entities.add(entityKey(member.entity.type, member.entity.id));
    }
    if (!page.more) break;
  }
  return { id, seconds: (performance.now() - started) / 1000, rings, entities };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const isoLocal = (ms: number) =>
  new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'share') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'ms') return `${Math.round(value)} ms`;
  if (unit === 'ratio') return value.toFixed(2);
  if (unit === 'events/s') return `${Math.round(value)} events/s`;
  return value.toFixed(2);
}

function printReport(
  metrics: WarningMetrics,
  extra: {
    calledByRing: Set<string>;
    busy: Set<string>;
    /** The ring's calls to a victim before their first payment, described. */
    callsBefore: (victim: string) => string[];
  },
) {
  const c = metrics.counts;
  console.log(
    '\nfigure                                                           value          goal',
  );
  for (const goal of metrics.goals) {
    const verdict =
      goal.met === null ? '' : goal.goal === 'report' ? '' : goal.met ? '  met' : '  NOT met';
    console.log(
      `${goal.name.padEnd(66)} ${formatValue(goal.value, goal.unit).padStart(14)}  ${goal.goal}${verdict}`,
    );
  }
  console.log(
    `\nVictims: ${c.victims} in the truth, ${c.liveVictims} with their first payment in the live days ` +
      `(${c.warned} warned before it); ${c.liveVictimsOfKnownRings} of rings known when first called ` +
      `(${c.warnedOfKnownRings} warned).`,
  );
  console.log(
    `Alerts: ${c.alerts} (${c.trueAlerts} about involved entities, ${c.falseAlerts} not); ` +
      `${c.legitimatePeople.toLocaleString('en')} legitimate people over ${c.liveDays.toFixed(1)} live days; ` +
      `${c.latencies} latencies measured.`,
  );
  console.log('Alerts by rule (true / false):');
  for (const [rule, counts] of Object.entries(metrics.alertsByRule)) {
    console.log(`  ${rule.padEnd(24)} ${String(counts.true).padStart(5)} / ${counts.false}`);
  }
  const missed = metrics.victims.filter((victim) => victim.warnedBy === null);
  if (missed.length > 0) {
    console.log(`\nVictims not warned before their first payment (${missed.length}):`);
    for (const victim of missed.slice(0, 40)) {
      const later = victim.alertsAboutVictim.map(
        (alert) => `${alert.rule}@${isoLocal(Date.parse(alert.at))}`,
      );
      console.log(
        `  ${victim.victim} ring ${victim.ring} ${victim.ringKnown ? 'known' : 'unknown'}; ` +
          `first call ${victim.firstCallAt ? isoLocal(Date.parse(victim.firstCallAt)) : 'none'}, ` +
          `first payment ${isoLocal(Date.parse(victim.firstPaymentAt))}; ` +
          `alerts: ${later.length > 0 ? later.join(', ') : 'none'}`,
      );
      for (const line of extra.callsBefore(victim.victim)) console.log(`      ${line}`);
    }
  }
  if (metrics.falseAlerts.length > 0) {
    const classes = new Map<string, number>();
    const classOf = (alert: SeenAlert) => {
      const subject = entityKey(alert.subject.type, alert.subject.id);
      if (extra.busy.has(subject)) return 'busy legitimate entity';
      if (extra.calledByRing.has(subject)) return 'talked to a ring number, never paid';
      return 'other';
    };
    for (const alert of metrics.falseAlerts) {
      const key = `${alert.rule}: ${classOf(alert)}`;
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    console.log(`\nFalse alerts (${metrics.falseAlerts.length}) by rule and subject:`);
    for (const [key, count] of [...classes].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${String(count).padStart(5)}  ${key}`);
    }
    for (const alert of metrics.falseAlerts.slice(0, 15)) {
      console.log(
        `  e.g. ${alert.rule} ${alert.subject.type}:${alert.subject.id} ` +
          `(${classOf(alert)}) first event ${isoLocal(Date.parse(alert.firstEventAt))}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '13' },
      'days-history': { type: 'string', default: '14' },
      'day-seconds': { type: 'string', default: '20' },
      'tick-ms': { type: 'string', default: '500' },
      'probe-days': { type: 'string', default: '2' },
      port: { type: 'string', default: '7745' },
      heap: { type: 'string', default: '1g' },
      'bank-minutes': { type: 'string', default: '30' },
      json: { type: 'string' },
    },
  });
  const size = values.size as ScenarioSize;
  const seed = Number(values.seed);
  const daysHistory = Number(values['days-history']);
  const daySeconds = Number(values['day-seconds']);
  const tickMs = Number(values['tick-ms']);
  const probeDays = Number(values['probe-days']);
  const bankMinutes = Number(values['bank-minutes']);
  const windowMs = (DAY / (daySeconds * 1000)) * tickMs;
  const runStarted = performance.now();

  const dir = await benchScenario(size, seed);
  const periodStart = Date.parse(
    (JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth).period.start,
  );
  const periodEnd = Date.parse(
    (JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth).period.end,
  );
  const liveFrom = periodStart + daysHistory * DAY;
  if (liveFrom >= periodEnd) throw new Error('--days-history leaves no live days');

  console.log('Reading the partner files ...');
  const accounts: ReplayEvent[] = [];
  const bankAccounts = readRows(dir, 'bank-accounts');
  for (const kind of ['bank-accounts', 'platform-accounts'] as const) {
    for (const record of kind === 'bank-accounts' ? bankAccounts : readRows(dir, kind)) {
      accounts.push({ kind, record, at: 0, org: FEED_ORG, key: '' });
    }
  }
  const events: ReplayEvent[] = [];
  const rowsOf = new Map<EventKind, Row[]>();
  for (const kind of EVENT_KINDS) {
    const rows = readRows(dir, kind);
    rowsOf.set(kind, rows);
    const org = kind === 'police-reports' ? POLICE_ORG : FEED_ORG;
    for (const record of rows) {
      events.push({
        kind,
        record,
        at: Date.parse(record[TIME_COLUMN[kind]] ?? ''),
        org,
        key: eventKey(kind, record),
      });
    }
  }
  events.sort((a, b) => a.at - b.at);
  const historyEvents = events.filter((event) => event.at < liveFrom);
  const liveEvents = events.filter((event) => event.at >= liveFrom);
  const accountBatches = batches(accounts, 0, Infinity, true);
  const historyBatches = batches(historyEvents, periodStart, windowMs, true);
  const liveBatches = batches(liveEvents, liveFrom, windowMs, false);
  console.log(
    `${accounts.length.toLocaleString('en')} accounts, ${historyEvents.length.toLocaleString('en')} history ` +
      `events in ${historyBatches.length} batches, ${liveEvents.length.toLocaleString('en')} live events in ` +
      `${liveBatches.length} batches (a window is ${Math.round(windowMs / 60_000)} scenario minutes, ` +
      `${tickMs} ms of wall time).`,
  );

  const dataDir = path.join(BENCH_DIR, 'warning-data');
  rmSync(dataDir, { recursive: true, force: true });
  const passed = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('WARNING_')),
  );
  const config = loadConfig({
    ...passed,
    RINGTRACE_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: values.port,
    NEO4J_HEAP: values.heap,
    NEO4J_PAGECACHE: '512m',
    EXPENSIVE_RATE_LIMIT: '100000',
  });
  console.log(`Starting a dedicated local Neo4j (Bolt port ${values.port}) ...`);
  const database = await openDatabase(config, pino({ level: 'warn' }));
  let app: BenchApp | undefined;
  let stream: ReturnType<typeof openStream> | undefined;
  try {
    app = await startBenchApp(database, config, USER);
    const poster = new Poster(app);
    const transfers = ledgerTransfers(rowsOf.get('bank-transfers') ?? []);
    const ledger = new Ledger(transfers);
    const bankCodes = [...new Set(bankAccounts.map((row) => (row.bank ?? '').toUpperCase()))]
      .filter(Boolean)
      .sort();
    const sessions = await bankSessions(database.executor, app.base, bankCodes);

    console.log('History: accounts, then the first days (no alerts) ...');
    const phase = performance.now();
    for (const batch of accountBatches) await poster.post(batch, null);
    for (const batch of historyBatches) await poster.post(batch, 'history');
    console.log(`  posted in ${((performance.now() - phase) / 1000).toFixed(0)} s; analysing ...`);
    const analyses: AnalysisSnapshot[] = [];
    const analysisLog: { id: string; finishedAt: string; seconds: number; rings: number }[] = [];
    const first = await analyse(app);
    analyses.push({ finishedAt: liveFrom - 1, ringEntities: first.entities });
    analysisLog.push({
      id: first.id,
      finishedAt: new Date(liveFrom - 1).toISOString(),
      seconds: first.seconds,
      rings: first.rings,
    });
    console.log(
      `  analysis: ${first.rings} rings, ${first.entities.size} entities, ${first.seconds.toFixed(0)} s`,
    );

    const deliveries: AlertDelivery[] = [];
    stream = openStream(app, deliveries);
    await stream.opened;

    const liveDays = (periodEnd - liveFrom) / DAY;
    console.log(
      `Live: ${liveDays} days at ${daySeconds} s a day (about ${Math.round(liveDays * daySeconds)} s) ...`,
    );
    let replayNow = liveFrom;
    let nextNight = liveFrom + DAY + 3 * HOUR;
    let running: Promise<void> | null = null;
    let maxBehindMs = 0;
    const wallStart = Date.now();
    const wallOf = (scenario: number) =>
      wallStart + ((scenario - liveFrom) / DAY) * daySeconds * 1000;
    let lastDay = -1;
    const banks = new SimulatedBanks({
      base: app.base,
      sessions,
      ledger,
      bankDelayMs: bankMinutes * 60_000,
      clock: () => replayNow,
    });
    banks.start();
    for (const batch of liveBatches) {
      const due = wallOf(batch.windowEnd);
      await sleep(due - Date.now());
      maxBehindMs = Math.max(maxBehindMs, Date.now() - due);
      await poster.post(batch, 'live');
      replayNow = batch.windowEnd;
      const day = Math.floor((replayNow - liveFrom) / DAY);
      if (day !== lastDay) {
        lastDay = day;
        console.log(
          `  day ${daysHistory + day + 1}: ${deliveries.length} alert messages so far, ` +
            `${poster.samples.live.events.toLocaleString('en')} live events posted`,
        );
      }
      if (replayNow >= nextNight) {
        while (nextNight <= replayNow) nextNight += DAY;
        if (!running) {
          running = analyse(app).then(
            (result) => {
              analyses.push({ finishedAt: replayNow, ringEntities: result.entities });
              analysisLog.push({
                id: result.id,
                finishedAt: new Date(replayNow).toISOString(),
                seconds: result.seconds,
                rings: result.rings,
              });
              running = null;
            },
            (error: unknown) => {
              console.error(`  nightly analysis: ${String(error)}`);
              running = null;
            },
          );
        }
      }
    }
    await sleep(3_000);
    if (running) await running;
    await banks.stop();
    // The centre's own list of requests, to compare with what the banks saw.
    const centreStops: { id: string; account: { id: string }; status: string }[] = [];
    try {
      for (let since = 0; ;) {
        const page = await call<{ stops: typeof centreStops; cursor: number }>(
          app,
          `/api/stops?since=${since}&limit=200`,
        );
        centreStops.push(...page.stops);
        if (page.stops.length < 200 || page.cursor <= since) break;
        since = page.cursor;
      }
    } catch (error) {
      console.error(`  the centre's list of requests: ${String(error).slice(0, 200)}`);
    }
    await stream.close();
    stream = undefined;

    // Reconcile with the list: an alert the stream missed still counts (without a latency).
    const latest = new Map<string, SeenAlert>();
    for (const { alert } of deliveries) latest.set(alert.id, alert);
    let listed: number | string = 0;
    try {
      for (let skip = 0; ; skip += 200) {
        const page = await call<{ alerts: SeenAlert[]; total: number }>(
          app,
          `/api/alerts?status=all&limit=200&skip=${skip}`,
        );
        for (const alert of page.alerts) {
          listed += 1;
          if (!latest.has(alert.id)) latest.set(alert.id, alert);
        }
        if (skip + 200 >= page.total || page.alerts.length === 0) break;
      }
    } catch (error) {
      listed = `(not read: ${String(error).slice(0, 120)})`;
    }

    // Intake with and without scoring, side by side: the last `--probe-days` of live events (not
    // reports) posted again under new record ids, once as history and once live, window by window,
    // which goes first taking turns. Its alerts come after the figures' alerts were read.
    const probeFrom = periodEnd - probeDays * DAY;
    const probeEvents = liveEvents.filter(
      (event) => event.at >= probeFrom && event.kind !== 'police-reports',
    );
    const probeHistory = batches(
      probeEvents.map((event) => restamped(event, '-PH')),
      probeFrom,
      windowMs,
      true,
    );
    const probeScoring = batches(
      probeEvents.map((event) => restamped(event, '-PS')),
      probeFrom,
      windowMs,
      false,
    );
    console.log(
      `Intake probe: ${probeEvents.length.toLocaleString('en')} events of the last ${probeDays} ` +
        'days under new ids, as history and live in turn ...',
    );
    for (let index = 0; index < Math.min(probeHistory.length, probeScoring.length); index += 1) {
      const asHistory = probeHistory[index] as Batch;
      const asLive = probeScoring[index] as Batch;
      if (index % 2 === 0) {
        await poster.post(asHistory, 'probeHistory');
        await poster.post(asLive, 'probeScoring');
      } else {
        await poster.post(asLive, 'probeScoring');
        await poster.post(asHistory, 'probeHistory');
      }
    }

    // Only now the truth: the figures.
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    const victims = victimFacts(truth, {
      bankAccounts,
      reports: rowsOf.get('police-reports') ?? [],
      calls: rowsOf.get('telecom-cdr') ?? [],
    });
    const people = new Set(
      bankAccounts
        .filter((row) => row.holder_phone)
        .map((row) => (row.holder_id ?? '').toUpperCase()),
    ).size;
    const intake = (sample: { events: number; seconds: number }): IntakeSample => ({
      events: sample.events,
      seconds: sample.seconds,
    });
    const metrics = warningMetrics({
      truth,
      victims,
      analyses,
      alerts: [...latest.values()],
      latenciesMs: alertLatencies(deliveries, (ref) => poster.at(ref)),
      liveFrom,
      liveTo: periodEnd,
      people,
      intakeScoring: intake(poster.samples.probeScoring),
      intakeHistory: intake(poster.samples.probeHistory),
    });

    // For the failure analysis: numbers that talked to a ring number, and their holders.
    const ringNumbers = new Set(
      truth.rings.flatMap((ring) =>
        ring.members
          .filter((m) => m.entity.startsWith('PhoneNumber:'))
          .map((m) => m.entity.slice(12)),
      ),
    );
    const calledByRing = new Set<string>();
    for (const call of rowsOf.get('telecom-cdr') ?? []) {
      if (!ringNumbers.has(e164(call.calling_number ?? ''))) continue;
      calledByRing.add(entityKey('PhoneNumber', e164(call.called_number ?? '')));
    }
    for (const row of bankAccounts) {
      if (
        row.holder_id &&
        calledByRing.has(entityKey('PhoneNumber', e164(row.holder_phone ?? '')))
      ) {
        calledByRing.add(entityKey('Person', row.holder_id));
      }
    }
    const busy = new Set(
      truth.busyLegitimate.map((entry) => {
        const colon = entry.entity.indexOf(':');
        return entityKey(entry.entity.slice(0, colon), entry.entity.slice(colon + 1));
      }),
    );

    const durations = {
      history: percentiles(poster.durations.history),
      live: percentiles(poster.durations.live),
      probeHistory: percentiles(poster.durations.probeHistory),
      probeScoring: percentiles(poster.durations.probeScoring),
    };
    const rate = (sample: Sample) =>
      Math.round(poster.samples[sample].events / Math.max(1e-9, poster.samples[sample].seconds));
    console.log(
      `\n${size} scenario, seed ${seed}; ${daysHistory} history days, ${liveDays} live days at ` +
        `${daySeconds} s a day, ${tickMs} ms windows; ${os.cpus().length} CPUs, load average ` +
        `${os.loadavg()[0]?.toFixed(1)}; whole run ${((performance.now() - runStarted) / 1000).toFixed(0)} s.`,
    );
    console.log(
      `Posted ${poster.totals.received.toLocaleString('en')} events: ${poster.totals.loaded.toLocaleString('en')} ` +
        `loaded, ${poster.totals.duplicates} duplicates, ${poster.totals.rejected} rejected` +
        (poster.rejectReasons.size > 0
          ? ` (${[...poster.rejectReasons]
              .map(([r, n]) => `${n}× ${r}`)
              .slice(0, 5)
              .join('; ')})`
          : '') +
        '.',
    );
    console.log(
      `Posts: history ${poster.samples.history.posts} (mean ${Math.round(poster.samples.history.events / Math.max(1, poster.samples.history.posts))} events, ` +
        `p50 ${durations.history.p50.toFixed(0)} ms, p95 ${durations.history.p95.toFixed(0)} ms), live ` +
        `${poster.samples.live.posts} (mean ${Math.round(poster.samples.live.events / Math.max(1, poster.samples.live.posts))} events, ` +
        `p50 ${durations.live.p50.toFixed(0)} ms, p95 ${durations.live.p95.toFixed(0)} ms); ` +
        `the replay fell at most ${(maxBehindMs / 1000).toFixed(1)} s behind its schedule.`,
    );
    console.log(
      `Analyses: ${analysisLog.map((run) => `${run.rings} rings in ${run.seconds.toFixed(0)} s (done ${isoLocal(Date.parse(run.finishedAt))})`).join('; ')}.`,
    );
    console.log(
      `Alert stream: ${deliveries.length} messages about ${new Set(deliveries.map((d) => d.alert.id)).size} alerts; ` +
        `the list holds ${listed}.`,
    );
    console.log(
      `Intake (events per second of request time): the probe's ${poster.samples.probeScoring.posts} ` +
        `pairs of posts, live ${rate('probeScoring')} (p50 ${durations.probeScoring.p50.toFixed(0)} ms) ` +
        `and history ${rate('probeHistory')} (p50 ${durations.probeHistory.p50.toFixed(0)} ms); ` +
        `the paced phases: live ${rate('live')}, history ${rate('history')} (other times, other load).`,
    );
    // For each victim: the ring's calls before the first payment, and whether the latest analysis
    // finished by then held the calling number or handset.
    const firstPayment = new Map(victims.map((victim) => [victim.victim, victim]));
    const ringOfNumber = new Map<string, string>();
    for (const ring of truth.rings) {
      for (const member of ring.members) {
        if (member.entity.startsWith('PhoneNumber:')) {
          ringOfNumber.set(member.entity.slice(12), ring.id);
        }
      }
    }
    const ownerOfNumber = new Map<string, string>();
    for (const victim of victims) {
      for (const number of victim.numbers) ownerOfNumber.set(number, victim.victim);
    }
    const ringCalls = new Map<string, Row[]>();
    for (const row of rowsOf.get('telecom-cdr') ?? []) {
      const victim = ownerOfNumber.get(entityKey('PhoneNumber', e164(row.called_number ?? '')));
      if (!victim) continue;
      const calling = e164(row.calling_number ?? '');
      if (ringOfNumber.get(calling) !== firstPayment.get(victim)?.ring) continue;
      if (Date.parse(row.start_time ?? '') >= (firstPayment.get(victim)?.firstPaymentAt ?? 0)) {
        continue;
      }
      ringCalls.set(victim, [...(ringCalls.get(victim) ?? []), row]);
    }
    const latestRingsAt = (at: number) => {
      let latest: AnalysisSnapshot | undefined;
      for (const analysis of analyses) {
        if (analysis.finishedAt <= at && (!latest || analysis.finishedAt >= latest.finishedAt)) {
          latest = analysis;
        }
      }
      return latest?.ringEntities ?? new Set<string>();
    };
    const callsBefore = (victim: string) =>
      (ringCalls.get(victim) ?? []).slice(-4).map((row) => {
        const at = Date.parse(row.start_time ?? '');
        const rings = latestRingsAt(at);
        const number = e164(row.calling_number ?? '');
        const inRings = (key: string) => (rings.has(key) ? 'in' : 'not in');
        return (
          `call ${isoLocal(at)} ${row.duration_s} s from ${number} ` +
          `(number ${inRings(entityKey('PhoneNumber', number))}, SIM ` +
          `${inRings(entityKey('SIM', row.imsi ?? ''))}, handset ${row.imei} ` +
          `${inRings(entityKey('Device', row.imei ?? ''))} the latest rings)`
        );
      });
    printReport(metrics, { calledByRing, busy, callsBefore });
    // Latency by rule (an alert keeps its rule, so each rule's deliveries stand alone).
    const latencyByRule = Object.fromEntries(
      [...new Set(deliveries.map((delivery) => delivery.alert.rule))].sort().map((rule) => {
        const times = alertLatencies(
          deliveries.filter((delivery) => delivery.alert.rule === rule),
          (ref) => poster.at(ref),
        );
        return [
          rule,
          {
            count: times.length,
            p50: percentile(times, 0.5),
            p95: percentile(times, 0.95),
            max: percentile(times, 1),
          },
        ];
      }),
    );
    console.log('Event-to-alert latency by rule (ms):');
    for (const [rule, figures] of Object.entries(latencyByRule)) {
      console.log(
        `  ${rule.padEnd(24)} n ${String(figures.count).padStart(4)}  p50 ${String(figures.p50).padStart(5)}  ` +
          `p95 ${String(figures.p95).padStart(5)}  max ${String(figures.max).padStart(5)}`,
      );
    }
    // What the analyses knew of each truth ring: its members in the first and the last run's rings.
    const coverage = truth.rings.map((ring) => {
      const found = (snapshot: AnalysisSnapshot | undefined) => {
        const byType = new Map<string, [number, number]>();
        for (const member of ring.members) {
          const type = member.entity.slice(0, member.entity.indexOf(':'));
          const counts = byType.get(type) ?? [0, 0];
          counts[1] += 1;
          const key = entityKey(type, member.entity.slice(type.length + 1));
          if (snapshot?.ringEntities.has(key)) counts[0] += 1;
          byType.set(type, counts);
        }
        return Object.fromEntries(byType);
      };
      return {
        ring: ring.id,
        script: ring.script,
        first: found(analyses[0]),
        last: found(analyses[analyses.length - 1]),
      };
    });
    console.log(
      '\nTruth rings: members in the found rings (found/all by type), first run -> last run:',
    );
    for (const ring of coverage) {
      const text = (counts: Record<string, [number, number]>) =>
        Object.entries(counts)
          .map(([type, [found, all]]) => `${type} ${found}/${all}`)
          .join(', ');
      console.log(`  ${ring.ring} ${ring.script}: ${text(ring.first)} -> ${text(ring.last)}`);
    }
    // Freezing money in time: the requests the replay raised, as the banks saw and answered them.
    const seenStops: SeenStop[] = [...banks.stops.values()];
    const seenIds = new Set(seenStops.map((stop) => stop.id));
    const recorded: RecordedRequest[] = seenStops
      .filter((stop) => stop.eventAt !== null)
      .map((stop) => ({
        account: stop.account,
        at: stop.eventAt ?? 0,
        movedOn: stop.origin === 'policy' && stop.alertId === null,
      }));
    const requestedAccounts = new Set(centreStops.map((stop) => stop.account.id.toUpperCase()));
    for (const stop of seenStops) requestedAccounts.add(stop.account);
    const alertsWithoutRequest = [...latest.values()]
      .map((alert) => alert as SeenAlert & { proposedStop?: { account: string } | null })
      .filter(
        (alert) =>
          ['paying_suspected_mule', 'traced_money_held'].includes(alert.rule) &&
          alert.proposedStop &&
          !requestedAccounts.has(alert.proposedStop.account.toUpperCase()),
      )
      .map((alert) => `${alert.rule} ${alert.id} on ${alert.proposedStop?.account ?? '?'}`);
    // Two requests waiting for their bank on one account at once: the later seen before the earlier
    // was answered (a hold in force may have a new request beside it, for money arriving since).
    const doubled: string[] = [];
    const byAccount = new Map<string, SeenStop[]>();
    for (const stop of seenStops) {
      byAccount.set(stop.account, [...(byAccount.get(stop.account) ?? []), stop]);
    }
    for (const [account, list] of byAccount) {
      const ordered = list.sort((x, y) => (x.eventAt ?? 0) - (y.eventAt ?? 0));
      for (let index = 1; index < ordered.length; index += 1) {
        const earlier = ordered[index - 1] as SeenStop;
        const later = ordered[index] as SeenStop;
        const closedAt = earlier.answer ? earlier.answer.sentScenario : Infinity;
        if (later.firstSeenScenario < closedAt) {
          doubled.push(`${account}: ${earlier.id} and ${later.id}`);
        }
      }
    }
    // The payments the alerts named (for the offline model): paying a suspected mule, and paying
    // someone new when the payee is watched (here: an account the replay asked a stop on).
    const transferByKey = new Map(transfers.map((transfer) => [transfer.key, transfer]));
    const stopped = new Set(seenStops.map((stop) => stop.account));
    const alerted = [...latest.values()]
      .filter((alert) => ['paying_suspected_mule', 'urgent_new_payee'].includes(alert.rule))
      .flatMap((alert) =>
        alert.evidence
          .filter((ref) => ref.type === 'Transfer')
          .flatMap((ref) => {
            const transfer = transferByKey.get(ref.id.toUpperCase());
            if (!transfer) return [];
            if (alert.rule === 'urgent_new_payee' && !stopped.has(transfer.to)) return [];
            return [{ account: transfer.to, at: transfer.at }];
          }),
      );
    const bankLog = {
      requests: seenStops.length,
      held: seenStops.filter((stop) => stop.answer?.outcome === 'held').length,
      empty: seenStops.filter((stop) => stop.answer?.outcome === 'empty').length,
      refused: seenStops.filter((stop) => stop.answerError !== null).length,
      unanswered: seenStops.filter((stop) => !stop.answer && stop.answerError === null).length,
    };
    const freeze = freezeMetrics({
      truth,
      transfers,
      analyses,
      recorded,
      reports: reportTimes(truth, rowsOf.get('police-reports') ?? []),
      alerted,
      liveFrom,
      liveTo: periodEnd,
      bankMinutes,
      bank: bankLog,
    });
    const sight = {
      stops: seenStops,
      problems: banks.problems,
      polls: banks.polls,
      answerMs: banks.answerMs,
      conflicts: banks.conflicts,
      unseen: centreStops.filter((stop) => !seenIds.has(stop.id)).map((stop) => stop.id),
      alertsWithoutRequest,
      doubled,
      late: seenStops
        .filter((stop) => stop.firstSeenWall - Date.parse(stop.requestedAt) > 5_000)
        .map(
          (stop) =>
            `${stop.id} made ${stop.requestedAt}, seen ${((stop.firstSeenWall - Date.parse(stop.requestedAt)) / 1000).toFixed(1)} s later ` +
            `with change number ${stop.firstSeq} (the bank's cursor was ${stop.cursorBefore})`,
        ),
    };
    printFreezeReport(freeze, sight, bankMinutes);
    if (values.json) {
      writeFileSync(
        values.json,
        `${JSON.stringify(
          {
            command: `npm run bench:warning -- ${process.argv.slice(2).join(' ')}`.trim(),
            scenario: { size, seed, daysHistory, liveDays, daySeconds, tickMs },
            machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0] },
            posts: { ...poster.samples, durations, maxBehindMs, totals: poster.totals },
            analyses: analysisLog,
            ringCoverage: coverage,
            latencyByRule,
            metrics,
            freeze: {
              bankMinutes,
              metrics: freeze,
              checks: {
                unseen: sight.unseen,
                doubled,
                alertsWithoutRequest,
                late: sight.late,
                problems: banks.problems,
              },
              requests: seenStops,
              alerted,
            },
          },
          null,
          1,
        )}\n`,
      );
      console.log(`\nWrote ${values.json}.`);
    }
  } finally {
    await stream?.close();
    await app?.close();
    await database.close();
  }
}

await main();
