/**
 * Who signed in, remembered for a few seconds so that a burst of requests with one session or
 * token does not look it up in Neo4j every time. Keys are hashes of the credentials, never the
 * credentials themselves. Anything that changes access on this server (sign-out, a locked user, a
 * changed role or password, a revoked token) clears it at once; another Ringtrace server on the
 * same database sees such a change within `ttlMs`.
 */
import type { Principal } from './principal';

export const PRINCIPAL_CACHE_MS = 5_000;

/** Most credentials remembered at once (oldest forgotten first). */
const MAX_ENTRIES = 10_000;

export class PrincipalCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { principal: Principal; until: number }>();

  constructor(ttlMs: number = PRINCIPAL_CACHE_MS, now: () => number = () => Date.now()) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: string): Principal | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers `principal` for the cache's time, or `validForMs` when that is shorter. */
  set(key: string, principal: Principal, validForMs: number = Infinity): void {
    const ms = Math.min(this.#ttlMs, validForMs);
    if (ms <= 0) return;
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { principal, until: this.#now() + ms });
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets everyone: access changed somewhere. */
  clear(): void {
    this.#entries.clear();
  }
}
