import { describe, expect, it } from 'vitest';
import type { Truth } from '../../seed/truth/model';
import {
  alertLatencies,
  e164,
  entityKey,
  involvedEntities,
  percentile,
  ringKnownAt,
  victimFacts,
  warningBefore,
  warningMetrics,
  type AnalysisSnapshot,
  type SeenAlert,
  type VictimFacts,
} from '../bench/warning/metrics';

const T = (hhmm: string, day = 10) => `2026-10-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`;
const ms = (text: string) => Date.parse(text);

/** Two rings; V1 (ring R1) pays twice, V2 (ring R2) once; X is nobody in particular. */
const truth: Truth = {
  seed: 1,
  size: 'demo',
  variant: 'full',
  period: { start: '2026-10-01T00:00:00+08:00', end: '2026-10-29T00:00:00+08:00' },
  rings: [
    {
      id: 'R1',
      script: 'fake_police',
      members: [
        { entity: 'Person:L1', role: 'ringleader' },
        { entity: 'PhoneNumber:+8613900000001', role: 'caller', controller: 'Person:C1' },
        { entity: 'BankAccount:ICBC:111', role: 'mule', layer: 1, controller: 'Person:H1' },
      ],
    },
    {
      id: 'R2',
      script: 'investment',
      members: [
        { entity: 'Person:L2', role: 'ringleader' },
        { entity: 'PhoneNumber:+8613900000002', role: 'caller', controller: 'Person:C2' },
      ],
    },
  ],
  victimPayments: [
    {
      victim: 'Person:V1',
      case: null,
      ring: 'R1',
      paths: [
        [
          {
            transferId: 't2',
            fromAccount: 'CCB:901',
            toAccount: 'ICBC:111',
            amountMinor: 100,
            time: T('12:00'),
          },
        ],
      ],
    },
    {
      victim: 'Person:V1',
      case: 'A1',
      ring: 'R1',
      paths: [
        [
          {
            transferId: 't1',
            fromAccount: 'CCB:901',
            toAccount: 'ICBC:111',
            amountMinor: 100,
            time: T('11:00'),
          },
        ],
      ],
    },
    {
      victim: 'Person:v2x',
      case: null,
      ring: 'R2',
      paths: [
        [
          {
            transferId: 't3',
            fromAccount: 'ABC:902',
            toAccount: 'BOC:222',
            amountMinor: 100,
            time: T('09:00', 12),
          },
        ],
      ],
    },
  ],
  busyLegitimate: [],
};

const rows = {
  bankAccounts: [
    { holder_id: 'V1', holder_phone: '+86 138 0000 0001' },
    { holder_id: 'X', holder_phone: '13800000009' },
    { holder_id: 'ORG', holder_phone: '' },
  ],
  reports: [{ victim_id: 'V2X', victim_phone: '0086-138-0000-0002' }],
  calls: [
    // R1 calls V1 twice; the earlier call counts.
    { calling_number: '13900000001', called_number: '13800000001', start_time: T('10:30') },
    { calling_number: '+86 139 0000 0001', called_number: '13800000001', start_time: T('10:00') },
    // Another ring's number calling V1 is not V1's ring.
    { calling_number: '13900000002', called_number: '13800000001', start_time: T('08:00') },
    // A number of V2X's ring calling X: X is no victim.
    { calling_number: '13900000002', called_number: '13800000009', start_time: T('08:00') },
  ],
};

function alert(over: Partial<SeenAlert> & { id: string }): SeenAlert {
  return {
    rule: 'being_worked_on',
    subject: { type: 'Person', id: 'X' },
    contact: null,
    evidence: [],
    firstEventAt: '2026-10-10T01:00:00.000Z',
    ...over,
  };
}

describe('bench:warning victim facts', () => {
  it('reads numbers in every written format as E.164', () => {
    expect(e164('0086-138-0013-8000')).toBe('+8613800138000');
    expect(e164('+86 138 0013 8000')).toBe('+8613800138000');
    expect(e164('8613800138000')).toBe('+8613800138000');
    expect(e164('13800138000')).toBe('+8613800138000');
    expect(e164('')).toBe('');
  });

  it('finds first payment, numbers, accounts and the first call from the victim’s own ring', () => {
    const facts = victimFacts(truth, rows);
    expect(facts).toEqual([
      {
        victim: 'Person:V1',
        ring: 'R1',
        firstPaymentAt: ms(T('11:00')),
        firstCallAt: ms(T('10:00')),
        numbers: ['PhoneNumber:+8613800000001'],
        accounts: ['BankAccount:CCB:901'],
      },
      {
        victim: 'Person:V2X',
        ring: 'R2',
        firstPaymentAt: ms(T('09:00', 12)),
        firstCallAt: null,
        numbers: ['PhoneNumber:+8613800000002'],
        accounts: ['BankAccount:ABC:902'],
      },
    ]);
  });
});

describe('bench:warning ring knowledge', () => {
  const analyses: AnalysisSnapshot[] = [
    { finishedAt: ms(T('03:00', 9)), ringEntities: new Set(['Person:L2']) },
    {
      finishedAt: ms(T('03:00', 10)),
      ringEntities: new Set([entityKey('BankAccount', 'icbc:111')]),
    },
  ];

  it('asks the latest analysis finished by then, whichever member it found', () => {
    expect(ringKnownAt(truth, 'R1', ms(T('10:00')), analyses)).toBe(true);
    expect(ringKnownAt(truth, 'R1', ms(T('02:59')), analyses)).toBe(false);
    // R2 was known on day 9, but the latest run by day 10 no longer holds it.
    expect(ringKnownAt(truth, 'R2', ms(T('12:00', 9)), analyses)).toBe(true);
    expect(ringKnownAt(truth, 'R2', ms(T('12:00', 10)), analyses)).toBe(false);
    expect(ringKnownAt(truth, 'R2', ms(T('12:00', 1)), [])).toBe(false);
  });
});

describe('bench:warning alerts against the truth', () => {
  const facts = victimFacts(truth, rows);
  const v1 = facts[0] as VictimFacts;

  it('counts ring members, victims and the victims’ numbers and accounts as involved', () => {
    const involved = involvedEntities(truth, facts);
    expect(involved).toContain('Person:V1');
    expect(involved).toContain('PhoneNumber:+8613800000001');
    expect(involved).toContain('BankAccount:CCB:901');
    expect(involved).toContain('BankAccount:ICBC:111');
    expect(involved).not.toContain('Person:X');
  });

  it('warns a victim only by an alert about them raised by an event before the first payment', () => {
    const byNumber = alert({
      id: 'a1',
      subject: { type: 'PhoneNumber', id: '+8613800000001' },
      firstEventAt: new Date(ms(T('10:00'))).toISOString(),
    });
    const tooLate = alert({
      id: 'a2',
      subject: { type: 'Person', id: 'v1' },
      firstEventAt: new Date(ms(T('11:00'))).toISOString(),
    });
    const byContact = alert({
      id: 'a3',
      subject: { type: 'BankAccount', id: 'ICBC:111' },
      contact: { personId: 'V1', phone: null },
      firstEventAt: new Date(ms(T('09:00'))).toISOString(),
    });
    const other = alert({ id: 'a4', firstEventAt: new Date(ms(T('08:00'))).toISOString() });
    expect(warningBefore(v1, [tooLate])).toBeNull();
    expect(warningBefore(v1, [other, tooLate, byNumber])?.id).toBe('a1');
    expect(warningBefore(v1, [byNumber, byContact])?.id).toBe('a3');
  });

  it('measures latency from the post of the batch holding an alert’s newest event', () => {
    const posted = new Map([
      ['Call:OP:C1', 1_000],
      ['Call:OP:C2', 5_000],
      ['Transfer:ICBC:T1', 9_000],
    ]);
    const at = (ref: { type: string; id: string }) => posted.get(entityKey(ref.type, ref.id));
    const created = alert({
      id: 'a',
      evidence: [
        { type: 'Call', id: 'op:c1' },
        { type: 'Person', id: 'X' },
      ],
    });
    const merged = alert({
      id: 'a',
      evidence: [
        { type: 'Call', id: 'op:c1' },
        { type: 'Call', id: 'op:c2' },
      ],
    });
    const other = alert({ id: 'b', evidence: [{ type: 'Transfer', id: 'ICBC:T1' }] });
    expect(
      alertLatencies(
        [
          { alert: created, arrivedAt: 1_250 },
          { alert: created, arrivedAt: 3_000 }, // acknowledged: no new event, no latency
          { alert: merged, arrivedAt: 5_400 },
          { alert: other, arrivedAt: 9_100 },
        ],
        at,
      ),
    ).toEqual([250, 400, 100]);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 0.95)).toBe(5);
  });

  it('puts the figures together with the goals beside them', () => {
    const analyses: AnalysisSnapshot[] = [
      { finishedAt: ms(T('03:00', 10)), ringEntities: new Set(['PhoneNumber:+8613900000001']) },
    ];
    const alerts = [
      alert({
        id: 'warned-v1',
        subject: { type: 'Person', id: 'V1' },
        firstEventAt: new Date(ms(T('10:00'))).toISOString(),
      }),
      alert({
        id: 'mule',
        rule: 'paying_suspected_mule',
        subject: { type: 'BankAccount', id: 'ICBC:111' },
      }),
      alert({ id: 'false', subject: { type: 'Person', id: 'X' } }),
    ];
    const metrics = warningMetrics({
      truth,
      victims: facts,
      analyses,
      alerts,
      latenciesMs: [100, 200, 300, 2_000],
      liveFrom: ms(T('00:00', 10)),
      liveTo: ms(T('00:00', 12)),
      people: 20_006,
      intakeScoring: { events: 900, seconds: 1 },
      intakeHistory: { events: 1_000, seconds: 1 },
    });
    // V2X pays on day 12, after the live window: only V1 counts.
    expect(metrics.counts).toMatchObject({
      victims: 2,
      liveVictims: 1,
      liveVictimsOfKnownRings: 1,
      warned: 1,
      warnedOfKnownRings: 1,
      alerts: 3,
      trueAlerts: 2,
      falseAlerts: 1,
      liveDays: 2,
    });
    // Involved people: L1, L2, V1, V2X; 20,002 legitimate people, 1 false alert in 2 days.
    expect(metrics.counts.legitimatePeople).toBe(20_002);
    const value = (name: string) => metrics.goals.find((goal) => goal.name === name);
    expect(value('alert precision')).toMatchObject({ value: 2 / 3, met: false });
    expect(value('false alerts per 10,000 legitimate people per day')?.value).toBeCloseTo(
      1 / 2.0002 / 2,
    );
    expect(value('event-to-alert latency p95')).toMatchObject({ value: 2_000, met: false });
    expect(value('intake with / without scoring')).toMatchObject({ value: 0.9, met: true });
    expect(metrics.alertsByRule).toEqual({
      being_worked_on: { true: 1, false: 1 },
      paying_suspected_mule: { true: 1, false: 0 },
    });
    expect(metrics.victims[0]).toMatchObject({
      victim: 'Person:V1',
      ringKnown: true,
      warnedBy: { id: 'warned-v1', rule: 'being_worked_on' },
    });
    expect(metrics.falseAlerts.map((a) => a.id)).toEqual(['false']);
  });
});
