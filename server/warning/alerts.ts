/**
 * Alerts as stored in Neo4j (`cypher/warning/`): raised and merged by the scorer, listed for a
 * station or the centre, acknowledged, closed with an outcome, escalated when nobody acknowledged
 * them in time. Every change takes the next change number (`seq`), which the alert stream resumes
 * from.
 */
import {
  ALERT_OUTCOMES,
  ALERT_RULES,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type Alert,
  type AlertDashboard,
  type AlertOutcome,
  type AlertStatus,
} from '../contract/warning';
import type { Executor } from '../db/executor';
import { queries, type AlertRow, type AlertWrite } from '../db/queries';
import { RingtraceError, notFound } from '../errors';

function oneOf<T extends string>(value: string | null | undefined, list: readonly T[]): T | null {
  return value !== null && value !== undefined && (list as readonly string[]).includes(value)
    ? (value as T)
    : null;
}

function split(entity: string): { type: string; id: string } {
  const at = entity.indexOf(':');
  return { type: entity.slice(0, at), id: entity.slice(at + 1) };
}

/** An alert as the API answers it. */
export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    rule: oneOf(row.rule, ALERT_RULES) ?? 'paying_suspected_mule',
    severity: oneOf(row.severity, ALERT_SEVERITIES) ?? 'high',
    status: oneOf(row.status, ALERT_STATUSES) ?? 'new',
    title: row.title,
    subject: { type: row.subjectType, id: row.subjectId, label: row.subjectLabel },
    station: row.stationId ? { id: row.stationId, name: row.stationName ?? null } : null,
    contact:
      row.contactPersonId || row.contactPhone
        ? {
            personId: row.contactPersonId ?? null,
            name: row.contactName ?? null,
            phone: row.contactPhone ?? null,
          }
        : null,
    amount:
      row.amountMinor !== null && row.amountMinor !== undefined && row.currency
        ? { amountMinor: row.amountMinor, currency: row.currency }
        : null,
    proposedStop:
      row.stopAccount && row.amountMinor !== null && row.amountMinor !== undefined && row.currency
        ? { account: row.stopAccount, amountMinor: row.amountMinor, currency: row.currency }
        : null,
    reasons: row.reasons,
    evidence: row.evidence.map(split),
    firstEventAt: row.firstEventAt,
    lastEventAt: row.lastEventAt,
    occurrences: row.triggers.length,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    escalated: row.escalated,
    escalatedAt: row.escalatedAt ?? null,
    acknowledgedBy: row.acknowledgedBy ?? null,
    acknowledgedAt: row.acknowledgedAt ?? null,
    outcome: oneOf(row.outcome, ALERT_OUTCOMES),
    outcomeNote: row.outcomeNote ?? null,
    closedBy: row.closedBy ?? null,
    closedAt: row.closedAt ?? null,
    seq: row.seq,
  };
}

/** Which alerts a reader may see: one station's, or every station's (null: the centre). */
export type AlertScope = { readonly stationId: string | null };

export class AlertStore {
  readonly #executor: Executor;
  readonly #now: () => Date;

  constructor(executor: Executor, now: () => Date) {
    this.#executor = executor;
    this.#now = now;
  }

  /**
   * Raises or adds to alerts, in one transaction; answers those that changed (not those that
   * already held every event given).
   */
  async upsert(alerts: readonly AlertWrite[]): Promise<AlertRow[]> {
    if (alerts.length === 0) return [];
    const rows = await this.#executor.run(queries.upsertAlerts, {
      alerts: [...alerts],
      now: this.#now().toISOString(),
    });
    // An alert changed twice in one call comes back twice: keep its last state.
    return [...new Map(rows.map((row) => [row.alert.id, row.alert])).values()];
  }

  async list(
    scope: AlertScope,
    filter: { statuses: readonly AlertStatus[]; rule: string | null; skip: number; limit: number },
  ): Promise<{ alerts: Alert[]; total: number }> {
    const rows = await this.#executor.run(queries.listAlerts, {
      stationId: scope.stationId,
      statuses: [...filter.statuses],
      rule: filter.rule,
      skip: filter.skip,
      limit: filter.limit,
    });
    return {
      alerts: rows.flatMap((row) => (row.alert ? [toAlert(row.alert)] : [])),
      total: rows[0]?.total ?? 0,
    };
  }

  /** One alert the reader may see; another station's is not found, as if it did not exist. */
  async get(scope: AlertScope, id: string): Promise<Alert> {
    const row = await this.#executor.first(queries.alertById, { id });
    if (!row || (scope.stationId !== null && row.alert.stationId !== scope.stationId)) {
      throw notFound(`No alert ${id}.`);
    }
    return toAlert(row.alert);
  }

  async acknowledge(scope: AlertScope, id: string, by: string): Promise<Alert> {
    const current = await this.get(scope, id);
    if (current.status !== 'new') {
      throw new RingtraceError(
        'conflict',
        `Alert ${id} is ${current.status}${current.acknowledgedBy ? ` (acknowledged by ${current.acknowledgedBy})` : ''}; only a new alert is acknowledged.`,
      );
    }
    const row = await this.#executor.first(queries.acknowledgeAlert, {
      id,
      by,
      now: this.#now().toISOString(),
    });
    if (!row) throw new RingtraceError('conflict', `Alert ${id} was acknowledged meanwhile.`);
    return toAlert(row.alert);
  }

  async close(
    scope: AlertScope,
    id: string,
    by: string,
    outcome: AlertOutcome,
    note: string | null,
  ): Promise<Alert> {
    const current = await this.get(scope, id);
    if (current.status !== 'acknowledged') {
      throw new RingtraceError(
        'conflict',
        current.status === 'new'
          ? `Acknowledge alert ${id} before recording its outcome.`
          : `Alert ${id} is already closed (${current.outcome ?? 'no outcome'}).`,
      );
    }
    const row = await this.#executor.first(queries.closeAlert, {
      id,
      by,
      outcome,
      note,
      now: this.#now().toISOString(),
    });
    if (!row) throw new RingtraceError('conflict', `Alert ${id} was closed meanwhile.`);
    return toAlert(row.alert);
  }

  /** Escalates the alerts nobody acknowledged within `minutes`; answers them. */
  async escalateDue(minutes: number): Promise<Alert[]> {
    const now = this.#now();
    const rows = await this.#executor.run(queries.escalateAlerts, {
      before: new Date(now.getTime() - minutes * 60_000).toISOString(),
      now: now.toISOString(),
    });
    return rows.map((row) => toAlert(row.alert));
  }

  async changedAfter(scope: AlertScope, after: number, limit: number): Promise<AlertRow[]> {
    const rows = await this.#executor.run(queries.alertsAfter, {
      after,
      stationId: scope.stationId,
      limit,
    });
    return rows.map((row) => row.alert);
  }

  async dashboard(hours: number): Promise<AlertDashboard> {
    const now = this.#now();
    const since = new Date(
      Math.floor(now.getTime() / 3_600_000) * 3_600_000 - (hours - 1) * 3_600_000,
    );
    const rows = await this.#executor.run(queries.alertsSince, {
      since: since.toISOString(),
      limit: DASHBOARD_MAX_ALERTS,
    });
    return dashboardOf(rows, hours, since);
  }
}

/** Most alerts a dashboard reads. */
const DASHBOARD_MAX_ALERTS = 100_000;

type DashboardRow = {
  createdAt: string;
  stationId: string | null;
  stationName: string | null;
  status: string;
  outcome: string | null;
  severity: string;
  amountMinor: number | null;
  currency: string | null;
};

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

/** The dashboard's figures from the alerts raised since `since` (the start of the first hour). */
export function dashboardOf(
  rows: readonly DashboardRow[],
  hours: number,
  since: Date,
): AlertDashboard {
  const perHour = Array.from({ length: hours }, (_, i) => ({
    hour: new Date(since.getTime() + i * 3_600_000).toISOString(),
    count: 0,
  }));
  for (const row of rows) {
    const slot = Math.floor((Date.parse(row.createdAt) - since.getTime()) / 3_600_000);
    const bucket = perHour[slot];
    if (bucket) bucket.count += 1;
  }
  const stations = new Map<
    string,
    { stationId: string | null; name: string | null; count: number; open: number }
  >();
  for (const row of rows) {
    const k = row.stationId ?? '';
    const station = stations.get(k) ?? {
      stationId: row.stationId,
      name: row.stationName,
      count: 0,
      open: 0,
    };
    station.count += 1;
    if (row.status !== 'closed') station.open += 1;
    stations.set(k, station);
  }
  const outcomes = countBy(
    rows.filter((row) => row.outcome !== null),
    (row) => row.outcome ?? '',
  );
  const severities = countBy(rows, (row) => row.severity);
  const money = new Map<string, number>();
  for (const row of rows) {
    if (row.status === 'closed' || row.amountMinor === null || !row.currency) continue;
    money.set(row.currency, (money.get(row.currency) ?? 0) + row.amountMinor);
  }
  return {
    hours,
    perHour,
    perStation: [...stations.values()].sort((a, b) => b.count - a.count),
    outcomes: ALERT_OUTCOMES.map((outcome) => ({ outcome, count: outcomes.get(outcome) ?? 0 })),
    bySeverity: ALERT_SEVERITIES.map((severity) => ({
      severity,
      count: severities.get(severity) ?? 0,
    })),
    moneyAtRisk: [...money].map(([currency, amountMinor]) => ({ amountMinor, currency })),
  };
}
