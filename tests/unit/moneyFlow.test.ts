import { describe, expect, it } from 'vitest';
import { allocateFlow, type FlowTransfer } from '../../server/analysis/moneyFlow';

function t(
  id: string,
  from: string,
  to: string,
  amountMinor: number,
  minute: number,
): FlowTransfer {
  return {
    id,
    from,
    to,
    amountMinor,
    time: `2026-10-01T10:${String(minute).padStart(2, '0')}:00Z`,
  };
}

// The victim pays mule M1 1,000; M1 also holds 1,000 of other money; M1 splits to M2 and M3;
// M2 and M3 merge into cash-out C; C keeps everything.
const network = [
  t('other', 'X', 'M1', 1000, 0),
  t('root', 'V', 'M1', 1000, 1),
  t('a', 'M1', 'M2', 1200, 3),
  t('b', 'M1', 'M3', 800, 4),
  t('c', 'M2', 'C', 1200, 6),
  t('d', 'M3', 'C', 500, 7),
  t('before', 'M1', 'Y', 50, 0),
];

describe('money-flow allocation', () => {
  it('proportional: each outgoing transfer carries the traced share of the balance', () => {
    const flow = allocateFlow(network, 'root', 'proportional');
    expect(flow.hops.map((hop) => [hop.id, hop.tracedMinor])).toEqual([
      ['root', 1000],
      ['a', 600],
      ['b', 400],
      ['c', 600],
      ['d', 250],
    ]);
    expect(flow.holdings).toEqual([
      { account: 'C', tracedMinor: 850 },
      { account: 'M3', tracedMinor: 150 },
    ]);
  });

  it('fifo: the money that arrived first leaves first', () => {
    const flow = allocateFlow(network, 'root', 'fifo');
    expect(flow.hops.map((hop) => [hop.id, hop.tracedMinor])).toEqual([
      ['root', 1000],
      ['a', 200],
      ['b', 800],
      ['c', 200],
      ['d', 500],
    ]);
    expect(flow.holdings).toEqual([
      { account: 'C', tracedMinor: 700 },
      { account: 'M3', tracedMinor: 300 },
    ]);
  });

  it('never loses or creates traced money, whatever the rule', () => {
    for (const method of ['proportional', 'fifo'] as const) {
      const flow = allocateFlow(network, 'root', method);
      const held = flow.holdings.reduce((sum, holding) => sum + holding.tracedMinor, 0);
      expect(held).toBe(1000);
      for (const hop of flow.hops) expect(hop.tracedMinor).toBeLessThanOrEqual(hop.amountMinor);
    }
  });

  it('books earlier money as untraced, and refuses an unknown root', () => {
    const flow = allocateFlow(network, 'root', 'fifo');
    expect(flow.hops.map((hop) => hop.id)).not.toContain('before');
    expect(() => allocateFlow(network, 'nope', 'fifo')).toThrow(/nope/);
  });
});
