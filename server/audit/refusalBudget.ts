/**
 * How many refused requests without valid credentials (401s) the audit trail records. Every
 * anonymous probe of the API would otherwise add an entry, so anyone who can reach the port could
 * grow the trail without bound. Each client address may have `perAddress` refusals recorded per
 * window, and all addresses together `total`; the refusals left out are counted, and the next
 * record for that address (or, past the total, for any address) says how many were left out, so
 * the trail still shows that probing went on and how much of it.
 */

export interface RefusalBudgetOptions {
  /** Refusals recorded per address per window. */
  readonly perAddress: number;
  /** Refusals recorded per window, all addresses together. */
  readonly total: number;
  readonly windowMs: number;
  /** Most addresses tracked at once; past it, new addresses share the total only. */
  readonly maxAddresses: number;
}

/** 30 a minute per address, 600 a minute in all: a busy sign-in screen is recorded in full. */
export const REFUSAL_BUDGET_DEFAULTS: RefusalBudgetOptions = {
  perAddress: 30,
  total: 600,
  windowMs: 60_000,
  maxAddresses: 10_000,
};

export type RefusalVerdict =
  { readonly record: true; readonly leftOut: number } | { readonly record: false };

export class RefusalBudget {
  readonly #options: RefusalBudgetOptions;
  readonly #now: () => number;
  #windowStart = 0;
  #recorded = 0;
  /** Refusals left out because the total was spent, not yet reported. */
  #leftOutInAll = 0;
  readonly #addresses = new Map<string, { recorded: number; leftOut: number }>();

  constructor(options: Partial<RefusalBudgetOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...REFUSAL_BUDGET_DEFAULTS, ...options };
    this.#now = now;
  }

  /** Whether to record a refusal from `address`, and how many before it were left out. */
  take(address: string): RefusalVerdict {
    const now = this.#now();
    if (now - this.#windowStart >= this.#options.windowMs) {
      this.#windowStart = now;
      this.#recorded = 0;
      // Counts of what was left out survive the window, to be reported with the next record.
      for (const [key, counts] of this.#addresses) {
        if (counts.leftOut === 0) this.#addresses.delete(key);
        else counts.recorded = 0;
      }
    }
    let counts = this.#addresses.get(address);
    if (!counts && this.#addresses.size < this.#options.maxAddresses) {
      counts = { recorded: 0, leftOut: 0 };
      this.#addresses.set(address, counts);
    }
    const overAddress = counts ? counts.recorded >= this.#options.perAddress : false;
    if (overAddress || this.#recorded >= this.#options.total) {
      if (counts && overAddress) counts.leftOut += 1;
      else this.#leftOutInAll += 1;
      return { record: false };
    }
    this.#recorded += 1;
    const leftOut = (counts?.leftOut ?? 0) + this.#leftOutInAll;
    this.#leftOutInAll = 0;
    if (counts) {
      counts.recorded += 1;
      counts.leftOut = 0;
    }
    return { record: true, leftOut };
  }
}
