/**
 * Stop-payment requests as stored in Neo4j (`cypher/freeze/`): created once per account while one
 * is open, read with their account and the money they secured, listed for the centre or for one
 * bank (with a change cursor for bank systems), and moved on step by step.
 */
import {
  STOP_ORIGINS,
  STOP_STATUSES,
  type StopOrigin,
  type StopRequest,
  type StopStatus,
} from '../contract/freeze';
import type { Executor } from '../db/executor';
import { queries, type StopRow, type StopWrite } from '../db/queries';
import { RingtraceError, notFound } from '../errors';
import type { Step, StopState } from './lifecycle';

function oneOf<T extends string>(value: string | null | undefined, list: readonly T[], or: T): T {
  return value !== null && value !== undefined && (list as readonly string[]).includes(value)
    ? (value as T)
    : or;
}

/** A stop as the API answers it. */
export function toStop(row: StopRow): StopRequest {
  const secured = row.secured.map((line) => ({
    transferId: line.transferId,
    victimId: line.victimId ?? null,
    victimName: line.victimName ?? null,
    caseId: line.caseId ?? null,
    amountMinor: line.amountMinor,
  }));
  const status = oneOf(row.status, STOP_STATUSES, 'requested');
  const inForce = status === 'held' || status === 'frozen';
  return {
    id: row.id,
    account: {
      id: row.accountId,
      bank: row.bank,
      number: row.accountNumber ?? null,
      holderName: row.holderName ?? null,
    },
    amountMinor: row.amountMinor,
    currency: row.currency,
    transfers: row.transfers,
    caseId: row.caseId ?? null,
    legalBasis: row.legalBasis,
    origin: oneOf<StopOrigin>(row.origin, STOP_ORIGINS, 'account'),
    alertId: row.alertId ?? null,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    eventAt: row.eventAt ?? null,
    hop: row.hop ?? 0,
    status,
    answeredBy: row.answeredBy ?? null,
    answeredAt: row.answeredAt ?? null,
    heldMinor: row.heldMinor ?? null,
    bankReference: row.bankReference ?? null,
    refusalReason: row.refusalReason ?? null,
    holdUntil: row.holdUntil ?? null,
    renewals: row.renewals,
    renewedAt: row.renewedAt ?? null,
    frozenAt: row.frozenAt ?? null,
    frozenBy: row.frozenBy ?? null,
    freezeBasis: row.freezeBasis ?? null,
    lapsedAt: row.lapsedAt ?? null,
    releasedAt: row.releasedAt ?? null,
    releasedBy: row.releasedBy ?? null,
    releaseReason: row.releaseReason ?? null,
    escalated: row.escalated,
    escalatedAt: row.escalatedAt ?? null,
    endingWarnedAt: row.endingWarnedAt ?? null,
    secured: inForce ? secured : [],
    securedMinor: inForce ? secured.reduce((sum, line) => sum + line.amountMinor, 0) : 0,
    seq: row.seq,
  };
}

/** What a stop's life needs of a stop as the API answers it. */
export function stateOf(stop: StopRequest): StopState & { seq: number } {
  return {
    id: stop.id,
    bank: stop.account.bank,
    status: stop.status,
    amountMinor: stop.amountMinor,
    currency: stop.currency,
    holdUntil: stop.holdUntil,
    renewals: stop.renewals,
    requestedAt: stop.requestedAt,
    escalated: stop.escalated,
    endingWarnedAt: stop.endingWarnedAt,
    seq: stop.seq,
  };
}

/** Which stops a reader may see: one bank's (its partner), or all (null: the police). */
export type StopScope = { readonly bank: string | null };

export interface StopFilter {
  readonly statuses: readonly StopStatus[];
  readonly accounts: readonly string[] | null;
  readonly caseId: string | null;
  readonly since: number | null;
  readonly skip: number;
  readonly limit: number;
}

export class StopStore {
  readonly #executor: Executor;

  constructor(executor: Executor) {
    this.#executor = executor;
  }

  /** Creates the request unless one is open on the account; answers the open one and whether new. */
  async create(stop: StopWrite, now: Date): Promise<{ stop: StopRequest; created: boolean }> {
    const row = await this.#executor.first(queries.createStop, { stop, now: now.toISOString() });
    if (!row) throw notFound(`No bank account ${stop.account} here.`);
    return { stop: await this.#one(row.id), created: row.created };
  }

  async byIds(ids: readonly string[]): Promise<StopRequest[]> {
    if (ids.length === 0) return [];
    const rows = await this.#executor.run(queries.stopsByIds, { ids: [...ids] });
    return rows.map((row) => toStop(row.stop));
  }

  async #one(id: string): Promise<StopRequest> {
    const [stop] = await this.byIds([id]);
    if (!stop) throw notFound(`No stop-payment request ${id}.`);
    return stop;
  }

  /** One stop the reader may see; another bank's is not found, as if it did not exist. */
  async get(scope: StopScope, id: string): Promise<StopRequest> {
    const stop = await this.#one(id);
    if (scope.bank !== null && stop.account.bank !== scope.bank) {
      throw notFound(`No stop-payment request ${id} for bank ${scope.bank}.`);
    }
    return stop;
  }

  async list(
    scope: StopScope,
    filter: StopFilter,
  ): Promise<{ stops: StopRequest[]; total: number; cursor: number }> {
    const found = await this.#executor.first(queries.listStops, {
      bank: scope.bank,
      statuses: [...filter.statuses],
      accounts: filter.accounts ? [...filter.accounts] : null,
      caseId: filter.caseId,
      since: filter.since,
      skip: filter.skip,
      limit: filter.limit,
    });
    const stops = await this.byIds(found?.ids ?? []);
    // The cursor is what the listing read: a stop changed since is listed again with its new number,
    // while one made in between, numbered below it, is not passed over.
    const cursor = Math.max(filter.since ?? 0, ...(found?.seqs ?? []));
    return { stops, total: found?.total ?? 0, cursor };
  }

  /** Writes a step if the stop is still as read; a stop changed meanwhile is a conflict. */
  async apply(
    stop: StopRequest,
    step: Step,
    now: Date,
    secured: { transferId: string; amountMinor: number }[] = [],
  ): Promise<StopRequest> {
    const row = await this.#executor.first(queries.updateStop, {
      id: stop.id,
      from: step.from,
      seq: stop.seq,
      changes: step.changes,
      secured,
      now: now.toISOString(),
    });
    if (!row) {
      throw new RingtraceError(
        'conflict',
        `Stop ${stop.id} changed meanwhile; read it again. Nothing was changed.`,
      );
    }
    return this.#one(stop.id);
  }

  /** Stops a timer may be due on. */
  async due(answerBefore: Date, warnBefore: Date, now: Date): Promise<StopRequest[]> {
    const rows = await this.#executor.run(queries.dueStops, {
      answerBefore: answerBefore.toISOString(),
      warnBefore: warnBefore.toISOString(),
      now: now.toISOString(),
    });
    return this.byIds(rows.map((row) => row.id));
  }
}
