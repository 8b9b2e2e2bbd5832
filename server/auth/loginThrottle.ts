/**
 * Slows repeated failed logins, per username and per client address separately: after
 * `freeAttempts` failures for one username, or `addressFreeAttempts` failures from one address
 * (a whole police station may sign in from one address, so it gets many more), further attempts
 * are refused for a delay that doubles with each failure, up to `maxDelayMs`. A successful login
 * clears the username's record, not the address's. Kept in memory per server.
 */

export const LOGIN_THROTTLE_DEFAULTS = {
  freeAttempts: 5,
  addressFreeAttempts: 50,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  /** Failures older than this are forgotten. */
  windowMs: 60 * 60_000,
} as const;

export interface LoginThrottleOptions {
  readonly freeAttempts: number;
  readonly addressFreeAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

/** One sign-in attempt: the username tried and the client address it came from. */
export interface SignInAttempt {
  readonly user: string;
  readonly address: string;
}

interface Failures {
  count: number;
  last: number;
}

const userKey = (attempt: SignInAttempt) => `user:${attempt.user.toLowerCase()}`;
const addressKey = (attempt: SignInAttempt) => `address:${attempt.address}`;

export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: LoginThrottleOptions;
  readonly #now: () => number;

  constructor(options: Partial<LoginThrottleOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
    this.#now = now;
  }

  /** Milliseconds the caller must wait before trying again; 0 when allowed. */
  retryAfterMs(attempt: SignInAttempt): number {
    return Math.max(
      this.#waitFor(userKey(attempt), this.#options.freeAttempts),
      this.#waitFor(addressKey(attempt), this.#options.addressFreeAttempts),
    );
  }

  recordFailure(attempt: SignInAttempt): void {
    const now = this.#now();
    for (const key of [userKey(attempt), addressKey(attempt)]) {
      const entry = this.#current(key);
      this.#failures.set(key, { count: (entry?.count ?? 0) + 1, last: now });
    }
    if (this.#failures.size > 100_000) this.#forgetOld();
  }

  recordSuccess(attempt: SignInAttempt): void {
    this.#failures.delete(userKey(attempt));
  }

  #current(key: string): Failures | undefined {
    const entry = this.#failures.get(key);
    if (entry && this.#now() - entry.last > this.#options.windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #waitFor(key: string, freeAttempts: number): number {
    const entry = this.#current(key);
    if (!entry || entry.count < freeAttempts) return 0;
    const doublings = entry.count - freeAttempts;
    const delay = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** doublings);
    return Math.max(0, entry.last + delay - this.#now());
  }

  #forgetOld(): void {
    for (const key of [...this.#failures.keys()]) this.#current(key);
  }
}
