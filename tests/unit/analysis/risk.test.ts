/**
 * Report-based risk: amounts learnt from the reported accounts' transfers, and the ranking they
 * give, on a small hand-made network with a known answer; and laundering shapes seen without
 * reports, which lift the patterns no victim has named.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, scoreRisk } from '../../../server/analysis/rings/index';
import {
  reportedAmountBands,
  shapeScores,
  transfersInBands,
} from '../../../server/analysis/rings/risk';
import { rocAuc } from '../../../server/analysis/metrics';
import { generateTypologies } from '../../../seed/typologies/index';
import { riskAndPlainAuc } from './riskAuc';

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

describe('report-based risk on laundering shapes', () => {
  /** An AMLSim-style world: 3,000 accounts paying each other, 3 patterns of each typology. */
  function typologyWorld() {
    const world = generateTypologies({ seed: 5, accounts: 3_000, patternsPerTypology: 3 });
    const b = new AnalysisGraphBuilder();
    for (const account of world.accounts) b.node('BankAccount', String(account.id));
    for (const t of world.transfers) {
      b.addTransfer(String(t.from), String(t.to), Math.floor(t.time) * HOUR, t.cents);
    }
    const graph = b.build();
    const node = (id: number) => graph.keys.indexOf(`BankAccount:${id}`);
    const patterns = world.patterns.map((p) => p.accounts.map(node));
    return { graph, patterns };
  }

  it('sees the shape of laundering money without any report', () => {
    const { graph, patterns } = typologyWorld();
    const shapes = shapeScores(graph);
    const inPatterns = new Set(patterns.flat());
    const flagged = [...shapes.keys()].filter((v) => shapes[v]! > 0);
    const right = flagged.filter((v) => inPatterns.has(v)).length;
    expect(right / flagged.length).toBeGreaterThan(0.9);
    expect(right / inPatterns.size).toBeGreaterThan(0.6);
  });

  it('ranks the accounts of patterns no report names above the background', () => {
    const { graph, patterns } = typologyWorld();
    // One account reported in every other pattern; the other patterns are named by no report.
    const reported = patterns.filter((_, i) => i % 2 === 0).map((accounts) => accounts[0]!);
    const unnamed = new Set(patterns.filter((_, i) => i % 2 === 1).flat());
    const inPatterns = new Set(patterns.flat());
    const nodes = [...Array(graph.nodeCount).keys()].filter(
      (v) => unnamed.has(v) || !inPatterns.has(v),
    );
    const { risk, plain } = riskAndPlainAuc(graph, reported, nodes, (v) => unnamed.has(v));
    expect(risk).toBeGreaterThan(0.85);
    expect(risk).toBeGreaterThan(plain + 0.1);
  });
});
