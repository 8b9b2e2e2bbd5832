import { describe, expect, it } from 'vitest';
import { moneyTimeline } from '../../../server/analysis/rings/fanIn';
import { fallingLoops, paymentsOnLoops } from '../../../server/analysis/rings/fallingLoops';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/graphBuilder';
import { TYPOLOGY_DEFAULTS } from '../../../server/analysis/rings/typologyOptions';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

/** A timeline of `payments` ([from, to, day, cents]) and each payment's transfer index. */
function timeline(payments: [string, string, number, number][]) {
  const b = new AnalysisGraphBuilder();
  for (const [from, to, day, cents] of payments) b.addTransfer(from, to, T0 + day * DAY, cents);
  const graph = b.build();
  const tl = moneyTimeline(graph, new Set(), TYPOLOGY_DEFAULTS);
  const name = (i: number) =>
    `${graph.keys[graph.transfers.from[i]!]!.slice('BankAccount:'.length)}>${graph.keys[graph.transfers.to[i]!]!.slice('BankAccount:'.length)}`;
  const all = Array.from({ length: graph.transfers.from.length }, (_, i) => i);
  return { tl, graph, name, all };
}

/** The falling loops among all of a timeline's payments, at their own amounts. */
function loopsIn(t: ReturnType<typeof timeline>): number[][] {
  return fallingLoops(t.tl, TYPOLOGY_DEFAULTS, t.all, t.graph.transfers.amount);
}

describe('loops of one-off payments', () => {
  it('keeps only the payments that could close a loop', () => {
    const { tl, name, all } = timeline([
      ['A', 'B', 1, 10_001],
      ['B', 'C', 2, 10_002],
      ['C', 'A', 3, 10_003],
      // C pays D, who pays no one; E, whom no one pays, pays A; F and G pay each other's way
      // onward to no one.
      ['C', 'D', 4, 10_004],
      ['E', 'A', 5, 10_005],
      ['F', 'G', 6, 10_006],
      ['G', 'D', 7, 10_007],
    ]);
    expect(paymentsOnLoops(tl, all).map(name).sort()).toEqual(['A>B', 'B>C', 'C>A']);
  });

  it('finds a loop whose payments fall in time, from its first payment, and not one that rises', () => {
    const falling = timeline([
      ['A', 'B', 20, 551_111],
      ['B', 'C', 61, 446_401],
      ['C', 'D', 3, 612_347],
      ['D', 'A', 40, 496_003],
    ]);
    const loops = loopsIn(falling);
    expect(loops.map((loop) => loop.map(falling.name))).toEqual([['C>D', 'D>A', 'A>B', 'B>C']]);

    const rising = timeline([
      ['A', 'B', 20, 551_111],
      ['B', 'C', 61, 446_401],
      ['C', 'D', 3, 612_347],
      ['D', 'A', 40, 580_111],
    ]);
    expect(loopsIn(rising)).toEqual([]);
  });

  it('finds a loop closed after its smallest payment by one a little larger, not by one larger still', () => {
    // In time: C>D, D>A, B>C (the smallest), then A>B closing the loop back to B: 0.2% more
    // than B>C (within the 0.5% a payment may exceed an earlier one), or 0.8% more.
    const closedBy = (cents: number) =>
      timeline([
        ['C', 'D', 3, 600_000],
        ['D', 'A', 20, 540_000],
        ['B', 'C', 30, 486_000],
        ['A', 'B', 35, cents],
      ]);
    const slightly = closedBy(487_000);
    const found = loopsIn(slightly);
    // The search among loops of any span and the one within a window may both find it.
    expect(new Set(found.map((loop) => loop.map(slightly.name).join(' ')))).toEqual(
      new Set(['C>D D>A A>B B>C']),
    );
    const more = closedBy(490_000);
    expect(loopsIn(more)).toEqual([]);
  });

  it('finds a loop of eight accounts paid out of order within a day, but not one spread over weeks', () => {
    const accounts = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    // The order of payment round the loop: hop 3 first, then 0, 6, 1, ...
    const order = [3, 0, 6, 1, 7, 2, 5, 4];
    const loop = (dayOf: (k: number) => number) => {
      const payments: [string, string, number, number][] = [];
      order.forEach((hop, k) => {
        const cents = Math.round(800_000 * 0.9 ** k);
        payments.push([accounts[hop]!, accounts[(hop + 1) % 8]!, dayOf(k), cents]);
      });
      return timeline(payments);
    };
    const sameDay = loop((k) => 10 + k / 24);
    const found = loopsIn(sameDay);
    expect(found.map((l) => l.map(sameDay.name))).toEqual([
      ['D>E', 'E>F', 'F>G', 'G>H', 'H>A', 'A>B', 'B>C', 'C>D'],
    ]);
    const weeks = loop((k) => 10 + 9 * k);
    expect(loopsIn(weeks)).toEqual([]);
  });

  it('finds a loop of sixteen accounts paid out of order within a day, and none longer than twenty', () => {
    // Account k pays account k + 1 (the last pays the first), the hops paid in a shuffled order,
    // each payment 90% of the one made before.
    const loopOf = (size: number) => {
      const accounts = Array.from({ length: size }, (_, k) => `L${k}`);
      const order = Array.from({ length: size }, (_, k) => (k * 7 + 3) % size);
      const payments: [string, string, number, number][] = order.map((hop, k) => [
        accounts[hop]!,
        accounts[(hop + 1) % size]!,
        10 + k / 48,
        Math.round(5_000_000 * 0.9 ** k),
      ]);
      return timeline(payments);
    };
    const sixteen = loopOf(16);
    const found = loopsIn(sixteen);
    expect(found).toHaveLength(1);
    expect(new Set(found[0]!.map(sixteen.name))).toEqual(new Set(sixteen.all.map(sixteen.name)));
    const longer = loopOf(21);
    expect(loopsIn(longer)).toEqual([]);
  });
});
