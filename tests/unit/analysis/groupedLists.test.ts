import { describe, expect, it } from 'vitest';
import { GroupedLists } from '../../../server/analysis/groupedLists';

/** What a map of lists built by pushing holds: keys in first-come order, values in order. */
function mapOfLists(keys: number[], values: number[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  keys.forEach((key, k) => {
    if (key < 0) return;
    const list = map.get(key);
    if (list) list.push(values[k]!);
    else map.set(key, [values[k]!]);
  });
  return map;
}

describe('GroupedLists', () => {
  it('holds what a map of pushed lists holds, in the same orders', () => {
    const keys = [4, 1, 4, -1, 0, 1, 4, 9, 0];
    const values = [10, 11, 12, 13, 14, 15, 16, 17, 18];
    const grouped = new GroupedLists(
      10,
      keys.length,
      (k) => keys[k]!,
      (k) => values[k]!,
    );
    const expected = mapOfLists(keys, values);
    expect([...grouped.keys]).toEqual([...expected.keys()]);
    for (const [key, list] of expected) {
      expect(grouped.list(key)).toEqual(list);
      expect([...grouped.of(key)]).toEqual(list);
      expect(grouped.size(key)).toBe(list.length);
      const start = grouped.start(key);
      expect([...grouped.values.subarray(start, start + list.length)]).toEqual(list);
    }
  });

  it('gives an empty list for a key that never came, and leaves out keys below 0', () => {
    const grouped = new GroupedLists(
      5,
      3,
      (k) => [2, -1, 2][k]!,
      (k) => k,
    );
    expect(grouped.size(3)).toBe(0);
    expect(grouped.list(3)).toEqual([]);
    expect(grouped.list(2)).toEqual([0, 2]);
    expect(grouped.values.length).toBe(2);
  });
});
