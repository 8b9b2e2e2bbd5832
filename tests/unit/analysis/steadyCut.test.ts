/**
 * Loops that keep the same cut: among accounts that pay one another like sums once (so loops of
 * falling payments turn up by chance), a loop where each payment, in the order made, is the same
 * share of the one before stands out; the same loop with cuts that vary is one of many.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { randomIndex, seededRandom } from '../../../server/analysis/random';

const DAY = 86_400_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');

/** 120 accounts each paying five others once, 150.00-260.00, on random days over 90 days. */
function likeSums(b: AnalysisGraphBuilder): void {
  const random = seededRandom(4);
  const paid = new Set<string>();
  for (let a = 0; a < 120; a += 1) {
    for (let k = 0; k < 5; k += 1) {
      const to = randomIndex(random, 120);
      if (to === a || paid.has(`${a}>${to}`) || paid.has(`${to}>${a}`)) continue;
      paid.add(`${a}>${to}`);
      const cents = 15_001 + randomIndex(random, 11_000);
      b.addTransfer(`L${a}`, `L${to}`, T0 + randomIndex(random, 90 * DAY), cents);
    }
  }
}

/** Five accounts paying round a loop out of its order over ten days, each at `share(k)` of the one before. */
function loop(share: (k: number) => number) {
  const b = new AnalysisGraphBuilder();
  likeSums(b);
  const order = [2, 0, 3, 1, 4];
  let cents = 25_313;
  order.forEach((hop, k) => {
    if (k > 0) cents = Math.round(cents * share(k));
    b.addTransfer(`C${hop}`, `C${(hop + 1) % 5}`, T0 + (30 + 2 * k) * DAY, cents);
  });
  const graph = b.build();
  const { rings, nearMisses } = typologyRings(graph, new Set());
  const onLoop = (nodes: number[]) => nodes.some((v) => graph.keys[v]!.startsWith('BankAccount:C'));
  return {
    ring: rings.find((r) => onLoop(r.members.map((m) => m.node))),
    near: nearMisses.find((m) => m.typology === 'cycle' && onLoop(m.nodes)),
  };
}

describe('loops keeping the same cut', () => {
  it('finds a loop where every payment was 90% of the one before, among like sums', () => {
    const { ring } = loop(() => 0.9);
    expect(ring?.typology).toBe('cycle');
    expect(ring?.evidence.reasons[0]).toMatch(/each payment was 90% of the one before/);
  });

  it('weighs a loop whose cuts vary among the many such loops like sums make', () => {
    const { ring, near } = loop((k) => [0, 0.9, 0.97, 0.91, 0.99][k]!);
    expect(ring).toBeUndefined();
    expect(near?.missed.join(' ')).toMatch(/loops of 5 accounts passing money on like this/);
  });
});
