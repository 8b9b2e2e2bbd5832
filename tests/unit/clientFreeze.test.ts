/**
 * Stop payments in the client, pure logic: who may do what, which stop an account shows, the
 * money a trace's holds secured, time left on a hold, the bank's order, merging changes, the
 * amount typed, the request checked before it is sent, and the actions a hold allows.
 */
import { describe, expect, it } from 'vitest';
import type { StopRequest } from '../../server/contract/freeze';
import {
  batches,
  bankOrder,
  caseOfTransfer,
  defaultLegalBasis,
  duration,
  holdActions,
  investigatorOrder,
  latestStopSeq,
  mergeStops,
  minorToInput,
  parseAmount,
  securedMinor,
  stopAccess,
  stopBody,
  stopByAccount,
  stopState,
  stopsQuery,
  timeLeft,
  waiting,
} from '../../client/src/freeze/model';
import { alertStopAccount } from '../../client/src/freeze/alertStop';
import { stopMark, stopMarks } from '../../client/src/freeze/canvasMarks';
import { traceTransfers } from '../../client/src/freeze/traceStops';
import type { ForwardTrace } from '../../server/contract';
import { decorateNode } from '../../client/src/workspace/style';

const NOW = Date.parse('2026-12-04T12:00:00Z');

function stop(overrides: Partial<StopRequest> & { id: string }): StopRequest {
  return {
    account: {
      id: 'ICBC:6222000000000006',
      bank: 'ICBC',
      number: '6222000000000006',
      holderName: null,
    },
    amountMinor: 50_000,
    currency: 'CNY',
    transfers: ['ICBC:H1'],
    caseId: null,
    legalBasis: 'Case K-2026-0901',
    origin: 'trace',
    alertId: null,
    requestedBy: 'ivy.investigator',
    requestedAt: '2026-12-04T11:00:00Z',
    eventAt: null,
    hop: 0,
    status: 'requested',
    answeredBy: null,
    answeredAt: null,
    heldMinor: null,
    bankReference: null,
    refusalReason: null,
    holdUntil: null,
    renewals: 0,
    renewedAt: null,
    frozenAt: null,
    frozenBy: null,
    freezeBasis: null,
    lapsedAt: null,
    releasedAt: null,
    releasedBy: null,
    releaseReason: null,
    escalated: false,
    escalatedAt: null,
    endingWarnedAt: null,
    secured: [],
    securedMinor: 0,
    seq: 1,
    ...overrides,
  };
}

const held = (overrides: Partial<StopRequest> & { id: string }) =>
  stop({
    status: 'held',
    heldMinor: 50_000,
    bankReference: 'HOLD-1',
    holdUntil: '2026-12-06T11:00:00Z',
    answeredBy: 'icbc.feed',
    answeredAt: '2026-12-04T11:05:00Z',
    secured: [
      {
        transferId: 'ICBC:H1',
        victimId: 'v1',
        victimName: 'Qian Hui',
        caseId: 'K-1',
        amountMinor: 40_000,
      },
      {
        transferId: 'ICBC:H9',
        victimId: 'v2',
        victimName: 'Li Na',
        caseId: null,
        amountMinor: 10_000,
      },
    ],
    securedMinor: 50_000,
    ...overrides,
  });

describe('stop access', () => {
  it('reads the three stop permissions', () => {
    expect(stopAccess(['stops:request', 'stops:read'])).toEqual({
      request: true,
      read: true,
      answer: false,
    });
    expect(stopAccess(['stops:answer'])).toEqual({ request: false, read: false, answer: true });
  });
});

describe('the stop an account shows', () => {
  it('prefers a freeze, then a hold, then a waiting request, then the newest of the rest', () => {
    const refused = stop({ id: 'a', status: 'refused', requestedAt: '2026-12-04T11:30:00Z' });
    const asked = stop({ id: 'b', status: 'requested', requestedAt: '2026-12-04T10:00:00Z' });
    expect(stopByAccount([refused, asked]).get('ICBC:6222000000000006')?.id).toBe('b');
    const hold = held({ id: 'c', requestedAt: '2026-12-03T10:00:00Z' });
    expect(stopByAccount([refused, asked, hold]).get('ICBC:6222000000000006')?.id).toBe('c');
    const lapsed = stop({ id: 'd', status: 'lapsed', requestedAt: '2026-12-01T10:00:00Z' });
    expect(stopByAccount([lapsed, refused]).get('ICBC:6222000000000006')?.id).toBe('a');
  });

  it('marks the canvas only for open stops', () => {
    expect(stopMark(held({ id: 'a' }))).toBe('held');
    expect(stopMark(stop({ id: 'b', status: 'frozen' }))).toBe('frozen');
    expect(stopMark(stop({ id: 'c' }))).toBe('requested');
    expect(stopMark(stop({ id: 'd', status: 'empty' }))).toBeUndefined();
    expect(stopMark(undefined)).toBeUndefined();
  });

  it('tells the time left on the canvas only when a hold ends soon', () => {
    const soon = held({ id: 'a', holdUntil: '2026-12-04T17:00:00Z' });
    expect(stopMarks(soon, NOW)).toEqual({
      stop: 'held',
      stopUntil: '2026-12-04T17:00:00Z',
      stopLeft: '5 h left',
    });
    expect(stopMarks(held({ id: 'b' }), NOW).stopLeft).toBeUndefined();
    const node = {
      id: 'BankAccount:ICBC:1',
      type: 'BankAccount',
      entityId: 'ICBC:1',
      label: 'ICBC 1',
    };
    expect(decorateNode({ ...node, ...stopMarks(soon, NOW) }).display).toBe('⊘ ICBC 1 · 5 h left');
    expect(decorateNode({ ...node, stop: 'requested' }).display).toBe('✉ ICBC 1');
  });
});

describe('money secured', () => {
  it('counts the secured lines of held and frozen stops, of one transfer or all', () => {
    const stops = [
      held({ id: 'a' }),
      held({ id: 'b', status: 'frozen' }),
      held({ id: 'c', status: 'released' }),
    ];
    expect(securedMinor(stops, 'ICBC:H1')).toBe(80_000);
    expect(securedMinor(stops)).toBe(100_000);
    expect(securedMinor([stop({ id: 'd' })], 'ICBC:H1')).toBe(0);
  });

  it('finds the case a transfer was reported under', () => {
    expect(caseOfTransfer([held({ id: 'a' })], 'ICBC:H1')).toBe('K-1');
    expect(caseOfTransfer([held({ id: 'a' })], 'ICBC:H9')).toBeNull();
    expect(caseOfTransfer([stop({ id: 'b', caseId: 'K-7' })], 'ICBC:H1')).toBe('K-7');
  });
});

describe('time', () => {
  it('says lengths of time in words', () => {
    expect(duration(20_000)).toBe('under a minute');
    expect(duration(7 * 60_000)).toBe('7 min');
    expect(duration(5 * 3600_000 + 12 * 60_000)).toBe('5 h 12 min');
    expect(duration(47 * 3600_000)).toBe('47 h');
    expect(duration(51 * 3600_000)).toBe('2 days 3 h');
  });

  it('tells the time left on a hold, ending soon in the last 6 hours', () => {
    expect(timeLeft(held({ id: 'a' }), NOW)).toEqual({ text: '47 h left', endingSoon: false });
    expect(timeLeft(held({ id: 'a', holdUntil: '2026-12-04T17:30:00Z' }), NOW)).toEqual({
      text: '5 h 30 min left',
      endingSoon: true,
    });
    expect(timeLeft(held({ id: 'a', holdUntil: '2026-12-04T11:00:00Z' }), NOW)).toEqual({
      text: 'hold ended',
      endingSoon: true,
    });
    expect(timeLeft(stop({ id: 'b', status: 'frozen' }), NOW)).toBeNull();
  });

  it('tells how long a request has waited for the bank', () => {
    expect(waiting(stop({ id: 'a' }), NOW)).toBe('1 h');
    expect(waiting(held({ id: 'b' }), NOW)).toBeNull();
  });
});

describe('what a stop says', () => {
  it('puts the money and the time left first', () => {
    const words = stopState(held({ id: 'a' }), NOW);
    expect(words).toEqual({
      headline: 'Held 500.00 CNY',
      timing: '47 h left (until 2026-12-06 11:00 UTC)',
      detail: 'bank ref. HOLD-1',
      tone: 'secured',
      endingSoon: false,
    });
    expect(stopState(stop({ id: 'b' }), NOW)).toMatchObject({
      headline: 'Requested 500.00 CNY',
      timing: 'ICBC has not answered: waiting 1 h',
      detail: '',
      tone: 'waiting',
    });
    expect(
      stopState(stop({ id: 'c', status: 'refused', refusalReason: 'No court order' }), NOW),
    ).toMatchObject({ headline: 'Refused', detail: 'No court order', tone: 'failed' });
  });
});

describe('list order and merging', () => {
  it('puts the bank’s waiting requests first, then the newest', () => {
    const order = bankOrder([
      held({ id: 'a', requestedAt: '2026-12-04T11:50:00Z' }),
      stop({ id: 'b', requestedAt: '2026-12-04T09:00:00Z' }),
      stop({ id: 'c', requestedAt: '2026-12-04T10:00:00Z' }),
    ]);
    expect(order.map((one) => one.id)).toEqual(['c', 'b', 'a']);
  });

  it('puts the holds ending soonest first for investigators', () => {
    const order = investigatorOrder([
      stop({ id: 'a' }),
      held({ id: 'b', holdUntil: '2026-12-06T00:00:00Z' }),
      held({ id: 'c', holdUntil: '2026-12-05T00:00:00Z' }),
      stop({ id: 'd', status: 'frozen' }),
    ]);
    expect(order.map((one) => one.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('merges newer versions, drops what leaves the filter unless acted on here', () => {
    const list = [stop({ id: 'a', seq: 3 }), stop({ id: 'b', seq: 4 })];
    const answered = held({ id: 'a', seq: 5 });
    expect(mergeStops(list, [answered], 'requested').map((one) => one.id)).toEqual(['b']);
    expect(mergeStops(list, [answered], 'requested', new Set(['a']))[0]?.status).toBe('held');
    expect(mergeStops(list, [stop({ id: 'a', seq: 2, status: 'refused' })], 'all')[0]?.seq).toBe(3);
    expect(mergeStops(list, [stop({ id: 'c', seq: 6 })], 'active')).toHaveLength(3);
    expect(latestStopSeq({ stops: list, cursor: 2 })).toBe(4);
    expect(latestStopSeq({ stops: [], cursor: 0 }, 9)).toBe(9);
  });
});

describe('queries', () => {
  it('asks about accounts in batches of at most 100', () => {
    const accounts = Array.from({ length: 250 }, (_, index) => `ICBC:${index}`);
    expect(batches(accounts).map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(stopsQuery({ status: 'active', accounts: ['ICBC:1', 'CCB:2'] })).toBe(
      '/stops?status=active&accounts=ICBC%3A1%2CCCB%3A2',
    );
    expect(stopsQuery({ since: 12, status: 'all', limit: 200 })).toBe(
      '/stops?status=all&since=12&limit=200',
    );
  });
});

describe('the request', () => {
  it('reads amounts in major units', () => {
    expect(parseAmount('4,000.50', 'CNY')).toBe(400_050);
    expect(parseAmount('4000', 'CNY')).toBe(400_000);
    expect(parseAmount('0.5', 'CNY')).toBe(50);
    expect(parseAmount('1.234', 'CNY')).toBeNull();
    expect(parseAmount('0', 'CNY')).toBeNull();
    expect(parseAmount('-3', 'CNY')).toBeNull();
    expect(parseAmount('12', 'JPY')).toBe(12);
    expect(minorToInput(400_050, 'CNY')).toBe('4000.50');
  });

  it('checks the request as the server will', () => {
    const draft = {
      account: 'ICBC:6222000000000006',
      currency: 'CNY',
      amountText: '500.00',
      transfers: ['ICBC:H1', 'ICBC:H1'],
      legalBasis: ' Case K-1 ',
      caseId: 'K-1',
      origin: 'trace' as const,
      maxMinor: 50_000,
    };
    expect(stopBody(draft)).toEqual({
      body: {
        account: 'ICBC:6222000000000006',
        amountMinor: 50_000,
        transfers: ['ICBC:H1'],
        legalBasis: 'Case K-1',
        origin: 'trace',
        caseId: 'K-1',
      },
    });
    expect(stopBody({ ...draft, amountText: '600' })).toEqual({
      problem: 'At most 500.00 CNY was traced into this account.',
    });
    expect(stopBody({ ...draft, transfers: [] })).toHaveProperty('problem');
    expect(stopBody({ ...draft, legalBasis: '  ' })).toHaveProperty('problem');
    expect(stopBody({ ...draft, legalBasis: 'x'.repeat(201) })).toHaveProperty('problem');
    expect(defaultLegalBasis('K-1', 'al-9')).toBe('Case K-1');
    expect(defaultLegalBasis(null, 'al-9')).toBe('Ringtrace alert al-9');
  });

  it('offers renewal once, then freeze or release; a freeze can only be released', () => {
    expect(holdActions(held({ id: 'a' }))).toEqual(['renew', 'freeze', 'release']);
    expect(holdActions(held({ id: 'a', renewals: 1 }))).toEqual(['freeze', 'release']);
    expect(holdActions(stop({ id: 'b', status: 'frozen' }))).toEqual(['release']);
    expect(holdActions(stop({ id: 'c' }))).toEqual([]);
  });
});

describe('the stop an alert is about', () => {
  const alert = {
    id: 'al-1',
    rule: 'paying_suspected_mule' as const,
    subject: { type: 'Person', id: 'p-1', label: 'Sun Mei' },
    amount: { amountMinor: 4_800_000, currency: 'CNY' },
    proposedStop: { account: 'CCB:6217000000009555', amountMinor: 4_800_000, currency: 'CNY' },
    evidence: [],
  };

  it('is the proposed stop, or the account whose stop raised the alert', () => {
    expect(alertStopAccount(alert)).toEqual(alert.proposedStop);
    expect(
      alertStopAccount({
        ...alert,
        rule: 'hold_ending',
        subject: {
          type: 'BankAccount',
          id: 'ICBC:6222000000009002',
          label: 'ICBC:6222000000009002',
        },
        proposedStop: null,
      }),
    ).toEqual({ account: 'ICBC:6222000000009002', amountMinor: 4_800_000, currency: 'CNY' });
    expect(alertStopAccount({ ...alert, proposedStop: null })).toBeNull();
  });
});

describe('the transfers named by a trace’s stops', () => {
  const trace: ForwardTrace = {
    transfer: {
      id: 'ICBC:T1',
      from: 'ICBC:6222000000000001',
      to: 'ABC:6228000000000002',
      amountMinor: 100_000,
      time: '2026-12-04T10:00:00Z',
      currency: 'CNY',
    },
    method: 'proportional',
    depth: 4,
    windowHours: 72,
    truncated: false,
    hops: [
      {
        id: 'ICBC:T1',
        from: 'ICBC:6222000000000001',
        to: 'ABC:6228000000000002',
        amountMinor: 100_000,
        time: '2026-12-04T10:00:00Z',
        tracedMinor: 100_000,
        depth: 1,
      },
      {
        id: 'ABC:T2',
        from: 'ABC:6228000000000002',
        to: 'CCB:6217000000000003',
        amountMinor: 60_000,
        time: '2026-12-04T10:10:00Z',
        tracedMinor: 60_000,
        depth: 2,
      },
    ],
    holdings: [],
    beyondDepth: [],
  };

  it('is the victim’s payment, or for money put into an account the transfers taking it on', () => {
    expect(traceTransfers(trace)).toEqual([
      {
        id: 'ICBC:T1',
        label: 'ICBC:T1: 1,000.00 CNY from ICBC:6222000000000001, 2026-12-04 10:00 UTC',
      },
    ]);
    const deposit = {
      ...trace,
      transfer: {
        ...trace.transfer,
        id: 'deposit:ABC:6228000000000002@2026-12-04T10:00:00Z',
        from: 'outside the records',
      },
    };
    expect(traceTransfers(deposit).map((one) => one.id)).toEqual(['ABC:T2']);
  });
});
