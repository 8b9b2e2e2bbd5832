/**
 * The freeze figures of `bench:warning`, pure: what the stop-payment requests raised during the
 * replay would have secured of the victims' money, by the scenario's ground truth.
 *
 * The model (a counterfactual over the victims' payment trees in `truth.json`):
 * - A request on account A raised at `at` (its `eventAt`) is answered by the bank `bankDelay`
 *   later, at H. The bank holds when A's balance at H (the scenario's ledger, every account
 *   starting at 0) is above 0, otherwise it answers empty.
 * - A hold holds the money in A at H: victim money that arrived by H and had not left is secured
 *   (the hold is renewed, then frozen). Money that left A before H is lost there and goes on down
 *   its path, where a later hold may still catch it. Money that arrives in A after H is not in the
 *   hold (the bank holds an amount, `heldMinor`); only a later request on A, or on an account
 *   further down, catches it. What a mule keeps as commission stays in A.
 * - Money on the last account of a path (the cash-out account) leaves with the account's next
 *   payment out (the ring's sweep early in the morning); money that left it is lost.
 * - Holds later than the end of the scenario do not count (nothing answers them).
 *
 * Assumptions are varied offline (`retimedTrees`, `modelRequests`): mule speed scales every hop's
 * delay after the victim's own payment (the sweeps keep their schedule), report delay scales the
 * time from the victim's last payment to the report and moves the requests raised at the report
 * with it; the requests raised because money moved on from an account under a stop are derived
 * again over the re-timed ledger. It is an approximation: the alerts themselves are not raised
 * again (an account a report named stays watched from the recorded time, and a report's requests
 * stay on the accounts the recorded report found).
 */
import type { Truth } from '../../../seed/truth/model';
import { percentile, ringKnownAt, type AnalysisSnapshot, type Goal } from './metrics';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** How long after a request's event the centre follows money leaving the account (the server's). */
export const FOLLOW_MS = 72 * HOUR;

/** One transfer of the scenario's ledger (bank-transfers.csv). */
export interface LedgerTransfer {
  /** `FROM_BANK:transfer_id`: transfer ids are unique per paying bank. */
  readonly key: string;
  /** `BANK:NUMBER` */
  readonly from: string;
  readonly to: string;
  readonly amountMinor: number;
  /** Record time, ms. */
  readonly at: number;
}

/** An amount as partners write it (`1000.00`) in minor units. */
export function minorUnits(written: string): number {
  const [whole = '0', fraction = ''] = written.trim().replace(/^-/, '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return written.trim().startsWith('-') ? -minor : minor;
}

/** `BANK:NUMBER`, as the truth and the server write account ids. */
export function accountId(bank: string, number: string): string {
  return `${bank}:${number}`.toUpperCase();
}

/** The ledger's transfers, from bank-transfers.csv rows. */
export function ledgerTransfers(
  rows: Iterable<Readonly<Record<string, string>>>,
): LedgerTransfer[] {
  const transfers: LedgerTransfer[] = [];
  for (const row of rows) {
    transfers.push({
      key: `${row.from_bank ?? ''}:${row.transfer_id ?? ''}`.toUpperCase(),
      from: accountId(row.from_bank ?? '', row.from_account ?? ''),
      to: accountId(row.to_bank ?? '', row.to_account ?? ''),
      amountMinor: minorUnits(row.amount ?? '0'),
      at: Date.parse(row.time ?? ''),
    });
  }
  return transfers;
}

interface AccountBook {
  /** Times of the account's movements, in order. */
  readonly times: number[];
  /** Balance after each movement. */
  readonly balances: number[];
  /** Times of its payments out, in order. */
  readonly outs: number[];
}

/** Index of the last element of sorted `values` that is <= `at` (-1 if none). */
function lastAtOrBefore(values: readonly number[], at: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? Infinity) <= at) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Balances and payments out of every account, from the ledger (accounts start at 0). */
export class Ledger {
  private readonly books = new Map<string, AccountBook>();

  constructor(transfers: readonly LedgerTransfer[]) {
    const moves = new Map<string, { at: number; amount: number }[]>();
    const add = (account: string, at: number, amount: number) => {
      let list = moves.get(account);
      if (!list) moves.set(account, (list = []));
      list.push({ at, amount });
    };
    for (const transfer of transfers) {
      add(transfer.from, transfer.at, -transfer.amountMinor);
      add(transfer.to, transfer.at, transfer.amountMinor);
    }
    for (const [account, list] of moves) {
      list.sort((a, b) => a.at - b.at);
      let balance = 0;
      const book: AccountBook = { times: [], balances: [], outs: [] };
      for (const move of list) {
        balance += move.amount;
        book.times.push(move.at);
        book.balances.push(balance);
        if (move.amount < 0) book.outs.push(move.at);
      }
      this.books.set(account, book);
    }
  }

  /** The account's balance at `at` (every movement up to and including `at`). */
  balance(account: string, at: number): number {
    const book = this.books.get(account.toUpperCase());
    if (!book) return 0;
    const index = lastAtOrBefore(book.times, at);
    return index < 0 ? 0 : (book.balances[index] ?? 0);
  }

  /** The time of the account's first payment out at or after `at`; Infinity if none. */
  nextOut(account: string, at: number): number {
    const book = this.books.get(account.toUpperCase());
    if (!book) return Infinity;
    const index = lastAtOrBefore(book.outs, at - 1) + 1;
    return book.outs[index] ?? Infinity;
  }
}

/** Victim money on its way: one transfer of a payment's tree, into `account`. */
export interface MoneyNode {
  /** The transfer's ledger key. */
  readonly key: string;
  readonly account: string;
  readonly at: number;
  readonly amountMinor: number;
  readonly children: MoneyNode[];
}

/** One victim payment: the victim's own transfer and where its money went. */
export interface PaymentTree {
  readonly victim: string;
  readonly ring: string;
  readonly caseId: string | null;
  readonly root: MoneyNode;
}

const bankOf = (account: string) => account.slice(0, account.indexOf(':'));

/** The payment trees of the truth (its root-to-leaf paths merged again into trees). */
export function paymentTrees(truth: Truth): PaymentTree[] {
  const trees: PaymentTree[] = [];
  for (const payment of truth.victimPayments) {
    let root: MoneyNode | undefined;
    for (const path of payment.paths) {
      let parent: MoneyNode | undefined;
      for (const hop of path) {
        const key = `${bankOf(hop.fromAccount)}:${hop.transferId}`.toUpperCase();
        const siblings: MoneyNode[] | undefined = parent?.children;
        let node: MoneyNode | undefined =
          parent === undefined ? root : siblings?.find((child) => child.key === key);
        if (!node) {
          node = {
            key,
            account: hop.toAccount.toUpperCase(),
            at: Date.parse(hop.time),
            amountMinor: hop.amountMinor,
            children: [],
          };
          if (parent === undefined) root = node;
          else parent.children.push(node);
        }
        parent = node;
      }
    }
    if (root) {
      trees.push({
        victim: payment.victim.toUpperCase(),
        ring: payment.ring,
        caseId: payment.case,
        root,
      });
    }
  }
  return trees;
}

/**
 * The trees with every hop after the victim's own payment `muleScale` times as slow (its delay
 * after the hop it forwards, scaled), and the new time of every re-timed transfer by key.
 */
export function retimedTrees(
  trees: readonly PaymentTree[],
  muleScale: number,
): { trees: PaymentTree[]; times: Map<string, number> } {
  const times = new Map<string, number>();
  const retime = (node: MoneyNode, parentOld: number, parentNew: number): MoneyNode => {
    const at = parentNew + Math.round((node.at - parentOld) * muleScale);
    times.set(node.key, at);
    return { ...node, at, children: node.children.map((child) => retime(child, node.at, at)) };
  };
  return {
    trees: trees.map((tree) => ({
      ...tree,
      root: {
        ...tree.root,
        children: tree.root.children.map((child) => retime(child, tree.root.at, tree.root.at)),
      },
    })),
    times,
  };
}

/** The ledger's transfers with the re-timed ones moved, in time order. */
export function retimedTransfers(
  transfers: readonly LedgerTransfer[],
  times: ReadonlyMap<string, number>,
): LedgerTransfer[] {
  return transfers
    .map((transfer) => {
      const at = times.get(transfer.key);
      return at === undefined ? transfer : { ...transfer, at };
    })
    .sort((a, b) => a.at - b.at);
}

/** A stop-payment request as the figures need it. */
export interface RequestTime {
  readonly account: string;
  /** Its `eventAt`, ms: when the centre asked (scenario time). */
  readonly at: number;
}

/** A hold: the bank holds what was in the account at `from`. */
export interface Hold {
  readonly account: string;
  readonly from: number;
}

/**
 * The holds the requests become with a bank answering `bankDelayMs` after each request: held when
 * the account's balance is above 0 then, empty otherwise; none after `endAt`.
 */
export function holdsOf(
  requests: readonly RequestTime[],
  ledger: Ledger,
  bankDelayMs: number,
  endAt: number,
): Hold[] {
  const holds: Hold[] = [];
  for (const request of requests) {
    const from = request.at + bankDelayMs;
    if (from > endAt) continue;
    const account = request.account.toUpperCase();
    if (ledger.balance(account, from) > 0) holds.push({ account, from });
  }
  return holds;
}

function byAccount(holds: readonly Hold[]): Map<string, Hold[]> {
  const map = new Map<string, Hold[]>();
  for (const hold of holds) {
    let list = map.get(hold.account);
    if (!list) map.set(hold.account, (list = []));
    list.push(hold);
  }
  return map;
}

/**
 * What holds secured of one payment: money in an account when a hold there starts stays; money
 * that left before goes on down its path; money on a path's last account leaves with the account's
 * next payment out, or, with `cashOutAtOnce`, as fast as it arrived there (the delay of the hop
 * into it again: a ring that withdraws at once instead of sweeping in the morning).
 */
export function securedOf(
  root: MoneyNode,
  holds: ReadonlyMap<string, readonly Hold[]>,
  ledger: Ledger,
  cashOutAtOnce = false,
): number {
  const visit = (node: MoneyNode, parentAt: number): number => {
    const here = holds.get(node.account) ?? [];
    // Money that arrived at node.at and leaves at `leaves` is caught by a hold starting between.
    const caught = (leaves: number) =>
      here.some((hold) => hold.from >= node.at && hold.from < leaves);
    let secured = 0;
    let passed = 0;
    for (const child of node.children) {
      passed += child.amountMinor;
      secured += caught(child.at) ? child.amountMinor : visit(child, node.at);
    }
    const rest = node.amountMinor - passed;
    if (rest > 0) {
      const leaves =
        node.children.length > 0
          ? Infinity
          : cashOutAtOnce
            ? node.at + (node.at - parentAt)
            : ledger.nextOut(node.account, node.at);
      if (caught(leaves)) secured += rest;
    }
    return secured;
  };
  return visit(root, root.at);
}

/**
 * Minutes from a payment to the hold on the account that received it (0 when a hold was already
 * in force: in the replay no hold lapses, as the server's timers run on wall time); null when that
 * account was never held. With `after`, only a hold starting at or after the payment counts (one
 * that can hold this payment's money).
 */
export function minutesToHold(
  root: MoneyNode,
  holds: ReadonlyMap<string, readonly Hold[]>,
  after = false,
): number | null {
  let best: number | null = null;
  for (const hold of holds.get(root.account) ?? []) {
    if (after && hold.from < root.at) continue;
    const minutes = Math.max(0, hold.from - root.at) / MINUTE;
    if (best === null || minutes < best) best = minutes;
  }
  return best;
}

/** A victim whose first payment falls in the live days. */
export interface FreezeVictim {
  readonly victim: string;
  readonly ring: string;
  readonly firstPaymentAt: number;
  /** The ring was known by the latest analysis finished before the first payment. */
  readonly ringKnown: boolean;
}

/** The victims whose first payment falls in [liveFrom, liveTo), with whether their ring was known. */
export function freezeVictims(
  truth: Truth,
  trees: readonly PaymentTree[],
  analyses: readonly AnalysisSnapshot[],
  liveFrom: number,
  liveTo: number,
): FreezeVictim[] {
  const first = new Map<string, { ring: string; at: number }>();
  for (const tree of trees) {
    const seen = first.get(tree.victim);
    if (!seen || tree.root.at < seen.at)
      first.set(tree.victim, { ring: tree.ring, at: tree.root.at });
  }
  return [...first]
    .filter(([, { at }]) => at >= liveFrom && at < liveTo)
    .map(([victim, { ring, at }]) => ({
      victim,
      ring,
      firstPaymentAt: at,
      ringKnown: ringKnownAt(truth, ring, at - 1, analyses),
    }));
}

/** The money figures of one setting, over the live victims and those of rings already known. */
export interface SecuredFigures {
  readonly paidMinor: number;
  readonly securedMinor: number;
  readonly securedShare: number | null;
  readonly knownPaidMinor: number;
  readonly knownSecuredMinor: number;
  readonly knownSecuredShare: number | null;
  /** Median minutes from a victim's first payment to the hold on its first account. */
  readonly medianMinutesToHold: number | null;
  readonly knownMedianMinutesToHold: number | null;
  /** The same to a hold starting at or after the payment (one that holds its money). */
  readonly medianMinutesToNewHold: number | null;
  readonly knownMedianMinutesToNewHold: number | null;
  /** Victims (all / of known rings) with no hold on their first account, then or later. */
  readonly neverHeld: number;
  readonly knownNeverHeld: number;
  /**
   * Victims (all) whose first payment went into an account already held: counted 0 minutes, but
   * that hold does not hold their money (it holds what was there when it started).
   */
  readonly alreadyHeld: number;
  readonly holds: number;
}

/** One victim's money and hold, for the failure analysis. */
export interface VictimMoney {
  readonly victim: string;
  readonly ring: string;
  readonly ringKnown: boolean;
  readonly paidMinor: number;
  readonly securedMinor: number;
  readonly minutesToHold: number | null;
  readonly minutesToNewHold: number | null;
  /** The account first paid was held before the payment. */
  readonly alreadyHeld: boolean;
}

/** Median where null (never) counts as later than everything; null when that is the median. */
function medianOrNever(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  return median === null || median === Infinity ? null : median;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The money figures of one set of holds. */
export function securedFigures(
  trees: readonly PaymentTree[],
  victims: readonly FreezeVictim[],
  holds: readonly Hold[],
  ledger: Ledger,
  cashOutAtOnce = false,
): { figures: SecuredFigures; victims: VictimMoney[] } {
  const holdsAt = byAccount(holds);
  const byVictim = new Map<string, PaymentTree[]>();
  for (const tree of trees) {
    const list = byVictim.get(tree.victim) ?? [];
    list.push(tree);
    byVictim.set(tree.victim, list);
  }
  const outcomes: VictimMoney[] = victims.map((victim) => {
    const payments = (byVictim.get(victim.victim) ?? []).sort((a, b) => a.root.at - b.root.at);
    const first = payments[0];
    return {
      victim: victim.victim,
      ring: victim.ring,
      ringKnown: victim.ringKnown,
      paidMinor: payments.reduce((sum, tree) => sum + tree.root.amountMinor, 0),
      securedMinor: payments.reduce(
        (sum, tree) => sum + securedOf(tree.root, holdsAt, ledger, cashOutAtOnce),
        0,
      ),
      minutesToHold: first ? minutesToHold(first.root, holdsAt) : null,
      minutesToNewHold: first ? minutesToHold(first.root, holdsAt, true) : null,
      alreadyHeld:
        first !== undefined &&
        (holdsAt.get(first.root.account) ?? []).some((hold) => hold.from < first.root.at),
    };
  });
  const known = outcomes.filter((outcome) => outcome.ringKnown);
  const sum = (list: readonly VictimMoney[], pick: (v: VictimMoney) => number) =>
    list.reduce((total, victim) => total + pick(victim), 0);
  const paidMinor = sum(outcomes, (v) => v.paidMinor);
  const securedMinor = sum(outcomes, (v) => v.securedMinor);
  const knownPaidMinor = sum(known, (v) => v.paidMinor);
  const knownSecuredMinor = sum(known, (v) => v.securedMinor);
  return {
    figures: {
      paidMinor,
      securedMinor,
      securedShare: share(securedMinor, paidMinor),
      knownPaidMinor,
      knownSecuredMinor,
      knownSecuredShare: share(knownSecuredMinor, knownPaidMinor),
      medianMinutesToHold: medianOrNever(outcomes.map((v) => v.minutesToHold)),
      knownMedianMinutesToHold: medianOrNever(known.map((v) => v.minutesToHold)),
      medianMinutesToNewHold: medianOrNever(outcomes.map((v) => v.minutesToNewHold)),
      knownMedianMinutesToNewHold: medianOrNever(known.map((v) => v.minutesToNewHold)),
      neverHeld: outcomes.filter((v) => v.minutesToHold === null).length,
      knownNeverHeld: known.filter((v) => v.minutesToHold === null).length,
      alreadyHeld: outcomes.filter((v) => v.alreadyHeld).length,
      holds: holds.length,
    },
    victims: outcomes,
  };
}

/** A request recorded in the replay, with what the offline model needs to know of it. */
export interface RecordedRequest extends RequestTime {
  /** Raised because money moved on from an account under a stop (derived again offline). */
  readonly movedOn: boolean;
}

/** A victim report: when it was made, and the victim's last payment before it. */
export interface ReportTime {
  readonly at: number;
  readonly lastPaymentAt: number;
}

/** Every report of the files with the reporting victim's last payment before it (by the truth). */
export function reportTimes(
  truth: Truth,
  reports: Iterable<Readonly<Record<string, string>>>,
): ReportTime[] {
  const lastByCase = new Map<string, number[]>();
  for (const payment of truth.victimPayments) {
    if (!payment.case) continue;
    const first = payment.paths[0]?.[0];
    if (!first) continue;
    const list = lastByCase.get(payment.case) ?? [];
    list.push(Date.parse(first.time));
    lastByCase.set(payment.case, list);
  }
  const out: ReportTime[] = [];
  for (const row of reports) {
    const at = Date.parse(row.reported_at ?? '');
    const before = (lastByCase.get(row.case_number ?? '') ?? []).filter((time) => time <= at);
    if (before.length > 0) out.push({ at, lastPaymentAt: Math.max(...before) });
  }
  return out;
}

/**
 * The requests the replay would have raised under other assumptions (see the header): the
 * requests not raised by money moving on, those raised at a report's time moved with the report
 * (`reportScale`), then requests raised again over the (re-timed) ledger for every payment out of
 * an account with an open request (asked and not yet answered, or held), for 72 hours after its
 * event, as the server does: raised on the receiving account unless one is open there. A request
 * closes when the bank answers empty; a hold stays open.
 */
export function modelRequests(input: {
  readonly recorded: readonly RecordedRequest[];
  /** Payments the alerts named as paying a suspected mule: each asks for a stop on its payee. */
  readonly alerted?: readonly RequestTime[];
  /**
   * Ask again for money arriving in an account already held (the server does not: a hold in
   * force is left as it is); the new request holds what is there when the bank answers it.
   */
  readonly askAgain?: boolean;
  readonly reports: readonly ReportTime[];
  readonly reportScale: number;
  /** The ledger's transfers, re-timed, in time order. */
  readonly transfers: readonly LedgerTransfer[];
  readonly ledger: Ledger;
  readonly bankDelayMs: number;
  readonly endAt: number;
}): RequestTime[] {
  const reportAt = new Map<number, ReportTime>();
  for (const report of input.reports) reportAt.set(Math.floor(report.at / 1000), report);
  const roots: RequestTime[] = [];
  for (const request of input.recorded) {
    if (request.movedOn) continue;
    const report = reportAt.get(Math.floor(request.at / 1000));
    const at = report
      ? report.lastPaymentAt + Math.round((report.at - report.lastPaymentAt) * input.reportScale)
      : request.at;
    if (at <= input.endAt) roots.push({ account: request.account.toUpperCase(), at });
  }
  for (const payment of input.alerted ?? []) {
    if (payment.at <= input.endAt)
      roots.push({ account: payment.account.toUpperCase(), at: payment.at });
  }
  roots.sort((a, b) => a.at - b.at);
  // Per account, its latest request: asked at `from`, closed when answered empty (a hold never
  // closes), its money followed for FOLLOW_MS after `from`.
  const open = new Map<string, { from: number; closed: number }>();
  const isOpen = (account: string, at: number) => {
    const state = open.get(account);
    return state !== undefined && state.from <= at && at < state.closed;
  };
  const followed = (account: string, at: number) =>
    isOpen(account, at) && at - (open.get(account)?.from ?? at) <= FOLLOW_MS;
  const out: RequestTime[] = [];
  const raise = (account: string, at: number) => {
    if (isOpen(account, at)) {
      const state = open.get(account);
      const heldBefore = state !== undefined && at >= state.from + input.bankDelayMs;
      if (!input.askAgain || !heldBefore) return;
    }
    const answered = at + input.bankDelayMs;
    const held = input.ledger.balance(account, answered) > 0;
    open.set(account, { from: at, closed: held ? Infinity : answered });
    out.push({ account, at });
  };
  let next = 0;
  for (const transfer of input.transfers) {
    if (transfer.at > input.endAt) break;
    while (next < roots.length && (roots[next]?.at ?? Infinity) <= transfer.at) {
      const root = roots[next] as RequestTime;
      raise(root.account, root.at);
      next += 1;
    }
    if (transfer.from !== transfer.to && followed(transfer.from, transfer.at)) {
      raise(transfer.to, transfer.at);
    }
  }
  for (; next < roots.length; next += 1) {
    const root = roots[next] as RequestTime;
    raise(root.account, root.at);
  }
  return out;
}

/** One setting of the grid and its figures. */
export interface GridRow {
  readonly bankMinutes: number;
  readonly reportScale: number;
  readonly muleScale: number;
  /** `recorded`: the replay's own requests; `model`: requests derived again (see the header). */
  readonly requests: 'recorded' | 'model';
  /** The model asks again for money arriving in an account already held. */
  readonly askAgain: boolean;
  /** Cash-out accounts pass the money on at once instead of in the morning sweep. */
  readonly cashOutAtOnce: boolean;
  readonly requestCount: number;
  readonly figures: SecuredFigures;
}

/** What the replay's simulated bank did. */
export interface BankLog {
  readonly requests: number;
  readonly held: number;
  readonly empty: number;
  readonly refused: number;
  /** Requests still unanswered when the replay ended (answer due after it). */
  readonly unanswered: number;
}

export interface FreezeInputs {
  readonly truth: Truth;
  readonly transfers: readonly LedgerTransfer[];
  readonly analyses: readonly AnalysisSnapshot[];
  readonly recorded: readonly RecordedRequest[];
  readonly reports: readonly ReportTime[];
  /** Payments the alerts named as paying a suspected mule (payee, payment time). */
  readonly alerted?: readonly RequestTime[];
  readonly liveFrom: number;
  readonly liveTo: number;
  /** The bank delay the replay ran with (minutes). */
  readonly bankMinutes: number;
  readonly bank: BankLog;
  readonly bankGrid?: readonly number[];
  readonly scales?: readonly number[];
}

export interface FreezeMetrics {
  readonly goals: Goal[];
  readonly figures: SecuredFigures;
  readonly counts: {
    readonly liveVictims: number;
    readonly liveVictimsOfKnownRings: number;
    readonly requests: number;
    readonly movedOn: number;
    readonly accounts: number;
    /** Requests on accounts the truth names as a ring's (mule, cash-out, consolidation, members'). */
    readonly onRingAccounts: number;
    /** Requests on the victims' own accounts. */
    readonly onVictimAccounts: number;
    readonly elsewhere: number;
    /** Most requests on one account. */
    readonly mostOnOneAccount: number;
    readonly requestsPerLiveVictim: number | null;
  };
  readonly bank: BankLog;
  readonly grid: readonly GridRow[];
  readonly victims: readonly VictimMoney[];
}

/** Every freeze figure, the grid of settings and the goals. */
export function freezeMetrics(input: FreezeInputs): FreezeMetrics {
  const trees = paymentTrees(input.truth);
  const ledger = new Ledger(input.transfers);
  const victims = freezeVictims(input.truth, trees, input.analyses, input.liveFrom, input.liveTo);
  const bankGrid = input.bankGrid ?? [5, 30, 120];
  const scales = input.scales ?? [0.5, 1, 2];
  const grid: GridRow[] = [];
  for (const bankMinutes of [...new Set([...bankGrid, input.bankMinutes])].sort((a, b) => a - b)) {
    const holds = holdsOf(input.recorded, ledger, bankMinutes * MINUTE, input.liveTo);
    grid.push({
      bankMinutes,
      reportScale: 1,
      muleScale: 1,
      requests: 'recorded',
      askAgain: false,
      cashOutAtOnce: false,
      requestCount: input.recorded.length,
      figures: securedFigures(trees, victims, holds, ledger).figures,
    });
  }
  const modelled = new Map<number, { trees: PaymentTree[]; transfers: LedgerTransfer[] }>();
  for (const muleScale of scales) {
    const retimed = retimedTrees(trees, muleScale);
    modelled.set(muleScale, {
      trees: retimed.trees,
      transfers: retimedTransfers(input.transfers, retimed.times),
    });
  }
  const modelRow = (
    bankMinutes: number,
    reportScale: number,
    muleScale: number,
    askAgain: boolean,
    cashOutAtOnce = false,
  ): GridRow => {
    const { trees: muleTrees, transfers } = modelled.get(muleScale) ?? {
      trees,
      transfers: [...input.transfers].sort((a, b) => a.at - b.at),
    };
    const muleLedger = muleScale === 1 ? ledger : new Ledger(transfers);
    const bankDelayMs = bankMinutes * MINUTE;
    const requests = modelRequests({
      recorded: input.recorded,
      alerted: input.alerted ?? [],
      askAgain,
      reports: input.reports,
      reportScale,
      transfers,
      ledger: muleLedger,
      bankDelayMs,
      endAt: input.liveTo,
    });
    const holds = holdsOf(requests, muleLedger, bankDelayMs, input.liveTo);
    return {
      bankMinutes,
      reportScale,
      muleScale,
      requests: 'model',
      askAgain,
      cashOutAtOnce,
      requestCount: requests.length,
      figures: securedFigures(muleTrees, victims, holds, muleLedger, cashOutAtOnce).figures,
    };
  };
  for (const askAgain of [false, true]) {
    if (askAgain) {
      for (const bankMinutes of bankGrid) {
        if (bankMinutes !== input.bankMinutes) grid.push(modelRow(bankMinutes, 1, 1, true));
      }
    }
    for (const muleScale of scales) {
      for (const reportScale of scales) {
        grid.push(modelRow(input.bankMinutes, reportScale, muleScale, askAgain));
      }
    }
    for (const muleScale of scales) {
      grid.push(modelRow(input.bankMinutes, 1, muleScale, askAgain, true));
    }
    for (const bankMinutes of bankGrid) {
      if (askAgain && bankMinutes !== input.bankMinutes) {
        grid.push(modelRow(bankMinutes, 1, 1, true, true));
      }
    }
  }

  const holds = holdsOf(input.recorded, ledger, input.bankMinutes * MINUTE, input.liveTo);
  const { figures, victims: money } = securedFigures(trees, victims, holds, ledger);

  const ringAccounts = new Set<string>();
  for (const ring of input.truth.rings) {
    for (const member of ring.members) {
      if (member.entity.startsWith('BankAccount:')) {
        ringAccounts.add(member.entity.slice('BankAccount:'.length).toUpperCase());
      }
    }
  }
  const victimAccounts = new Set(
    input.truth.victimPayments.flatMap((payment) =>
      payment.paths.map((path) => path[0]?.fromAccount.toUpperCase() ?? ''),
    ),
  );
  const perAccount = new Map<string, number>();
  let onRing = 0;
  let onVictim = 0;
  for (const request of input.recorded) {
    const account = request.account.toUpperCase();
    perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    if (ringAccounts.has(account)) onRing += 1;
    else if (victimAccounts.has(account)) onVictim += 1;
  }
  const known = victims.filter((victim) => victim.ringKnown);
  const goal = (
    name: string,
    value: number | null,
    unit: string,
    text: string,
    ok: (value: number) => boolean,
  ): Goal => ({ name, value, unit, goal: text, met: value === null ? null : ok(value) });
  const at30 = (rows: readonly GridRow[]) =>
    rows.find((row) => row.requests === 'recorded' && row.bankMinutes === 30)?.figures;
  const reference = at30(grid) ?? figures;
  return {
    goals: [
      goal(
        `victims' money secured, all (bank ${input.bankMinutes} min)`,
        figures.securedShare,
        'share',
        'report',
        () => true,
      ),
      goal(
        "victims' money secured, all (bank 30 min, default report delays)",
        reference.securedShare,
        'share',
        '>= 0.60',
        (value) => value >= 0.6,
      ),
      goal(
        "victims' money secured, rings known before the payment (bank 30 min)",
        reference.knownSecuredShare,
        'share',
        'report',
        () => true,
      ),
      goal(
        'median payment to hold on the first account, all (minutes)',
        figures.medianMinutesToHold,
        'minutes',
        'report',
        () => true,
      ),
      {
        // null: most of these victims never got a hold there, which misses the goal.
        ...goal(
          'median payment to hold on the first account, rings known (minutes)',
          figures.knownMedianMinutesToHold,
          'minutes',
          '<= 15',
          (value) => value <= 15,
        ),
        ...(figures.knownMedianMinutesToHold === null && known.length > 0 ? { met: false } : {}),
      },
      goal(
        'the same, to a hold that holds their money (started at or after it), rings known',
        figures.knownMedianMinutesToNewHold,
        'minutes',
        'report',
        () => true,
      ),
    ],
    figures,
    counts: {
      liveVictims: victims.length,
      liveVictimsOfKnownRings: known.length,
      requests: input.recorded.length,
      movedOn: input.recorded.filter((request) => request.movedOn).length,
      accounts: perAccount.size,
      onRingAccounts: onRing,
      onVictimAccounts: onVictim,
      elsewhere: input.recorded.length - onRing - onVictim,
      mostOnOneAccount: Math.max(0, ...perAccount.values()),
      requestsPerLiveVictim: share(input.recorded.length, victims.length),
    },
    bank: input.bank,
    grid,
    victims: money,
  };
}
