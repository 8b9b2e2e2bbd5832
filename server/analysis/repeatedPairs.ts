/**
 * Pairs of nodes seen together more than once, from a list of sightings (two nodes and who saw
 * them together), without a map keyed by pair: sightings are grouped by their lower node, sorted
 * by the higher within each group, and read run by run. Where a map of millions of pairs is built
 * again and again (a chance test repeats its search on shuffled data), this costs a fraction of
 * the time and none of the garbage.
 */
import { GroupedLists } from './groupedLists';

/** Pairs seen by two or more, in the order each pair was first seen. */
export interface RepeatedPairs {
  low: number[];
  high: number[];
  /** Who saw each pair, in the order of their sightings. */
  seenBy: number[][];
}

/**
 * The pairs among `count` sightings (the `k`-th of nodes `a(k)` and `b(k)`, two different nodes
 * in `0..nodeCount - 1`, by `by(k)`) that two or more sightings share.
 */
export function repeatedPairs(
  nodeCount: number,
  count: number,
  a: (k: number) => number,
  b: (k: number) => number,
  by: (k: number) => number,
): RepeatedPairs {
  const lowOf = new Int32Array(count);
  const highOf = new Int32Array(count);
  for (let k = 0; k < count; k += 1) {
    lowOf[k] = Math.min(a(k), b(k));
    highOf[k] = Math.max(a(k), b(k));
  }
  const byLow = new GroupedLists(
    nodeCount,
    count,
    (k) => lowOf[k]!,
    (k) => k,
  );
  const found: { first: number; low: number; high: number; seenBy: number[] }[] = [];
  const order: number[] = [];
  for (const low of byLow.keys) {
    const sightings = byLow.of(low);
    if (sightings.length < 2) continue;
    order.length = 0;
    for (const k of sightings) order.push(k);
    // By the higher node, then in the order seen.
    order.sort((x, y) => highOf[x]! - highOf[y]! || x - y);
    for (let start = 0; start < order.length;) {
      let end = start + 1;
      while (end < order.length && highOf[order[end]!] === highOf[order[start]!]) end += 1;
      if (end - start >= 2) {
        const seenBy: number[] = [];
        for (let j = start; j < end; j += 1) seenBy.push(by(order[j]!));
        found.push({ first: order[start]!, low, high: highOf[order[start]!]!, seenBy });
      }
      start = end;
    }
  }
  found.sort((x, y) => x.first - y.first);
  return {
    low: found.map((pair) => pair.low),
    high: found.map((pair) => pair.high),
    seenBy: found.map((pair) => pair.seenBy),
  };
}
