/**
 * Bursts of new counterparties paying (or paid) one amount to the cent: more surprising where the
 * data's accounts choose their own amounts, no more where they repeat a standing amount.
 */
import { describe, expect, it } from 'vitest';
import {
  equalAmountPairs,
  moneyTimeline,
  sameAmountChance,
  sameMomentChance,
  strongestBurst,
} from '../../../server/analysis/rings/fanIn';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/graphBuilder';
import { TYPOLOGY_DEFAULTS } from '../../../server/analysis/rings/typologyOptions';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

/**
 * 200 accounts over 60 days, each paying three new accounts: at an amount of their own each time,
 * or `standing`, one amount an account always pays. Then COLLECT paid by four new accounts within
 * hours, and SPLIT paying four new accounts within hours, at `amount(i)`.
 */
function timeline(standing: boolean, amount: (i: number) => number) {
  const b = new AnalysisGraphBuilder();
  for (let a = 0; a < 200; a += 1) {
    for (let k = 0; k < 3; k += 1) {
      const cents = standing ? 10_013 + 97 * a : 10_013 + 97 * a + 7 * k + 1;
      b.addTransfer(`A${a}`, `A${(a + 1 + 37 * k) % 200}`, T0 + (a * 7 + k * 300) * HOUR, cents);
    }
  }
  const at = T0 + 30 * 24 * HOUR;
  for (let i = 0; i < 4; i += 1) {
    b.addTransfer(`IN${i}`, 'COLLECT', at + i * 3 * HOUR, amount(i));
    b.addTransfer('SPLIT', `OUT${i}`, at + i * 3 * HOUR, amount(i));
  }
  const graph = b.build();
  const tl = moneyTimeline(graph, new Set(), TYPOLOGY_DEFAULTS);
  const node = (key: string) => graph.keys.indexOf(`BankAccount:${key}`);
  const burst = (key: string, direction: 'in' | 'out') =>
    strongestBurst(tl, node(key), direction, TYPOLOGY_DEFAULTS.burstSteps)!;
  return { tl, burst };
}

/** Sums each payer chose, far apart (not like amounts either: the largest is over twice the least). */
const ownAmount = (i: number) => 148_273 + 97_919 * i;

describe('equal amounts in a burst', () => {
  it('counts the pairs of payments for one amount to the cent, leaving round sums out', () => {
    const { tl } = timeline(false, () => 148_273);
    const { amount } = tl.graph.transfers;
    const byAmount = (cents: number) =>
      Array.from(amount.keys()).filter((i) => amount[i] === cents);
    expect(equalAmountPairs(tl, byAmount(148_273))).toBe(28); // 8 payments: 8 * 7 / 2
    expect(equalAmountPairs(tl, [...byAmount(148_273).slice(0, 1), ...byAmount(10_014)])).toBe(0);
  });

  it('makes a burst of new payers paying one odd amount more surprising than one paying their own', () => {
    const equal = timeline(false, () => 148_273).burst('COLLECT', 'in');
    const own = timeline(false, ownAmount).burst('COLLECT', 'in');
    expect(equal.sameAmounts).toBe(6);
    expect(own.sameAmounts).toBe(0);
    expect(equal.surprise - own.surprise).toBeGreaterThan(10);
  });

  it('gives equal amounts little weight where accounts pay a standing amount again and again', () => {
    const { tl, burst } = timeline(true, () => 148_273);
    expect(sameAmountChance(tl, 'out')).toBeGreaterThan(0.5);
    const own = timeline(true, ownAmount).burst('SPLIT', 'out');
    expect(burst('SPLIT', 'out').surprise - own.surprise).toBeLessThan(1);
    // Where the payers choose their own amounts, the same split stands out.
    const free = timeline(false, () => 148_273).burst('SPLIT', 'out');
    const freeOwn = timeline(false, ownAmount).burst('SPLIT', 'out');
    expect(free.surprise - freeOwn.surprise).toBeGreaterThan(10);
  });
});

/**
 * 200 accounts each paid by two new accounts at one moment, and 200 each paying two new accounts
 * at one moment, at sums of their own (or, with `standing`, each payer's one standing sum to
 * both). Then COLLECT paid by four new accounts over ten hours, the first two at one moment, and
 * SPLIT paying four new accounts so, the first two `twin` sums the same, the others their own
 * (far apart: no like amounts).
 */
function momentWorld(standing: boolean, twin: boolean) {
  const b = new AnalysisGraphBuilder();
  for (let a = 0; a < 200; a += 1) {
    const at = T0 + a * 5 * HOUR;
    b.addTransfer(`P${a}x`, `R${a}`, at, 10_013 + 97 * a);
    b.addTransfer(`P${a}y`, `R${a}`, at, 20_011 + 89 * a);
    b.addTransfer(`S${a}`, `Q${a}x`, at, 10_013 + 97 * a);
    b.addTransfer(`S${a}`, `Q${a}y`, at, standing ? 10_013 + 97 * a : 20_011 + 89 * a);
  }
  const at = T0 + 30 * 24 * HOUR + 2 * HOUR;
  const sums = [0, twin ? 0 : 1, 2, 3].map(ownAmount);
  const hours = [0, 0, 4, 9];
  for (let i = 0; i < 4; i += 1) {
    b.addTransfer(`IN${i}`, 'COLLECT', at + hours[i]! * HOUR, sums[i]!);
    b.addTransfer('SPLIT', `OUT${i}`, at + hours[i]! * HOUR, sums[i]!);
  }
  const graph = b.build();
  const tl = moneyTimeline(graph, new Set(), TYPOLOGY_DEFAULTS);
  const node = (key: string) => graph.keys.indexOf(`BankAccount:${key}`);
  const burst = (key: string, direction: 'in' | 'out') =>
    strongestBurst(tl, node(key), direction, TYPOLOGY_DEFAULTS.burstSteps, undefined, 3)!;
  return { tl, burst };
}

describe('the same sum at the same moment', () => {
  it('makes a fan whose two payers paid one sum at one moment more surprising, where such pairs pay their own', () => {
    const twin = momentWorld(false, true);
    const own = momentWorld(false, false);
    expect(sameMomentChance(twin.tl, 'in')).toBeLessThan(0.01);
    const withTwins = twin.burst('COLLECT', 'in');
    expect(withTwins.sameMoment).toEqual({ pairs: 1, equal: 1 });
    expect(withTwins.sameAmounts).toBe(1);
    expect(withTwins.surprise - own.burst('COLLECT', 'in').surprise).toBeGreaterThan(1.5);
    expect(withTwins.counterparties).toHaveLength(4);
  });

  it('gives it little weight where accounts pay their one standing sum to several at a time', () => {
    const twin = momentWorld(true, true);
    expect(sameMomentChance(twin.tl, 'out')).toBeGreaterThan(0.9);
    const gain =
      twin.burst('SPLIT', 'out').surprise - momentWorld(true, false).burst('SPLIT', 'out').surprise;
    expect(gain).toBeLessThan(0.3);
    // Where payers choose a sum per payee, the same twin payment stands out.
    const free = momentWorld(false, true).burst('SPLIT', 'out').surprise;
    expect(free - momentWorld(false, false).burst('SPLIT', 'out').surprise).toBeGreaterThan(1.5);
  });
});
