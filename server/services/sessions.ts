/**
 * Signing in and out: browser sessions (cookie + CSRF token, idle and absolute timeouts) and API
 * tokens for partner systems and scripts. Secrets are never stored, only their SHA-256. A session
 * or token once checked is trusted for a few seconds (`PrincipalCache`) instead of being looked up
 * on every request; `accessChanged` forgets them all at once.
 */
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { RingtraceError } from '../errors';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import { principalFromRow, type Principal } from '../auth/principal';
import { PrincipalCache } from '../auth/principalCache';
import { PERMISSIONS, type Permission } from '../auth/roles';
import { parseApiToken, randomSecret, sameSecret, sha256 } from '../auth/secrets';

export interface SessionSettings {
  readonly idleMinutes: number;
  readonly maxHours: number;
}

const TOUCH_AFTER_SECONDS = 60;

function unauthenticated(message: string): RingtraceError {
  return new RingtraceError('unauthenticated', message);
}

export class SessionService {
  readonly #executor: Executor;
  readonly #settings: SessionSettings;
  readonly #recent: PrincipalCache;

  constructor(
    executor: Executor,
    settings: SessionSettings,
    recent: PrincipalCache = new PrincipalCache(),
  ) {
    this.#executor = executor;
    this.#settings = settings;
    this.#recent = recent;
  }

  /** Forgets every recently checked session and token: someone's access has changed. */
  accessChanged(): void {
    this.#recent.clear();
  }

  get settings(): SessionSettings {
    return this.#settings;
  }

  /**
   * Checks a username and password. Resolves with the user, or undefined for a wrong name or
   * password (the same time is spent either way). A locked account is refused with 403.
   */
  /**
   * Checks a username and password. A locked account is refused like a wrong password (so a
   * guesser learns nothing), but the caller is told, for the audit trail.
   */
  async checkPassword(
    username: string,
    password: string,
  ): Promise<{ principal: Principal } | { refused: 'wrong' | 'locked' }> {
    const user = await this.#executor.first(queries.userByUsername, { username });
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid) return { refused: 'wrong' };
    if (user.disabled) return { refused: 'locked' };
    return { principal: principalFromRow(user, 'session') };
  }

  /** Opens a session; returns the cookie value (shown once) and the CSRF token. */
  async open(
    principal: Principal,
    client: { ip: string; userAgent: string },
  ): Promise<{ cookie: string; csrfToken: string }> {
    await this.#executor.run(queries.deleteExpiredSessions, this.#settings);
    const cookie = randomSecret();
    const csrfToken = randomSecret();
    await this.#executor.run(queries.createSession, {
      id: sha256(cookie),
      csrfToken,
      username: principal.username,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, 300),
    });
    return { cookie, csrfToken };
  }

  /** The principal behind a session cookie; 401 when unknown, expired or locked. */
  async fromCookie(cookie: string): Promise<Principal> {
    const id = sha256(cookie);
    const recent = this.#recent.get(`session:${id}`);
    if (recent) return recent;
    const row = await this.#executor.first(queries.sessionWithUser, { id });
    if (!row) throw unauthenticated('Your session has ended; sign in again.');
    const expired =
      row.idleSeconds > this.#settings.idleMinutes * 60 ||
      row.ageSeconds > this.#settings.maxHours * 3600;
    if (expired || row.disabled) {
      await this.#executor.run(queries.deleteSession, { id });
      throw unauthenticated(
        row.disabled ? 'This account is locked.' : 'Your session has expired; sign in again.',
      );
    }
    if (row.idleSeconds > TOUCH_AFTER_SECONDS)
      await this.#executor.run(queries.touchSession, { id });
    const principal = principalFromRow(row, 'session', { sessionId: id, csrfToken: row.csrfToken });
    const secondsLeft = Math.min(
      this.#settings.idleMinutes * 60 - row.idleSeconds,
      this.#settings.maxHours * 3600 - row.ageSeconds,
    );
    this.#recent.set(`session:${id}`, principal, secondsLeft * 1000);
    return principal;
  }

  async close(sessionId: string): Promise<void> {
    this.#recent.forget(`session:${sessionId}`);
    await this.#executor.run(queries.deleteSession, { id: sessionId });
  }

  /** The principal behind an API token; 401 when malformed, unknown, revoked or expired. */
  async fromToken(token: string): Promise<Principal> {
    const parsed = parseApiToken(token);
    if (!parsed) throw unauthenticated('The API token is not in Ringtrace format.');
    const key = `token:${sha256(token)}`;
    const recent = this.#recent.get(key);
    if (recent) return recent;
    const row = await this.#executor.first(queries.tokenWithUser, { id: parsed.id });
    if (!row || !sameSecret(row.secretHash, sha256(parsed.secret))) {
      throw unauthenticated('The API token is not valid.');
    }
    if (row.revoked) throw unauthenticated('The API token has been revoked.');
    if (row.expired) throw unauthenticated('The API token has expired.');
    if (row.disabled) throw unauthenticated('The account that owns this API token is locked.');
    await this.#executor.run(queries.touchToken, { id: parsed.id });
    const scopes = row.scopes.filter((scope): scope is Permission =>
      (PERMISSIONS as readonly string[]).includes(scope),
    );
    const principal = principalFromRow(row, 'token', { scopes, tokenId: parsed.id });
    this.#recent.set(key, principal);
    return principal;
  }
}
