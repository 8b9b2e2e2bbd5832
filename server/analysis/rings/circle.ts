/**
 * A ring's coordination circle: the people who run a ring call and message each other all the
 * time (the ringleader the organisers and herders, the organisers the callers and herders, all of
 * them in one chat), while each of them also has family and friends who know only one or two of
 * them. Starting from the numbers already known to be the ring's (its mule herders'), the circle
 * is the densest part of their contacts within two steps: everyone in it is in touch with at
 * least `CIRCLE_CONTACTS` others of it (a k-core grown around the seeds). A person is their
 * number together with the platform accounts registered with it, so a call and a chat message
 * between the same two people count once. Someone closer to another ring's herders than to these
 * belongs to that ring's circle, not to this one. Pure functions over `AnalysisGraph`.
 */
import type { AnalysisGraph } from './graphBuilder';
import { TYPE } from './signals';

/** Everyone in a circle is in touch with at least this many others of it. */
export const CIRCLE_CONTACTS = 5;
/** Numbers in touch with more people than this (call centres, couriers, SIM boxes) are left out. */
export const CIRCLE_BUSY_LIMIT = 200;
/** A circle holds at most this many people: the few dozen who run a ring. */
export const CIRCLE_MAX_PEOPLE = 60;

/** The number a platform account was registered with (the first one), or the account itself. */
function personOf(graph: AnalysisGraph, v: number): number {
  if (graph.types[v] !== TYPE.PlatformAccount) return v;
  const { offsets, targets } = graph.graph;
  for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
    if (graph.types[targets[at]!] === TYPE.PhoneNumber) return targets[at]!;
  }
  return v;
}

/**
 * The people `v` (a number or an unregistered platform account) is in touch with: numbers it
 * called or was called by, and the people behind the platform accounts it (or an account
 * registered with it) exchanged messages with.
 */
export function contactsOf(graph: AnalysisGraph, v: number): Set<number> {
  const { offsets, targets } = graph.graph;
  const found = new Set<number>();
  const own: number[] = [v];
  if (graph.types[v] === TYPE.PhoneNumber) {
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
      const u = targets[at]!;
      if (graph.types[u] === TYPE.PhoneNumber) found.add(u);
      else if (graph.types[u] === TYPE.PlatformAccount && personOf(graph, u) === v) own.push(u);
    }
  }
  for (const account of own) {
    if (graph.types[account] !== TYPE.PlatformAccount) continue;
    for (let at = offsets[account]!; at < offsets[account + 1]!; at += 1) {
      const u = targets[at]!;
      if (graph.types[u] === TYPE.PlatformAccount) found.add(personOf(graph, u));
    }
  }
  found.delete(v);
  return found;
}

/**
 * Contacts of each node already worked out, per graph: every ring's circle looks at the same
 * people (its own herders' contacts and its rivals'), and a graph never changes once built.
 */
const knownContacts = new WeakMap<AnalysisGraph, Map<number, Set<number>>>();

/** `contactsOf`, worked out once per node of a graph. */
function contactsIn(graph: AnalysisGraph): (v: number) => Set<number> {
  let contacts = knownContacts.get(graph);
  if (!contacts) knownContacts.set(graph, (contacts = new Map<number, Set<number>>()));
  const known = contacts;
  return (v) => {
    let set = known.get(v);
    if (!set) known.set(v, (set = contactsOf(graph, v)));
    return set;
  };
}

/**
 * The circle around `seeds` (numbers): people within two contacts of a seed, each in touch with
 * at least `CIRCLE_CONTACTS` of the circle (seeds included). Returns each member (seeds left out)
 * with how many of the circle they are in touch with.
 */
export function coordinationCircle(
  graph: AnalysisGraph,
  seeds: readonly number[],
  minContacts = CIRCLE_CONTACTS,
  rivals: readonly number[] = [],
): Map<number, number> {
  const of = contactsIn(graph);
  const isSeed = new Set(seeds);
  const candidates = new Set<number>();
  let frontier = [...isSeed];
  for (let step = 0; step < 2; step += 1) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const u of of(v)) {
        if (isSeed.has(u) || candidates.has(u) || of(u).size > CIRCLE_BUSY_LIMIT) continue;
        candidates.add(u);
        next.push(u);
      }
    }
    frontier = next;
  }
  // People closer to another ring's herders than to these belong to that ring's circle.
  if (rivals.length > 0) {
    const own = hops(of, seeds);
    const theirs = hops(
      of,
      rivals.filter((v) => !isSeed.has(v)),
    );
    for (const v of candidates) {
      if ((theirs.get(v) ?? Infinity) < (own.get(v) ?? Infinity)) candidates.delete(v);
    }
  }
  // Peel off whoever is in touch with too few of those left, until everyone left is.
  const inCircle = (v: number) => isSeed.has(v) || candidates.has(v);
  for (let changed = true; changed;) {
    changed = false;
    for (const v of candidates) {
      let n = 0;
      for (const u of of(v)) if (inCircle(u)) n += 1;
      if (n < minContacts) {
        candidates.delete(v);
        changed = true;
      }
    }
  }
  const members = new Map<number, number>();
  for (const v of candidates) {
    let n = 0;
    for (const u of of(v)) if (inCircle(u)) n += 1;
    members.set(v, n);
  }
  return members;
}

/**
 * A ring's circle around `seeds`: `coordinationCircle` with everyone in touch with
 * `CIRCLE_CONTACTS` others of it, or one fewer where that finds none (a ring of five people).
 * Empty where it holds more than `CIRCLE_MAX_PEOPLE`: a crowd that all know each other (a
 * village, a workplace, a wrongly named herder's social life) does not tell the few who run a
 * ring from everyone else.
 */
export function ringCircle(
  graph: AnalysisGraph,
  seeds: readonly number[],
  rivals: readonly number[] = [],
): Map<number, number> {
  let members = coordinationCircle(graph, seeds, CIRCLE_CONTACTS, rivals);
  if (members.size === 0) members = coordinationCircle(graph, seeds, CIRCLE_CONTACTS - 1, rivals);
  return members.size > CIRCLE_MAX_PEOPLE ? new Map<number, number>() : members;
}

/** Contact steps (up to two) from `from` to everyone within two steps. */
function hops(of: (v: number) => Set<number>, from: readonly number[]): Map<number, number> {
  const distance = new Map<number, number>();
  let frontier: number[] = [];
  for (const v of from) {
    if (distance.has(v)) continue;
    distance.set(v, 0);
    frontier.push(v);
  }
  for (let step = 1; step <= 2; step += 1) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const u of of(v)) {
        if (distance.has(u)) continue;
        distance.set(u, step);
        next.push(u);
      }
    }
    frontier = next;
  }
  return distance;
}
