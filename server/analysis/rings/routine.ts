/**
 * Payments off their payer's routine: an account that paid one amount, to the cent, in at least
 * `ROUTINE_SHARE` of its transfers and `ROUTINE_TRANSFERS` times or more (a standing order, a
 * wage, a fixed price) keeps a routine; each transfer it made for another amount is off it
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

/** Transfers `0..count-1` (payer and amount each) off their payer's routine; `skip` ones never. */
export function offRoutine(
  from: ArrayLike<number>,
  amount: ArrayLike<number>,
  count: number,
  skip: (i: number) => boolean = () => false,
): OffRoutine {
  const amountsOf = new Map<number, Map<number, number>>();
  for (let i = 0; i < count; i += 1) {
    if (skip(i)) continue;
    let times = amountsOf.get(from[i]!);
    if (!times) amountsOf.set(from[i]!, (times = new Map<number, number>()));
    times.set(amount[i]!, (times.get(amount[i]!) ?? 0) + 1);
  }
  const routine = new Map<number, number>();
  let routinePayments = 0;
  for (const [payer, times] of amountsOf) {
    let made = 0;
    let best = 0;
    let bestAmount = 0;
    for (const [value, n] of times) {
      made += n;
      if (n > best) [best, bestAmount] = [n, value];
    }
    if (best >= ROUTINE_TRANSFERS && best >= ROUTINE_SHARE * made) {
      routine.set(payer, bestAmount);
      routinePayments += made;
    }
  }
  const off = new Uint8Array(count);
  let offCount = 0;
  for (let i = 0; i < count; i += 1) {
    const usual = routine.get(from[i]!);
    if (skip(i) || usual === undefined || usual === amount[i]) continue;
    off[i] = 1;
    offCount += 1;
  }
  return { off, chance: routinePayments === 0 ? 0 : offCount / routinePayments };
}
