import { describe, expect, it } from 'vitest';
import { burstChance } from '../../../server/analysis/rings/fanIn';
import { poissonTail } from '../../../server/analysis/rings/tails';

const STEP = 1;
const STEPS = 150;

describe('Poisson tail', () => {
  it('gives the chance of at least k events', () => {
    // 1 - e^-2 (1 + 2) for k = 2, mean 2.
    expect(poissonTail(2, 2)).toBeCloseTo(1 - Math.exp(-2) * 3, 12);
    expect(poissonTail(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(1, 0)).toBe(0);
  });

  it('stays above zero far out in the tail', () => {
    // Just over the first term, e^-0.1 0.1^10 / 10! (the next adds 0.1 / 11 of it).
    const first = (Math.exp(-0.1) * 1e-10) / 3_628_800;
    expect(poissonTail(10, 0.1) / first).toBeCloseTo(1 + 0.1 / 11, 3);
  });
});

describe('burst chance', () => {
  it('finds no burst in a daily customer buying twice the same day now and then', () => {
    // 77 purchases over 150 days: about 19 same-day pairs are expected; 24 are no surprise.
    expect(burstChance(77, 24, STEP, STEPS)).toBeGreaterThan(0.1);
  });

  it('finds five payments at once from a pair that deals six times far beyond chance', () => {
    expect(burstChance(6, 10, STEP, STEPS)).toBeLessThan(1e-12);
  });

  it('gives two payments on one day of a pair that dealt only those two about 1 in 150', () => {
    expect(burstChance(2, 1, STEP, STEPS)).toBeCloseTo(1 - Math.exp(-1 / 150), 12);
  });
});
