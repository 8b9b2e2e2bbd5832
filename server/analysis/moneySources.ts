/**
 * Backward money-flow attribution: where the money that reached an account came from.
 *
 * A pure function over the transfers in and out of the accounts a backward trace reached. Each
 * account's ledger is replayed in time order (its balance before the window taken as zero), and
 * every outgoing transfer records which incoming transfers it drew its money from, by one of the
 * two rules of the forward trace:
 *
 * - `proportional`: in proportion to what is left of each incoming transfer at that moment;
 * - `fifo`: from the incoming transfers in the order they arrived (first in, first out).
 *
 * Then, from the latest transfer back, the amount attributed to a transfer is passed on to the
 * transfers it drew from. Money that was already in an account before the window, or that came
 * from an account the trace did not reach, stops there: those accounts are the origins.
 */
import type { AllocationMethod, FlowTransfer } from './moneyFlow';

export interface SourceHop extends FlowTransfer {
  /** Minor units of the traced money this transfer brought. */
  readonly attributedMinor: number;
}

export type OriginReason = 'not-traced-further' | 'held-before-window';

export interface MoneyOrigin {
  readonly account: string;
  readonly attributedMinor: number;
  /**
   * `not-traced-further`: the money left this account, which the trace did not follow back
   * (depth or window); `held-before-window`: it was in this account before the window began.
   */
  readonly reason: OriginReason;
}

export interface SourceResult {
  readonly method: AllocationMethod;
  readonly hops: SourceHop[];
  /** Where the traced money entered the traced network, most first. */
  readonly origins: MoneyOrigin[];
}

/** A part of an incoming transfer still in the account; `id` null for money held before. */
interface Lot {
  readonly id: string | null;
  remaining: number;
}

interface Draw {
  readonly lot: string | null;
  readonly amount: number;
}

function byTime(a: FlowTransfer, b: FlowTransfer): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Splits `total` in proportion to `weights`, in whole units that add up to `total`. */
export function splitWhole(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((acc, part) => acc + part, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** What each outgoing transfer of the ledgered accounts drew from, replaying them in time order. */
function replayDraws(
  ordered: readonly FlowTransfer[],
  ledgered: ReadonlySet<string>,
  method: AllocationMethod,
): Map<string, Draw[]> {
  const lots = new Map<string, Lot[]>();
  const draws = new Map<string, Draw[]>();
  for (const transfer of ordered) {
    if (ledgered.has(transfer.from)) {
      const held = lots.get(transfer.from) ?? [];
      const available = held.reduce((sum, lot) => sum + lot.remaining, 0);
      const fromLots = Math.min(transfer.amountMinor, available);
      const drawn: Draw[] = [];
      if (method === 'fifo') {
        let need = fromLots;
        for (const lot of held) {
          if (need <= 0) break;
          const take = Math.min(need, lot.remaining);
          if (take > 0) drawn.push({ lot: lot.id, amount: take });
          lot.remaining -= take;
          need -= take;
        }
      } else {
        const parts = splitWhole(
          fromLots,
          held.map((lot) => lot.remaining),
        );
        held.forEach((lot, index) => {
          const take = Math.min(parts[index] ?? 0, lot.remaining);
          if (take > 0) drawn.push({ lot: lot.id, amount: take });
          lot.remaining -= take;
        });
      }
      const shortfall = transfer.amountMinor - drawn.reduce((sum, draw) => sum + draw.amount, 0);
      if (shortfall > 0) drawn.push({ lot: null, amount: shortfall });
      lots.set(
        transfer.from,
        held.filter((lot) => lot.remaining > 0),
      );
      draws.set(transfer.id, drawn);
    }
    if (ledgered.has(transfer.to)) {
      const held = lots.get(transfer.to) ?? [];
      held.push({ id: transfer.id, remaining: transfer.amountMinor });
      lots.set(transfer.to, held);
    }
  }
  return draws;
}

/**
 * Attributes the money of the `targetIds` transfers (in full) back through `transfers`, which
 * hold every transfer in and out of the `ledgered` accounts within the window.
 */
export function attributeSources(
  transfers: readonly FlowTransfer[],
  targetIds: readonly string[],
  ledgered: ReadonlySet<string>,
  method: AllocationMethod,
): SourceResult {
  const ordered = [...transfers].sort(byTime);
  const byId = new Map(ordered.map((transfer) => [transfer.id, transfer]));
  for (const id of targetIds) {
    if (!byId.has(id)) throw new Error(`The traced transfer ${id} is not among the transfers`);
  }
  const draws = replayDraws(ordered, ledgered, method);
  const attributed = new Map<string, number>();
  for (const id of targetIds) attributed.set(id, byId.get(id)?.amountMinor ?? 0);
  const origins = new Map<string, { amount: number; reason: OriginReason }>();
  const addOrigin = (account: string, amount: number, reason: OriginReason) => {
    const key = `${reason}\u0000${account}`;
    const found = origins.get(key);
    if (found) found.amount += amount;
    else origins.set(key, { amount, reason });
  };

  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const transfer = ordered[index] as FlowTransfer;
    const amount = attributed.get(transfer.id) ?? 0;
    if (amount <= 0) continue;
    const drawn = draws.get(transfer.id);
    if (!drawn) {
      addOrigin(transfer.from, amount, 'not-traced-further');
      continue;
    }
    const parts = splitWhole(
      amount,
      drawn.map((draw) => draw.amount),
    );
    drawn.forEach((draw, part) => {
      const share = parts[part] ?? 0;
      if (share <= 0) return;
      if (draw.lot === null) addOrigin(transfer.from, share, 'held-before-window');
      else attributed.set(draw.lot, (attributed.get(draw.lot) ?? 0) + share);
    });
  }

  const hops = ordered
    .filter((transfer) => (attributed.get(transfer.id) ?? 0) > 0)
    .map((transfer) => ({ ...transfer, attributedMinor: attributed.get(transfer.id) ?? 0 }));
  const originList = [...origins.entries()]
    .map(([key, origin]) => ({
      account: key.slice(key.indexOf('\u0000') + 1),
      attributedMinor: origin.amount,
      reason: origin.reason,
    }))
    .sort((a, b) => b.attributedMinor - a.attributedMinor || (a.account < b.account ? -1 : 1));
  return { method, hops, origins: originList };
}
