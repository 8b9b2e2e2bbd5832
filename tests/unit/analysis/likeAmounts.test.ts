/**
 * Like amounts: a burst's different sums within a narrow band of the data's payments make it
 * stand out from a busy account's stream of new payees, where sums far apart do not.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_LIKE_RATIO,
  likeAmounts,
  sortedAmounts,
} from '../../../server/analysis/rings/likeAmounts';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/graphBuilder';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { seededRandom } from '../../../server/analysis/random';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

describe('like amounts of a group of payments', () => {
  // The data: 1,000 payments of 1.00 to 1,000.00 (100 to 100,000 minor units, 100 apart).
  const amounts = Float64Array.from({ length: 1000 }, (_, i) => 100 + 100 * i + 1);
  const sorted = sortedAmounts(amounts);

  it('measures the band the different sums span against the data', () => {
    // Six payments between 101.01 and 151.01: 51 of the data's 1,000 within that band.
    const like = likeAmounts(amounts, [100, 110, 120, 130, 140, 150], sorted, 0);
    expect(like).toMatchObject({ count: 6, lowest: 10_101, highest: 15_101, share: 0.051 });
    // Six draws all within a band of 5.1%: 6 * 0.051^5 - 5 * 0.051^6, about 2e-6.
    expect(like.surprise).toBeCloseTo(-Math.log10(6 * 0.051 ** 5 - 5 * 0.051 ** 6), 6);
    expect(likeAmounts(amounts, [100, 110, 120, 130, 140, 150], sorted, 2).surprise).toBeCloseTo(
      like.surprise - 2,
      6,
    );
  });

  it('counts equal sums once and needs four different ones', () => {
    expect(likeAmounts(amounts, [100, 100, 100, 110, 120], sorted, 0).count).toBe(0);
    const repeated = new Float64Array([...amounts, 10_101, 10_101]);
    expect(likeAmounts(repeated, [100, 1000, 1001, 110, 120, 130], sorted, 0).count).toBe(4);
  });

  it('leaves out sums more than twice apart', () => {
    expect(MAX_LIKE_RATIO).toBe(2);
    expect(likeAmounts(amounts, [100, 110, 120, 250], sorted, 0).surprise).toBe(0);
    expect(likeAmounts(amounts, [100, 110, 120, 200], sorted, 0).surprise).toBeGreaterThan(0);
  });
});

/**
 * 300 accounts over 60 days, each paying eight new accounts at sums of its own (50.00 to
 * 600.00); HUB pays eight new accounts the same way, then six more within ten hours at `burst`.
 */
function busyWorld(burst: readonly number[]) {
  const random = seededRandom(7);
  const b = new AnalysisGraphBuilder();
  const sum = () => Math.round(5_000 + random() * 55_000);
  let payee = 0;
  const stream = (payer: string) => {
    for (let k = 0; k < 8; k += 1) {
      b.addTransfer(payer, `P${payee++}`, T0 + Math.floor(random() * 1440) * HOUR, sum());
    }
  };
  for (let a = 0; a < 300; a += 1) stream(`A${a}`);
  stream('HUB');
  burst.forEach((cents, i) => b.addTransfer('HUB', `MULE${i}`, T0 + (700 + 2 * i) * HOUR, cents));
  const graph = b.build();
  const hub = graph.keys.indexOf('BankAccount:HUB');
  expect(hub).toBeGreaterThanOrEqual(0);
  const rings = typologyRings(graph, new Set()).rings;
  return rings.filter((ring) => ring.members.some((member) => member.node === hub));
}

describe('a burst of like sums among a busy account stream', () => {
  it('is a fan-out led by the account, with the band as a reason', () => {
    const rings = busyWorld([12_185, 12_936, 13_693, 11_731, 10_769, 13_140]);
    expect(rings.map((ring) => ring.typology)).toEqual(['fan_out']);
    expect(rings[0]!.members.find((m) => m.role === 'ringleader')?.node).toBe(rings[0]!.anchor);
    expect(rings[0]!.members).toHaveLength(7);
    expect(rings[0]!.evidence.reasons.join(' ')).toMatch(
      /6 different sums between 107\.69 and 136\.93, a band holding/,
    );
  });

  it('is no ring when its sums are as far apart as the account stream', () => {
    expect(busyWorld([12_185, 33_680, 51_693, 21_731, 44_769, 58_140])).toEqual([]);
  });
});
