import { describe, expect, it } from 'vitest';
import { organisationProblem, uploadRefusal } from '../../server/auth/sectors';
import { KINDS, type ParseContext } from '../../server/ingest/kinds';

const as = (organisation: string, partner: boolean): ParseContext => ({
  organisation,
  partner,
  country: 'CN',
  defaultOffset: undefined,
  line: 2,
});

const transfer = {
  transfer_id: 'T-98',
  from_bank: 'ICBC',
  from_account: '6222000000000001',
  to_bank: 'ABC',
  to_account: '6228000000000009',
  amount: '1.00',
  currency: 'CNY',
  time: '2026-10-03T21:15:00+08:00',
};

describe("a partner's own records", () => {
  it("puts a bank's transfer in its namespace, and a police load's in the sending bank's", () => {
    expect(KINDS['bank-transfers'].parse(transfer, as('ABC', true)).id).toBe('ABC:T-98');
    expect(KINDS['bank-transfers'].parse(transfer, as('police', false)).id).toBe('ICBC:T-98');
    expect(() => KINDS['bank-transfers'].parse(transfer, as('CCB', true))).toThrow(
      'transfer between ICBC and ABC accounts: CCB reports only transfers to or from its own accounts',
    );
  });

  it("rejects another platform's login, and keeps a platform's login in its namespace", () => {
    const login = { record_id: 'L-1', platform: 'qq', handle: 'x', time: '2026-10-03T20:00:00Z' };
    expect(() => KINDS['platform-logins'].parse(login, as('wechat', true))).toThrow(
      'account qq:x belongs to qq, not to wechat',
    );
    expect(KINDS['platform-logins'].parse(login, as('qq', true)).id).toBe('qq:L-1');
  });
});

describe('sectors', () => {
  it('let each sector upload only its kinds, and police reports to no partner', () => {
    expect(uploadRefusal('bank', 'bank-accounts')).toBeNull();
    expect(uploadRefusal('telecom', 'telecom-sightings')).toBeNull();
    expect(uploadRefusal('platform', 'platform-messages')).toBeNull();
    expect(uploadRefusal('bank', 'telecom-cdr')).toMatch(/a bank uploads only/);
    for (const sector of ['bank', 'telecom', 'platform'] as const) {
      expect(uploadRefusal(sector, 'police-reports')).toMatch(/not police-reports/);
    }
    expect(uploadRefusal(null, 'bank-transfers')).toMatch(/no sector/);
  });

  it('want a bank by its bank code and a platform by its platform name', () => {
    expect(organisationProblem('bank', 'ICBC')).toBeNull();
    expect(organisationProblem('bank', 'icbc')).toMatch(/bank code/);
    expect(organisationProblem('platform', 'wechat')).toBeNull();
    expect(organisationProblem('platform', 'WeChat')).toMatch(/platform name/);
    expect(organisationProblem('telecom', 'China Mobile')).toMatch(/letters, digits/);
  });
});
