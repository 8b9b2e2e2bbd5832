import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../server/analysis/random';
import { repeatedPairs } from '../../../server/analysis/repeatedPairs';

/** The same answer from a map keyed by pair, numbered in the order first seen. */
function byMap(sightings: [number, number, number][]) {
  const pairs = new Map<string, { low: number; high: number; seenBy: number[] }>();
  for (const [a, b, by] of sightings) {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const key = `${low},${high}`;
    const pair = pairs.get(key) ?? { low, high, seenBy: [] };
    pair.seenBy.push(by);
    pairs.set(key, pair);
  }
  const repeated = [...pairs.values()].filter((pair) => pair.seenBy.length >= 2);
  return {
    low: repeated.map((pair) => pair.low),
    high: repeated.map((pair) => pair.high),
    seenBy: repeated.map((pair) => pair.seenBy),
  };
}

describe('repeatedPairs', () => {
  it('finds the pairs seen twice or more, first seen first, either way round', () => {
    const sightings: [number, number, number][] = [
      [3, 1, 10],
      [2, 5, 11],
      [1, 3, 12],
      [0, 4, 13],
      [5, 2, 14],
      [1, 3, 15],
    ];
    const found = repeatedPairs(
      6,
      sightings.length,
      (k) => sightings[k]![0],
      (k) => sightings[k]![1],
      (k) => sightings[k]![2],
    );
    expect(found).toEqual({
      low: [1, 2],
      high: [3, 5],
      seenBy: [
        [10, 12, 15],
        [11, 14],
      ],
    });
  });

  it('agrees with a map keyed by pair on many random sightings', () => {
    const random = seededRandom(9);
    const sightings: [number, number, number][] = [];
    for (let k = 0; k < 20_000; k += 1) {
      const a = Math.floor(random() * 300);
      const b = (a + 1 + Math.floor(random() * 299)) % 300;
      sightings.push([a, b, Math.floor(random() * 1_000)]);
    }
    const found = repeatedPairs(
      300,
      sightings.length,
      (k) => sightings[k]![0],
      (k) => sightings[k]![1],
      (k) => sightings[k]![2],
    );
    expect(found.low.length).toBeGreaterThan(100);
    expect(found).toEqual(byMap(sightings));
  });

  it('finds none among pairs seen once', () => {
    expect(
      repeatedPairs(
        4,
        2,
        (k) => k,
        (k) => k + 1,
        () => 0,
      ),
    ).toEqual({
      low: [],
      high: [],
      seenBy: [],
    });
  });
});
