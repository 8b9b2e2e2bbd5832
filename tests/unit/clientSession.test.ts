import { describe, expect, it } from 'vitest';
import { describeUser, visiblePanels, type SessionUser } from '../../client/src/session';
import { auditRow, graphRows } from '../../client/src/tables';

function user(
  role: string,
  permissions: string[],
  organisation: string | null = null,
): SessionUser {
  return { username: 'u', displayName: 'Ada Lin', role, organisation, sector: null, permissions };
}

describe('what the client shows each role', () => {
  it('shows the audit trail to holders of audit:read and users to holders of users:manage', () => {
    expect(visiblePanels(user('investigator', ['graph:read']))).toEqual(['graph']);
    expect(visiblePanels(user('supervisor', ['graph:read', 'audit:read']))).toEqual([
      'graph',
      'audit',
    ]);
    expect(visiblePanels(user('administrator', ['users:manage', 'audit:read']))).toEqual([
      'audit',
      'users',
    ]);
  });

  it('names the partner organisation next to the role', () => {
    expect(describeUser(user('partner', [], 'ICBC'))).toBe('Ada Lin (partner, ICBC)');
  });
});

describe('table rows', () => {
  it('shows audit times to the second and empty targets as blank', () => {
    expect(
      auditRow({
        seq: 7,
        at: '2026-11-28T09:15:02.123Z',
        actor: 'ivy',
        action: 'auth.login',
        target: null,
        resultSize: 1,
        outcome: 'ok',
      }),
    ).toEqual(['7', '2026-11-28 09:15:02', 'ivy', 'auth.login', '', '1', 'ok']);
  });

  it('lists the graph by kind in a fixed order with thousands separated', () => {
    const rows = graphRows({ Transfer: 370095, Person: 3000 });
    expect(rows[0]).toEqual(['People', '3,000']);
    expect(rows).toContainEqual(['Transfers', '370,095']);
    expect(rows).toContainEqual(['Reported cases', '0']);
  });
});
