import { describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal';
import { PrincipalCache } from '../../server/auth/principalCache';

const ivy: Principal = {
  username: 'ivy',
  displayName: 'Ivy',
  role: 'investigator',
  organisation: null,
  sector: null,
  via: 'session',
};

function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe('the recently signed-in cache', () => {
  it('trusts a checked credential for its time, then looks it up again', () => {
    const { time, now } = clock();
    const cache = new PrincipalCache(5_000, now);
    cache.set('session:a', ivy);
    time.now += 4_999;
    expect(cache.get('session:a')).toBe(ivy);
    time.now += 1;
    expect(cache.get('session:a')).toBeUndefined();
  });

  it('never trusts a session longer than it has left to live', () => {
    const { time, now } = clock();
    const cache = new PrincipalCache(5_000, now);
    cache.set('session:a', ivy, 1_000);
    time.now += 1_000;
    expect(cache.get('session:a')).toBeUndefined();
    cache.set('session:b', ivy, -20_000);
    expect(cache.get('session:b')).toBeUndefined();
  });

  it('forgets one credential on sign-out and all of them when access changes', () => {
    const cache = new PrincipalCache(5_000);
    cache.set('session:a', ivy);
    cache.set('token:b', { ...ivy, via: 'token' });
    cache.forget('session:a');
    expect(cache.get('session:a')).toBeUndefined();
    expect(cache.get('token:b')).toBeDefined();
    cache.clear();
    expect(cache.get('token:b')).toBeUndefined();
  });

  it('remembers nothing when its time is zero', () => {
    const cache = new PrincipalCache(0);
    cache.set('session:a', ivy);
    expect(cache.get('session:a')).toBeUndefined();
  });
});
