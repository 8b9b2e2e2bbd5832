/**
 * Falling loops: accounts paying one another round a loop, once each, where the payments, taken in
 * the order they were made, each come to `slowCycleShare`..`passOnMax` of the one made before.
 * The loop's order need not be the order of payment: one purse pays on from whichever account
 * holds the money, less a cut each time (AMLSim's unordered cycles are made so). Loops that were
 * paid in their own order are ordinary slow cycles, found here too. Pure functions over the money
 * timeline.
 */
import type { MoneyTimeline } from './fanIn';
import { duration, idList, timeSpan, type Shape } from './shapes';
import { money, percent, plural } from './signals';
import type { TypologyOptions } from './typologyOptions';

/**
 * The falling loops of `maxFallingLoop` accounts or fewer among `payments` (one payment per
 * one-off pair, round sums left out by the caller), amounts read from `amountOf`: each loop's
 * payments in loop order, from its first payment in time. At most `maxSlowLoopSteps` steps of
 * search from each payment.
 */
export function fallingLoops(
  tl: MoneyTimeline,
  o: TypologyOptions,
  payments: readonly number[],
  amountOf: ArrayLike<number>,
): number[][] {
  const { from, to, at } = tl.graph.transfers;
  const outs = new Map<number, number[]>();
  for (const i of payments) {
    const list = outs.get(from[i]!);
    if (list) list.push(i);
    else outs.set(from[i]!, [i]);
  }
  for (const list of outs.values()) list.sort((x, y) => amountOf[x]! - amountOf[y]! || x - y);
  const widest = Math.pow(1 / o.slowCycleShare, o.maxFallingLoop - 1);
  const loops: number[][] = [];
  const onPath = new Set<number>();
  for (const first of payments) {
    // Each loop is searched from its smallest payment (ties: the lowest index).
    const least = amountOf[first]!;
    const start = from[first]!;
    const path = [first];
    onPath.clear();
    onPath.add(start).add(to[first]!);
    let budget = o.maxSlowLoopSteps;
    const follow = (v: number): void => {
      const list = outs.get(v);
      if (!list) return;
      for (let k = firstAmountAtLeast(list, amountOf, least); k < list.length; k += 1) {
        const e = list[k]!;
        const a = amountOf[e]!;
        if (a > least * widest || --budget < 0) return;
        if (e === first || (a === least && e < first) || !fallsInTime(path, e, at, amountOf, o)) {
          continue;
        }
        const w = to[e]!;
        if (w === start) {
          const loop = [...path, e];
          if (loop.length >= o.minCycle && fallsStepByStep(loop, at, amountOf, o)) {
            loops.push(fromFirstInTime(loop, at));
          }
          continue;
        }
        if (onPath.has(w) || path.length + 1 >= o.maxFallingLoop) continue;
        onPath.add(w);
        path.push(e);
        follow(w);
        path.pop();
        onPath.delete(w);
      }
    };
    follow(to[first]!);
  }
  return loops;
}

function firstAmountAtLeast(list: readonly number[], amountOf: ArrayLike<number>, least: number) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (amountOf[list[middle]!]! < least) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** No payment of `path` with `e` is more (beyond `passOnMax`) than one made before it. */
function fallsInTime(
  path: readonly number[],
  e: number,
  at: ArrayLike<number>,
  amountOf: ArrayLike<number>,
  o: TypologyOptions,
): boolean {
  for (const p of path) {
    if (at[p]! < at[e]! && amountOf[e]! > amountOf[p]! * o.passOnMax) return false;
    if (at[e]! < at[p]! && amountOf[p]! > amountOf[e]! * o.passOnMax) return false;
  }
  return true;
}

/** `loop`'s payments in time order (the larger first within a step). */
function inTime(loop: readonly number[], at: ArrayLike<number>, amountOf: ArrayLike<number>) {
  return [...loop].sort((x, y) => at[x]! - at[y]! || amountOf[y]! - amountOf[x]!);
}

/** Each payment, in time order, is `slowCycleShare`..`passOnMax` of the one before. */
function fallsStepByStep(
  loop: readonly number[],
  at: ArrayLike<number>,
  amountOf: ArrayLike<number>,
  o: TypologyOptions,
): boolean {
  const ordered = inTime(loop, at, amountOf);
  return ordered.slice(1).every((i, k) => {
    const share = amountOf[i]! / amountOf[ordered[k]!]!;
    return share >= o.slowCycleShare && share <= o.passOnMax;
  });
}

/** `loop` turned to start at its first payment in time. */
function fromFirstInTime(loop: readonly number[], at: ArrayLike<number>): number[] {
  let first = 0;
  loop.forEach((i, k) => {
    if (at[i]! < at[loop[first]!]!) first = k;
  });
  return [...loop.slice(first), ...loop.slice(0, first)];
}

/** Whether `loop` (from its first payment) was paid in its own order, hop after hop. */
export function paidInLoopOrder(tl: MoneyTimeline, loop: readonly number[]): boolean {
  const { at } = tl.graph.transfers;
  return loop.every((i, k) => k === 0 || at[i]! >= at[loop[k - 1]!]!);
}

export function describeFallingLoop(tl: MoneyTimeline, loop: readonly number[]): Shape {
  const g = tl.graph;
  const { from, to, at, amount } = g.transfers;
  const nodes = loop.map((i) => from[i]!);
  const ordered = inTime(loop, at, amount);
  const shares = ordered.slice(1).map((i, k) => amount[i]! / amount[ordered[k]!]!);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const span = timeSpan(tl, loop);
  const place = new Map(ordered.map((i, k) => [i, k + 1]));
  return {
    typology: 'cycle',
    roles: new Map(nodes.map((v) => [v, 'mule'])),
    leader: null,
    score: Math.min(0.95, 0.55 + 0.04 * nodes.length + 0.1),
    missed: [],
    reasons: () => [
      `${plural(nodes.length, 'account')} paid one another round a loop (${idList(g, nodes, 6)}), once each, over ${duration(tl, span.last - span.first)}; in the order they were paid, each payment was ${percent(low)}${percent(low) === percent(high) ? '' : `-${percent(high)}`} of the one before (${money(amount[ordered[0]!]!)} down to ${money(amount[ordered[ordered.length - 1]!]!)}), though not in the loop's order`,
      `none of the ${plural(nodes.length, 'pair')} in the loop dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const k = nodes.indexOf(v);
      const paid = loop[k]!;
      const before = loop[(k - 1 + loop.length) % loop.length]!;
      return [
        `paid ${money(amount[paid]!)} to ${idList(g, [to[paid]!], 1)} (payment ${place.get(paid)} of ${loop.length} in time) and was paid ${money(amount[before]!)} by ${idList(g, [from[before]!], 1)} (payment ${place.get(before)})`,
      ];
    },
  };
}
