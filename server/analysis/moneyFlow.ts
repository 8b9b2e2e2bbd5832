/**
 * Money-flow allocation: how much of a victim's payment each later transfer carries.
 *
 * A pure function over the transfers in and out of the accounts a trace reached. Each account
 * keeps a ledger in time order (its balance before the window is taken as zero): traced money
 * arrives with the victim's transfer and with transfers that carry some of it; each outgoing
 * transfer carries a part of the traced balance, by one of two named rules:
 *
 * - `proportional`: the share of traced money in the account's balance at that moment;
 * - `fifo`: money leaves in the order it arrived (first in, first out).
 *
 * The answer is every transfer that carries traced money with the amount it carries, and every
 * account still holding traced money with how much: what can still be frozen.
 */

export type AllocationMethod = 'proportional' | 'fifo';

export interface FlowTransfer {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMinor: number;
  /** ISO-8601 UTC; transfers are processed in this order (ties by id). */
  readonly time: string;
}

export interface FlowHop extends FlowTransfer {
  /** Minor units of the traced payment this transfer carries. */
  readonly tracedMinor: number;
}

export interface FlowResult {
  readonly method: AllocationMethod;
  readonly hops: FlowHop[];
  /** Accounts holding traced money at the end, most first. */
  readonly holdings: { readonly account: string; readonly tracedMinor: number }[];
}

interface Lot {
  amount: number;
  traced: number;
}

class Ledger {
  readonly lots: Lot[] = [];
  total = 0;
  traced = 0;

  receive(amount: number, traced: number): void {
    this.lots.push({ amount, traced });
    this.total += amount;
    this.traced += traced;
  }

  /** Pays `amount` out; returns how much of it is traced money. */
  pay(amount: number, method: AllocationMethod): number {
    const paid = Math.min(amount, this.total);
    if (paid <= 0) return 0;
    let traced: number;
    if (method === 'proportional') {
      traced = Math.round((paid * this.traced) / this.total);
      this.total -= paid;
      this.traced -= traced;
      return traced;
    }
    traced = 0;
    let remaining = paid;
    while (remaining > 0 && this.lots.length > 0) {
      const lot = this.lots[0] as Lot;
      const take = Math.min(remaining, lot.amount);
      const takeTraced = Math.round((take * lot.traced) / lot.amount);
      traced += takeTraced;
      lot.amount -= take;
      lot.traced -= takeTraced;
      remaining -= take;
      if (lot.amount <= 0) this.lots.shift();
    }
    this.total -= paid;
    this.traced -= traced;
    return traced;
  }
}

/**
 * Allocates the traced payment `rootId` through `transfers` (which include the root). Every
 * transfer is booked, those before the root too: money with no traced part dilutes, or queues
 * ahead of, the traced money as the rule says.
 *
 * `followed` (default: every account) names the accounts whose payments pass traced money on:
 * those whose every transfer is among `transfers`. Traced money that reaches any other account
 * stays there, since its ledger is incomplete (what it pays out is booked as untraced money).
 */
export function allocateFlow(
  transfers: readonly FlowTransfer[],
  rootId: string,
  method: AllocationMethod,
  followed?: ReadonlySet<string>,
): FlowResult {
  const root = transfers.find((transfer) => transfer.id === rootId);
  if (!root) throw new Error(`The traced transfer ${rootId} is not among the transfers`);
  const ordered = [...transfers].sort((a, b) =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1,
  );
  const ledgers = new Map<string, Ledger>();
  const ledger = (account: string) => {
    let found = ledgers.get(account);
    if (!found) {
      found = new Ledger();
      ledgers.set(account, found);
    }
    return found;
  };
  const hops: FlowHop[] = [];
  for (const transfer of ordered) {
    const traced =
      transfer.id === rootId
        ? transfer.amountMinor
        : followed && !followed.has(transfer.from)
          ? 0
          : ledger(transfer.from).pay(transfer.amountMinor, method);
    ledger(transfer.to).receive(transfer.amountMinor, traced);
    if (traced > 0) hops.push({ ...transfer, tracedMinor: traced });
  }
  const holdings = [...ledgers.entries()]
    .filter(([, account]) => account.traced > 0)
    .map(([account, book]) => ({ account, tracedMinor: book.traced }))
    .sort((a, b) => b.tracedMinor - a.tracedMinor || (a.account < b.account ? -1 : 1));
  return { method, hops, holdings };
}
