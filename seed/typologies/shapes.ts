/**
 * The shape of each laundering typology: which accounts take part, in what order they are listed,
 * the leader (where the typology has one), and the payments as stages: every payment of a stage
 * happens after every payment of the stage before it, within one round of the pattern.
 */
import type { Rng } from '../../server/lib/random';
import type { Typology } from './options';

export type Edge = readonly [from: number, to: number];

export interface Shape {
  typology: Typology;
  /** Listed leader first where there is one; a cycle in cycle order; a stack layer by layer. */
  accounts: number[];
  leader: number | null;
  stages: Edge[][];
}

/** Draws a shape of `typology`; `take(n)` hands out `n` accounts not used by another pattern. */
export function drawShape(rng: Rng, typology: Typology, take: (n: number) => number[]): Shape {
  switch (typology) {
    case 'fan_in': {
      const [leader] = take(1) as [number];
      const members = take(rng.int(5, 20));
      return shape(typology, [leader, ...members], leader, [members.map((m) => [m, leader])]);
    }
    case 'fan_out': {
      const [leader] = take(1) as [number];
      const members = take(rng.int(5, 20));
      return shape(typology, [leader, ...members], leader, [members.map((m) => [leader, m])]);
    }
    case 'cycle': {
      const ring = take(rng.int(3, 10));
      const stages = ring.map((from, i): Edge[] => [[from, ring[(i + 1) % ring.length] as number]]);
      return shape(typology, ring, null, stages);
    }
    case 'scatter_gather': {
      const [origin] = take(1) as [number];
      const middle = take(rng.int(3, 12));
      const [beneficiary] = take(1) as [number];
      return shape(typology, [origin, ...middle, beneficiary], origin, [
        middle.map((m) => [origin, m]),
        middle.map((m) => [m, beneficiary]),
      ]);
    }
    case 'gather_scatter': {
      const [hub] = take(1) as [number];
      const senders = take(rng.int(3, 10));
      const receivers = take(rng.int(3, 10));
      return shape(typology, [hub, ...senders, ...receivers], hub, [
        senders.map((s) => [s, hub]),
        receivers.map((r) => [hub, r]),
      ]);
    }
    case 'bipartite': {
      const payers = take(rng.int(2, 5));
      const payees = take(rng.int(2, 5));
      const pairs = densePairs(rng, payers, payees, rng.uniform(0.5, 0.9));
      return shape(typology, [...payers, ...payees], null, [pairs]);
    }
    case 'stack': {
      const layers = [take(rng.int(2, 5)), take(rng.int(2, 5)), take(rng.int(2, 5))] as const;
      const density = rng.uniform(0.7, 1);
      return shape(typology, layers.flat(), null, [
        densePairs(rng, layers[0], layers[1], density),
        densePairs(rng, layers[1], layers[2], density),
      ]);
    }
    case 'random': {
      const accounts = take(rng.int(4, 10));
      return shape(
        typology,
        accounts,
        null,
        randomWalk(rng, accounts).map((edge) => [edge]),
      );
    }
  }
}

function shape(typology: Typology, accounts: number[], leader: number | null, stages: Edge[][]) {
  return { typology, accounts, leader, stages };
}

/** Each (left, right) pair with probability `density`, then every account given at least one. */
function densePairs(
  rng: Rng,
  left: readonly number[],
  right: readonly number[],
  density: number,
): Edge[] {
  const pairs: Edge[] = [];
  const key = (from: number, to: number) => `${from}>${to}`;
  const seen = new Set<string>();
  const add = (from: number, to: number) => {
    if (seen.has(key(from, to))) return;
    seen.add(key(from, to));
    pairs.push([from, to]);
  };
  for (const from of left) for (const to of right) if (rng.chance(density)) add(from, to);
  for (const from of left) if (!pairs.some(([f]) => f === from)) add(from, rng.pick(right));
  for (const to of right) if (!pairs.some(([, t]) => t === to)) add(rng.pick(left), to);
  return pairs;
}

/** A walk from the first account that reaches every account, with a few extra hops at the end. */
function randomWalk(rng: Rng, accounts: readonly number[]): Edge[] {
  const hops: Edge[] = [];
  let current = accounts[0] as number;
  const unvisited = new Set(accounts.slice(1));
  let extra = rng.int(0, Math.floor(accounts.length / 2));
  while (unvisited.size > 0 || extra > 0) {
    const others = accounts.filter((account) => account !== current);
    const fresh = [...unvisited];
    const next = fresh.length > 0 && rng.chance(0.75) ? rng.pick(fresh) : rng.pick(others);
    if (unvisited.size === 0) extra -= 1;
    unvisited.delete(next);
    hops.push([current, next]);
    current = next;
  }
  return hops;
}
