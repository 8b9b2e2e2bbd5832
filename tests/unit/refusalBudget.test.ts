/** The bound on recorded 401s: per address, in all, and a count of what was left out. */
import { describe, expect, it } from 'vitest';
import { RefusalBudget } from '../../server/audit/refusalBudget';

describe('RefusalBudget', () => {
  it('records a few refusals per address a window, then says how many were left out', () => {
    let now = 0;
    const budget = new RefusalBudget({ perAddress: 2, total: 100, windowMs: 1_000 }, () => now);
    expect(budget.take('10.0.0.1')).toEqual({ record: true, leftOut: 0 });
    expect(budget.take('10.0.0.1')).toEqual({ record: true, leftOut: 0 });
    expect(budget.take('10.0.0.1')).toEqual({ record: false });
    expect(budget.take('10.0.0.1')).toEqual({ record: false });
    // Another address has its own share.
    expect(budget.take('10.0.0.2')).toEqual({ record: true, leftOut: 0 });
    now = 1_000;
    expect(budget.take('10.0.0.1')).toEqual({ record: true, leftOut: 2 });
    expect(budget.take('10.0.0.1')).toEqual({ record: true, leftOut: 0 });
  });

  it('bounds all addresses together, so many addresses cannot flood the trail', () => {
    let now = 0;
    const budget = new RefusalBudget(
      { perAddress: 5, total: 3, windowMs: 1_000, maxAddresses: 2 },
      () => now,
    );
    const recorded = Array.from({ length: 50 }, (_, index) => budget.take(`10.0.1.${index}`));
    expect(recorded.filter((verdict) => verdict.record)).toHaveLength(3);
    now = 1_000;
    expect(budget.take('10.9.9.9')).toEqual({ record: true, leftOut: 47 });
  });
});
