/**
 * Rounds on a schedule: a collector whose burst payers come at a steady interval ran its
 * laundering in rounds, and the account that paid it a single piece one round before (or after)
 * took part too, where chance gives few such payments.
 */
import { describe, expect, it } from 'vitest';
import { steadyRounds } from '../../../server/analysis/rings/burstSchedule';
import { burstRings } from '../../../server/analysis/rings/fanIn';
import { AnalysisGraphBuilder, type AnalysisGraph } from '../../../server/analysis/rings/index';
import { randomIndex, seededRandom } from '../../../server/analysis/random';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');
const HOURS = 150;
const at = (hour: number) => T0 + hour * HOUR;

/** 600 accounts paying one another ordinary sums (100-500) on the hour over 150 hours. */
function background(b: AnalysisGraphBuilder, seed: number): void {
  const random = seededRandom(seed);
  for (let k = 0; k < 6_000; k += 1) {
    const from = randomIndex(random, 600);
    const to = (from + 1 + randomIndex(random, 599)) % 600;
    b.addTransfer(
      `P${from}`,
      `P${to}`,
      at(randomIndex(random, HOURS)),
      10_000 + randomIndex(random, 40_000),
    );
  }
}

/**
 * Collector `C{k}` paid by three accounts in bursts of five pieces (`low`, `low + gap`, ...
 * cents), 37 hours apart from hour `start`, and by `L{k}` once, one round before, in the pieces'
 * amounts (`low + gap + 10`).
 */
function rounds(b: AnalysisGraphBuilder, k: number, start: number, low: number, gap = 30): void {
  for (let round = 0; round < 3; round += 1) {
    for (let piece = 0; piece < 5; piece += 1) {
      b.addTransfer(`M${k}-${round}`, `C${k}`, at(start + 37 * round), low + gap * piece);
    }
  }
  b.addTransfer(`L${k}`, `C${k}`, at(start - 37), low + gap + 10);
}

function ringOf(graph: AnalysisGraph, id: string) {
  const v = graph.keys.indexOf(`BankAccount:${id}`);
  const { rings } = burstRings(graph, new Set());
  return rings.find((ring) => ring.members.some((m) => m.node === v));
}

const memberIds = (graph: AnalysisGraph, ring: { members: { node: number }[] } | undefined) =>
  (ring?.members ?? []).map((m) => graph.keys[m.node]!.replace('BankAccount:', '')).sort();

describe('rounds on a schedule', () => {
  it('reads times at a steady interval, within 5% of it or a step', () => {
    expect(steadyRounds([at(40), at(77), at(114)], HOUR)).toEqual({
      first: at(40),
      last: at(114),
      interval: 37 * HOUR,
      slack: 0.05 * 37 * HOUR,
    });
    expect(steadyRounds([at(40), at(77), at(116)], HOUR)).toBeNull();
    expect(steadyRounds([at(40)], HOUR)).toBeNull();
  });

  it('joins the account that paid a collector one piece a round before its burst payers', () => {
    const b = new AnalysisGraphBuilder();
    background(b, 3);
    for (let k = 0; k < 10; k += 1) rounds(b, k, 40 + k, 350 + 10 * k);
    // Off the schedule, or outside the pieces' amounts: not joined.
    b.addTransfer('Early', 'C0', at(20), 390);
    b.addTransfer('Ordinary', 'C0', at(3), 25_000);
    const graph = b.build();
    const ring = ringOf(graph, 'C0');
    expect(ring?.typology).toBe('fan_in');
    expect(memberIds(graph, ring)).toEqual(['C0', 'L0', 'M0-0', 'M0-1', 'M0-2']);
    expect(graph.keys[ring!.leader!]).toBe('BankAccount:C0');
    const lone = ring!.members.find((m) => graph.keys[m.node] === 'BankAccount:L0')!;
    expect(lone.role).toBe('member');
    expect(lone.reasons[0]).toMatch(
      /^paid C0 3\.90, a round \(37 hours\) before the first of its burst partners' rounds, in the amounts of their pieces \(3\.50-4\.70\)/,
    );
  });

  it('joins the account a distributor paid one piece a round after its burst payees', () => {
    const b = new AnalysisGraphBuilder();
    background(b, 4);
    for (let k = 0; k < 10; k += 1) {
      for (let round = 0; round < 3; round += 1) {
        for (let piece = 0; piece < 5; piece += 1) {
          b.addTransfer(`D${k}`, `R${k}-${round}`, at(30 + k + 37 * round), 350 + 30 * piece);
        }
      }
      b.addTransfer(`D${k}`, `X${k}`, at(30 + k + 37 * 3), 420);
    }
    const graph = b.build();
    const ring = ringOf(graph, 'D0');
    expect(ring?.typology).toBe('fan_out');
    expect(memberIds(graph, ring)).toEqual(['D0', 'R0-0', 'R0-1', 'R0-2', 'X0']);
    const lone = ring!.members.find((m) => graph.keys[m.node] === 'BankAccount:X0')!;
    expect(lone.reasons[0]).toMatch(/^was paid by D0 4\.20, a round \(37 hours\) after the last/);
  });

  it('joins no one where pieces of ordinary sums make such a payment likely by chance', () => {
    const b = new AnalysisGraphBuilder();
    background(b, 5);
    // Pieces of 150-270 (ordinary sums), and the collector busy with ordinary payers.
    for (let k = 0; k < 10; k += 1) {
      rounds(b, k, 40 + k, 15_000, 3_000);
      for (let p = 0; p < 40; p += 1)
        b.addTransfer(`P${p * 7 + k}`, `C${k}`, at(2 * p + 1), 20_000);
    }
    const graph = b.build();
    const ring = ringOf(graph, 'C0');
    expect(memberIds(graph, ring)).toEqual(['C0', 'M0-0', 'M0-1', 'M0-2']);
  });
});
