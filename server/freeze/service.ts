/**
 * Freezing money in time, whole: stop-payment requests (by hand, from an alert or a money-flow
 * trace, or by the centre's policy as events are scored), the bank's answer, the hold's timers
 * (the bank not answering, the hold about to end, the hold ended) and the victims' money a
 * confirmed hold secured.
 *
 * The policy (`FreezeSettings.autoStop`): a victim's payment into a watched account asks for a stop
 * on that account; a reported case's money traced to an account still holding it asks for a stop
 * there; money leaving an account under an open request asks for a stop where it went, so the
 * requests keep up with mules who pass money on within minutes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AutoStopRule, FreezeSettings } from '../config';
import type { StopRequest, StopStatus } from '../contract/freeze';
import type { Executor } from '../db/executor';
import { queries, type AlertWrite, type StopWrite } from '../db/queries';
import { RingtraceError, badRequest, notFound } from '../errors';
import type { TransferRow } from '../ingest/kinds/bankTransfers';
import { TRACE_DEFAULTS, traceForward } from '../services/trace';
import { formatMinor, stopAlert } from '../warning/rules';
import type { WarningService } from '../warning/service';
import { stepOf, dueOf, type BankAnswer, type StopAction } from './lifecycle';
import { shareHeld, type TracedInto } from './secured';
import { StopStore, stateOf, type StopScope } from './store';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Who the policy's requests are made by. */
export const POLICY_REQUESTER = 'ringtrace-policy';
/** Money leaving a stopped account is followed this long after the event the stop answers. */
const FOLLOW_HOURS = TRACE_DEFAULTS.windowHours;
/** Money is followed at most this many hops from the account the first request was on. */
const FOLLOW_HOPS = TRACE_DEFAULTS.maxDepth;
/** Most victim payments one request names. */
export const MAX_TRANSFERS = 50;

/** A request as an investigator makes it. */
export interface StopAsk {
  readonly account: string;
  readonly amountMinor: number;
  readonly transfers: readonly string[];
  readonly legalBasis: string;
  readonly origin: 'alert' | 'trace' | 'account';
  readonly caseId?: string | undefined;
  readonly alertId?: string | undefined;
}

/** An open stop as the policy follows money out of it. */
interface OpenStop {
  readonly id: string;
  readonly status: string;
  /** Record time from which money leaving the account is followed (ms). */
  readonly since: number;
  readonly amountMinor: number;
  readonly transfers: readonly string[];
  readonly caseId: string | null;
  readonly legalBasis: string;
  /** Hops from the account the first request was on (0: that account). */
  readonly hop: number;
  /** What of the request's amount has not been followed out of the account yet. */
  left: number;
}

export interface FreezeOptions {
  readonly settings: FreezeSettings;
  readonly logger: Logger;
  /** Early warning: its watch state learns the accounts under a stop; timers raise its alerts. */
  readonly warning: WarningService;
  readonly now?: () => Date;
  /** How often the timers run. */
  readonly tickMs?: number;
}

function newStopId(now: Date): string {
  return `ST-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
}

/** The policy's id for a stop: the same account and event always make the same id. */
function policyStopId(account: string, event: string, eventAt: string): string {
  const digest = createHash('sha256').update(`${account}\n${event}`).digest('hex');
  return `ST-${eventAt.slice(0, 10).replaceAll('-', '')}-${digest.slice(0, 10)}`;
}

function evidenceOf(write: AlertWrite, type: string): string[] {
  return write.evidence
    .filter((entry) => entry.startsWith(`${type}:`))
    .map((entry) => entry.slice(type.length + 1));
}

export class FreezeService {
  readonly store: StopStore;
  readonly settings: FreezeSettings;
  readonly #executor: Executor;
  readonly #logger: Logger;
  readonly #warning: WarningService;
  readonly #now: () => Date;
  readonly #auto: ReadonlySet<AutoStopRule>;
  readonly #tickMs: number;
  /** Open stops by account, for following money out of them. */
  #open = new Map<string, OpenStop>();
  #timer: NodeJS.Timeout | undefined;
  /** The open stops as read at start: the policy waits for them. */
  #ready: Promise<void> = Promise.resolve();

  constructor(executor: Executor, options: FreezeOptions) {
    this.#executor = executor;
    this.settings = options.settings;
    this.#logger = options.logger.child({ component: 'freeze' });
    this.#warning = options.warning;
    this.#now = options.now ?? (() => new Date());
    this.#auto = new Set(options.settings.autoStop);
    this.#tickMs = options.tickMs ?? 30_000;
    this.store = new StopStore(executor);
  }

  /** The time by the service's clock (tests move it). */
  now(): Date {
    return this.#now();
  }

  /** Reads the open stops and starts the timers. */
  async start(): Promise<void> {
    this.#timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.#logger.warn({ err: error }, 'Stop-payment timers failed; retrying'),
      );
    }, this.#tickMs);
    this.#timer.unref();
    this.#ready = this.#readOpen();
    await this.#ready;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The open stops, as other servers may have changed them. */
  async #readOpen(): Promise<void> {
    const rows = await this.#executor.run(queries.activeStops, {});
    const open = new Map<string, OpenStop>();
    for (const row of rows) {
      const known = this.#open.get(row.account);
      // What this server already followed out of the account stays followed.
      const followed = known?.id === row.id ? known.amountMinor - known.left : 0;
      open.set(row.account, {
        id: row.id,
        status: row.status,
        since: Date.parse(row.since),
        amountMinor: row.amountMinor,
        transfers: row.transfers,
        caseId: row.caseId ?? null,
        legalBasis: row.legalBasis,
        hop: row.hop,
        left: Math.max(0, row.amountMinor - followed),
      });
      this.#watch(row.account, row.id, row.status);
    }
    this.#open = open;
  }

  #watch(account: string, id: string, status: string): void {
    this.#warning.state.addMoneyAccount(
      account,
      'under_stop',
      `under stop-payment request ${id} (${status})`,
    );
  }

  /** Keeps the open-stop map as a stop now stands. */
  #track(stop: StopRequest): void {
    const account = stop.account.id;
    const known = this.#open.get(account);
    if (stop.status === 'requested' || stop.status === 'held' || stop.status === 'frozen') {
      const followed = known?.id === stop.id ? known.amountMinor - known.left : 0;
      this.#open.set(account, {
        id: stop.id,
        status: stop.status,
        since: Date.parse(stop.eventAt ?? stop.requestedAt),
        amountMinor: stop.amountMinor,
        transfers: stop.transfers,
        caseId: stop.caseId,
        legalBasis: stop.legalBasis,
        hop: stop.hop,
        left: Math.max(0, stop.amountMinor - followed),
      });
      this.#watch(account, stop.id, stop.status);
    } else if (known?.id === stop.id) {
      this.#open.delete(account);
    }
  }

  /**
   * The money of each transfer traced into `account`: all of it when the transfer paid the account,
   * else what a forward trace from it (proportional, the longest depth) brings there.
   */
  async tracedInto(
    account: string,
    transferIds: readonly string[],
  ): Promise<{ lines: TracedInto[]; currencies: string[] }> {
    const rows = await this.#executor.run(queries.stopTransfers, { ids: [...transferIds] });
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = transferIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(`No transfer ${missing.slice(0, 5).join(', ')}.`);
    const currencies = [...new Set(rows.map((row) => row.currency))];
    const lines: TracedInto[] = [];
    for (const row of rows) {
      if (row.to === account) {
        lines.push({ transferId: row.id, tracedMinor: row.amountMinor });
        continue;
      }
      const trace = await traceForward(this.#executor, row.id, {
        depth: TRACE_DEFAULTS.maxDepth,
        windowHours: TRACE_DEFAULTS.windowHours,
        method: 'proportional',
      });
      const into = trace.hops
        .filter((hop) => hop.to === account)
        .reduce((sum, hop) => sum + hop.tracedMinor, 0);
      lines.push({ transferId: row.id, tracedMinor: Math.floor(into) });
    }
    return { lines, currencies };
  }

  /**
   * An investigator's request: the account must be one a bank holds here, and the amount at most
   * the money of the given transfers traced into it. A request already open on the account is
   * answered instead (`created: false`).
   */
  async request(ask: StopAsk, by: string): Promise<{ stop: StopRequest; created: boolean }> {
    const account = await this.#executor.first(queries.stopAccount, { account: ask.account });
    if (!account) {
      throw notFound(
        `No bank account ${ask.account} here: a stop is asked of the bank that holds the account.`,
      );
    }
    const transfers = [...new Set(ask.transfers)];
    const { lines: traced, currencies } = await this.tracedInto(ask.account, transfers);
    if (currencies.length > 1) {
      throw badRequest(
        `The transfers are in ${currencies.join(' and ')}; ask one stop per currency.`,
      );
    }
    const total = traced.reduce((sum, line) => sum + line.tracedMinor, 0);
    const currency = currencies[0] ?? 'CNY';
    if (total <= 0) {
      throw badRequest(
        `None of the money of ${transfers.join(', ')} was traced into ${ask.account}; choose the transfers whose money reached it.`,
      );
    }
    if (ask.amountMinor > total) {
      throw badRequest(
        `At most ${formatMinor(total, currency)} of these transfers' money was traced into ${ask.account}; ask for that much or less (asked ${formatMinor(ask.amountMinor, currency)}).`,
      );
    }
    const now = this.#now();
    const made = await this.store.create(
      {
        id: newStopId(now),
        account: ask.account,
        amountMinor: ask.amountMinor,
        currency,
        transfers,
        caseId: ask.caseId ?? null,
        legalBasis: ask.legalBasis,
        origin: ask.origin,
        alertId: ask.alertId ?? null,
        requestedBy: by,
        eventAt: null,
        hop: 0,
      },
      now,
    );
    this.#track(made.stop);
    return made;
  }

  /** The bank's answer; only the account's own bank answers (another bank's is not found). */
  async answer(scope: StopScope, id: string, answer: BankAnswer, by: string): Promise<StopRequest> {
    // The policy may add money to a request while its bank answers: the answer is then made again
    // on the request as it now stands, rather than refused.
    for (let attempt = 1; ; attempt += 1) {
      const stop = await this.store.get(scope, id);
      const now = this.#now();
      const step = stepOf(stateOf(stop), { kind: 'answer', answer }, by, now, this.settings);
      let secured: { transferId: string; amountMinor: number }[] = [];
      if (answer.outcome === 'held') {
        const { lines: traced } = await this.tracedInto(stop.account.id, stop.transfers);
        // Money traced past the longest trace still counts: it was the request's own.
        const lines = traced.some((line) => line.tracedMinor > 0)
          ? traced
          : [{ transferId: stop.transfers[0] ?? '', tracedMinor: stop.amountMinor }];
        secured = shareHeld(answer.heldMinor, lines).filter((line) => line.transferId !== '');
      }
      try {
        const done = await this.store.apply(stop, step, now, secured);
        this.#track(done);
        return done;
      } catch (error) {
        if (!(error instanceof RingtraceError && error.kind === 'conflict') || attempt >= 3) {
          throw error;
        }
      }
    }
  }

  /** Renews, freezes or releases a hold. */
  async act(
    id: string,
    action: Extract<StopAction, { kind: 'renew' | 'freeze' | 'release' }>,
    by: string,
  ): Promise<StopRequest> {
    const stop = await this.store.get({ bank: null }, id);
    const now = this.#now();
    const done = await this.store.apply(
      stop,
      stepOf(stateOf(stop), action, by, now, this.settings),
      now,
    );
    this.#track(done);
    return done;
  }

  /**
   * The timers: a request the bank has not answered in time escalates, the investigator is warned
   * before a hold ends, and a hold that ended lapses; each raises an alert at the centre, so no
   * hold ends silently. Answers how many stops moved.
   */
  async tick(): Promise<number> {
    await this.#readOpen();
    const now = this.#now();
    const settings = this.settings;
    const due = await this.store.due(
      new Date(now.getTime() - settings.answerMinutes * MINUTE),
      new Date(now.getTime() + settings.warnBeforeHours * HOUR),
      now,
    );
    const alerts: AlertWrite[] = [];
    for (const stop of due) {
      const kind = dueOf(stateOf(stop), now, settings);
      if (!kind) continue;
      try {
        const done = await this.store.apply(
          stop,
          stepOf(stateOf(stop), { kind }, POLICY_REQUESTER, now, settings),
          now,
        );
        this.#track(done);
        alerts.push(stopAlert(kind, done, now, settings));
      } catch (error) {
        // Changed meanwhile (answered, renewed): the next tick reads it again.
        this.#logger.debug({ err: error, stop: stop.id }, 'Stop changed before its timer');
      }
    }
    if (alerts.length > 0) {
      await this.#warning.store.upsert(alerts);
      void this.#warning.hub.wake();
      this.#logger.info({ alerts: alerts.length }, 'Stop-payment timers raised alerts');
    }
    return alerts.length;
  }

  /**
   * The centre's policy, run on each scored batch: the alerts it computed (raised now or before)
   * and its transfers in record-time order. Answers the stops it asked for or added to.
   */
  async applyPolicy(
    writes: readonly AlertWrite[],
    transfers: readonly TransferRow[],
  ): Promise<StopRequest[]> {
    if (this.#auto.size === 0) return [];
    // Read again by the next tick if it failed.
    await this.#ready.catch(() => undefined);
    const asked: StopRequest[] = [];
    for (const write of writes) {
      if (write.rule !== 'traced_money_held' || !this.#auto.has('traced_money_held')) continue;
      if (!write.stopAccount || write.amountMinor === null || !write.currency) continue;
      const [caseId] = evidenceOf(write, 'Case');
      const stop = await this.#policyStop({
        account: write.stopAccount,
        event: write.triggers[0] ?? write.id,
        eventAt: write.eventAt,
        amountMinor: write.amountMinor,
        currency: write.currency,
        transfers: evidenceOf(write, 'Transfer'),
        caseId: caseId ?? null,
        legalBasis: caseId ? `Case ${caseId} (alert ${write.id})` : `Alert ${write.id}`,
        alertId: write.id,
        hop: 0,
      });
      if (stop) asked.push(stop);
    }
    const paymentAlerts = new Map<string, AlertWrite>();
    for (const write of writes) {
      if (write.rule === 'paying_suspected_mule' || write.rule === 'urgent_new_payee') {
        for (const trigger of write.triggers) paymentAlerts.set(trigger, write);
      }
    }
    const inOrder = [...transfers].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    for (const row of inOrder) {
      const stop = await this.#policyForTransfer(row, paymentAlerts.get(row.id));
      if (stop) asked.push(stop);
    }
    return asked;
  }

  async #policyForTransfer(
    row: TransferRow,
    alert: AlertWrite | undefined,
  ): Promise<StopRequest | undefined> {
    const at = Date.parse(row.time);
    const eventAt = new Date(at).toISOString();
    if (alert && this.#paymentStops(alert, row)) {
      return this.#policyStop({
        account: row.toId,
        event: row.id,
        eventAt,
        amountMinor: row.amountMinor,
        currency: row.currency,
        transfers: [row.id],
        caseId: null,
        legalBasis: `Alert ${alert.id}: victim's payment ${row.id}`,
        alertId: alert.id,
        hop: 0,
      });
    }
    const source = this.#open.get(row.fromId);
    if (
      !this.#auto.has('money_moved_on') ||
      !source ||
      row.toId === row.fromId ||
      at < source.since ||
      at - source.since > FOLLOW_HOURS * HOUR ||
      source.hop >= FOLLOW_HOPS
    ) {
      return undefined;
    }
    // Only the request's own money is followed, and not in crumbs: a busy account's other
    // payments (a merchant paying its suppliers) are not chased once the amount is accounted for.
    const amountMinor = Math.min(row.amountMinor, source.left);
    if (amountMinor < this.#warning.settings.minHeldMinor) return undefined;
    source.left -= amountMinor;
    return this.#policyStop({
      account: row.toId,
      event: row.id,
      eventAt,
      hop: source.hop + 1,
      amountMinor,
      currency: row.currency,
      transfers: [...source.transfers],
      caseId: source.caseId,
      legalBasis: `Money moved on from ${row.fromId} (stop ${source.id}) by transfer ${row.id}; ${source.legalBasis}`,
      alertId: null,
    });
  }

  /** Whether a payment alert's payment asks for a stop on its payee. */
  #paymentStops(alert: AlertWrite, row: TransferRow): boolean {
    if (alert.rule === 'paying_suspected_mule') return this.#auto.has('paying_suspected_mule');
    return (
      this.#auto.has('urgent_new_payee') &&
      this.#warning.state.paysIntoWatched(row.toId) !== undefined
    );
  }

  /**
   * A request by the policy. When a request not yet answered is open on the account, the new money
   * is added to it (the bank sees the change). A hold in force holds what the account held when the
   * bank answered: money arriving later is asked for in a new request.
   */
  async #policyStop(ask: {
    account: string;
    event: string;
    eventAt: string;
    amountMinor: number;
    currency: string;
    transfers: string[];
    caseId: string | null;
    legalBasis: string;
    alertId: string | null;
    hop: number;
  }): Promise<StopRequest | undefined> {
    const open = this.#open.get(ask.account);
    if (open) {
      // The same victims' money again (it went round): asked for already.
      if (ask.transfers.every((t) => open.transfers.includes(t))) return undefined;
      if (open.status === 'requested') return this.#addTo(open.id, ask.amountMinor, ask.transfers);
    }
    const write: StopWrite = {
      id: policyStopId(ask.account, ask.event, ask.eventAt),
      account: ask.account,
      amountMinor: ask.amountMinor,
      currency: ask.currency,
      transfers: ask.transfers,
      caseId: ask.caseId,
      legalBasis: ask.legalBasis,
      origin: 'policy',
      alertId: ask.alertId,
      requestedBy: POLICY_REQUESTER,
      eventAt: new Date(ask.eventAt).toISOString(),
      hop: ask.hop,
    };
    try {
      const made = await this.store.create(write, this.#now());
      this.#track(made.stop);
      return made.created ? made.stop : undefined;
    } catch (error) {
      // An account no bank file named (a payee seen only in a transfer) is still an account here;
      // anything else is worth a line in the log, and the batch goes on.
      this.#logger.warn({ err: error, account: ask.account }, 'Policy stop not requested');
      return undefined;
    }
  }

  /** Adds new money to a request the bank has not answered yet. */
  async #addTo(
    id: string,
    amountMinor: number,
    transfers: readonly string[],
  ): Promise<StopRequest | undefined> {
    const stop = await this.store.get({ bank: null }, id);
    if (stop.status !== 'requested') {
      this.#track(stop);
      return undefined;
    }
    const added = transfers.filter((t) => !stop.transfers.includes(t));
    // A request names at most 50 payments, as an investigator's does; the bank's answer traces each.
    if (stop.transfers.length + added.length > MAX_TRANSFERS) return undefined;
    try {
      const done = await this.store.apply(
        stop,
        {
          from: ['requested'] satisfies StopStatus[],
          changes: {
            amountMinor: stop.amountMinor + amountMinor,
            transfers: [...stop.transfers, ...added],
          },
        },
        this.#now(),
      );
      this.#track(done);
      return done;
    } catch (error) {
      // Answered meanwhile: the hold stands as the bank gave it.
      this.#logger.debug({ err: error, stop: id }, 'Stop answered before money was added');
      return undefined;
    }
  }
}
