/**
 * A hub serving two rings weeks apart: two bursts of new payees, each mostly off the hub's
 * routine amount, are two fan-outs it leads; a wave of new payees at its routine amount is its
 * business and no ring.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/graphBuilder';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { seededRandom } from '../../../server/analysis/random';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sums far apart (the largest over twice the least), none a routine's. */
const SUMS = [12_185, 33_680, 51_693, 21_731, 44_769, 58_140];
const FIRST = [...SUMS, 27_311, 49_417, 15_903];

/**
 * 300 accounts over 60 days, each paying its rent (a standing amount) weekly and three new
 * accounts at sums of its own. HUB pays its rent weekly, nine new accounts within nine hours on
 * day 12, and six more within ten hours on day 45 at `second` (its rent, or sums of its own).
 */
function hubWorld(second: readonly number[]) {
  const random = seededRandom(11);
  const b = new AnalysisGraphBuilder();
  let payee = 0;
  const account = (payer: string, rent: number, strangers = 3) => {
    for (let week = 0; week < 8; week += 1) {
      b.addTransfer(payer, `${payer}-LANDLORD`, T0 + (week * 7 + 1) * DAY, rent);
    }
    for (let k = 0; k < strangers; k += 1) {
      const at = T0 + Math.floor(random() * 1440) * HOUR;
      b.addTransfer(payer, `P${payee++}`, at, Math.round(5_000 + random() * 55_000));
    }
  };
  for (let a = 0; a < 300; a += 1) account(`A${a}`, 80_000 + 113 * a);
  const rent = 75_311;
  account('HUB', rent, 0);
  FIRST.forEach((cents, i) => b.addTransfer('HUB', `FIRST${i}`, T0 + 12 * DAY + i * HOUR, cents));
  second.forEach((cents, i) =>
    b.addTransfer('HUB', `SECOND${i}`, T0 + 45 * DAY + 2 * i * HOUR, cents === 0 ? rent : cents),
  );
  const graph = b.build();
  const hub = graph.keys.indexOf('BankAccount:HUB');
  expect(hub).toBeGreaterThanOrEqual(0);
  const led = typologyRings(graph, new Set()).rings.filter((ring) =>
    ring.members.some((m) => m.node === hub && m.role === 'ringleader'),
  );
  return led.map((ring) =>
    ring.members
      .filter((m) => m.node !== hub)
      .map((m) => graph.keys[m.node]!.replace('BankAccount:', '').replace(/\d+$/, ''))
      .join(','),
  );
}

describe("a hub's second burst of new payees", () => {
  it('is a second fan-out it leads when most of it is off its routine', () => {
    const rings = hubWorld(SUMS.map((cents) => cents + 1_000));
    expect(rings.sort()).toEqual([
      'FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST',
      'SECOND,SECOND,SECOND,SECOND,SECOND,SECOND',
    ]);
  });

  it('is no ring when paid at its routine amount, and leaves the first its fan-out', () => {
    expect(hubWorld([0, 0, 0, 0, 0, 0])).toEqual([
      'FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST,FIRST',
    ]);
  });
});
