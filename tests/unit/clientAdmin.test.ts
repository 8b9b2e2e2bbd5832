import { describe, expect, it } from 'vitest';
import type { ApiToken, User } from '../../server/contract';
import { ROLES as SERVER_ROLES } from '../../server/auth/roles';
import { SECTORS as SERVER_SECTORS } from '../../server/auth/sectors';
import {
  ROLES,
  SECTORS,
  lockBody,
  newUserBody,
  tokenCells,
  tokenOrder,
  tokenState,
  userCells,
  userChanges,
} from '../../client/src/admin/model';

const form = {
  username: ' Li.Wei ',
  displayName: ' 李伟 ',
  role: 'investigator',
  organisation: '',
  sector: '',
};

const partner: User = {
  username: 'icbc.feed',
  displayName: 'ICBC feed',
  role: 'partner',
  organisation: 'ICBC',
  sector: 'bank',
  disabled: false,
  createdAt: '2026-11-01T00:00:00Z',
};

function token(overrides: Partial<ApiToken>): ApiToken {
  return {
    id: 'abcdefghijkl',
    name: 'nightly load',
    scopes: ['data:submit'],
    owner: 'icbc.feed',
    createdAt: '2026-11-01T00:00:00Z',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('the administration page', () => {
  it('knows the roles and sectors the server knows', () => {
    expect(ROLES).toEqual(SERVER_ROLES);
    expect(SECTORS).toEqual(SERVER_SECTORS);
  });

  it('creates a user with a trimmed username, and no organisation unless the role has one', () => {
    expect(newUserBody({ ...form, organisation: 'ICBC' }, 'a long enough secret')).toEqual({
      ok: true,
      body: {
        username: 'li.wei',
        displayName: '李伟',
        role: 'investigator',
        password: 'a long enough secret',
      },
    });
    expect(
      newUserBody(
        { ...form, role: 'partner', organisation: 'BOC', sector: 'bank' },
        'x'.repeat(12),
      ),
    ).toMatchObject({ ok: true, body: { organisation: 'BOC', sector: 'bank' } });
  });

  it('says what to fix before asking the server', () => {
    expect(newUserBody(form, 'short')).toEqual({
      ok: false,
      problem: 'A password needs at least 12 characters.',
    });
    expect(newUserBody({ ...form, username: ' ' }, 'x'.repeat(12))).toMatchObject({ ok: false });
  });

  it('sends what the edit changed with the organisation, cleared on a role without one', () => {
    const same = {
      ...form,
      username: partner.username,
      displayName: 'ICBC feed',
      role: 'partner',
      organisation: 'ICBC',
      sector: 'bank',
    };
    expect(userChanges(partner, same)).toEqual({ ok: false, problem: 'Nothing was changed.' });
    expect(userChanges(partner, { ...same, displayName: 'ICBC nightly feed' })).toEqual({
      ok: true,
      body: { displayName: 'ICBC nightly feed', organisation: 'ICBC', sector: 'bank' },
    });
    expect(userChanges(partner, { ...same, role: 'investigator' })).toEqual({
      ok: true,
      body: { role: 'investigator', organisation: null, sector: null },
    });
  });

  it('locks an account keeping its organisation and sector', () => {
    expect(lockBody(partner, true)).toEqual({
      disabled: true,
      organisation: 'ICBC',
      sector: 'bank',
    });
    expect(
      lockBody(
        { ...partner, role: 'station_officer', organisation: '310104000003', sector: null },
        false,
      ),
    ).toEqual({ disabled: false, organisation: '310104000003', sector: null });
  });

  it('lists users with their state, and tokens working first', () => {
    expect(userCells({ ...partner, disabled: true })).toEqual([
      'icbc.feed',
      'ICBC feed',
      'partner',
      'ICBC',
      'bank',
      'locked',
      expect.stringMatching(/^2026-1[01]-/) as string,
    ]);
    const now = Date.parse('2026-12-01T00:00:00Z');
    const revoked = token({ id: 'r', revokedAt: '2026-11-20T00:00:00Z' });
    const expired = token({ id: 'e', expiresAt: '2026-11-30T00:00:00Z' });
    const working = token({ id: 'w', createdAt: '2026-10-01T00:00:00Z' });
    expect(tokenState(revoked, now)).toBe('revoked');
    expect(tokenState(expired, now)).toBe('expired');
    expect(tokenOrder([revoked, expired, working], now)[0]?.id).toBe('w');
    expect(tokenCells(working, now).slice(4)).toEqual(['never', 'not yet', 'active']);
  });
});
