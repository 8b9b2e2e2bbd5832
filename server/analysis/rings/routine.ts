/**
 * Payments off their payer's routine: an account that paid one amount, to the cent, on at least
 * `ROUTINE_OCCASIONS` occasions and on more occasions than any other amount, in at least
 * `ROUTINE_SHARE` of its transfers (a standing order, a wage, a fixed price), keeps a routine;
 * each transfer it made for another amount is off it ("unusual for this customer", as
 * transaction monitoring puts it). Occasions, not transfers, are counted: payments of one amount
 * within `OCCASION_MS` of the first of them are one occasion, so a batch of equal payments made
 * at once (money split among several accounts) does not outweigh an amount paid again and again.
 * Pure.
 */

/** An account keeps a routine amount when it paid it in at least this share of its transfers ... */
export const ROUTINE_SHARE = 0.25;
/** ... and on at least this many occasions. */
export const ROUTINE_OCCASIONS = 3;
/** Payments of one amount this close to the first of them are one occasion (an hour). */
export const OCCASION_MS = 3_600_000;

export interface OffRoutine {
  /** Per transfer: 1 when its payer keeps a routine and this transfer is for another amount. */
  off: Uint8Array;
  /** The share of the transfers of accounts keeping a routine that are off it (0 when none). */
  chance: number;
}

/** Transfers `0..count-1` (payer, amount and time in epoch ms each) off their payer's routine. */
export function offRoutine(
  from: ArrayLike<number>,
  amount: ArrayLike<number>,
  at: ArrayLike<number>,
  count: number,
): OffRoutine {
  // Each payer's transfers together (a counting sort by payer), then its amounts counted.
  let nodes = 0;
  for (let i = 0; i < count; i += 1) nodes = Math.max(nodes, from[i]! + 1);
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < count; i += 1) offsets[from[i]! + 1]! += 1;
  for (let v = 0; v < nodes; v += 1) offsets[v + 1]! += offsets[v]!;
  const byPayer = new Int32Array(offsets[nodes]!);
  const next = offsets.slice(0, nodes);
  for (let i = 0; i < count; i += 1) byPayer[next[from[i]!]!++] = i;
  const off = new Uint8Array(count);
  const order = new Int32Array(count);
  let routinePayments = 0;
  let offCount = 0;
  for (let v = 0; v < nodes; v += 1) {
    const made = offsets[v + 1]! - offsets[v]!;
    if (made < ROUTINE_OCCASIONS) continue;
    // Its transfers by amount, then time; the amount paid on the most occasions is its usual one.
    const sorted = order.subarray(0, made);
    sorted.set(byPayer.subarray(offsets[v], offsets[v + 1]));
    sorted.sort((a, b) => amount[a]! - amount[b]! || at[a]! - at[b]!);
    let best = 0;
    let usual = 0;
    let tied = false;
    for (let k = 0; k < made;) {
      const value = amount[sorted[k]!]!;
      let occasions = 1;
      let since = at[sorted[k]!]!;
      let end = k + 1;
      for (; end < made && amount[sorted[end]!] === value; end += 1) {
        const time = at[sorted[end]!]!;
        if (time - since >= OCCASION_MS) [occasions, since] = [occasions + 1, time];
      }
      if (occasions > best) [best, usual, tied] = [occasions, value, false];
      else if (occasions === best) tied = true;
      k = end;
    }
    // Two amounts paid equally often are no one routine.
    if (tied || best < ROUTINE_OCCASIONS || best < ROUTINE_SHARE * made) continue;
    routinePayments += made;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k += 1) {
      const i = byPayer[k]!;
      if (amount[i] === usual) continue;
      off[i] = 1;
      offCount += 1;
    }
  }
  return { off, chance: routinePayments === 0 ? 0 : offCount / routinePayments };
}
