/**
 * Hubs keeping an exact cut: among accounts that pay one another once, some paying their own
 * standing amount to several accounts, a hub that gathered from two accounts and, hours later,
 * paid two others identical shares of exactly 90% of it, to the cent, is a gather-scatter; the
 * same hub paying shares that come to no whole percentage is one of many equal payers. Where
 * busy accounts' shares come to a whole percentage of some of their many payments by chance,
 * hubs whose cut is of the last payments they received still stand out.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { randomIndex, seededRandom } from '../../../server/analysis/random';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');

/**
 * 150 accounts each paying five others once on random hours over 90 days: a third of them pay
 * their standing amount every time, the others 100.00-300.00.
 */
function background(b: AnalysisGraphBuilder): void {
  const random = seededRandom(7);
  const paid = new Set<string>();
  for (let a = 0; a < 150; a += 1) {
    const standing = a % 3 === 0 ? 10_001 + randomIndex(random, 20_000) : 0;
    for (let k = 0; k < 5; k += 1) {
      const to = randomIndex(random, 150);
      if (to === a || paid.has(`${a}>${to}`) || paid.has(`${to}>${a}`)) continue;
      paid.add(`${a}>${to}`);
      const cents = standing || 10_001 + randomIndex(random, 20_000);
      b.addTransfer(`B${a}`, `B${to}`, T0 + randomIndex(random, 90 * 24) * HOUR, cents);
    }
  }
}

/** HUB gathers 179.44 and 120.31, then pays two accounts `share` cents each, within a day. */
function hub(share: number) {
  const b = new AnalysisGraphBuilder();
  background(b);
  b.addTransfer('S1', 'HUB', T0 + 40 * 24 * HOUR, 17_944);
  b.addTransfer('S2', 'HUB', T0 + (40 * 24 + 5) * HOUR, 12_031);
  b.addTransfer('HUB', 'R1', T0 + (40 * 24 + 8) * HOUR, share);
  b.addTransfer('HUB', 'R2', T0 + (40 * 24 + 10) * HOUR, share);
  const graph = b.build();
  const { rings, nearMisses } = typologyRings(graph, new Set());
  const isHub = (v: number) => graph.keys[v] === 'BankAccount:HUB';
  return {
    ring: rings.find((r) => r.members.some((m) => isHub(m.node))),
    near: nearMisses.find((m) => m.nodes.some(isHub)),
    keys: (nodes: number[]) => nodes.map((v) => graph.keys[v]!.replace('BankAccount:', '')).sort(),
  };
}

describe('hubs keeping an exact cut', () => {
  it('finds a hub paying two identical shares of exactly 90% of what two accounts paid it', () => {
    // 90% of 299.75 is 269.775: two shares of 134.89, to the cent.
    const { ring, keys } = hub(13_489);
    expect(ring?.typology).toBe('gather_scatter');
    expect(keys(ring!.members.map((m) => m.node))).toEqual(['HUB', 'R1', 'R2', 'S1', 'S2']);
    expect(ring?.members.find((m) => m.role === 'ringleader')).toBeDefined();
    expect(ring?.evidence.reasons[0]).toMatch(
      /paid 2 accounts equal shares of 134\.89, exactly 90% of it/,
    );
    expect(ring?.evidence.reasons[1]).toMatch(/add up to 90% of what it gathered to the cent/);
  });

  it('takes no ring from the same hub when its shares come to no whole percentage', () => {
    // 2 × 139.98 is 93.4% of 299.75.
    const { ring } = hub(13_998);
    expect(ring).toBeUndefined();
  });
});

/**
 * 150 busy accounts, each paid by ten accounts once within a day and then paying two others its
 * own standing amount: a few of ten payments come to almost any sum, so shares equal to a whole
 * percentage of some of them turn up by chance, as often with the payments' amounts shuffled.
 * Eight hubs each pay three accounts identical shares of exactly 90% of the two payments they
 * had just received.
 */
function busyWorld() {
  const b = new AnalysisGraphBuilder();
  background(b);
  const random = seededRandom(11);
  for (let a = 0; a < 150; a += 1) {
    const start = T0 + randomIndex(random, 80 * 24) * HOUR;
    for (let k = 0; k < 10; k += 1) {
      const cents = 10_001 + randomIndex(random, 20_000);
      b.addTransfer(`P${a}.${k}`, `BUSY${a}`, start + 2 * k * HOUR, cents);
    }
    const standing = 15_001 + randomIndex(random, 15_000);
    for (let k = 0; k < 2; k += 1) {
      b.addTransfer(`BUSY${a}`, `Q${a}.${k}`, start + (20 + k) * HOUR, standing);
    }
  }
  for (let h = 0; h < 8; h += 1) {
    const start = T0 + (10 + 9 * h) * 24 * HOUR;
    const gathered: number[] = [];
    for (let k = 0; k < 2; k += 1) {
      const cents = 10_001 + randomIndex(random, 20_000);
      gathered.push(cents);
      b.addTransfer(`S${h}.${k}`, `HUB${h}`, start + k * 3 * HOUR, cents);
    }
    const share = Math.round((0.9 * gathered.reduce((sum, c) => sum + c, 0)) / 3);
    for (let k = 0; k < 3; k += 1) {
      b.addTransfer(`HUB${h}`, `R${h}.${k}`, start + (10 + k) * HOUR, share);
    }
  }
  const graph = b.build();
  const { rings } = typologyRings(graph, new Set());
  const led = (prefix: string) =>
    rings.filter((r) =>
      r.members.some((m) => m.role === 'ringleader' && graph.keys[m.node]!.includes(prefix)),
    );
  return { led };
}

describe('hubs keeping an exact cut of the last payments they received', () => {
  it('finds them where chance gives busy accounts exact cuts of some of their payments', () => {
    const { led } = busyWorld();
    expect(led(':HUB')).toHaveLength(8);
    for (const ring of led(':HUB')) {
      expect(ring.evidence.reasons[1]).toMatch(
        /add up to 90% of what it gathered to the cent: a fixed cut of the last 2 payments it received before paying them/,
      );
    }
    // The busy accounts' shares that match some of their payments by chance make no ring (their
    // bursts of new payers are fan-ins).
    expect(led(':BUSY').filter((r) => r.typology === 'gather_scatter')).toHaveLength(0);
  });
});
