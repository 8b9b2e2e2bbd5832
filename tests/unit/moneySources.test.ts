import { describe, expect, it } from 'vitest';
import { attributeSources, splitWhole } from '../../server/analysis/moneySources';
import { splitMergeNetwork } from './moneyNetwork';

const network = splitMergeNetwork;
const reached = new Set(['C', 'M2', 'M3', 'M1']);

describe('backward money attribution', () => {
  it('proportional: the money in C came half from the victim, half from X', () => {
    const result = attributeSources(network, ['c', 'd'], reached, 'proportional');
    expect(result.hops.map((hop) => [hop.id, hop.attributedMinor])).toEqual([
      ['other', 850],
      ['root', 850],
      ['a', 1200],
      ['b', 500],
      ['c', 1200],
      ['d', 500],
    ]);
    expect(result.origins).toEqual([
      { account: 'V', attributedMinor: 850, reason: 'not-traced-further' },
      { account: 'X', attributedMinor: 850, reason: 'not-traced-further' },
    ]);
  });

  it('fifo: the first money in is the first money out', () => {
    const result = attributeSources(network, ['c', 'd'], reached, 'fifo');
    expect(result.origins).toEqual([
      { account: 'X', attributedMinor: 1000, reason: 'not-traced-further' },
      { account: 'V', attributedMinor: 700, reason: 'not-traced-further' },
    ]);
  });

  it('names money that was in an account before the window, and conserves every unit', () => {
    const result = attributeSources(network, ['before'], reached, 'fifo');
    expect(result.origins).toEqual([
      { account: 'M1', attributedMinor: 50, reason: 'held-before-window' },
    ]);
    for (const method of ['proportional', 'fifo'] as const) {
      const all = attributeSources(network, ['c', 'd', 'before'], reached, method);
      const total = all.origins.reduce((sum, origin) => sum + origin.attributedMinor, 0);
      expect(total).toBe(1200 + 500 + 50);
    }
  });

  it('refuses a target that is not among the transfers', () => {
    expect(() => attributeSources(network, ['nope'], reached, 'fifo')).toThrow(/nope/);
  });

  it('splits whole units that add up', () => {
    expect(splitWhole(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitWhole(0, [1, 2])).toEqual([0, 0]);
    expect(splitWhole(5, [0, 0])).toEqual([0, 0]);
  });
});
