/**
 * Structuring: a burst of payments each kept just under a reporting threshold (9,000-9,999.99
 * under 10,000) is more surprising where such payments are rare in the data, and says next to
 * nothing where ordinary payments fall there all the time.
 */
import { describe, expect, it } from 'vitest';
import { moneyTimeline, strongestBurst } from '../../../server/analysis/rings/fanIn';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/graphBuilder';
import {
  REPORTING_THRESHOLDS,
  describeStructured,
  structuring,
  structuringRates,
  thresholdJustAbove,
} from '../../../server/analysis/rings/structuring';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { TYPOLOGY_DEFAULTS } from '../../../server/analysis/rings/typologyOptions';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

/** Cents of `major` units. */
const cents = (major: number) => Math.round(major * 100);

describe('payments just under a reporting threshold', () => {
  it('names the round threshold an amount is within 10% below', () => {
    const under = (major: number) => REPORTING_THRESHOLDS[thresholdJustAbove(cents(major))];
    expect(under(9_999.99)).toBe(cents(10_000));
    expect(under(9_000)).toBe(cents(10_000));
    expect(under(4_612.5)).toBe(cents(5_000));
    expect(under(2_850)).toBe(cents(3_000));
    expect(thresholdJustAbove(cents(8_999.99))).toBe(-1);
    expect(thresholdJustAbove(cents(10_000))).toBe(-1);
    expect(under(14_000)).toBe(cents(15_000));
    // Prices just under 1,000 or 2,000 are shop prices, not kept under a limit.
    expect(thresholdJustAbove(cents(999))).toBe(-1);
    expect(thresholdJustAbove(cents(1_950))).toBe(-1);
  });

  it('measures how common such payments are in the data', () => {
    const amounts = [9_500, 9_800, 120, 4_700, 10_000, 55].map(cents);
    const rates = structuringRates(amounts);
    expect(rates[REPORTING_THRESHOLDS.indexOf(cents(10_000))]).toBeCloseTo(2 / 6);
    expect(rates[REPORTING_THRESHOLDS.indexOf(cents(5_000))]).toBeCloseTo(1 / 6);
  });

  it('weighs a group of payments just under one threshold against the data rate', () => {
    const amounts = [9_016.24, 9_914.43, 9_562.14, 9_230.69, 9_708.06, 240].map(cents);
    const group = [0, 1, 2, 3, 4, 5];
    const rare = new Float64Array(REPORTING_THRESHOLDS.length).fill(0.001);
    const common = new Float64Array(REPORTING_THRESHOLDS.length).fill(0.5);
    const found = structuring(amounts, group, rare);
    expect(found.threshold).toBe(cents(10_000));
    expect(found.count).toBe(5);
    expect(found.surprise).toBeGreaterThan(10);
    expect(structuring(amounts, group, common).surprise).toBeLessThan(1);
    // Two such payments are not a pattern.
    expect(structuring(amounts, [0, 1, 5], rare).surprise).toBe(0);
    expect(describeStructured(found, 6)).toBe(
      '5 of 6 of those payments were just under 10,000 (9,016.24 to 9,914.43), as payments kept under a reporting limit are; in this data 0.1% of all payments are that close under it',
    );
  });
});

/**
 * 200 accounts over 60 days, each paying three new accounts its own amounts (`ordinary(a, k)`),
 * and SPLIT paying five new accounts within an hour, each payment just under 10,000.
 */
function splitWorld(ordinary: (a: number, k: number) => number) {
  const b = new AnalysisGraphBuilder();
  for (let a = 0; a < 200; a += 1) {
    for (let k = 0; k < 3; k += 1) {
      b.addTransfer(
        `A${a}`,
        `A${(a + 1 + 37 * k) % 200}`,
        T0 + (a * 7 + k * 300) * HOUR,
        ordinary(a, k),
      );
    }
  }
  const split = [9_016.24, 9_914.43, 9_562.14, 9_230.69, 9_708.06];
  split.forEach((major, i) =>
    b.addTransfer('SPLIT', `OUT${i}`, T0 + 700 * HOUR + i * 600_000, cents(major)),
  );
  const graph = b.build();
  const tl = moneyTimeline(graph, new Set(), TYPOLOGY_DEFAULTS);
  const node = graph.keys.indexOf('BankAccount:SPLIT');
  return { graph, burst: strongestBurst(tl, node, 'out', TYPOLOGY_DEFAULTS.burstSteps)! };
}

describe('structuring in a burst of new counterparties', () => {
  it('makes the burst more surprising, and the fan-out says why', () => {
    const { graph, burst } = splitWorld((a, k) => 10_013 + 97 * a + 7 * k);
    expect(burst.structured.count).toBe(5);
    expect(burst.structured.surprise).toBeGreaterThan(5);
    const ring = typologyRings(graph, new Set()).rings.find((r) => r.typology === 'fan_out');
    expect(ring?.evidence.reasons.join(' ')).toContain(
      'all 5 of those payments were just under 10,000 (9,016.24 to 9,914.43)',
    );
  });

  it('adds nothing where ordinary payments fall just under 10,000 as often', () => {
    const { burst } = splitWorld((a, k) => cents(9_000) + 499 * a + 13 * k);
    expect(burst.structured.surprise).toBeLessThan(0.5);
  });
});

/**
 * 200 accounts over 60 days, each paying three others amounts of its own (100-800), and five
 * accounts W0-W4 paying one another along a walk within ten hours, once each pair, at `walk(k)`.
 */
function walkWorld(walk: (hop: number) => number) {
  const b = new AnalysisGraphBuilder();
  for (let a = 0; a < 200; a += 1) {
    for (let k = 0; k < 3; k += 1) {
      const to = `A${(a + 1 + 37 * k) % 200}`;
      b.addTransfer(`A${a}`, to, T0 + (a * 7 + k * 300) * HOUR, 10_013 + 353 * a + 71 * k);
    }
  }
  for (let hop = 0; hop < 4; hop += 1) {
    b.addTransfer(`W${hop}`, `W${hop + 1}`, T0 + (500 + 2 * hop) * HOUR, cents(walk(hop)));
  }
  const graph = b.build();
  const { rings } = typologyRings(graph, new Set());
  const walker = (v: number) => graph.keys[v]!.startsWith('BankAccount:W');
  return rings.find((r) => r.members.some((m) => walker(m.node)));
}

describe('structuring spread over several accounts', () => {
  it('makes accounts paying one another just under 10,000 within hours a ring', () => {
    // Each payment more than the one before it: no money passed on, no falling loop.
    const ring = walkWorld((hop) => [9_100.15, 9_270.4, 9_480.77, 9_655.02][hop]!);
    expect(ring?.members).toHaveLength(5);
    expect(ring?.evidence.reasons.join(' ')).toContain(
      'every payment was just under 10,000, as payments kept under a reporting limit are',
    );
  });

  it('finds nothing in the same walk at amounts no limit explains', () => {
    expect(walkWorld((hop) => [8_100.15, 8_270.4, 8_480.77, 8_655.02][hop]!)).toBeUndefined();
  });
});

/**
 * The background of `walkWorld`, and FIRM paying three new accounts just under 10,000 within
 * hours; with `habit`, it also pays nine other new accounts such sums over the two months.
 */
function firmWorld(habit: boolean) {
  const b = new AnalysisGraphBuilder();
  for (let a = 0; a < 200; a += 1) {
    for (let k = 0; k < 3; k += 1) {
      const to = `A${(a + 1 + 37 * k) % 200}`;
      b.addTransfer(`A${a}`, to, T0 + (a * 7 + k * 300) * HOUR, 10_013 + 353 * a + 71 * k);
    }
  }
  [9_210.5, 9_633.2, 9_418.9].forEach((major, k) =>
    b.addTransfer('FIRM', `S${k}`, T0 + (500 + 2 * k) * HOUR, cents(major)),
  );
  if (habit) {
    for (let k = 0; k < 9; k += 1) {
      b.addTransfer('FIRM', `OLD${k}`, T0 + (40 + 110 * k) * HOUR, cents(9_100 + 97 * k));
    }
  }
  const graph = b.build();
  const { rings } = typologyRings(graph, new Set());
  return rings.find((r) => r.members.some((m) => graph.keys[m.node] === 'BankAccount:FIRM'));
}

describe('an account paying several new accounts just under a limit', () => {
  it('leads the fan when those payments are its only such sums', () => {
    const ring = firmWorld(false);
    expect(ring?.typology).toBe('fan_out');
    expect(ring?.members.find((m) => m.role === 'ringleader')?.node).toBeDefined();
    expect(ring?.evidence.reasons.join(' ')).toContain('every payment was just under 10,000');
  });

  it('is no ring where it pays such sums to new accounts all period, as a firm pays suppliers', () => {
    // Its payments under the limit tie all twelve accounts together over two months: no walk.
    expect(firmWorld(true)).toBeUndefined();
  });
});
