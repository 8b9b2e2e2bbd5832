import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/auth/loginThrottle';
import { passwordProblem } from '../../server/auth/passwords';
import { ROLE_PERMISSIONS, hasPermission } from '../../server/auth/roles';
import { newApiToken, parseApiToken } from '../../server/auth/secrets';

describe('login throttle', () => {
  it('lets the first attempts through, then makes each failure double the wait', () => {
    let now = 0;
    const throttle = new LoginThrottle({ freeAttempts: 3, baseDelayMs: 1_000 }, () => now);
    const attempt = { user: 'ivy', address: '10.0.0.1' };
    for (let n = 0; n < 3; n += 1) {
      expect(throttle.retryAfterMs(attempt)).toBe(0);
      throttle.recordFailure(attempt);
    }
    expect(throttle.retryAfterMs(attempt)).toBe(1_000);
    now = 1_000;
    throttle.recordFailure(attempt);
    expect(throttle.retryAfterMs(attempt)).toBe(2_000);
    now = 3_000;
    expect(throttle.retryAfterMs(attempt)).toBe(0);
    throttle.recordSuccess(attempt);
    throttle.recordFailure(attempt);
    expect(throttle.retryAfterMs(attempt)).toBe(0);
  });

  it('does not lock other users out of an address where one user failed', () => {
    const throttle = new LoginThrottle({ freeAttempts: 3, addressFreeAttempts: 20 }, () => 0);
    const station = '10.1.2.3';
    for (let n = 0; n < 5; n += 1) throttle.recordFailure({ user: 'ivy', address: station });
    expect(throttle.retryAfterMs({ user: 'ivy', address: station })).toBeGreaterThan(0);
    expect(throttle.retryAfterMs({ user: 'IVY', address: '10.9.9.9' })).toBeGreaterThan(0);
    expect(throttle.retryAfterMs({ user: 'wang', address: station })).toBe(0);
    // A guesser going through many usernames from one address is slowed at the address.
    for (let n = 0; n < 15; n += 1) throttle.recordFailure({ user: `u${n}`, address: station });
    expect(throttle.retryAfterMs({ user: 'wang', address: station })).toBeGreaterThan(0);
    expect(throttle.retryAfterMs({ user: 'wang', address: '10.9.9.9' })).toBe(0);
  });

  it('caps the wait and forgets old failures', () => {
    let now = 0;
    const throttle = new LoginThrottle(
      { freeAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 },
      () => now,
    );
    const attempt = { user: 'ivy', address: '10.0.0.1' };
    for (let n = 0; n < 10; n += 1) throttle.recordFailure(attempt);
    expect(throttle.retryAfterMs(attempt)).toBe(5_000);
    now = 61_000;
    expect(throttle.retryAfterMs(attempt)).toBe(0);
  });
});

describe('roles', () => {
  it('keeps administrators out of case data and partners to their own records', () => {
    expect(hasPermission('administrator', 'graph:read')).toBe(false);
    expect(hasPermission('administrator', 'users:manage')).toBe(true);
    expect(ROLE_PERMISSIONS.partner).not.toContain('graph:read');
    expect(hasPermission('partner', 'graph:read-own')).toBe(true);
    expect(hasPermission('supervisor', 'audit:read')).toBe(true);
    expect(hasPermission('investigator', 'audit:read')).toBe(false);
  });

  it('narrows a role by token scopes', () => {
    expect(hasPermission('investigator', 'graph:read', ['graph:read'])).toBe(true);
    expect(hasPermission('investigator', 'export:create', ['graph:read'])).toBe(false);
    expect(hasPermission('partner', 'graph:read', ['graph:read'])).toBe(false);
  });
});

describe('passwords and tokens', () => {
  it('asks for a long password without the username in it', () => {
    expect(passwordProblem('short', 'ivy')).toMatch(/at least 12/);
    expect(passwordProblem('ivy.investigator-2026!', 'ivy.investigator')).toMatch(/username/);
    expect(passwordProblem('correct horse battery staple', 'ivy')).toBeUndefined();
  });

  it('issues tokens it can parse back, and refuses other strings', () => {
    const { id, secret, token } = newApiToken();
    expect(parseApiToken(token)).toEqual({ id, secret });
    expect(parseApiToken('rt_short_x')).toBeUndefined();
    expect(parseApiToken(`Bearer ${token}`)).toBeUndefined();
  });
});
