/**
 * Forward money-flow tracing from a victim's transfer: follows the money hop by hop in time
 * order (each hop after the money arrived) within a window and a depth, reads every transfer of
 * the accounts reached (so untraced money is accounted for), and allocates the victim's amount
 * with `allocateFlow`. The answer names the rule used and the accounts still holding traced money.
 */
import { allocateFlow, type AllocationMethod, type FlowTransfer } from '../analysis/moneyFlow';
import type { Executor } from '../db/executor';
import { queries, type FlowRow } from '../db/queries';
import { notFound } from '../errors';

export const TRACE_DEFAULTS = {
  depth: 4,
  maxDepth: 6,
  windowHours: 72,
  maxWindowHours: 14 * 24,
  /** Most transfers followed out of one account per hop. */
  perAccount: 50,
  /** Money that arrived this long before the victim's transfer is booked too. */
  lookbackHours: 24,
  /** Most transfers read for the allocation. */
  cap: 20_000,
} as const;

export interface TraceOptions {
  readonly depth: number;
  readonly windowHours: number;
  readonly method: AllocationMethod;
}

const HOUR = 3_600_000;

function iso(time: string | number): string {
  return new Date(time).toISOString();
}

function asFlow(row: FlowRow): FlowTransfer {
  return { ...row, time: iso(row.time) };
}

export async function traceForward(executor: Executor, transferId: string, options: TraceOptions) {
  const root = await executor.first(queries.transferById, { id: transferId });
  if (!root) throw notFound(`No transfer with id ${transferId}.`);
  const start = Date.parse(root.time);
  const until = iso(start + options.windowHours * HOUR);

  const depthOf = new Map<string, number>([[root.to, 1]]);
  let frontier = [{ account: root.to, after: iso(start) }];
  for (let depth = 2; depth <= options.depth && frontier.length > 0; depth += 1) {
    const rows = await executor.run(queries.transfersOutAfter, {
      frontier,
      until,
      currency: root.currency,
      perAccount: TRACE_DEFAULTS.perAccount,
    });
    const next: typeof frontier = [];
    for (const row of rows) {
      if (depthOf.has(row.to)) continue;
      depthOf.set(row.to, depth);
      next.push({ account: row.to, after: iso(row.time) });
    }
    frontier = next;
  }

  const rows = await executor.run(queries.transfersOfAccounts, {
    accounts: [...depthOf.keys()],
    since: iso(start - TRACE_DEFAULTS.lookbackHours * HOUR),
    until,
    currency: root.currency,
    cap: TRACE_DEFAULTS.cap,
  });
  const transfers = new Map(rows.map((row) => [row.id, asFlow(row)]));
  transfers.set(root.id, asFlow(root));
  const flow = allocateFlow([...transfers.values()], root.id, options.method);
  return {
    transfer: { ...root, time: iso(root.time) },
    method: flow.method,
    depth: options.depth,
    windowHours: options.windowHours,
    hops: flow.hops.map((hop) => ({ ...hop, depth: depthOf.get(hop.to) ?? null })),
    holdings: flow.holdings.map((holding) => ({
      ...holding,
      currency: root.currency,
      depth: depthOf.get(holding.account) ?? null,
    })),
    truncated: rows.length >= TRACE_DEFAULTS.cap,
  };
}
