/**
 * Forward money-flow tracing from a victim's transfer: follows the money hop by hop in time
 * order (each hop after the money arrived) within a window and a depth, reads every transfer of
 * the accounts reached (so untraced money is accounted for), and allocates the victim's amount
 * with `allocateFlow`. The answer names the rule used, holds at most `depth` hops, and lists the
 * accounts still holding traced money and the money that left the last depth's accounts.
 */
import {
  allocateFlow,
  type AllocationMethod,
  type FlowHop,
  type FlowTransfer,
} from '../analysis/moneyFlow';
import { attributeSources } from '../analysis/moneySources';
import type { BackwardTrace, ForwardTrace } from '../contract/trace';
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

/** A trace's starting point: the victim's transfer, or money put into an account at a time. */
type TraceRoot = FlowTransfer & { currency: string };

async function traceForwardFrom(
  executor: Executor,
  root: TraceRoot,
  options: TraceOptions,
): Promise<ForwardTrace> {
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
  transfers.set(root.id, root);
  const flow = allocateFlow([...transfers.values()], root.id, options.method, followed(depthOf));
  const reach = withinDepth(flow.hops, depthOf, options.depth);
  return {
    transfer: root,
    method: flow.method,
    depth: options.depth,
    windowHours: options.windowHours,
    hops: reach.hops,
    holdings: flow.holdings
      .filter((holding) => reach.depthOf.has(holding.account))
      .map((holding) => ({
        ...holding,
        currency: root.currency,
        depth: reach.depthOf.get(holding.account) ?? null,
      })),
    beyondDepth: reach.beyond.map((left) => ({ ...left, currency: root.currency })),
    truncated: rows.length >= TRACE_DEFAULTS.cap,
  };
}

/** The accounts whose every transfer the trace read: only their payments pass traced money on. */
function followed(depthOf: ReadonlyMap<string, number>): ReadonlySet<string> {
  return new Set(depthOf.keys());
}

/**
 * Keeps a forward trace to `maxDepth` hops. Every account the trace read is at most `maxDepth`
 * hops from the victim, and its ledger is complete, so money that left an account of the last
 * depth in the window is booked as gone: it is not held there (a detective who froze that account
 * would find it empty), and it is not followed either. Those transfers are left out of the hops
 * and their traced money is reported, by the account it left, as beyond the depth; the accounts it
 * reached are not listed as holding it (nothing was read of what they did with it).
 */
function withinDepth(
  hops: readonly FlowHop[],
  traced: ReadonlyMap<string, number>,
  maxDepth: number,
): {
  hops: (FlowHop & { depth: number })[];
  depthOf: Map<string, number>;
  beyond: { account: string; tracedMinor: number; transfers: number }[];
} {
  // Only followed accounts pay traced money, so a hop's depth is the receiving account's, or one
  // more than the paying account's when the money went to an account the trace did not read.
  const hopDepth = (hop: FlowHop) => traced.get(hop.to) ?? (traced.get(hop.from) ?? 0) + 1;
  const depthOf = new Map(traced);
  for (const hop of hops) {
    const depth = hopDepth(hop);
    if (depth <= maxDepth && depth < (depthOf.get(hop.to) ?? Infinity)) depthOf.set(hop.to, depth);
  }
  const kept: (FlowHop & { depth: number })[] = [];
  const beyond = new Map<string, { account: string; tracedMinor: number; transfers: number }>();
  for (const hop of hops) {
    const depth = depthOf.get(hop.to);
    if (depth !== undefined) {
      kept.push({ ...hop, depth });
      continue;
    }
    const left = beyond.get(hop.from) ?? { account: hop.from, tracedMinor: 0, transfers: 0 };
    left.tracedMinor += hop.tracedMinor;
    left.transfers += 1;
    beyond.set(hop.from, left);
  }
  return {
    hops: kept,
    depthOf,
    beyond: [...beyond.values()].sort(
      (a, b) => b.tracedMinor - a.tracedMinor || (a.account < b.account ? -1 : 1),
    ),
  };
}

/** Forward from a victim's transfer (by id). */
export async function traceForward(
  executor: Executor,
  transferId: string,
  options: TraceOptions,
): Promise<ForwardTrace> {
  const root = await executor.first(queries.transferById, { id: transferId });
  if (!root) throw notFound(`No transfer with id ${transferId}.`);
  return traceForwardFrom(executor, { ...root, time: iso(root.time) }, options);
}

/** The account and the currency a trace from an account follows. */
async function accountToTrace(executor: Executor, account: string, currency?: string) {
  const found = await executor.first(queries.accountCurrency, { id: account });
  if (!found) throw notFound(`No bank account ${account}.`);
  const chosen = currency ?? found.currency;
  if (!chosen) throw notFound(`Account ${account} has no transfers to trace.`);
  return { account: found.id, currency: chosen };
}

export interface AccountTraceStart {
  readonly account: string;
  /** ISO-8601: when the money was put in (forward) or when it was seen there (backward). */
  readonly at: string;
  readonly currency?: string;
}

/**
 * Forward from an account and a time, when the victim's own transfer is not in the records (a
 * payment from a bank that does not supply data, a cash deposit): `amountMinor` put into the
 * account at `at` is traced as if it had arrived by transfer.
 */
export async function traceForwardFromAccount(
  executor: Executor,
  start: AccountTraceStart & { readonly amountMinor: number },
  options: TraceOptions,
): Promise<ForwardTrace> {
  const { account, currency } = await accountToTrace(executor, start.account, start.currency);
  const time = iso(start.at);
  return traceForwardFrom(
    executor,
    {
      id: `deposit:${account}@${time}`,
      from: 'outside the records',
      to: account,
      amountMinor: start.amountMinor,
      currency,
      time,
    },
    options,
  );
}

/**
 * Backward from an account: the transfers it received in the window before `at`, followed back
 * hop by hop (each earlier than the money left), and the money attributed to where it came from.
 */
export async function traceBackward(
  executor: Executor,
  start: AccountTraceStart,
  options: TraceOptions,
): Promise<BackwardTrace> {
  const { account, currency } = await accountToTrace(executor, start.account, start.currency);
  const until = iso(start.at);
  const since = iso(Date.parse(until) - options.windowHours * HOUR);

  const depthOf = new Map<string, number>([[account, 0]]);
  const targets: string[] = [];
  let frontier = [{ account, before: until }];
  for (let depth = 1; depth <= options.depth && frontier.length > 0; depth += 1) {
    const rows = await executor.run(queries.transfersInBefore, {
      frontier,
      since,
      currency,
      perAccount: TRACE_DEFAULTS.perAccount,
    });
    const next: typeof frontier = [];
    for (const row of rows) {
      if (depth === 1) targets.push(row.id);
      if (depthOf.has(row.from)) continue;
      depthOf.set(row.from, depth);
      if (depth < options.depth) next.push({ account: row.from, before: iso(row.time) });
    }
    frontier = next;
  }

  // Accounts on the last level are not ledgered: the money is not followed further back.
  const ledgered = new Set(
    [...depthOf.entries()].filter(([, depth]) => depth < options.depth).map(([id]) => id),
  );
  const rows = await executor.run(queries.transfersOfAccounts, {
    accounts: [...ledgered],
    since: iso(Date.parse(since) - TRACE_DEFAULTS.lookbackHours * HOUR),
    until,
    currency,
    cap: TRACE_DEFAULTS.cap,
  });
  const transfers = rows.map(asFlow);
  const received = transfers.filter((transfer) => targets.includes(transfer.id));
  const sources = attributeSources(
    transfers,
    received.map((transfer) => transfer.id),
    ledgered,
    options.method,
  );
  return {
    account,
    at: until,
    currency,
    method: sources.method,
    depth: options.depth,
    windowHours: options.windowHours,
    receivedMinor: received.reduce((sum, transfer) => sum + transfer.amountMinor, 0),
    hops: sources.hops.map((hop) => ({ ...hop, depth: depthOf.get(hop.from) ?? null })),
    origins: sources.origins.map((origin) => ({
      ...origin,
      currency,
      depth: depthOf.get(origin.account) ?? null,
    })),
    truncated: rows.length >= TRACE_DEFAULTS.cap,
  };
}
