/**
 * Report-based risk: amounts learnt from the reported accounts' transfers, and the ranking they
 * give, on a small hand-made network with a known answer.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, scoreRisk } from '../../../server/analysis/rings/index';
import { reportedAmountBands, transfersInBands } from '../../../server/analysis/rings/risk';
import { rocAuc } from '../../../server/analysis/metrics';

const HOUR = 3_600_000;

/**
 * Forty background accounts paying each other ordinary amounts (hundreds of units), and a fan-in
 * group: six accounts L0..L5 paying one account H many small amounts (a few units each); L0..L5
 * also make ordinary payments to the background.
 */
function fanInFixture() {
  const b = new AnalysisGraphBuilder();
  for (let i = 0; i < 40; i += 1) {
    for (let k = 1; k <= 3; k += 1) {
      b.addTransfer(
        `B${i}`,
        `B${(i * 7 + k * 11) % 40}`,
        k * 24 * HOUR + i * HOUR,
        20_000 + i * 900 + k * 50,
      );
    }
  }
  for (let m = 0; m < 6; m += 1) {
    for (let k = 0; k < 4; k += 1) {
      b.addTransfer(`L${m}`, 'H', (10 + m * 5 + k) * HOUR, 300 + m * 20 + k * 5);
    }
    b.addTransfer(`L${m}`, `B${m * 6}`, (50 + m) * HOUR, 25_000 + m * 100);
  }
  return b.build();
}

describe('report-based risk', () => {
  const graph = fanInFixture();
  const at = (id: string) => graph.keys.indexOf(`BankAccount:${id}`);
  const reported = [at('L0'), at('L1')];

  it('learns the amount bands that are telling around the reported accounts', () => {
    const bands = reportedAmountBands(graph, reported);
    expect([...bands.keys()].sort()).toEqual([8]);
    for (const lift of bands.values()) expect(lift).toBeGreaterThanOrEqual(3);
    const counts = transfersInBands(graph, bands);
    expect(counts[at('H')]).toBe(24);
    expect(counts[at('L4')]).toBe(4);
    expect(counts[at('B3')]).toBe(0);
  });

  it('ranks the rest of the fan-in above the background', () => {
    const risk = scoreRisk(graph, reported);
    const rest = graph.keys.map((_, v) => v).filter((v) => !reported.includes(v));
    const group = new Set(['H', 'L2', 'L3', 'L4', 'L5'].map(at));
    expect(
      rocAuc(
        rest.map((v) => risk[v]!),
        rest.map((v) => group.has(v)),
      ),
    ).toBe(1);
    expect(risk[reported[0]!]).toBe(1);
  });

  it('learns nothing from reports without transfers', () => {
    expect(reportedAmountBands(graph, []).size).toBe(0);
  });
});
