/**
 * Falling loops: accounts paying one another round a loop, once each, where the payments, taken in
 * the order they were made, each come to `slowCycleShare`..`passOnMax` of the one made before.
 * The loop's order need not be the order of payment: one purse pays on from whichever account
 * holds the money, less a cut each time (AMLSim's unordered cycles are made so). Loops that were
 * paid in their own order are ordinary slow cycles, found here too. Pure functions over the money
 * timeline.
 */
import { firstAtLeast } from '../sortedSearch';
import { transfersOf, type MoneyTimeline } from './fanIn';
import { duration, idList, timeSpan, type Shape } from './shapes';
import { money, percent, plural } from './signals';
import type { TypologyOptions } from './typologyOptions';

/**
 * The falling loops among `payments` (one payment per one-off pair, round sums left out by the
 * caller), amounts read from `amountOf`: each loop's payments in loop order, from its first
 * payment in time. Loops of up to `maxSpreadFallingLoop` accounts however long they took, and of
 * up to `maxFallingLoop` paid within one window (a longer loop may spread its amounts wider, and
 * following every like sum that far costs too much where accounts make many one-off payments);
 * the two searches may find a short loop twice. At most `maxSlowLoopSteps` steps of search from
 * each payment in each search.
 */
export function fallingLoops(
  tl: MoneyTimeline,
  o: TypologyOptions,
  payments: readonly number[],
  amountOf: ArrayLike<number>,
): number[][] {
  const { at } = tl.graph.transfers;
  // Spread: each payer's payments by amount, followed within the band the loop's size allows.
  const byAmount = payerLists(
    tl,
    payments,
    amountOf,
    (x, y) => amountOf[x]! - amountOf[y]! || x - y,
  );
  const spreadWidest = Math.pow(1 / o.slowCycleShare, o.maxSpreadFallingLoop - 1);
  const spread = searchLoops(tl, o, payments, byAmount, o.maxSpreadFallingLoop, (v, p, visit) => {
    const least = byAmount.amount[p]!;
    const end = byAmount.offsets[v + 1]!;
    const amount = byAmount.amount;
    for (let k = firstAtLeast(amount, least, byAmount.offsets[v], end); k < end; k += 1) {
      if (amount[k]! > least * spreadWidest || !visit(k)) return;
    }
  });
  // Within a window: each payer's payments by time, followed within the window of the first.
  const byTime = payerLists(tl, payments, amountOf, (x, y) => at[x]! - at[y]! || x - y);
  const widest = Math.pow(1 / o.slowCycleShare, o.maxFallingLoop - 1);
  const windowed = searchLoops(
    tl,
    o,
    payments,
    byTime,
    o.maxFallingLoop,
    (v, p, visit) => {
      const least = byTime.amount[p]!;
      const time = byTime.at[p]!;
      const end = byTime.offsets[v + 1]!;
      const { amount, at: times } = byTime;
      for (
        let k = firstAtLeast(times, time - tl.windowMs, byTime.offsets[v], end);
        k < end;
        k += 1
      ) {
        if (times[k]! > time + tl.windowMs) return;
        const sum = amount[k]!;
        if (sum >= least && sum <= least * widest && !visit(k)) return;
      }
    },
    tl.windowMs,
  );
  return [...spread, ...windowed];
}

/** Payments payer by payer (CSR), each with its amount, time and payee beside it. */
interface PayerLists {
  offsets: Int32Array;
  /** The payments, payer by payer. */
  list: Int32Array;
  amount: Float64Array;
  at: Float64Array;
  to: Int32Array;
  /** Where each payment is in `list` (by transfer index; -1 for those not listed). */
  positionOf: Int32Array;
}

/**
 * Each payer's payments among `payments`, in the order of `compare`, with each listed payment's
 * amount (read from `amountOf`), time and payee beside it in the list's order: the search reads a
 * payer's payments one after the other, not scattered over the whole graph's arrays.
 */
function payerLists(
  tl: MoneyTimeline,
  payments: readonly number[],
  amountOf: ArrayLike<number>,
  compare: (x: number, y: number) => number,
): PayerLists {
  const { from, to, at } = tl.graph.transfers;
  const { offsets, list } = groupedBy(tl.graph.nodeCount, payments, (i) => from[i]!, compare);
  const positionOf = new Int32Array(from.length).fill(-1);
  const lists: PayerLists = {
    offsets,
    list,
    amount: new Float64Array(list.length),
    at: new Float64Array(list.length),
    to: new Int32Array(list.length),
    positionOf,
  };
  list.forEach((i, k) => {
    lists.amount[k] = amountOf[i]!;
    lists.at[k] = at[i]!;
    lists.to[k] = to[i]!;
    positionOf[i] = k;
  });
  return lists;
}

/**
 * `items` grouped by account (`accountOf`, in `0..nodeCount - 1`), each account's in the order of
 * `compare`: account `v`'s are `list[offsets[v]]` up to `list[offsets[v + 1]]`.
 */
function groupedBy(
  nodeCount: number,
  items: ArrayLike<number>,
  accountOf: (item: number) => number,
  compare: (x: number, y: number) => number,
): { offsets: Int32Array; list: Int32Array } {
  const offsets = new Int32Array(nodeCount + 1);
  for (let k = 0; k < items.length; k += 1) offsets[accountOf(items[k]!) + 1]! += 1;
  for (let v = 0; v < nodeCount; v += 1) offsets[v + 1]! += offsets[v]!;
  const list = new Int32Array(items.length);
  const next = offsets.slice(0, nodeCount);
  for (let k = 0; k < items.length; k += 1) list[next[accountOf(items[k]!)]!++] = items[k]!;
  for (let v = 0; v < nodeCount; v += 1) {
    if (offsets[v + 1]! - offsets[v]! > 1) list.subarray(offsets[v], offsets[v + 1]).sort(compare);
  }
  return { offsets, list };
}

/**
 * Loops of up to `longest` payments, each searched from its smallest payment (ties: the lowest
 * index) along the payments `candidates(v, first, visit)` hands to `visit` (positions in
 * `lists`; `visit` answers false when the search from `first` is out of steps), dropping a path
 * as soon as a later payment is larger than an earlier one; with `span`, all of a loop's
 * payments lie within it.
 */
function searchLoops(
  tl: MoneyTimeline,
  o: TypologyOptions,
  payments: readonly number[],
  lists: PayerLists,
  longest: number,
  candidates: (v: number, first: number, visit: (p: number) => boolean) => void,
  span = Infinity,
): number[][] {
  const { from } = tl.graph.transfers;
  const { list, amount, at, to, positionOf } = lists;
  const closers = closingPayments(tl, lists, Math.pow(1 / o.slowCycleShare, longest - 1), span, o);
  const loops: number[][] = [];
  const onPath = new Uint8Array(tl.graph.nodeCount);
  const path = new Int32Array(longest);
  let depth = 0;
  let first = 0;
  let start = 0;
  let budget = 0;
  /** No payment on the path is more (beyond `passOnMax`) than one made before it, nor too far. */
  const fits = (p: number): boolean => {
    const sum = amount[p]!;
    const time = at[p]!;
    for (let d = 0; d < depth; d += 1) {
      const other = path[d]!;
      if (Math.abs(at[other]! - time) > span) return false;
      if (at[other]! < time && sum > amount[other]! * o.passOnMax) return false;
      if (time < at[other]! && amount[other]! > sum * o.passOnMax) return false;
    }
    return true;
  };
  const visit = (p: number): boolean => {
    if (--budget < 0) return false;
    if (p === first || (amount[p] === amount[first] && list[p]! < list[first]!) || !fits(p)) {
      return true;
    }
    const w = to[p]!;
    if (w === start) {
      if (depth + 1 >= o.minCycle) {
        const loop = [...path.subarray(0, depth), p];
        if (fallsStepByStep(loop, at, amount, o)) {
          loops.push(fromFirstInTime(loop, at).map((q) => list[q]!));
        }
      }
      return true;
    }
    if (onPath[w] === 1 || depth + 1 >= longest) return true;
    onPath[w] = 1;
    path[depth] = p;
    depth += 1;
    candidates(w, first, visit);
    depth -= 1;
    onPath[w] = 0;
    return budget >= 0;
  };
  for (const i of payments) {
    const p = positionOf[i]!;
    // No payment could close a loop from this one: searching it would find nothing.
    if (!closers(from[i]!, p)) continue;
    first = p;
    start = from[i]!;
    budget = o.maxSlowLoopSteps;
    path[0] = p;
    depth = 1;
    onPath[start] = 1;
    onPath[to[p]!] = 1;
    candidates(to[p]!, first, visit);
    onPath[start] = 0;
    onPath[to[p]!] = 0;
  }
  return loops;
}

/**
 * Whether any payment into `start` could close a loop opened by the listed payment `first` (its
 * smallest): one no smaller and at most `widest` times larger, within `span` of it, and, if made
 * after it, no larger than `passOnMax` times it (the amounts fall in time). A search from a
 * payment with no such closer ends empty, after up to `maxSlowLoopSteps` steps: on AMLSim's data
 * about half the payments are skipped so, and the same loops found.
 */
function closingPayments(
  tl: MoneyTimeline,
  lists: PayerLists,
  widest: number,
  span: number,
  o: TypologyOptions,
): (start: number, first: number) => boolean {
  const { amount, at, to } = lists;
  // The listed payments payee by payee, by amount, and their sums in that order.
  const { offsets, list: byPayee } = groupedBy(
    tl.graph.nodeCount,
    Int32Array.from(to.keys()),
    (k) => to[k]!,
    (x, y) => amount[x]! - amount[y]!,
  );
  const sums = Float64Array.from(byPayee, (k) => amount[k]!);
  return (start, first) => {
    const least = amount[first]!;
    const time = at[first]!;
    const end = offsets[start + 1]!;
    for (let j = firstAtLeast(sums, least, offsets[start], end); j < end; j += 1) {
      if (sums[j]! > least * widest) return false;
      const q = byPayee[j]!;
      if (q === first || Math.abs(at[q]! - time) > span) continue;
      if (at[q]! <= time || sums[j]! <= least * o.passOnMax) return true;
    }
    return false;
  };
}

/**
 * The payments among `payments` that could lie on a loop: both their accounts pay and are paid
 * by others of them, after taking away, again and again, the accounts that do not. Payments to
 * an account that pays no one on, or from one that no one pays, close no loop; the amounts do not
 * matter, so this is done once for the search and its chance runs.
 */
export function paymentsOnLoops(tl: MoneyTimeline, payments: readonly number[]): number[] {
  const { from, to } = tl.graph.transfers;
  const n = tl.graph.nodeCount;
  const kept = new Uint8Array(from.length);
  const outs = new Int32Array(n);
  const ins = new Int32Array(n);
  for (const i of payments) {
    kept[i] = 1;
    outs[from[i]!]! += 1;
    ins[to[i]!]! += 1;
  }
  const gone = new Uint8Array(n);
  const queue: number[] = [];
  const check = (v: number) => {
    if (gone[v] === 0 && (outs[v] === 0 || ins[v] === 0)) {
      gone[v] = 1;
      queue.push(v);
    }
  };
  for (const i of payments) {
    check(from[i]!);
    check(to[i]!);
  }
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (const i of transfersOf(tl, v, 'out')) {
      if (kept[i] === 0) continue;
      kept[i] = 0;
      ins[to[i]!]! -= 1;
      check(to[i]!);
    }
    for (const i of transfersOf(tl, v, 'in')) {
      if (kept[i] === 0) continue;
      kept[i] = 0;
      outs[from[i]!]! -= 1;
      check(from[i]!);
    }
  }
  return payments.filter((i) => kept[i] === 1);
}

/** `loop`'s payments in time order (the larger first within a step). */
function inTime(loop: readonly number[], at: ArrayLike<number>, amountOf: ArrayLike<number>) {
  return [...loop].sort((x, y) => at[x]! - at[y]! || amountOf[y]! - amountOf[x]!);
}

/** Each payment of `loop`, in time order after the first, as a share of the one before. */
export function sharesInTime(
  loop: readonly number[],
  at: ArrayLike<number>,
  amountOf: ArrayLike<number>,
): number[] {
  const ordered = inTime(loop, at, amountOf);
  return ordered.slice(1).map((i, k) => amountOf[i]! / amountOf[ordered[k]!]!);
}

/** Each payment, in time order, is `slowCycleShare`..`passOnMax` of the one before. */
function fallsStepByStep(
  loop: readonly number[],
  at: ArrayLike<number>,
  amountOf: ArrayLike<number>,
  o: TypologyOptions,
): boolean {
  return sharesInTime(loop, at, amountOf).every(
    (share) => share >= o.slowCycleShare && share <= o.passOnMax,
  );
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
