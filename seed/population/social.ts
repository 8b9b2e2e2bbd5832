/**
 * Friendships: each person names a heavy-tailed number of friends (Pareto, a few with very many),
 * most in their own neighbourhood and the rest anywhere, chosen in proportion to how active the
 * other person is, so popular people gather many friends. Every friendship goes both ways.
 */
import type { Rng, WeightedTable } from '../../server/lib/random';
import type { Adjacency, Person } from './model';

/** Share of friends found in one's own neighbourhood. */
const LOCAL_SHARE = 0.7;
const MAX_FRIENDS_NAMED = 150;

/** The friend lists of `people`, given where each neighbourhood's people start. */
export function buildFriendships(
  people: readonly Person[],
  neighbourhoodStart: Int32Array,
  popularity: WeightedTable,
  rng: Rng,
): Adjacency {
  const from: number[] = [];
  const to: number[] = [];
  for (const person of people) {
    const named = Math.min(MAX_FRIENDS_NAMED, Math.floor(rng.pareto(2, 1.6)));
    const first = neighbourhoodStart[person.neighbourhood] ?? 0;
    const last = (neighbourhoodStart[person.neighbourhood + 1] ?? people.length) - 1;
    for (let i = 0; i < named; i += 1) {
      const friend = rng.chance(LOCAL_SHARE) ? rng.int(first, last) : popularity.pick(rng);
      if (friend === person.index) continue;
      from.push(person.index);
      to.push(friend);
    }
  }
  const degree = new Int32Array(people.length);
  for (let i = 0; i < from.length; i += 1) {
    bump(degree, from[i] ?? 0);
    bump(degree, to[i] ?? 0);
  }
  const offsets = new Int32Array(people.length + 1);
  for (let p = 0; p < people.length; p += 1) offsets[p + 1] = (offsets[p] ?? 0) + (degree[p] ?? 0);
  const targets = new Int32Array(from.length * 2);
  const filled = offsets.slice(0, people.length);
  for (let i = 0; i < from.length; i += 1) {
    const a = from[i] ?? 0;
    const b = to[i] ?? 0;
    targets[bump(filled, a)] = b;
    targets[bump(filled, b)] = a;
  }
  return { offsets, targets };
}

/** Adds one to `counts[index]` and returns the value it had. */
function bump(counts: Int32Array, index: number): number {
  const value = counts[index] ?? 0;
  counts[index] = value + 1;
  return value;
}

/** How many friends person `index` has. */
export function friendCount(friends: Adjacency, index: number): number {
  return (friends.offsets[index + 1] ?? 0) - (friends.offsets[index] ?? 0);
}

/** A random friend of person `index` (call only when they have one). */
export function randomFriend(friends: Adjacency, index: number, rng: Rng): number {
  const start = friends.offsets[index] ?? 0;
  const end = friends.offsets[index + 1] ?? start;
  return friends.targets[rng.int(start, end - 1)] ?? index;
}
