/**
 * Stacks weighed against chance with the payees shuffled: on a background of 1,000 accounts each
 * paying a dozen others once over 400 hours, two accounts pay the same two accounts a few hours
 * apart, and those pay on to the same two others within the day, at the background's amounts.
 * Each account's pace is ordinary (and background payers that happen to pay one of the middle
 * accounts join its block); what chance does not make here is blocks stacked in layers.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { randomIndex, seededRandom } from '../../../server/analysis/random';

const HOUR = 3_600_000;
const ACCOUNTS = 1_000;
const HOURS = 400;

function stackWorld(layered: boolean) {
  const random = seededRandom(11);
  const b = new AnalysisGraphBuilder();
  const amount = () => 10_000 + randomIndex(random, 50_000);
  for (let a = 0; a < ACCOUNTS; a += 1) {
    for (let k = 0; k < 15; k += 1) {
      const to = randomIndex(random, ACCOUNTS);
      if (to !== a) b.addTransfer(`A${a}`, `A${to}`, randomIndex(random, HOURS) * HOUR, amount());
    }
  }
  // Layers of two: A0, A1 pay A2, A3 (one amount each), which pay A4, A5 later the same day.
  const start = 200 * HOUR;
  for (const [payers, payees, at] of [
    [['A0', 'A1'], ['A2', 'A3'], start],
    [['A2', 'A3'], ['A4', 'A5'], start + 14 * HOUR],
  ] as const) {
    for (const payer of payers) {
      const each = amount();
      for (const [k, payee] of payees.entries()) {
        if (layered || payer !== 'A2') b.addTransfer(payer, payee, at + k * 7 * HOUR, each);
      }
    }
  }
  return b.build();
}

describe('stacks against shuffled payees', () => {
  it('finds two layers of two accounts paying on at an ordinary pace', () => {
    const graph = stackWorld(true);
    const { rings } = typologyRings(graph, new Set());
    const stack = rings.find((ring) => ring.typology === 'stack');
    expect(stack).toBeDefined();
    expect(new Set(stack!.members.map((m) => graph.keys[m.node]))).toEqual(
      new Set(['A0', 'A1', 'A2', 'A3', 'A4', 'A5'].map((id) => `BankAccount:${id}`)),
    );
    expect(stack!.evidence.reasons.join(' ')).toMatch(/with its payees shuffled, against 1 found/);
  });

  it('leaves a broken middle layer alone', () => {
    const graph = stackWorld(false);
    const { rings } = typologyRings(graph, new Set());
    expect(rings.filter((ring) => ring.typology === 'stack')).toEqual([]);
  });
});
