/**
 * The early-warning rules and watch state, pure: what warns and what does not, and the alert
 * each finding becomes.
 */
import { describe, expect, it } from 'vitest';
import type { CallRow } from '../../server/ingest/kinds/telecomCdr';
import type { TransferRow } from '../../server/ingest/kinds/bankTransfers';
import { dashboardOf } from '../../server/warning/alerts';
import {
  alertId,
  callFinding,
  localDay,
  muleAlert,
  transferFinding,
  warnsOfWorkedOn,
  workedOnAlert,
} from '../../server/warning/rules';
import { WatchState } from '../../server/warning/watchState';

const SETTINGS = {
  minCallSeconds: 60,
  longCallSeconds: 600,
  workedOnHours: 72,
  minHeldMinor: 10_000,
};

function ringState(): WatchState {
  const state = new WatchState();
  state.setRings('run-1', [
    { ring: 'R1', type: 'PhoneNumber', id: '+8613800000001', role: 'caller' },
    { ring: 'R1', type: 'PhoneNumber', id: '+8613800000009', role: 'ringleader' },
    { ring: 'R1', type: 'Device', id: '356938035643809', role: 'caller' },
    { ring: 'R1', type: 'BankAccount', id: 'CCB:1', role: 'mule' },
    { ring: 'R1', type: 'BankAccount', id: 'BOC:9', role: 'ringleader' },
    { ring: 'R1', type: 'Person', id: 'LEADER', role: 'ringleader' },
  ]);
  return state;
}

function transfer(from: string, to: string, time = '2026-11-02T02:00:00Z'): TransferRow {
  return {
    id: `T-${from}-${to}-${time}`,
    recordId: 'T',
    fromId: from,
    fromBank: from.split(':')[0] ?? '',
    fromNumber: from.split(':')[1] ?? '',
    toId: to,
    toBank: to.split(':')[0] ?? '',
    toNumber: to.split(':')[1] ?? '',
    amountMinor: 1_000_00,
    currency: 'CNY',
    time,
    timeOffset: '+08:00',
    channel: null,
    reference: null,
    line: 1,
  };
}

function call(from: string, to: string, duration: number, extra: Partial<CallRow> = {}): CallRow {
  return {
    id: `C-${from}-${to}`,
    recordId: 'C',
    from,
    fromRaw: from,
    to,
    toRaw: to,
    start: '2026-11-02T01:00:00Z',
    startOffset: '+08:00',
    duration,
    imsi: null,
    imei: null,
    tac: null,
    cell: null,
    line: 1,
    ...extra,
  };
}

describe('the watch state', () => {
  it('warns on payments into mule accounts, not into a ring member’s own account', () => {
    const state = ringState();
    expect(state.paysIntoWatched('CCB:1')).toContain('mule');
    expect(state.paysIntoWatched('BOC:9')).toBeUndefined();
    expect(state.isRingSide('BankAccount', 'BOC:9')).toBe(true);
  });

  it('warns on calls from ring callers and reported numbers, not from the other lines of ring members', () => {
    const state = ringState();
    expect(state.callsWarn('+8613800000001')).toContain('caller');
    expect(state.callsWarn('+8613800000009')).toBeUndefined();
    state.addReported('PhoneNumber', '+8613800000002', ['K-1']);
    expect(state.callsWarn('+8613800000002')).toContain('K-1');
  });

  it('ties a SIM seen in a ring caller’s handset to the ring, and its number calls as the ring does', () => {
    const state = ringState();
    expect(state.tie('PhoneNumber', '+8613700000002', 'Device', '356938035643809')).toBe(true);
    expect(state.callsWarn('+8613700000002')).toContain('356938035643809');
    expect(state.reasonsOf('PhoneNumber', '+8613700000002')?.get('tied_to_ring')).toContain('R1');
    // A new run replaces the ring and what was tied to it.
    state.setRings('run-2', []);
    expect(state.callsWarn('+8613700000002')).toBeUndefined();
    expect(state.reasonsOf('PhoneNumber', '+8613700000002')).toBeUndefined();
  });

  it('forgets contacts older than the window', () => {
    const state = ringState();
    const at = Date.parse('2026-11-02T01:00:00Z');
    state.workedOn('+8613911112222', 'P', ['ICBC:5'], {
      caller: '+8613800000001',
      at,
      callId: 'C1',
    });
    expect(state.recentCallsToHolderOf('ICBC:5', at + 3_600_000, 72 * 3_600_000)).toBeDefined();
    state.forgetBefore(at + 73 * 3_600_000, 72 * 3_600_000);
    expect(
      state.recentCallsToHolderOf('ICBC:5', at + 73 * 3_600_000, 72 * 3_600_000),
    ).toBeUndefined();
  });
});

describe('the rules', () => {
  it('see a victim paying a mule, and ignore mule-to-mule laundering', () => {
    const state = ringState();
    expect(transferFinding(state, transfer('ICBC:5', 'CCB:1'), SETTINGS).mule).toBeDefined();
    expect(transferFinding(state, transfer('CCB:1', 'CCB:1'), SETTINGS)).toEqual({});
    state.addMoneyAccount('CMB:2', 'traced_money', 'holds traced money');
    expect(transferFinding(state, transfer('CMB:2', 'CCB:1'), SETTINGS)).toEqual({});
  });

  it('see a person worked on only when the call lasted long enough', () => {
    const state = ringState();
    expect(callFinding(state, call('+8613800000001', '+8613911112222', 300), SETTINGS)).toContain(
      'caller',
    );
    expect(
      callFinding(state, call('+8613800000001', '+8613911112222', 20), SETTINGS),
    ).toBeUndefined();
    // A call from the ring caller's handset with a SIM nobody knew yet.
    const fromHandset = call('+8613799999999', '+8613911112222', 300, { imei: '356938035643809' });
    expect(callFinding(state, fromHandset, SETTINGS)).toContain('356938035643809');
  });

  it('warn of a person worked on after one long call, or a second call within the window', () => {
    const shortish = call('+8613800000001', '+8613911112222', 200);
    expect(warnsOfWorkedOn(shortish, [], SETTINGS)).toBe(false);
    expect(warnsOfWorkedOn(call('+8613800000001', '+8613911112222', 900), [], SETTINGS)).toBe(true);
    const earlier = [{ caller: '+8613800000001', at: 0, callId: 'C0' }];
    expect(warnsOfWorkedOn(shortish, earlier, SETTINGS)).toBe(true);
    const again = workedOnAlert(shortish, 'ring caller', undefined, earlier);
    expect(again.evidence).toContain('Call:C0');
    expect(again.reasons.join(' ')).toContain('Called again');
  });

  it('give one alert id per rule, subject and local day', () => {
    expect(localDay('2026-11-01T17:00:00Z', '+08:00')).toBe('2026-11-02');
    expect(localDay('2026-11-01T15:00:00Z', '+08:00')).toBe('2026-11-01');
    const a = alertId('being_worked_on', 'Person', 'P', '2026-11-02');
    expect(alertId('being_worked_on', 'Person', 'P', '2026-11-02')).toBe(a);
    expect(alertId('being_worked_on', 'Person', 'P', '2026-11-03')).not.toBe(a);
    expect(alertId('paying_suspected_mule', 'Person', 'P', '2026-11-02')).not.toBe(a);
  });

  it('write alerts with the person to call, the reasons and the evidence', () => {
    const payer = {
      personId: 'P',
      name: '张三',
      phones: ['+8613911112222'],
      accounts: ['ICBC:5'],
      stationId: 'S1',
      stationName: 'Station one',
    };
    const alert = muleAlert(transfer('ICBC:5', 'CCB:1'), 'ring mule account', payer);
    expect(alert.subjectId).toBe('P');
    expect(alert.contactPhone).toBe('+8613911112222');
    expect(alert.stationId).toBe('S1');
    expect(alert.stopAccount).toBe('CCB:1');
    expect(alert.reasons[0]).toContain('1,000.00 CNY');
    expect(alert.evidence[0]).toMatch(/^Transfer:/);
    // Nobody known on the number: the number is the subject, and the centre gets it.
    const unknown = workedOnAlert(
      call('+8613800000001', '+8613911112222', 300),
      'ring caller',
      undefined,
    );
    expect(unknown.subjectType).toBe('PhoneNumber');
    expect(unknown.stationId).toBeNull();
    expect(unknown.contactPhone).toBe('+8613911112222');
  });
});

describe('the dashboard', () => {
  it('counts alerts per hour and station, outcomes, and money at risk in open alerts', () => {
    const since = new Date('2026-12-04T10:00:00Z');
    const row = (hour: number, station: string | null, status: string, amount: number | null) => ({
      createdAt: `2026-12-04T${String(10 + hour).padStart(2, '0')}:30:00Z`,
      stationId: station,
      stationName: station,
      status,
      outcome: status === 'closed' ? 'warned' : null,
      severity: 'high',
      amountMinor: amount,
      currency: amount === null ? null : 'CNY',
    });
    const board = dashboardOf(
      [row(0, 'S1', 'new', 500), row(0, 'S1', 'closed', 700), row(2, null, 'acknowledged', 100)],
      3,
      since,
    );
    expect(board.perHour.map((h) => h.count)).toEqual([2, 0, 1]);
    expect(board.perStation).toEqual([
      { stationId: 'S1', name: 'S1', count: 2, open: 1 },
      { stationId: null, name: null, count: 1, open: 1 },
    ]);
    expect(board.outcomes.find((o) => o.outcome === 'warned')?.count).toBe(1);
    expect(board.moneyAtRisk).toEqual([{ amountMinor: 600, currency: 'CNY' }]);
  });
});
