/**
 * Slow blocks: accounts that each paid the same three or more accounts once, however far apart in
 * time, and never dealt with them otherwise: a bipartite block, or a stack where the accounts paid
 * pay on in turn to accounts they share. Two people seldom pay the same three people once each
 * and nothing more (friends, tenants and customers come back). Pure functions over the money
 * timeline.
 */
import { groupsSharingKeys } from '../disjointSets';
import { GroupedLists } from '../groupedLists';
import { seededRandom, shuffledRange } from '../random';
import type { RingRole } from './candidate';
import type { MoneyTimeline } from './fanIn';
import { duration, idList, timeSpan, type Shape } from './shapes';
import { count, isRoundSum, percent, plural } from './signals';
import { pairFirsts, slowChanceMissed, type OncePayments } from './slowShapes';
import type { TypologyOptions } from './typologyOptions';

/** A one-off pair: its payer, its payee and its first transfer. */
interface OneOff {
  from: number;
  to: number;
  transfer: number;
}

/** Two payers and the payees they both paid once. */
interface Core {
  payers: [number, number];
  payees: number[];
}

/** Accounts paying the same accounts once each, and the one-off payments between them. */
interface SlowBlock {
  payers: Set<number>;
  payees: Set<number>;
  payments: OneOff[];
}

/**
 * The one-off pairs among `once`, one per pair, leaving out round sums (the same 500.00 to each
 * member of a savings club in turn is a habit, not a block).
 */
function oneOffPairs(tl: MoneyTimeline, once: OncePayments): OneOff[] {
  const { from, to, amount } = tl.graph.transfers;
  return pairFirsts(tl, once.list)
    .filter((i) => !isRoundSum(amount[i]!))
    .map((i) => ({ from: from[i]!, to: to[i]!, transfer: i }));
}

/** One-off pairs as the block search reads them: payers, and each payer's pairs. */
interface PairColumns {
  pairs: readonly OneOff[];
  payer: Int32Array;
  /**
   * Each payer's pairs; only payers with `minBlockPayees` one-off payees can be in a core
   * (shuffling payees keeps every payer's number of them), so pairs of the others are never
   * counted.
   */
  pairsOf: GroupedLists;
}

function pairColumns(nodeCount: number, pairs: readonly OneOff[]): PairColumns {
  const payer = Int32Array.from(pairs, (pair) => pair.from);
  const pairsOf = new GroupedLists(
    nodeCount,
    pairs.length,
    (k) => payer[k]!,
    (k) => k,
  );
  return { pairs, payer, pairsOf };
}

/**
 * Blocks among the pairs, payees read from `payee` (for chance, a shuffled column): every two
 * payers sharing `minBlockPayees` or more payees make a core; cores sharing an account are one
 * block, with every one-off payment from its payers to its payees.
 */
function slowBlocks(
  o: TypologyOptions,
  nodeCount: number,
  columns: PairColumns,
  payee: Int32Array,
): SlowBlock[] {
  const { pairs, payer, pairsOf } = columns;
  const payersOf = new GroupedLists(
    nodeCount,
    pairs.length,
    (k) => (payee[k] === payer[k] ? -1 : payee[k]!),
    (k) => payer[k]!,
  );
  // The payers of each payee that can be in a core, leaving out payees many pay once (a shop or
  // a collection, not a block's).
  const payeeList: number[] = [];
  const payerLists: Int32Array[] = [];
  for (const to of payersOf.keys) {
    const all = payersOf.of(to);
    if (all.length > o.maxFan) continue;
    const payers = all.filter((v) => pairsOf.size(v) >= o.minBlockPayees);
    if (payers.length < 2) continue;
    payeeList.push(to);
    payerLists.push(payers);
  }
  // Count the payees each two payers share, payer by payer, in one tally over the accounts.
  const listPayers: number[] = [];
  const listIndices: number[] = [];
  payerLists.forEach((payers, j) => {
    for (const v of payers) {
      listPayers.push(v);
      listIndices.push(j);
    }
  });
  const listsOf = new GroupedLists(
    nodeCount,
    listPayers.length,
    (k) => listPayers[k]!,
    (k) => listIndices[k]!,
  );
  const tally = new Int32Array(nodeCount);
  const touched: number[] = [];
  // Per lower payer, the higher ones sharing enough payees with it, and their core once listed.
  const partnersOf = new Map<number, Map<number, Core | null>>();
  const hasPartners = new Uint8Array(nodeCount);
  for (const x of listsOf.keys) {
    for (const j of listsOf.of(x)) {
      for (const y of payerLists[j]!) {
        if (y <= x) continue;
        if (tally[y] === 0) touched.push(y);
        tally[y] = tally[y]! + 1;
      }
    }
    for (const y of touched) {
      if (tally[y]! >= o.minBlockPayees) {
        let partners = partnersOf.get(x);
        if (!partners) partnersOf.set(x, (partners = new Map<number, Core | null>()));
        partners.set(y, null);
        hasPartners[x] = 1;
      }
      tally[y] = 0;
    }
    touched.length = 0;
  }
  // Then list them, payee by payee, for the pairs that share enough.
  const cores: Core[] = [];
  payerLists.forEach((payers, j) => {
    for (let a = 0; a < payers.length; a += 1) {
      for (let b = a + 1; b < payers.length; b += 1) {
        const x = Math.min(payers[a]!, payers[b]!);
        const y = Math.max(payers[a]!, payers[b]!);
        if (x === y || hasPartners[x] === 0) continue;
        const partners = partnersOf.get(x)!;
        if (!partners.has(y)) continue;
        let core = partners.get(y);
        if (!core) {
          partners.set(y, (core = { payers: [x, y], payees: [] }));
          cores.push(core);
        }
        core.payees.push(payeeList[j]!);
      }
    }
  });
  if (cores.length === 0) return [];
  return groupsSharingKeys(cores, (core) => [...core.payers, ...core.payees]).map((group) => {
    const payers = new Set(group.flatMap((core) => core.payers));
    const payees = new Set(group.flatMap((core) => core.payees));
    const payments: OneOff[] = [];
    for (const v of payers) {
      for (const k of pairsOf.of(v)) {
        if (payees.has(payee[k]!))
          payments.push({ from: v, to: payee[k]!, transfer: pairs[k]!.transfer });
      }
    }
    return { payers, payees, payments };
  });
}

/**
 * Blocks of one-off payments (`slowBlocks`) among those no ring found before is made of. Two
 * accounts paying the same three new accounts once each can happen by chance where many pay many,
 * so the same search runs again `slowShuffles` times with the pairs' payees shuffled among them:
 * blocks of as many payments or more are rings when chance gives no more than
 * `maxSlowChanceShare` of as many as were found. A block whose payees pay on to its other payees
 * is a stack.
 */
export function slowBlockShapes(
  tl: MoneyTimeline,
  o: TypologyOptions,
  once: OncePayments,
): Shape[] {
  const pairs = oneOffPairs(tl, once);
  const n = tl.graph.nodeCount;
  const columns = pairColumns(n, pairs);
  const blocks = slowBlocks(
    o,
    n,
    columns,
    Int32Array.from(pairs, (pair) => pair.to),
  );
  if (blocks.length === 0) return [];
  const found = new Map<number, number>();
  const chance = new Map<number, number>();
  const tally = (map: Map<number, number>, size: number, weight: number) => {
    for (let k = 1; k <= size; k += 1) map.set(k, (map.get(k) ?? 0) + weight);
  };
  for (const block of blocks) tally(found, block.payments.length, 1);
  const random = seededRandom(3);
  const rounds = Math.max(1, o.slowShuffles);
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffledRange(pairs.length, random);
    const shuffled = Int32Array.from(order, (k) => pairs[k]!.to);
    for (const block of slowBlocks(o, n, columns, shuffled)) {
      tally(chance, block.payments.length, 1 / rounds);
    }
  }
  return blocks.map((block) => {
    const shape = describeSlowBlock(tl, block);
    const size = block.payments.length;
    const missed = slowChanceMissed(
      o,
      chance.get(size) ?? 0,
      found.get(size) ?? 1,
      `blocks of ${plural(size, 'one-off payment')} or more like this`,
      'its payees shuffled',
    );
    if (missed) shape.missed.push(missed);
    return shape;
  });
}

function describeSlowBlock(tl: MoneyTimeline, block: SlowBlock): Shape {
  const g = tl.graph;
  const { payers, payees, payments } = block;
  const middles = [...payers].filter((v) => payees.has(v));
  const stack = middles.length > 0;
  const roles = new Map<number, RingRole>();
  for (const v of payers) roles.set(v, 'mule');
  for (const v of payees) if (!roles.has(v)) roles.set(v, stack ? 'cash_out' : 'mule');
  const span = timeSpan(
    tl,
    payments.map((p) => p.transfer),
  );
  const density = payments.length / (payers.size * payees.size);
  return {
    typology: stack ? 'stack' : 'bipartite',
    roles,
    leader: null,
    score: Math.min(0.95, 0.55 + 0.02 * payments.length),
    missed: [],
    reasons: () => [
      stack
        ? `money went through layers of accounts paying the same accounts once each: ${plural(payers.size, 'account')} paid ${plural(payees.size, 'account')}, ${count(middles.length)} of which paid on to the others, ${plural(payments.length, 'payment')} over ${duration(tl, span.last - span.first)}`
        : `${plural(payers.size, 'account')} each paid three or more of the same ${plural(payees.size, 'account')} once: ${plural(payments.length, 'payment')} (${percent(density)} of the possible) over ${duration(tl, span.last - span.first)}`,
      `none of the pairs dealt with each other before or after`,
    ],
    memberReasons: (v) => {
      const paid = payments.filter((p) => p.from === v).map((p) => p.to);
      const paidBy = payments.filter((p) => p.to === v).map((p) => p.from);
      return [
        ...(paid.length > 0
          ? [
              `paid ${plural(paid.length, 'account')} of the block once each (${idList(g, paid, 4)})`,
            ]
          : []),
        ...(paidBy.length > 0
          ? [
              `was paid once each by ${plural(paidBy.length, 'account')} of the block (${idList(g, paidBy, 4)})`,
            ]
          : []),
      ];
    },
  };
}
