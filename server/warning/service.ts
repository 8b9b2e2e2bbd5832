/**
 * Early warning, whole: the watch state (built from the graph at start and again when a finished
 * analysis run or a new report changes it), the scoring of every new event whichever door it came
 * through (live intake, file upload, command-line online load), the alerts it raises, their stream
 * and their escalation. A load marked as history builds the watch state and raises no alert.
 */
import type { Logger } from 'pino';
import type { WarningSettings } from '../config';
import type { WatchList, WatchReason } from '../contract/warning';
import { WATCH_REASONS } from '../contract/warning';
import type { Executor } from '../db/executor';
import { queries, type AlertRow, type AlertWrite, type PersonFound } from '../db/queries';
import type { FileKind, KeyedRow } from '../ingest/kinds';
import type { TransferRow } from '../ingest/kinds/bankTransfers';
import type { PlatformAccountRow } from '../ingest/kinds/platformAccounts';
import type { ReportRow } from '../ingest/kinds/policeReports';
import type { CallRow } from '../ingest/kinds/telecomCdr';
import type { SightingRow } from '../ingest/kinds/telecomSightings';
import { TRACE_DEFAULTS, traceForward } from '../services/trace';
import { AlertStore } from './alerts';
import {
  callFinding,
  heldAlert,
  muleAlert,
  transferFinding,
  urgentAlert,
  warnsOfWorkedOn,
  workedOnAlert,
} from './rules';
import { AlertHub } from './stream';
import { WatchState } from './watchState';

const HOUR = 3_600_000;
/** Money-flow traces of new reports run this many at a time. */
const TRACES_AT_ONCE = 4;

/** `work` over `items`, `size` at a time; the answers in the items' order. */
async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const answers: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    answers.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return answers;
}

export interface WarningOptions {
  readonly settings: WarningSettings;
  readonly logger: Logger;
  /** The clock alerts are stamped and escalated by (tests move it). */
  readonly now?: () => Date;
  /** How often the stream reads changes made by other processes. */
  readonly pollMs?: number;
  /** How often the watch state checks whether what it is built from changed. */
  readonly refreshMs?: number;
  /** How often alerts nobody acknowledged are escalated. */
  readonly escalateEveryMs?: number;
}

/**
 * What runs after each scored batch (not history): the alerts it computed, raised now or before,
 * and its transfers. The centre's stop-payment policy hangs here.
 */
export type AfterScoring = (
  writes: readonly AlertWrite[],
  transfers: readonly TransferRow[],
) => Promise<unknown>;

/** How a load's new events are scored: `history` builds the watch state and raises no alert. */
export interface ScoreOptions {
  readonly history?: boolean;
}

type Scored =
  | { kind: 'bank-transfers'; row: TransferRow; at: number }
  | { kind: 'telecom-cdr'; row: CallRow; at: number }
  | { kind: 'telecom-sightings'; row: SightingRow; at: number }
  | { kind: 'platform-accounts'; row: PlatformAccountRow; at: number }
  | { kind: 'police-reports'; row: ReportRow; at: number };

/** A kind's rows with their record time; kinds no rule reads are left out. */
function scoredOf(kind: FileKind, rows: readonly KeyedRow[]): Scored[] {
  switch (kind) {
    case 'bank-transfers':
      return (rows as TransferRow[]).map((row) => ({ kind, row, at: Date.parse(row.time) }));
    case 'telecom-cdr':
      return (rows as CallRow[]).map((row) => ({ kind, row, at: Date.parse(row.start) }));
    case 'telecom-sightings':
      return (rows as SightingRow[]).map((row) => ({ kind, row, at: Date.parse(row.seenAt) }));
    case 'platform-accounts':
      return (rows as PlatformAccountRow[]).map((row) => ({
        kind,
        row,
        at: row.registeredAt ? Date.parse(row.registeredAt) : 0,
      }));
    case 'police-reports':
      return (rows as ReportRow[]).map((row) => ({ kind, row, at: Date.parse(row.reportedAt) }));
    default:
      return [];
  }
}

export class WarningService {
  readonly state = new WatchState();
  readonly store: AlertStore;
  readonly hub: AlertHub;
  readonly settings: WarningSettings;
  readonly #executor: Executor;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #options: WarningOptions;
  #fingerprint = '';
  #timers: NodeJS.Timeout[] = [];
  /** Scoring and rebuilding take turns: the state is never read half-built. */
  #turn: Promise<unknown> = Promise.resolve();
  /** The latest record time scored: "now" for forgetting old contacts. */
  #latestEventAt = 0;
  /**
   * New reports this server scored since the last rebuild: the watch state already holds what
   * they name, so the refresh does not rebuild for them (only for others' reports and runs).
   */
  #reportsScored = 0;
  #afterScoring: AfterScoring | undefined;

  constructor(executor: Executor, options: WarningOptions) {
    this.#executor = executor;
    this.#options = options;
    this.settings = options.settings;
    this.#logger = options.logger.child({ component: 'warning' });
    this.#now = options.now ?? (() => new Date());
    this.store = new AlertStore(executor, this.#now);
    this.hub = new AlertHub(this.store, options.pollMs ?? 500, (error) =>
      this.#logger.warn({ err: error }, 'Reading alert changes failed; retrying'),
    );
  }

  /** Sets what runs after each scored batch (the stop-payment policy). */
  afterScoring(work: AfterScoring): void {
    this.#afterScoring = work;
  }

  /** Builds the watch state and starts the stream, the refresh and the escalation timers. */
  async start(): Promise<void> {
    const every = (ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        work().catch((error: unknown) =>
          this.#logger.warn({ err: error }, 'Early warning task failed'),
        );
      }, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(this.#options.refreshMs ?? 3_000, () => this.refreshIfChanged());
    every(this.#options.escalateEveryMs ?? 30_000, () => this.escalateDue());
    // A failure here is retried: the refresh rebuilds a state never built (its fingerprint is
    // empty), and the stream reads from the start until it knows the latest change.
    await this.hub.start();
    await this.rebuild();
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.hub.stop();
    await this.#turn.catch(() => undefined);
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#turn.then(work, work);
    this.#turn = next.catch(() => undefined);
    return next;
  }

  /** Rebuilds the watch state when the latest analysis run or the number of cases changed. */
  async refreshIfChanged(): Promise<boolean> {
    const found = await this.#executor.first(queries.watchFingerprint, {});
    const fingerprint = `${found?.runId ?? ''}/${found?.cases ?? 0}`;
    if (fingerprint === this.#fingerprint) return false;
    if (fingerprint === this.#expected()) {
      this.#fingerprint = fingerprint;
      this.#reportsScored = 0;
      return false;
    }
    await this.rebuild();
    return true;
  }

  /** The fingerprint once the reports this server scored are counted: no rebuild for those. */
  #expected(): string {
    const [runId = '', cases = '0'] = this.#fingerprint.split('/');
    return `${runId}/${Number(cases) + this.#reportsScored}`;
  }

  /** Builds the watch state from the graph and the alerts. */
  rebuild(): Promise<void> {
    return this.#inTurn(async () => {
      const started = Date.now();
      const found = await this.#executor.first(queries.watchFingerprint, {});
      const members = await this.#executor.run(queries.watchRingMembers, {});
      const state = this.state;
      state.setRings(members[0]?.runId ?? null, members);
      const of = (type: string) => members.filter((m) => m.type === type).map((m) => m.id);
      const { devices, sims } = state.ringHandsets();
      const ties = await this.#executor.run(queries.watchTies, {
        devices,
        sims,
        numbers: of('PhoneNumber'),
        ips: of('IPAddress'),
      });
      for (const tie of ties) state.tie(tie.type, tie.id, tie.viaType, tie.via);
      state.setReported(await this.#executor.run(queries.watchReportNames, {}));
      const latest = (await this.#executor.first(queries.latestEventTime, {}))?.at;
      const latestAt = Math.max(this.#latestEventAt, latest ? Date.parse(latest) : 0);
      const since = new Date(latestAt - this.settings.workedOnHours * HOUR).toISOString();
      for (const alert of await this.#executor.run(queries.watchAlerts, { since })) {
        if (alert.rule === 'traced_money_held') {
          state.addMoneyAccount(
            alert.subjectId,
            'traced_money',
            'holds money traced from a reported case',
          );
        } else if (alert.contactPhone) {
          const at = Date.parse(alert.lastEventAt);
          for (const callId of alert.triggers) {
            state.workedOn(alert.contactPhone, alert.subjectId, alert.watchAccounts, {
              caller: 'a watched number',
              at,
              callId,
            });
          }
        }
      }
      for (const stop of await this.#executor.run(queries.activeStops, {})) {
        state.addMoneyAccount(
          stop.account,
          'under_stop',
          `under stop-payment request ${stop.id} (${stop.status})`,
        );
      }
      this.#fingerprint = `${found?.runId ?? ''}/${found?.cases ?? 0}`;
      this.#reportsScored = 0;
      state.markBuilt(this.#now());
      this.#logger.info(
        { entries: state.size, runId: state.runId, ms: Date.now() - started },
        'Watch state built',
      );
    });
  }

  /**
   * Scores a kind's new rows (as written); answers the alerts raised or added to. With
   * `history`, only the watch state learns from them.
   */
  score(
    kind: FileKind,
    rows: readonly KeyedRow[],
    options: ScoreOptions = {},
  ): Promise<AlertRow[]> {
    const events = scoredOf(kind, rows);
    if (events.length === 0) return Promise.resolve([]);
    return this.scoreEvents(
      events.map((event) => ({ kind: event.kind, row: event.row })),
      options,
    );
  }

  /** Scores events of several kinds together, in record-time order. */
  scoreEvents(
    events: readonly { kind: FileKind; row: KeyedRow }[],
    options: ScoreOptions = {},
  ): Promise<AlertRow[]> {
    const scored = events
      .flatMap((event) => scoredOf(event.kind, [event.row]))
      .sort((a, b) => a.at - b.at);
    if (scored.length === 0) return Promise.resolve([]);
    return this.#inTurn(() => this.#score(scored, options.history ?? false));
  }

  async #score(events: Scored[], history: boolean): Promise<AlertRow[]> {
    const state = this.state;
    const settings = this.settings;
    // Who the people called by watched numbers are: looked up in one go.
    const callFindings = new Map<string, string>();
    for (const event of events) {
      if (event.kind !== 'telecom-cdr') continue;
      this.#tieCall(event.row);
      const why = callFinding(state, event.row, settings);
      if (why) callFindings.set(event.row.id, why);
    }
    const callees = await this.#peopleOfNumbers(
      events.flatMap((e) =>
        e.kind === 'telecom-cdr' && callFindings.has(e.row.id) ? [e.row.to] : [],
      ),
    );

    const writes: AlertWrite[] = [];
    const payments: {
      row: TransferRow;
      mule?: string;
      worked?: ReturnType<typeof state.recentCallsToHolderOf>;
    }[] = [];
    const reports: ReportRow[] = [];
    for (const event of events) {
      this.#latestEventAt = Math.max(this.#latestEventAt, event.at);
      switch (event.kind) {
        case 'telecom-cdr': {
          const why = callFindings.get(event.row.id);
          if (!why) break;
          const callee = callees.get(event.row.to);
          const earlier = state
            .recentCallsTo(event.row.to, event.at, settings.workedOnHours * HOUR)
            .filter((call) => call.callId !== event.row.id);
          state.workedOn(event.row.to, callee?.personId ?? null, callee?.accounts ?? [], {
            caller: event.row.from,
            at: event.at,
            callId: event.row.id,
          });
          if (warnsOfWorkedOn(event.row, earlier, settings)) {
            writes.push(workedOnAlert(event.row, why, callee, earlier));
          }
          break;
        }
        case 'bank-transfers': {
          const finding = transferFinding(state, event.row, settings);
          if (finding.mule || finding.worked) payments.push({ row: event.row, ...finding });
          break;
        }
        case 'telecom-sightings':
          this.#tieSighting(event.row);
          break;
        case 'platform-accounts':
          this.#tiePlatformAccount(event.row);
          break;
        case 'police-reports': {
          const row = event.row;
          const cases = [row.id];
          for (const number of row.numbers) state.addReported('PhoneNumber', number.id, cases);
          for (const account of row.accounts) state.addReported('BankAccount', account.id, cases);
          for (const handle of row.handles) state.addReported('PlatformAccount', handle.id, cases);
          reports.push(row);
          this.#reportsScored += 1;
          break;
        }
      }
    }
    state.forgetBefore(this.#latestEventAt, settings.workedOnHours * HOUR);
    if (history) return [];

    if (payments.length > 0) writes.push(...(await this.#paymentAlerts(payments)));
    if (reports.length > 0) writes.push(...(await this.#reportAlerts(reports)));

    const raised = await this.store.upsert(writes);
    if (raised.length > 0) void this.hub.wake();
    if (this.#afterScoring) {
      const transfers = events.flatMap((event) =>
        event.kind === 'bank-transfers' ? [event.row] : [],
      );
      await this.#afterScoring(writes, transfers);
    }
    return raised;
  }

  async #peopleOfNumbers(numbers: string[]): Promise<Map<string, PersonFound>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.#executor.run(queries.personOfNumber, {
      numbers: [...new Set(numbers)],
    });
    return new Map(rows.map((row) => [row.number, row]));
  }

  async #paymentAlerts(
    payments: {
      row: TransferRow;
      mule?: string;
      worked?: ReturnType<WatchState['recentCallsToHolderOf']>;
    }[],
  ): Promise<AlertWrite[]> {
    const payers = new Map(
      (
        await this.#executor.run(queries.personOfAccount, {
          accounts: [...new Set(payments.map((p) => p.row.fromId))],
        })
      ).map((row) => [row.account, row]),
    );
    const worked = payments.filter((p) => p.worked);
    const earlier = new Map(
      worked.length === 0
        ? []
        : (
            await this.#executor.run(queries.earlierPayments, {
              transfers: worked.map((p) => ({
                id: p.row.id,
                from: p.row.fromId,
                to: p.row.toId,
                time: p.row.time,
              })),
            })
          ).map((row) => [row.id, row.earlier]),
    );
    const writes: AlertWrite[] = [];
    for (const payment of payments) {
      const payer = payers.get(payment.row.fromId);
      if (payer && this.state.isRingSide('Person', payer.personId)) continue;
      if (payment.worked && (earlier.get(payment.row.id) ?? 0) === 0) {
        writes.push(urgentAlert(payment.row, payment.worked, payer, payment.mule));
      } else if (payment.mule) {
        writes.push(muleAlert(payment.row, payment.mule, payer));
      }
    }
    return writes;
  }

  /** Traces each new report's payments forward; every account still holding the money alerts. */
  async #reportAlerts(reports: ReportRow[]): Promise<AlertWrite[]> {
    const found = await this.#executor.run(queries.reportedPayments, {
      cases: reports.map((r) => r.id),
    });
    const writes: AlertWrite[] = [];
    const payments = found.flatMap((report) =>
      report.transfers.map((transferId) => ({ report, transferId })),
    );
    // A few traces at a time: each is a handful of queries, and the alerts wait for all of them.
    const traces = await inBatches(payments, TRACES_AT_ONCE, ({ transferId }) =>
      traceForward(this.#executor, transferId, {
        depth: TRACE_DEFAULTS.depth,
        windowHours: TRACE_DEFAULTS.windowHours,
        method: 'proportional',
      }),
    );
    for (const [i, { report, transferId }] of payments.entries()) {
      const trace = traces[i];
      if (!trace) continue;
      const reportedAt =
        reports.find((r) => r.id === report.caseId)?.reportedAt ?? new Date().toISOString();
      for (const holding of trace.holdings) {
        if (holding.tracedMinor < this.settings.minHeldMinor) continue;
        if (holding.account === trace.transfer.from) continue;
        this.state.addMoneyAccount(
          holding.account,
          'traced_money',
          `holds money traced from case ${report.caseId}`,
        );
        writes.push(heldAlert(holding, report, transferId, reportedAt));
      }
    }
    return writes;
  }

  /** A call made from a ring caller's handset ties its SIM and number to the ring. */
  #tieCall(row: CallRow): void {
    if (!row.imei) return;
    const ring = this.state.ringHandset(row.imei);
    if (!ring) return;
    if (row.imsi) this.state.tie('SIM', row.imsi, 'Device', row.imei);
    this.state.tie('PhoneNumber', row.from, 'Device', row.imei);
  }

  #tieSighting(row: SightingRow): void {
    if (this.state.ringHandset(row.imei)) {
      this.state.tie('SIM', row.imsi, 'Device', row.imei);
      if (row.msisdn) this.state.tie('PhoneNumber', row.msisdn, 'Device', row.imei);
    } else if (this.state.ringSim(row.imsi)) {
      this.state.tie('Device', row.imei, 'SIM', row.imsi);
    }
  }

  #tiePlatformAccount(row: PlatformAccountRow): void {
    const member = (type: string, id: string | null) =>
      id !== null && this.state.reasonsOf(type, id)?.has('ring_member') === true;
    if (row.imei && this.state.ringHandset(row.imei)) {
      this.state.tie('PlatformAccount', row.id, 'Device', row.imei);
    } else if (member('IPAddress', row.ip)) {
      this.state.tie('PlatformAccount', row.id, 'IPAddress', row.ip ?? '');
    } else if (member('PhoneNumber', row.phone)) {
      this.state.tie('PlatformAccount', row.id, 'PhoneNumber', row.phone ?? '');
    }
  }

  /** Escalates alerts nobody acknowledged in time, and streams the change. */
  async escalateDue(): Promise<number> {
    const escalated = await this.store.escalateDue(this.settings.escalateMinutes);
    if (escalated.length > 0) {
      this.#logger.info({ escalated: escalated.length }, 'Alerts escalated to the centre');
      await this.hub.wake();
    }
    return escalated.length;
  }

  /** The watch list, a page of it, optionally of one reason. */
  watchList(reason: WatchReason | null, skip: number, limit: number): WatchList {
    const all = this.state
      .entries()
      .filter((entry) => reason === null || entry.reasons.has(reason))
      .sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
    const counts = WATCH_REASONS.map((r) => ({
      reason: r,
      count: this.state.entries().filter((entry) => entry.reasons.has(r)).length,
    }));
    return {
      builtAt: this.state.builtAt.toISOString(),
      counts,
      entries: all.slice(skip, skip + limit).map((entry) => ({
        type: entry.type,
        id: entry.id,
        reasons: [...entry.reasons].map(([r, detail]) => ({ reason: r, detail })),
      })),
      total: all.length,
      skip,
      limit,
    };
  }
}
