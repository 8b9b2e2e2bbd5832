/**
 * A stop's life and what a confirmed hold secured, pure: each step allowed only from the states it
 * follows, the timers that come due, the bank's amount shared among the victims' payments, and the
 * money of a case summed into lost, secured and still moving.
 */
import { describe, expect, it } from 'vitest';
import { RingtraceError } from '../../server/errors';
import { dueOf, stepOf, type StopState } from '../../server/freeze/lifecycle';
import { summarise } from '../../server/freeze/money';
import { shareHeld } from '../../server/freeze/secured';

const SETTINGS = { holdHours: 48, answerMinutes: 30, warnBeforeHours: 6 };
const NOW = new Date('2026-11-02T03:00:00Z');
const HOUR = 3_600_000;

const requested: StopState = {
  id: 'ST-1',
  bank: 'ICBC',
  status: 'requested',
  amountMinor: 1_000_000,
  currency: 'CNY',
  holdUntil: null,
  renewals: 0,
  requestedAt: NOW.toISOString(),
  escalated: false,
  endingWarnedAt: null,
};
const held: StopState = {
  ...requested,
  status: 'held',
  holdUntil: new Date(NOW.getTime() + 48 * HOUR).toISOString(),
};

function refusal(work: () => unknown): RingtraceError {
  try {
    work();
  } catch (error) {
    if (error instanceof RingtraceError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a stop’s life', () => {
  it('holds for 48 hours from the bank’s answer, at most the amount asked', () => {
    const step = stepOf(
      requested,
      { kind: 'answer', answer: { outcome: 'held', heldMinor: 600_000, bankReference: 'H-1' } },
      'icbc.desk',
      NOW,
      SETTINGS,
    );
    expect(step.from).toEqual(['requested']);
    expect(step.changes).toMatchObject({
      status: 'held',
      heldMinor: 600_000,
      holdUntil: '2026-11-04T03:00:00.000Z',
      answeredBy: 'icbc.desk',
    });
    const above = refusal(() =>
      stepOf(
        requested,
        { kind: 'answer', answer: { outcome: 'held', heldMinor: 1_000_001, bankReference: 'H' } },
        'icbc.desk',
        NOW,
        SETTINGS,
      ),
    );
    expect(above.status).toBe(400);
    expect(above.message).toContain('at most the 10,000.00 CNY asked for, not 10,000.01 CNY');
  });

  it('renews a hold once, from its end, and refuses a second renewal or a renewal after the end', () => {
    const step = stepOf(held, { kind: 'renew' }, 'ivy', NOW, SETTINGS);
    expect(step.changes).toMatchObject({ renewals: 1, holdUntil: '2026-11-06T03:00:00.000Z' });
    const twice = refusal(() =>
      stepOf({ ...held, renewals: 1 }, { kind: 'renew' }, 'ivy', NOW, SETTINGS),
    );
    expect(twice.status).toBe(409);
    expect(twice.message).toContain('already renewed once');
    const late = refusal(() =>
      stepOf(held, { kind: 'renew' }, 'ivy', new Date(NOW.getTime() + 49 * HOUR), SETTINGS),
    );
    expect(late.status).toBe(409);
  });

  it('freezes or releases only what is held, and answers a request only once', () => {
    expect(
      stepOf(held, { kind: 'freeze', legalBasis: 'Order 7' }, 'ivy', NOW, SETTINGS).changes,
    ).toMatchObject({ status: 'frozen', freezeBasis: 'Order 7', holdUntil: null });
    expect(
      refusal(() => stepOf(requested, { kind: 'freeze', legalBasis: 'x' }, 'ivy', NOW, SETTINGS))
        .status,
    ).toBe(409);
    expect(
      stepOf(
        { ...held, status: 'frozen' },
        { kind: 'release', reason: 'returned' },
        'ivy',
        NOW,
        SETTINGS,
      ).changes,
    ).toMatchObject({ status: 'released', releaseReason: 'returned' });
    expect(
      refusal(() =>
        stepOf(held, { kind: 'answer', answer: { outcome: 'empty' } }, 'icbc', NOW, SETTINGS),
      ).status,
    ).toBe(409);
  });

  it('escalates an unanswered request after the answer time, warns before a hold ends, then lapses it', () => {
    const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
    expect(dueOf(requested, at(0.49), SETTINGS)).toBeNull();
    expect(dueOf(requested, at(0.5), SETTINGS)).toBe('escalate');
    expect(dueOf({ ...requested, escalated: true }, at(5), SETTINGS)).toBeNull();
    expect(dueOf(held, at(41), SETTINGS)).toBeNull();
    expect(dueOf(held, at(43), SETTINGS)).toBe('warn');
    expect(dueOf({ ...held, endingWarnedAt: at(43).toISOString() }, at(44), SETTINGS)).toBeNull();
    expect(dueOf({ ...held, endingWarnedAt: at(43).toISOString() }, at(48), SETTINGS)).toBe(
      'lapse',
    );
    expect(dueOf({ ...held, status: 'frozen', holdUntil: null }, at(500), SETTINGS)).toBeNull();
  });
});

describe('money a hold secured', () => {
  it('shares the amount held among the payments traced into the account, in proportion, never more than traced', () => {
    expect(
      shareHeld(1_000, [
        { transferId: 'A', tracedMinor: 3_000 },
        { transferId: 'B', tracedMinor: 1_000 },
      ]),
    ).toEqual([
      { transferId: 'A', amountMinor: 750 },
      { transferId: 'B', amountMinor: 250 },
    ]);
    // Held more than was traced: only what was traced is the victims'.
    expect(shareHeld(9_999, [{ transferId: 'A', tracedMinor: 500 }])).toEqual([
      { transferId: 'A', amountMinor: 500 },
    ]);
    // Whole units: the remainder goes to the largest fractions, and the sum is what was held.
    const thirds = shareHeld(100, [
      { transferId: 'A', tracedMinor: 1 },
      { transferId: 'B', tracedMinor: 1 },
      { transferId: 'C', tracedMinor: 1 },
    ]);
    expect(thirds.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(3);
    expect(shareHeld(100, [{ transferId: 'A', tracedMinor: 0 }])).toEqual([]);
  });

  it('counts a case’s money as secured, still moving and lost, never more than was paid', () => {
    const payment = (id: string, caseId: string | null, amountMinor: number) => ({
      caseId,
      victimId: caseId ? `V-${caseId}` : 'V-X',
      victimName: null,
      transferId: id,
      from: `ICBC:${id}`,
      amountMinor,
      currency: 'CNY',
    });
    const { totals, cases } = summarise([
      { payment: payment('T1', 'K-1', 5_000), securedMinor: 2_500, movingMinor: 2_000 },
      { payment: payment('T2', 'K-1', 1_000), securedMinor: 0, movingMinor: 0 },
      { payment: payment('T3', null, 4_000), securedMinor: 3_000, movingMinor: 3_000 },
    ]);
    expect(totals).toEqual([
      {
        currency: 'CNY',
        paidMinor: 10_000,
        securedMinor: 5_500,
        movingMinor: 3_000,
        lostMinor: 1_500,
      },
    ]);
    expect(
      cases.map((c) => [c.caseId, c.payments, c.securedMinor, c.movingMinor, c.lostMinor]),
    ).toEqual([
      ['K-1', 2, 2_500, 2_000, 1_500],
      [null, 1, 3_000, 1_000, 0],
    ]);
  });
});
