import { describe, expect, it } from 'vitest';
import { allocateFlow } from '../../server/analysis/moneyFlow';
import { splitMergeNetwork } from './moneyNetwork';

const network = splitMergeNetwork;

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

  it('keeps traced money in an account whose payments are not followed', () => {
    const flow = allocateFlow(network, 'root', 'fifo', new Set(['M1', 'M2']));
    expect(flow.hops.map((hop) => [hop.id, hop.tracedMinor])).toEqual([
      ['root', 1000],
      ['a', 200],
      ['b', 800],
      ['c', 200],
    ]);
    expect(flow.holdings).toEqual([
      { account: 'M3', tracedMinor: 800 },
      { account: 'C', tracedMinor: 200 },
    ]);
  });
});
