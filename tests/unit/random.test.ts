import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable, zipfWeights } from '../../server/lib/random';

function draws(rng: Rng, count: number, draw: (rng: Rng) => number): number[] {
  return Array.from({ length: count }, () => draw(rng));
}

describe('Rng', () => {
  it('gives the same draws for the same seed and different ones for another seed', () => {
    const first = draws(new Rng(42), 20, (rng) => rng.nextUint32());
    expect(draws(new Rng(42), 20, (rng) => rng.nextUint32())).toEqual(first);
    expect(draws(new Rng(43), 20, (rng) => rng.nextUint32())).not.toEqual(first);
  });

  it('derives independent streams per label from one seed', () => {
    const calls = draws(Rng.derive(7, 'calls:0'), 10, (rng) => rng.next());
    expect(draws(Rng.derive(7, 'calls:0'), 10, (rng) => rng.next())).toEqual(calls);
    expect(draws(Rng.derive(7, 'calls:1'), 10, (rng) => rng.next())).not.toEqual(calls);
  });

  it('keeps integers within bounds, reaching both ends', () => {
    const values = draws(new Rng(1), 5_000, (rng) => rng.int(3, 7));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(7);
    expect(values.every(Number.isInteger)).toBe(true);
  });

  it('picks in proportion to weights', () => {
    const rng = new Rng(5);
    const counts = { rare: 0, common: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      counts[
        rng.weighted([
          ['rare', 1],
          ['common', 9],
        ] as const)
      ] += 1;
    }
    expect(counts.common / 20_000).toBeGreaterThan(0.88);
    expect(counts.common / 20_000).toBeLessThan(0.92);
  });

  it('shuffles into a permutation and samples distinct elements', () => {
    const rng = new Rng(9);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items, 80)).toHaveLength(50);
  });

  it('draws heavy tails: Pareto above its minimum with a few very large values', () => {
    const values = draws(new Rng(3), 20_000, (rng) => rng.pareto(2, 1.5));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2);
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[10_000] ?? 0;
    expect(Math.max(...values)).toBeGreaterThan(50 * median);
  });

  it('centres log-normal draws on their median and Poisson counts on their mean', () => {
    const rng = new Rng(11);
    const logNormal = draws(rng, 20_000, (r) => r.logNormal(100, 0.8)).sort((a, b) => a - b);
    expect(logNormal[10_000]).toBeGreaterThan(95);
    expect(logNormal[10_000]).toBeLessThan(105);
    for (const lambda of [0.3, 4, 60]) {
      const counts = draws(rng, 20_000, (r) => r.poisson(lambda));
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.05);
    }
  });
});

describe('WeightedTable', () => {
  it('picks the popular head of a Zipf table far more often than its tail', () => {
    const table = new WeightedTable(zipfWeights(100, 1.1));
    const rng = new Rng(21);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 50_000; i += 1) {
      const index = table.pick(rng);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[0]).toBeGreaterThan(20 * (counts[99] ?? 0));
  });

  it('never picks an item of weight zero', () => {
    const table = new WeightedTable([0, 1, 0, 3]);
    const rng = new Rng(2);
    const picked = new Set(draws(rng, 2_000, (r) => table.pick(r)));
    expect([...picked].sort()).toEqual([1, 3]);
  });
});
