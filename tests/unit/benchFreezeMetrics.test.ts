import { describe, expect, it } from 'vitest';
import type { Truth } from '../../seed/truth/model';
import {
  freezeMetrics,
  holdsOf,
  Ledger,
  ledgerTransfers,
  minorUnits,
  minutesToHold,
  modelRequests,
  paymentTrees,
  reportTimes,
  retimedTransfers,
  retimedTrees,
  securedOf,
  type Hold,
  type LedgerTransfer,
} from '../bench/warning/freezeMetrics';
import type { AnalysisSnapshot } from '../bench/warning/metrics';

const MINUTE = 60_000;
const T = (hhmm: string, day = 10) => `2026-10-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`;
const ms = (text: string) => Date.parse(text);

const VICTIM = 'ICBC:6222000000000001';
const A = 'CCB:6217000000000001';
const B = 'BOC:6216000000000002';
const C = 'ABC:6228000000000003';
const BOSS = 'CMB:6225000000000004';

/**
 * One victim pays 1,000.00 into A at 10:00; A keeps 20.00 and passes 980.00 to B at 10:04; B keeps
 * 10.00 and passes 970.00 to the cash-out account C at 10:08; C is swept to the ringleader at
 * 05:00 the next morning. The victim reported at 12:08.
 */
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
        { entity: 'Person:MULE1', role: 'mule' },
        { entity: `BankAccount:${A}`, role: 'mule', layer: 1 },
        { entity: `BankAccount:${B}`, role: 'mule', layer: 2 },
        { entity: `BankAccount:${C}`, role: 'mule' },
      ],
    },
  ],
  victimPayments: [
    {
      victim: 'Person:V1',
      case: 'CASE1',
      ring: 'R1',
      paths: [
        [
          {
            transferId: 'T1',
            fromAccount: VICTIM,
            toAccount: A,
            amountMinor: 100_000,
            time: T('10:00'),
          },
          { transferId: 'T2', fromAccount: A, toAccount: B, amountMinor: 98_000, time: T('10:04') },
          { transferId: 'T3', fromAccount: B, toAccount: C, amountMinor: 97_000, time: T('10:08') },
        ],
      ],
    },
  ],
  busyLegitimate: [],
};

const rows = [
  ['T0', 'X', '1', 'ICBC', '6222000000000001', '5000.00', T('09:00')],
  ['T1', 'ICBC', '6222000000000001', 'CCB', '6217000000000001', '1000.00', T('10:00')],
  ['T2', 'CCB', '6217000000000001', 'BOC', '6216000000000002', '980.00', T('10:04')],
  ['T3', 'BOC', '6216000000000002', 'ABC', '6228000000000003', '970.00', T('10:08')],
  ['T4', 'ABC', '6228000000000003', 'CMB', '6225000000000004', '900.00', T('05:00', 11)],
].map(([transfer_id, from_bank, from_account, to_bank, to_account, amount, time]) => ({
  transfer_id: transfer_id ?? '',
  from_bank: from_bank ?? '',
  from_account: from_account ?? '',
  to_bank: to_bank ?? '',
  to_account: to_account ?? '',
  amount: amount ?? '',
  time: time ?? '',
}));

const transfers: LedgerTransfer[] = ledgerTransfers(rows);
const ledger = new Ledger(transfers);
const [tree] = paymentTrees(truth);
const root = tree!.root;
const holdAt = (account: string, from: string): Map<string, Hold[]> =>
  new Map([[account, [{ account, from: ms(from) }]]]);

describe('the ledger', () => {
  it('reads amounts and balances, and finds the next payment out', () => {
    expect(minorUnits('1000.00')).toBe(100_000);
    expect(minorUnits('54.1')).toBe(5_410);
    expect(ledger.balance(A, ms(T('09:59')))).toBe(0);
    expect(ledger.balance(A, ms(T('10:00')))).toBe(100_000);
    expect(ledger.balance(A, ms(T('10:05')))).toBe(2_000);
    expect(ledger.balance(C, ms(T('12:00')))).toBe(97_000);
    expect(ledger.nextOut(C, ms(T('10:08')))).toBe(ms(T('05:00', 11)));
    expect(ledger.nextOut(BOSS, 0)).toBe(Infinity);
  });
});

describe('what holds secure', () => {
  it('builds the payment tree from the paths', () => {
    expect(root.account).toBe(A);
    expect(root.children[0]?.account).toBe(B);
    expect(root.children[0]?.children[0]?.account).toBe(C);
  });

  it('secures everything when the first account is held before the money moves on', () => {
    expect(securedOf(root, holdAt(A, T('10:02')), ledger)).toBe(100_000);
  });

  it('secures only what stayed behind when the money left before the hold', () => {
    expect(securedOf(root, holdAt(A, T('10:30')), ledger)).toBe(2_000);
  });

  it('catches the money further down the path, on the cash-out account until its sweep', () => {
    expect(securedOf(root, holdAt(C, T('20:00')), ledger)).toBe(97_000);
    expect(securedOf(root, holdAt(C, T('06:00', 11)), ledger)).toBe(0);
    // Passed on at once: 4 minutes after it arrived, as fast as it came.
    expect(securedOf(root, holdAt(C, T('10:11')), ledger, true)).toBe(97_000);
    expect(securedOf(root, holdAt(C, T('10:12')), ledger, true)).toBe(0);
  });

  it('does not hold money that arrives after the hold started (the bank holds an amount)', () => {
    expect(securedOf(root, holdAt(B, T('09:00')), ledger)).toBe(0);
    expect(securedOf(root, holdAt(B, T('10:04')), ledger)).toBe(98_000);
  });

  it('measures the time from the payment to the hold on the first account', () => {
    expect(minutesToHold(root, holdAt(A, T('10:15')))).toBe(15);
    expect(minutesToHold(root, holdAt(A, T('09:00')))).toBe(0);
    expect(minutesToHold(root, holdAt(B, T('10:15')))).toBeNull();
    expect(minutesToHold(root, holdAt(A, T('09:00')), true)).toBeNull();
    expect(minutesToHold(root, holdAt(A, T('10:15')), true)).toBe(15);
  });

  it('turns requests into holds only where the bank finds money, and not after the end', () => {
    const requests = [
      { account: A, at: ms(T('10:01')) },
      { account: BOSS, at: ms(T('10:01')) },
      { account: C, at: ms(T('23:59', 28)) },
    ];
    expect(holdsOf(requests, ledger, 30 * MINUTE, ms(truth.period.end))).toEqual([
      { account: A, from: ms(T('10:31')) },
    ]);
  });
});

describe('other assumptions', () => {
  it('re-times the hops after the victim payment', () => {
    const { trees, times } = retimedTrees([tree!], 2);
    expect(trees[0]?.root.at).toBe(ms(T('10:00')));
    expect(trees[0]?.root.children[0]?.at).toBe(ms(T('10:08')));
    expect(trees[0]?.root.children[0]?.children[0]?.at).toBe(ms(T('10:16')));
    expect(times.get('CCB:T2')).toBe(ms(T('10:08')));
    const moved = retimedTransfers(transfers, times);
    expect(moved.find((t) => t.key === 'BOC:T3')?.at).toBe(ms(T('10:16')));
    expect(moved.find((t) => t.key === 'ABC:T4')?.at).toBe(ms(T('05:00', 11)));
  });

  it('follows money out of accounts with open requests, and moves report requests with the report', () => {
    const reports = reportTimes(truth, [{ case_number: 'CASE1', reported_at: T('12:00') }]);
    expect(reports).toEqual([{ at: ms(T('12:00')), lastPaymentAt: ms(T('10:00')) }]);
    const base = {
      transfers,
      ledger,
      bankDelayMs: 30 * MINUTE,
      endAt: ms(truth.period.end),
      reports,
    };
    const followed = modelRequests({
      ...base,
      recorded: [
        { account: A, at: ms(T('10:00')), movedOn: false },
        { account: B, at: ms(T('10:04')), movedOn: true },
      ],
      reportScale: 1,
    });
    expect(followed.map((r) => [r.account, r.at])).toEqual([
      [A, ms(T('10:00'))],
      [B, ms(T('10:04'))],
      [C, ms(T('10:08'))],
      [BOSS, ms(T('05:00', 11))],
    ]);
    const halved = modelRequests({
      ...base,
      recorded: [{ account: C, at: ms(T('12:00')), movedOn: false }],
      reportScale: 0.5,
    });
    expect(halved).toEqual([
      { account: C, at: ms(T('11:00')) },
      { account: BOSS, at: ms(T('05:00', 11)) },
    ]);
  });
});

describe('following money as the server does', () => {
  it('follows a held account 72 hours after its event, and asks nothing more of it', () => {
    const late: LedgerTransfer[] = [
      ...transfers,
      { key: 'CCB:T5', from: A, to: BOSS, amountMinor: 1_000, at: ms(T('10:00', 14)) },
      { key: 'X:T6', from: 'X:1', to: A, amountMinor: 5_000, at: ms(T('10:00', 15)) },
    ].sort((x, y) => x.at - y.at);
    const requests = modelRequests({
      recorded: [{ account: A, at: ms(T('10:00')), movedOn: false }],
      reports: [],
      reportScale: 1,
      transfers: late,
      ledger: new Ledger(late),
      bankDelayMs: 30 * MINUTE,
      endAt: ms(truth.period.end),
    });
    expect(requests.map((r) => r.account)).toEqual([A, B, C, BOSS]);
    expect(requests.find((r) => r.account === BOSS)?.at).toBe(ms(T('05:00', 11)));
  });
});

describe('asking again for money arriving in a held account', () => {
  it('asks again only when told to, once the first hold is in force', () => {
    const again: LedgerTransfer[] = [
      ...transfers,
      { key: 'ICBC:T7', from: VICTIM, to: A, amountMinor: 50_000, at: ms(T('10:00', 12)) },
    ].sort((x, y) => x.at - y.at);
    const ask = (askAgain: boolean) =>
      modelRequests({
        recorded: [{ account: A, at: ms(T('10:00')), movedOn: false }],
        alerted: [
          { account: A, at: ms(T('10:10')) },
          { account: A, at: ms(T('10:00', 12)) },
        ],
        askAgain,
        reports: [],
        reportScale: 1,
        transfers: again,
        ledger: new Ledger(again),
        bankDelayMs: 30 * MINUTE,
        endAt: ms(truth.period.end),
      }).filter((request) => request.account === A);
    expect(ask(false).map((r) => r.at)).toEqual([ms(T('10:00'))]);
    // 10:10 is before the bank answered (the server adds it to the open request): not asked again.
    expect(ask(true).map((r) => r.at)).toEqual([ms(T('10:00')), ms(T('10:00', 12))]);
  });
});

describe('freezeMetrics', () => {
  it('reports the goals, the counts and the grid of settings', () => {
    const analyses: AnalysisSnapshot[] = [
      { finishedAt: ms(T('03:00', 9)), ringEntities: new Set(['Person:MULE1']) },
    ];
    const metrics = freezeMetrics({
      truth,
      transfers,
      analyses,
      recorded: [
        { account: A, at: ms(T('10:00')), movedOn: false },
        { account: B, at: ms(T('10:04')), movedOn: true },
        { account: C, at: ms(T('10:08')), movedOn: true },
      ],
      reports: [],
      liveFrom: ms(T('00:00', 8)),
      liveTo: ms(truth.period.end),
      bankMinutes: 30,
      bank: { requests: 3, held: 3, empty: 0, refused: 0, unanswered: 0 },
    });
    // A held at 10:30 keeps its 20.00, B at 10:34 its 10.00, C at 10:38 the 970.00.
    expect(metrics.figures.paidMinor).toBe(100_000);
    expect(metrics.figures.securedMinor).toBe(100_000);
    expect(metrics.figures.knownSecuredShare).toBe(1);
    expect(metrics.figures.medianMinutesToHold).toBe(30);
    expect(metrics.counts).toMatchObject({
      liveVictims: 1,
      liveVictimsOfKnownRings: 1,
      requests: 3,
      movedOn: 2,
      onRingAccounts: 3,
      mostOnOneAccount: 1,
    });
    const recorded = metrics.grid.filter((row) => row.requests === 'recorded');
    expect(recorded.map((row) => row.bankMinutes)).toEqual([5, 30, 120]);
    expect(recorded[0]?.figures.medianMinutesToHold).toBe(5);
    // 3 x 3 report and mule settings as the server asks, the same asking again for money
    // arriving in held accounts, and that at the two other bank delays.
    // and each policy with the cash-out passing the money on at once, at 3 mule speeds.
    // and asking again with the cash-out passing money on at once at the two other bank delays.
    expect(metrics.grid.filter((row) => row.requests === 'model')).toHaveLength(28);
    const goal = metrics.goals.find((g) => g.goal === '<= 15');
    expect(goal?.met).toBe(false);
    expect(metrics.goals.find((g) => g.goal === '>= 0.60')?.met).toBe(true);
  });
});
