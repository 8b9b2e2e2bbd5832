import { describe, expect, it } from 'vitest';
import { binomialTail } from '../../../server/analysis/rings/tails';

/** P(X >= m) for X ~ Binomial(k, q), summed term by term. */
function direct(m: number, k: number, q: number): number {
  let sum = 0;
  for (let x = m; x <= k; x += 1) {
    let choose = 1;
    for (let i = 0; i < x; i += 1) choose = (choose * (k - i)) / (i + 1);
    sum += choose * q ** x * (1 - q) ** (k - x);
  }
  return sum;
}

describe('binomial tail', () => {
  it('gives log10 of the chance of at least m successes in k tries', () => {
    for (const [m, k, q] of [
      [2, 3, 0.5],
      [3, 6, 0.065],
      [1, 10, 0.01],
      [5, 40, 0.2],
      [6, 6, 0.3],
    ] as const) {
      expect(binomialTail(m, k, q)).toBeCloseTo(Math.log10(direct(m, k, q)), 9);
    }
  });

  it('is certain for no successes and impossible beyond the tries', () => {
    expect(binomialTail(0, 5, 0.1)).toBe(0);
    expect(binomialTail(6, 5, 0.9)).toBe(-Infinity);
    expect(binomialTail(2, 5, 0)).toBe(-Infinity);
    expect(binomialTail(2, 5, 1)).toBe(0);
  });

  it('stays finite far out in the tail', () => {
    expect(binomialTail(40, 40, 0.001)).toBeCloseTo(-120, 6);
  });
});
