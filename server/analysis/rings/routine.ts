/**
 * Payments off their payer's routine: an account that paid one amount, to the cent, in at least
 * `ROUTINE_SHARE` of its transfers and `ROUTINE_TRANSFERS` times or more, more often than any
 * other amount (a standing order, a wage, a fixed price), keeps a routine; each transfer it made for another amount is off it
 * ("unusual for this customer", as transaction monitoring puts it). Pure.
 */

/** An account keeps a routine amount when it paid it in at least this share of its transfers ... */
export const ROUTINE_SHARE = 0.25;
/** ... and at least this many times. */
export const ROUTINE_TRANSFERS = 3;

export interface OffRoutine {
  /** Per transfer: 1 when its payer keeps a routine and this transfer is for another amount. */
  off: Uint8Array;
  /** The share of the transfers of accounts keeping a routine that are off it (0 when none). */
  chance: number;
}

/** Transfers `0..count-1` (payer and amount each) off their payer's routine. */
export function offRoutine(
  from: ArrayLike<number>,
  amount: ArrayLike<number>,
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
  const values = new Float64Array(count);
  let routinePayments = 0;
  let offCount = 0;
  for (let v = 0; v < nodes; v += 1) {
    const made = offsets[v + 1]! - offsets[v]!;
    if (made < ROUTINE_TRANSFERS) continue;
    // Its amounts sorted; the longest run of one amount is its most frequent.
    const sorted = values.subarray(0, made);
    for (let k = 0; k < made; k += 1) sorted[k] = amount[byPayer[offsets[v]! + k]!]!;
    sorted.sort();
    let best = 0;
    let usual = 0;
    let tied = false;
    for (let k = 0; k < made;) {
      let end = k + 1;
      while (end < made && sorted[end] === sorted[k]) end += 1;
      if (end - k > best) [best, usual, tied] = [end - k, sorted[k]!, false];
      else if (end - k === best) tied = true;
      k = end;
    }
    // Two amounts paid equally often are no one routine.
    if (tied || best < ROUTINE_TRANSFERS || best < ROUTINE_SHARE * made) continue;
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
