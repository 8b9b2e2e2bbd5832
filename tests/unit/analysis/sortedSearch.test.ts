/** Binary searches in ascending arrays: where a value would go, within a part of the array. */
import { describe, expect, it } from 'vitest';
import { firstAbove, firstAtLeast } from '../../../server/analysis/sortedSearch';

describe('sorted search', () => {
  const values = Float64Array.of(1, 3, 3, 3, 7, 9);

  it('finds the first value at least, or more than, the one asked', () => {
    expect(firstAtLeast(values, 3)).toBe(1);
    expect(firstAbove(values, 3)).toBe(4);
    expect(firstAbove(values, 3) - firstAtLeast(values, 3)).toBe(3);
    expect(firstAtLeast(values, 0)).toBe(0);
    expect(firstAtLeast(values, 10)).toBe(6);
    expect(firstAbove(values, 9)).toBe(6);
  });

  it('keeps to the part of the array asked', () => {
    expect(firstAtLeast(values, 3, 2, 5)).toBe(2);
    expect(firstAtLeast(values, 8, 0, 4)).toBe(4);
    expect(firstAbove(values, 1, 3, 6)).toBe(3);
  });
});
