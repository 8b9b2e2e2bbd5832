/**
 * A laundering shape as the typology finders report it (its accounts and roles, its leader, its
 * evidence score, the thresholds it missed and its reasons in plain words), the descriptions
 * several finders share (a cycle, a chain) and its conversion to a ring candidate or a near miss.
 */
import type { AnalysisGraph } from './graphBuilder';
import type {
  MemberClaim,
  NearMiss,
  RingCandidate,
  RingEvidence,
  RingRole,
  Typology,
} from './candidate';
import { isFresh, type MoneyTimeline } from './fanIn';
import { count, idOf, money, percent, plural } from './signals';

/** A shape found: accepted when `missed` is empty, else a near miss. Text is built on demand. */
export interface Shape {
  typology: Typology;
  /** Its accounts with their roles. */
  roles: Map<number, RingRole>;
  leader: number | null;
  /** Evidence score in 0..1 (how close it came, for a near miss). */
  score: number;
  /** The thresholds it missed, each in plain words with its numbers. */
  missed: (() => string)[];
  reasons: () => string[];
  memberReasons: (node: number) => string[];
}

export function idList(graph: AnalysisGraph, nodes: Iterable<number>, limit = 6): string {
  const all = [...nodes];
  const shown = all.slice(0, limit).map((v) => idOf(graph, v));
  return all.length > limit
    ? `${shown.join(', ')} and ${count(all.length - limit)} more`
    : shown.join(', ');
}

/** A duration in the data's time: "3 hours", "2 days", "1 step". */
export function duration(tl: MoneyTimeline, ms: number): string {
  const steps = Math.max(1, Math.ceil(ms / tl.step - 1e-9));
  if (tl.step === 3_600_000)
    return steps >= 48 ? plural(Math.ceil(steps / 24), 'day') : plural(steps, 'hour');
  if (tl.step === 86_400_000) return plural(steps, 'day');
  return plural(steps, 'step');
}

export function timeSpan(
  tl: MoneyTimeline,
  transfers: Iterable<number>,
): { first: number; last: number } {
  const { at } = tl.graph.transfers;
  let first = Infinity;
  let last = -Infinity;
  for (const i of transfers) {
    first = Math.min(first, at[i]!);
    last = Math.max(last, at[i]!);
  }
  return { first, last };
}

export function describeCycle(tl: MoneyTimeline, rounds: number[][]): Shape {
  const g = tl.graph;
  const { from, to, at, amount } = g.transfers;
  const cycle = rounds[0]!;
  const nodes = cycle.map((i) => from[i]!);
  const shares = cycle.slice(1).map((i, k) => amount[i]! / amount[cycle[k]!]!);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const span = timeSpan(tl, cycle);
  return {
    typology: 'cycle',
    roles: new Map(nodes.map((v) => [v, 'mule'])),
    leader: null,
    score: Math.min(0.95, 0.55 + 0.04 * nodes.length + (low >= 0.8 ? 0.1 : 0)),
    missed: [],
    reasons: () => [
      `money went round a loop of ${plural(nodes.length, 'account')} in ${duration(tl, span.last - span.first)}, each passing on ${percent(low)}${percent(low) === percent(high) ? '' : `-${percent(high)}`} of what it received${rounds.length > 1 ? ` (${count(rounds.length)} rounds)` : ''}`,
      `none of the ${plural(nodes.length, 'pair')} in the loop dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const k = nodes.indexOf(v);
      const i = cycle[k]!;
      const before = cycle[(k - 1 + cycle.length) % cycle.length]!;
      return k === 0
        ? [
            `started the loop: paid ${money(amount[i]!)} to ${idOf(g, to[i]!)}; ${money(amount[before]!)} came back from ${idOf(g, from[before]!)} ${duration(tl, at[before]! - at[i]!)} later`,
          ]
        : [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} and passed on ${money(amount[i]!)} (${percent(amount[i]! / amount[before]!)}) to ${idOf(g, to[i]!)} ${duration(tl, at[i]! - at[before]!)} later`,
          ];
    },
  };
}

/** A chain of passed-on money as a shape, with the score and missed thresholds its finder gave. */
export function describeChain(
  tl: MoneyTimeline,
  chain: number[],
  score: number,
  missed: (() => string)[],
): Shape {
  const g = tl.graph;
  const { from, to, at, amount } = g.transfers;
  const nodes = [from[chain[0]!]!, ...chain.map((i) => to[i]!)];
  const accounts = new Set(nodes).size;
  const backAndForth = !chain.every((i) => isFresh(tl, i));
  const shares = chain.slice(1).map((i, k) => amount[i]! / amount[chain[k]!]!);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const span = timeSpan(tl, chain);
  return {
    typology: 'chain',
    roles: new Map(nodes.map((v, k) => [v, k === nodes.length - 1 ? 'cash_out' : 'mule'])),
    leader: null,
    score,
    missed,
    reasons: () => [
      `${money(amount[chain[0]!]!)} passed along a chain of ${plural(accounts, 'account')}${accounts < nodes.length ? ' (some of them more than once)' : ''} in ${duration(tl, span.last - span.first)}, each passing on ${percent(low)}${percent(low) === percent(high) ? '' : `-${percent(high)}`} of what it received`,
      backAndForth
        ? `its accounts dealt with each other only within the chain, some back and forth`
        : `none of the ${plural(chain.length, 'pair')} in the chain dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const k = nodes.indexOf(v);
      if (k === 0) {
        return [
          `started the chain: paid ${money(amount[chain[0]!]!)} to ${idOf(g, to[chain[0]!]!)}`,
        ];
      }
      const before = chain[k - 1]!;
      const i = chain[k];
      return i === undefined
        ? [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} at the end of the chain`,
          ]
        : [
            `received ${money(amount[before]!)} from ${idOf(g, from[before]!)} and passed on ${money(amount[i]!)} (${percent(amount[i]! / amount[before]!)}) to ${idOf(g, to[i]!)} ${duration(tl, at[i]! - at[before]!)} later`,
          ];
    },
  };
}

/** The typologies' names as the first reason gives them. */
const LABELS: Partial<Record<Typology, string>> = {
  fan_in: 'Fan-in',
  fan_out: 'Fan-out',
  cycle: 'Cycle',
  chain: 'Chain',
  scatter_gather: 'Scatter-gather',
  gather_scatter: 'Gather-scatter',
  bipartite: 'Bipartite block',
  stack: 'Stack',
};

/** The shape's reasons, the first naming its typology. */
export function labelled(typology: Typology, reasons: string[]): string[] {
  const [first, ...rest] = reasons;
  return first === undefined ? [] : [`${LABELS[typology] ?? typology}: ${first}`, ...rest];
}

export function toCandidate(shape: Shape): RingCandidate {
  const members: MemberClaim[] = [...shape.roles].map(([node, role]) => ({
    node,
    role,
    score: role === 'ringleader' ? shape.score : shape.score * (role === 'member' ? 0.7 : 0.85),
    reasons: shape.memberReasons(node),
  }));
  members.sort((a, b) => Number(b.role === 'ringleader') - Number(a.role === 'ringleader'));
  const evidence: RingEvidence = {
    score: shape.score,
    reasons: labelled(shape.typology, shape.reasons()),
    muleCount: 0,
    reportCount: 0,
    cycling: 0,
    burst: 0,
  };
  const anchor = shape.leader ?? Math.min(...shape.roles.keys());
  return { anchor, members, evidence, typology: shape.typology };
}

export function toNearMiss(shape: Shape): NearMiss {
  const nodes = [...shape.roles.keys()];
  return {
    typology: shape.typology,
    nodes: nodes.slice(0, 40),
    size: nodes.length,
    score: shape.score,
    reasons: labelled(shape.typology, shape.reasons()),
    missed: shape.missed.map((text) => text()),
  };
}
