/**
 * The transfers of the laundering world as they are generated: account indices, an amount in
 * cents and a continuous time in [1, steps + 1) whose integer part is the step written to the
 * file (so payments within one step keep their order when the file is sorted).
 */

export interface Transfer {
  from: number;
  to: number;
  cents: number;
  time: number;
}

/** Collects transfers; self-payments and non-positive amounts are refused. */
export class Ledger {
  readonly transfers: Transfer[] = [];

  /** @param steps the last step; times are clamped into [1, steps + 1) */
  constructor(readonly steps: number) {}

  add(from: number, to: number, amount: number, time: number): void {
    if (from === to) return;
    const cents = Math.max(1, Math.round(amount * 100));
    const clamped = Math.min(Math.max(time, 1), this.steps + 1 - 1e-6);
    this.transfers.push({ from, to, cents, time: clamped });
  }

  /** A uniform time over the whole period. */
  anyTime(next: () => number): number {
    return 1 + next() * this.steps;
  }
}
