/**
 * Victims' money as it stands, for a case, a ring or the centre: what they paid, what confirmed
 * holds secured, what is still moving (traced forward and still sitting in accounts no hold
 * covers: it can still be stopped) and what is lost (the rest: it left before anyone held it).
 */
import type { MoneyFigures, MoneySummary } from '../contract/freeze';
import type { Executor } from '../db/executor';
import { queries, type VictimPayment } from '../db/queries';
import { notFound } from '../errors';
import { TRACE_DEFAULTS, traceForward } from '../services/trace';

/** Most payments traced for one answer; more are reported as `partial`. */
export const MONEY_MAX_PAYMENTS = 200;
/** Most cases the centre's figures read. */
const CENTRE_MAX_CASES = 500;
/** Traces run this many at a time. */
const TRACES_AT_ONCE = 4;
const DAY = 86_400_000;

export type MoneyScope =
  | { readonly kind: 'case'; readonly id: string }
  | { readonly kind: 'ring'; readonly id: string }
  | { readonly kind: 'centre'; readonly days: number; readonly now: Date };

/** Per-payment figures, before they are summed by case and currency. */
export interface PaymentMoney {
  readonly payment: VictimPayment;
  readonly securedMinor: number;
  readonly movingMinor: number;
}

function figures(currency: string, lines: readonly PaymentMoney[]): MoneyFigures {
  // Each payment on its own: what it secured and what of it still moves are at most what it paid.
  let paid = 0;
  let secured = 0;
  let moving = 0;
  for (const line of lines) {
    const paidMinor = line.payment.amountMinor;
    const securedMinor = Math.min(paidMinor, line.securedMinor);
    paid += paidMinor;
    secured += securedMinor;
    moving += Math.min(paidMinor - securedMinor, Math.round(line.movingMinor));
  }
  return {
    currency,
    paidMinor: paid,
    securedMinor: secured,
    movingMinor: moving,
    lostMinor: paid - secured - moving,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** Sums payment figures by currency, and by case (or victim) and currency; pure. */
export function summarise(lines: readonly PaymentMoney[]): Pick<MoneySummary, 'totals' | 'cases'> {
  const totals = [...groupBy(lines, (line) => line.payment.currency)].map(([currency, group]) =>
    figures(currency, group),
  );
  const cases = [
    ...groupBy(
      lines,
      (line) =>
        `${line.payment.caseId ?? ''}\n${line.payment.caseId ? '' : (line.payment.victimId ?? line.payment.from)}\n${line.payment.currency}`,
    ).values(),
  ].map((group) => {
    const first = group[0]?.payment;
    return {
      ...figures(first?.currency ?? '', group),
      caseId: first?.caseId ?? null,
      victimId: first?.victimId ?? null,
      victimName: first?.victimName ?? null,
      payments: group.length,
    };
  });
  cases.sort((a, b) => b.paidMinor - a.paidMinor);
  return { totals, cases };
}

async function paymentsOf(executor: Executor, scope: MoneyScope): Promise<VictimPayment[]> {
  const limit = MONEY_MAX_PAYMENTS + 1;
  if (scope.kind === 'case') {
    const found = await executor.first(queries.entityById, {
      type: 'Case',
      id: scope.id,
      organisation: null,
    });
    if (!found) throw notFound(`No case ${scope.id}.`);
    return executor.run(queries.casePayments, { cases: [scope.id], limit });
  }
  if (scope.kind === 'ring') {
    const ring = await executor.first(queries.analysisRingDetail, { id: scope.id });
    if (!ring) throw notFound(`No ring ${scope.id}.`);
    return executor.run(queries.ringPayments, { ring: scope.id, limit });
  }
  const cases = await executor.run(queries.recentCases, {
    since: new Date(scope.now.getTime() - scope.days * DAY).toISOString(),
    limit: CENTRE_MAX_CASES,
  });
  return executor.run(queries.casePayments, { cases: cases.map((k) => k.id), limit });
}

/** The money of a case, a ring or the centre's recent cases. */
export async function moneySummary(executor: Executor, scope: MoneyScope): Promise<MoneySummary> {
  const found = await paymentsOf(executor, scope);
  const payments = found.slice(0, MONEY_MAX_PAYMENTS);
  const secured = await executor.run(queries.securedOfTransfers, {
    transfers: payments.map((p) => p.transferId),
  });
  const held = new Set(
    (await executor.run(queries.activeStops, {}))
      .filter((stop) => stop.status === 'held' || stop.status === 'frozen')
      .map((stop) => stop.account),
  );
  const lines: PaymentMoney[] = [];
  for (let start = 0; start < payments.length; start += TRACES_AT_ONCE) {
    const batch = payments.slice(start, start + TRACES_AT_ONCE);
    const traces = await Promise.all(
      batch.map((payment) =>
        traceForward(executor, payment.transferId, {
          depth: TRACE_DEFAULTS.depth,
          windowHours: TRACE_DEFAULTS.windowHours,
          method: 'proportional',
        }),
      ),
    );
    for (const [i, payment] of batch.entries()) {
      const moving = (traces[i]?.holdings ?? [])
        .filter((holding) => holding.account !== payment.from && !held.has(holding.account))
        .reduce((sum, holding) => sum + holding.tracedMinor, 0);
      const securedMinor = secured
        .filter((line) => line.transferId === payment.transferId)
        .reduce((sum, line) => sum + line.amountMinor, 0);
      lines.push({ payment, securedMinor, movingMinor: moving });
    }
  }
  const holds = [...groupBy(secured, (line) => line.stopId).values()].map((group) => ({
    stopId: group[0]?.stopId ?? '',
    account: group[0]?.account ?? '',
    status: group[0]?.status === 'frozen' ? ('frozen' as const) : ('held' as const),
    securedMinor: group.reduce((sum, line) => sum + line.amountMinor, 0),
    currency: group[0]?.currency ?? '',
  }));
  return {
    scope: {
      kind: scope.kind,
      id: scope.kind === 'centre' ? null : scope.id,
      days: scope.kind === 'centre' ? scope.days : null,
    },
    ...summarise(lines),
    holds,
    partial: found.length > MONEY_MAX_PAYMENTS,
  };
}
