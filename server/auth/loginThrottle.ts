/**
 * Slows repeated failed logins: after `freeAttempts` failures for one username (or one client
 * address) further attempts are refused for a delay that doubles with each failure, up to
 * `maxDelayMs`. A successful login clears the username's record. Kept in memory per server.
 */

export const LOGIN_THROTTLE_DEFAULTS = {
  freeAttempts: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  /** Failures older than this are forgotten. */
  windowMs: 60 * 60_000,
} as const;

export interface LoginThrottleOptions {
  readonly freeAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

interface Failures {
  count: number;
  last: number;
}

export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: LoginThrottleOptions;
  readonly #now: () => number;

  constructor(options: Partial<LoginThrottleOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
    this.#now = now;
  }

  /** Milliseconds the caller must wait before trying these keys again; 0 when allowed. */
  retryAfterMs(keys: readonly string[]): number {
    return Math.max(0, ...keys.map((key) => this.#waitFor(key)));
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.#now();
    for (const key of keys) {
      const entry = this.#current(key);
      this.#failures.set(key, { count: (entry?.count ?? 0) + 1, last: now });
    }
    if (this.#failures.size > 100_000) this.#forgetOld();
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }

  #current(key: string): Failures | undefined {
    const entry = this.#failures.get(key);
    if (entry && this.#now() - entry.last > this.#options.windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #waitFor(key: string): number {
    const entry = this.#current(key);
    if (!entry || entry.count < this.#options.freeAttempts) return 0;
    const doublings = entry.count - this.#options.freeAttempts;
    const delay = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** doublings);
    return Math.max(0, entry.last + delay - this.#now());
  }

  #forgetOld(): void {
    for (const key of [...this.#failures.keys()]) this.#current(key);
  }
}
