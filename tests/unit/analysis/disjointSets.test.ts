import { describe, expect, it } from 'vitest';
import { DisjointSets, groupsSharingKeys } from '../../../server/analysis/disjointSets';

describe('disjoint sets', () => {
  it('joins sets, names each by its smallest member and lists them in the order first seen', () => {
    const sets = new DisjointSets();
    sets.union(9, 4);
    sets.union(7, 8);
    sets.union(8, 9);
    sets.find(12);
    expect(sets.find(7)).toBe(4);
    expect(sets.find(12)).toBe(12);
    expect(sets.has(5)).toBe(false);
    expect([...sets.groups()]).toEqual([
      [4, [9, 4, 7, 8]],
      [12, [12]],
    ]);
  });

  it('follows a chain of 100,000 unions to its smallest member', () => {
    const sets = new DisjointSets();
    for (let i = 100_000; i > 0; i -= 1) sets.union(i, i - 1);
    expect(sets.find(100_000)).toBe(0);
    expect(sets.groups().get(0)).toHaveLength(100_001);
  });

  it('groups items that share a key, directly or through others, keeping their order', () => {
    const hubs = [
      { name: 'A', accounts: [1, 2] },
      { name: 'B', accounts: [3] },
      { name: 'C', accounts: [2, 4] },
      { name: 'D', accounts: [4, 5] },
      { name: 'E', accounts: [] },
    ];
    const groups = groupsSharingKeys(hubs, (hub) => hub.accounts);
    expect(groups.map((group) => group.map((hub) => hub.name))).toEqual([
      ['A', 'C', 'D'],
      ['B'],
      ['E'],
    ]);
  });
});
