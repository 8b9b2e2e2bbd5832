/**
 * Pairs of nodes numbered in the order first added, whichever way round they are named, on graphs
 * of any size (past 32,768 nodes a single numeric key per pair is no longer a small integer).
 */
import { describe, expect, it } from 'vitest';
import { PairIndex } from '../../../server/analysis/pairIndex';

describe('a pair index', () => {
  it('numbers each unordered pair once, in the order first added', () => {
    const pairs = new PairIndex(10);
    expect(pairs.add(7, 2)).toBe(0);
    expect(pairs.add(3, 4)).toBe(1);
    expect(pairs.add(2, 7)).toBe(0);
    expect(pairs.add(2, 9)).toBe(2);
    expect(pairs.size).toBe(3);
    expect([pairs.low, pairs.high]).toEqual([
      [2, 3, 2],
      [7, 4, 9],
    ]);
  });

  it('finds a pair either way round, and answers -1 for one never added', () => {
    const pairs = new PairIndex(10);
    pairs.add(1, 5);
    expect(pairs.find(5, 1)).toBe(0);
    expect(pairs.find(1, 6)).toBe(-1);
    expect(pairs.find(9, 8)).toBe(-1);
  });

  it('keeps pairs of a graph of five million nodes apart', () => {
    const n = 5_000_000;
    const pairs = new PairIndex(n);
    const added = [
      [n - 1, n - 2],
      [n - 2, n - 3],
      [0, n - 1],
      [40_000, 40_001],
    ].map(([a, b]) => pairs.add(a!, b!));
    expect(added).toEqual([0, 1, 2, 3]);
    expect(pairs.find(n - 1, 0)).toBe(2);
    expect(pairs.find(40_001, 40_000)).toBe(3);
    expect(pairs.find(n - 3, n - 1)).toBe(-1);
  });
});
